// Commands the client can run on the server (workspace/executeCommand).

import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import type { ServerState } from '../state';
import { fixAllTextEdits } from './codeActions';

export const COMMANDS = { fixAll: 'nianbao.server.fixAll' };

export async function executeCommand(state: ServerState, params: ExecuteCommandParams): Promise<unknown> {
  if (params.command !== COMMANDS.fixAll) return null;
  const uri = String((params.arguments ?? [])[0] ?? '');
  const doc = state.documents.get(uri);
  if (!doc) return { applied: false, edits: 0 };
  const checked = await state.resultFor(doc);
  if (!checked) return { applied: false, edits: 0 };
  const edits = fixAllTextEdits(doc, checked.result.findings);
  if (edits.length === 0) return { applied: true, edits: 0 };
  const r = await state.connection.workspace.applyEdit({
    label: 'nianbao: fix all',
    edit: { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] },
  });
  return { applied: r.applied, edits: edits.length };
}
