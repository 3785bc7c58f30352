// A `.nianbao.jsonc`'s problems as diagnostics on the file itself (published each time the
// server reads it: a document under it asked for its settings, or the file changed).

import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection } from 'vscode-languageserver/node';
import type { LoadedConfig } from '../config';

export function publishConfigProblems(connection: Connection, config: LoadedConfig): Promise<void> {
  // Lines and columns are 1-based and count UTF-16 units, as LSP's positions do.
  const diagnostics = config.problems.map((p) => ({
    range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } },
    severity: DiagnosticSeverity.Error,
    source: 'nianbao',
    message: p.message,
  }));
  return connection.sendDiagnostics({ uri: pathToFileURL(config.file).toString(), diagnostics });
}
