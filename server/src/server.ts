// The language server: wires the connection to the features. No logic lives here.

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { provideCodeActions, FIX_ALL_KIND } from './features/codeActions';
import { COMMANDS, executeCommand } from './features/commands';
import { Validator } from './features/diagnostics';
import { provideHover } from './features/hover';
import { codeLenses } from './features/codeLens';
import { inlayHints } from './features/inlayHints';
import { exportTablesRequest, REQUESTS, summaryRequest } from './features/requests';
import { documentSymbols, foldingRanges } from './features/symbols';
import { SettingsStore } from './settings';
import { ServerState, withChecked } from './state';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsStore(connection);
const state = new ServerState(connection, documents, settings);
const validator = new Validator(state);

process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? e.message}`));

connection.onInitialize((params) => {
  state.clientLocale = params.locale;
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
      executeCommandProvider: { commands: [COMMANDS.fixAll] },
    },
    serverInfo: { name: 'nianbao', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
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
});

connection.onCodeAction((params, token) => provideCodeActions(state, params, token));
connection.onHover((params, token) => provideHover(state, params, token));
connection.onExecuteCommand((params) => executeCommand(state, params));
connection.onDocumentSymbol((params, token) => withChecked(state, params.textDocument.uri, token, documentSymbols, []));
connection.onFoldingRanges((params, token) => withChecked(state, params.textDocument.uri, token, foldingRanges, []));
connection.onCodeLens((params, token) => withChecked(state, params.textDocument.uri, token, codeLenses, []));
connection.languages.inlayHint.on((params, token) => withChecked(state, params.textDocument.uri, token, (doc, c) => inlayHints(doc, c, params.range), []));
connection.onRequest(REQUESTS.exportTables, (params: { uri: string; format: 'json' | 'csv' }) => exportTablesRequest(state, params));
connection.onRequest(REQUESTS.summary, (params: { uri: string }) => summaryRequest(state, params));

documents.listen(connection);
connection.listen();
