// The language server: wires the connection to the features. No logic lives here.

import { format } from 'node:util';
import {
  CodeActionKind,
  type Connection,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { provideCodeActions, FIX_ALL_KIND } from './features/codeActions';
import { executeCommand } from './features/commands';
import { Validator } from './features/diagnostics';
import { inlayHints } from './features/inlayHints';
import { textView } from './features/textView';
import { fixDocxCommand } from './features/docxFix';
import { checkWorkspace, dependentsChanged, startIndexing, trends, watchedFilesChanged } from './features/workspace';
import { documentClosed, residentHeap } from './heap';
import { REQUESTS, SERVER_COMMANDS, type ExportTablesParams, type NewReportParams, type UriParams } from './protocol';
import { FrameGuard, lifecycleStrategy, REFUSED_METHOD, refusedHandler, type LifecycleState } from './transport';
import { SettingsStore } from './settings';
import { ServerState, withChecked, withFullCheck } from './state';

const lifecycle: LifecycleState = { phase: 'new' };
const connection = openConnection();
connection.onRequest(REFUSED_METHOD, refusedHandler);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsStore(connection);
const state = new ServerState(connection, documents, settings);
const validator = new Validator(state);
state.onFactsChanged = (facts) => dependentsChanged(state, validator, facts);

process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? e.message}`));

let workspaceFolders: WorkspaceFolder[] | null = null;

connection.onInitialize((params) => {
  state.clientLocale = params.locale;
  workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : null);
  settings.pull = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: { label: 'nianbao' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [SERVER_COMMANDS.fixAll, SERVER_COMMANDS.checkWorkspace, SERVER_COMMANDS.fixDocx] },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'nianbao', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  // The index is batch work under V8's default heap; the resident settings follow it.
  void startIndexing(state, workspaceFolders, validator).finally(residentHeap);
  if (settings.pull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' }).catch(() => undefined);
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  state.invalidateAll();
  validator.revalidateAll();
});

documents.onDidOpen((e) => validator.schedule(e.document, 'open'));
documents.onDidChangeContent((e) => validator.schedule(e.document, 'change'));
documents.onDidSave((e) => validator.schedule(e.document, 'save'));
documents.onDidClose((e) => {
  validator.closed(e.document.uri);
  state.closed(e.document.uri);
  documentClosed(e.document.getText().length);
  settings.forget(e.document.uri);
  // The file's own facts come back; if the live ones differed, next year's report is re-checked.
  const live = state.index.closed(e.document.uri);
  if (live) dependentsChanged(state, validator, live);
});

connection.onCodeAction((params, token) => withChecked(state, params.textDocument.uri, token, (doc, c) => provideCodeActions(doc, c, params), null));
connection.onHover((params, token) => withFullCheck(state, params.textDocument.uri, token, 'hover', params, null));
connection.onExecuteCommand((params) =>
  params.command === SERVER_COMMANDS.checkWorkspace
    ? checkWorkspace(state)
    : params.command === SERVER_COMMANDS.fixDocx
      ? fixDocxCommand(state, params.arguments)
      : executeCommand(state, params),
);
connection.onDidChangeWatchedFiles((params) => watchedFilesChanged(state, validator, params));
connection.onRequest(REQUESTS.trends, (params: UriParams) => trends(state, params));
connection.onRequest(REQUESTS.indexStats, async () => state.index.ready());
connection.onRequest(REQUESTS.textView, (params: UriParams) => textView(params));
connection.onDocumentSymbol((params, token) => withFullCheck(state, params.textDocument.uri, token, 'documentSymbol', params, []));
connection.onFoldingRanges((params, token) => withFullCheck(state, params.textDocument.uri, token, 'foldingRange', params, []));
connection.onCodeLens((params, token) => withFullCheck(state, params.textDocument.uri, token, 'codeLens', params, []));
connection.languages.inlayHint.on((params, token) => withChecked(state, params.textDocument.uri, token, (doc, c) => inlayHints(doc, c, params.range), []));
connection.onRequest(REQUESTS.exportTables, (params: ExportTablesParams, token) =>
  withFullCheck(state, params.uri, token, 'exportTables', params, null),
);
connection.onRequest(REQUESTS.summary, (params: UriParams, token) => withFullCheck(state, params.uri, token, 'summary', params, null));
connection.onRequest(REQUESTS.tableView, (params: UriParams, token) => withFullCheck(state, params.uri, token, 'tableView', params, null));
connection.onRequest(REQUESTS.newReport, (params: NewReportParams, token) => withFullCheck(state, params.uri, token, 'newReport', params, null));

documents.listen(connection);
connection.listen();

/**
 * The connection, over the transport the command line names (--stdio, --node-ipc, --socket,
 * --pipe), with the lifecycle enforced (transport.ts). Over stdio the input goes through
 * `FrameGuard`: a frame that breaks the base protocol ends the server with a line on stderr
 * and exit code 1, for the client to restart it, instead of a server that hears nothing more.
 */
function openConnection(): Connection {
  const options = { messageStrategy: lifecycleStrategy(lifecycle) };
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all, options);
  const input = process.stdin.pipe(
    new FrameGuard((reason) => {
      process.stderr.write(`nianbao: malformed LSP message header from the client (${reason}); the input cannot be resynchronised, exiting\n`);
      process.exit(1);
    }),
  );
  const c = createConnection(ProposedFeatures.all, input, process.stdout, options);
  // vscode-languageserver sends console output to the client instead of stdout (the protocol's
  // stream) only when it opened stdio itself; here it is given the streams, so this does it.
  console.log = console.info = console.debug = (...args: unknown[]) => c.console.log(format(...args));
  console.warn = (...args: unknown[]) => c.console.warn(format(...args));
  console.error = (...args: unknown[]) => c.console.error(format(...args));
  return c;
}
