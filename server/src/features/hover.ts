// Hovers: a value cell's identities evaluated; a table heading's summary.

import { MarkupKind, type CancellationToken, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { hoverAt } from '../engine';
import type { ServerState } from '../state';

export async function provideHover(state: ServerState, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const doc = state.documents.get(params.textDocument.uri);
  if (!doc || token.isCancellationRequested) return null;
  const checked = await state.resultFor(doc);
  if (!checked || token.isCancellationRequested) return null;
  const h = hoverAt(checked.result.model, doc.offsetAt(params.position), checked.locale);
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) },
  };
}
