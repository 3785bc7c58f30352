// Hovers: a value cell's identities evaluated; a table heading's summary.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../engine';
import type { FullChecked } from '../checked';

export function provideHover(doc: TextDocument, checked: FullChecked, params: HoverParams): Hover | null {
  const h = hoverAt(checked.result.model, doc.offsetAt(params.position), checked.locale);
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) },
  };
}
