// The language server: wires the connection to the features. No logic lives here.

import {
  CodeActionKind,
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
import { provideHover } from './features/hover';
import { codeLenses } from './features/codeLens';
import { inlayHints } from './features/inlayHints';
import { exportTablesRequest, summaryRequest } from './features/requests';
import { documentSymbols, foldingRanges } from './features/symbols';
import { checkWorkspace, dependentsChanged, startIndexing, trends, watchedFilesChanged } from './features/workspace';
import { residentHeap } from './heap';
import { REQUESTS, SERVER_COMMANDS, type ExportTablesParams, type UriParams } from './protocol';
import { SettingsStore } from './settings';
import { ServerState, withChecked, withFullCheck } from './state';

const connection = createConnection(ProposedFeatures.all);
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
      executeCommandProvider: { commands: [SERVER_COMMANDS.fixAll, SERVER_COMMANDS.checkWorkspace] },
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
  state.forget(e.document.uri);
  settings.forget(e.document.uri);
  // The file's own facts come back; if the live ones differed, next year's report is re-checked.
  const live = state.index.closed(e.document.uri);
  if (live) dependentsChanged(state, validator, live);
});

connection.onCodeAction((params, token) => withChecked(state, params.textDocument.uri, token, (doc, c) => provideCodeActions(doc, c, params), null));
connection.onHover((params, token) => withFullCheck(state, params.textDocument.uri, token, (doc, c) => provideHover(doc, c, params), null));
connection.onExecuteCommand((params) => (params.command === SERVER_COMMANDS.checkWorkspace ? checkWorkspace(state) : executeCommand(state, params)));
connection.onDidChangeWatchedFiles((params) => watchedFilesChanged(state, validator, params));
connection.onRequest(REQUESTS.trends, (params: UriParams) => trends(state, params));
connection.onRequest(REQUESTS.indexStats, async () => state.index.ready());
connection.onDocumentSymbol((params, token) => withFullCheck(state, params.textDocument.uri, token, documentSymbols, []));
connection.onFoldingRanges((params, token) => withFullCheck(state, params.textDocument.uri, token, foldingRanges, []));
connection.onCodeLens((params, token) => withFullCheck(state, params.textDocument.uri, token, codeLenses, []));
connection.languages.inlayHint.on((params, token) => withChecked(state, params.textDocument.uri, token, (doc, c) => inlayHints(doc, c, params.range), []));
connection.onRequest(REQUESTS.exportTables, (params: ExportTablesParams, token) =>
  withFullCheck(state, params.uri, token, (_doc, c) => exportTablesRequest(c, params.format), null),
);
connection.onRequest(REQUESTS.summary, (params: UriParams, token) => withFullCheck(state, params.uri, token, (_doc, c) => summaryRequest(c), null));

documents.listen(connection);
connection.listen();
