// The language server: wires the connection to the features. No logic lives here.

import { format } from 'node:util';
import {
  CodeActionKind,
  type Connection,
  createConnection,
  ExecuteCommandRequest,
  type CancellationToken,
  type ProgressToken,
  type WorkDoneProgressServerReporter,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { provideCodeActions, FIX_ALL_KIND } from './features/codeActions';
import { executeCommand, markReviewed } from './features/commands';
import { Validator } from './features/diagnostics';
import { inlayHints } from './features/inlayHints';
import { textView } from './features/textView';
import { fixDocxCommand } from './features/docxFix';
import { checkWorkspace, dependentsChanged, startIndexing, trends, watchedFilesChanged } from './features/workspace';
import { documentClosed, residentHeap } from './heap';
import { REQUESTS, SERVER_COMMANDS, type ExportTablesParams, type NewReportParams, type UriParams } from './protocol';
import { FrameGuard, lifecycleStrategy, REFUSED_METHOD, refusedHandler, type LifecycleState } from './transport';
import { SettingsStore } from './settings';
import { publishConfigProblems } from './features/configFile';
import { ServerState, withChecked, withFullCheck } from './state';

const lifecycle: LifecycleState = { phase: 'new' };
const connection = openConnection();
connection.onRequest(REFUSED_METHOD, refusedHandler);
const documents = new TextDocuments(TextDocument);
// A configuration file's problems are shown on it, in the client's language.
const settings: SettingsStore = new SettingsStore(connection, (): string | undefined => state.clientLocale, (config) => void publishConfigProblems(connection, config));
const state = new ServerState(connection, documents, settings);
const validator = new Validator(state);
state.onFactsChanged = (facts, before) => dependentsChanged(state, validator, facts, before);

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
      executeCommandProvider: { commands: [SERVER_COMMANDS.fixAll, SERVER_COMMANDS.checkWorkspace, SERVER_COMMANDS.fixDocx, SERVER_COMMANDS.markReviewed] },
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
  // The file's own facts come back; if the live ones differed, the reports depending on them are re-checked.
  const live = state.index.closed(e.document.uri);
  dependentsChanged(state, validator, state.index.registry.get(e.document.uri), live);
});

connection.onCodeAction((params, token) => withChecked(state, params.textDocument.uri, token, (doc, c) => provideCodeActions(doc, c, params), null));
connection.onHover((params, token) => withFullCheck(state, params.textDocument.uri, token, 'hover', params, null));
connection.onRequest(ExecuteCommandRequest.type, (params, token) =>
  params.command === SERVER_COMMANDS.checkWorkspace
    ? checkWorkspaceWithProgress(params.workDoneToken, token)
    : params.command === SERVER_COMMANDS.fixDocx
      ? fixDocxCommand(state, params.arguments)
      : params.command === SERVER_COMMANDS.markReviewed
        ? markReviewed(state, params.arguments, (workspaceFolders ?? []).map((f) => f.uri), () => validator.revalidateAll())
        : executeCommand(state, params),
);
/**
 * 「检查工作区」 with progress: reported on the client's token when the request carries one
 * (the VS Code client's notification), else on one the server creates when the client can show
 * it (window/workDoneProgress/create); cancelled by the request's cancellation or the progress's.
 */
async function checkWorkspaceWithProgress(clientToken: ProgressToken | undefined, token: CancellationToken) {
  const reporter = clientToken !== undefined ? connection.window.attachWorkDoneProgress(clientToken) : await connection.window.createWorkDoneProgress();
  const progressToken = 'token' in reporter ? (reporter as WorkDoneProgressServerReporter).token : undefined;
  const cancelled: CancellationToken = {
    get isCancellationRequested() {
      return token.isCancellationRequested || !!progressToken?.isCancellationRequested;
    },
    onCancellationRequested: token.onCancellationRequested,
  };
  return checkWorkspace(state, cancelled, reporter);
}

connection.onDidChangeWatchedFiles((params) => watchedFilesChanged(state, validator, params));
connection.onRequest(REQUESTS.trends, (params: UriParams) => trends(state, params));
connection.onRequest(REQUESTS.indexStats, async () => state.index.ready());
connection.onRequest(REQUESTS.textView, (params: UriParams) => textView(params, (uri) => state.settings.get(uri)));
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
