// Commands the client (or a code lens) runs on the server: workspace/executeCommand.

import { MessageType, ShowMessageNotification, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { baselineEntries, t, type Finding } from '../engine';
import { SERVER_COMMANDS, type FixAllResult, type MarkReviewedResult } from '../protocol';
import type { ServerState } from '../state';
import { fixAllTextEdits, tableOf } from './codeActions';

/** `nianbao.server.fixAll uri [table]`: applies the unambiguous fixes (of one table, if named). */
export async function executeCommand(state: ServerState, params: ExecuteCommandParams): Promise<FixAllResult | null> {
  if (params.command !== SERVER_COMMANDS.fixAll) return null;
  const [uriArg, tableArg] = params.arguments ?? [];
  const uri = String(uriArg ?? '');
  const doc = state.documents.get(uri);
  if (!doc) return { applied: false, edits: 0 };
  const checked = await state.resultFor(doc);
  if (!checked) return { applied: false, edits: 0 };
  const edits = fixAllTextEdits(doc, checked, tableArg ? (f) => tableOf(f) === String(tableArg) : undefined);
  if (edits.length === 0) return { applied: true, edits: 0 };
  const r = await state.connection.workspace.applyEdit({
    label: t(checked.locale, 'command.fixAll'),
    edit: { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] },
  });
  return { applied: r.applied, edits: edits.length };
}

/**
 * `nianbao.server.markReviewed uri fingerprint` (「标记为已核实」): adds the finding to the
 * document's baseline file; every open document is checked again (`revalidate`), so its
 * diagnostic goes.
 */
export async function markReviewed(state: ServerState, args: unknown[] | undefined, folders: readonly string[], revalidate: () => void): Promise<MarkReviewedResult> {
  const [uriArg, fpArg] = args ?? [];
  const fp = baselineEntries({ entries: [fpArg] })[0];
  if (typeof uriArg !== 'string' || !fp) return { error: 'expected [uri, fingerprint]' };
  const r = await state.baselines.markReviewed(uriArg, fp, folders);
  if ('written' in r) {
    state.invalidateAll();
    revalidate();
  } else {
    // Run from a quick fix, whose result nobody reads: say why.
    const locale = state.localeFor(await state.settings.get(uriArg));
    void state.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: t(locale, 'server.markReviewedFailed', { detail: r.error }) }).catch(() => undefined);
  }
  return r;
}
