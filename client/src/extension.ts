// The extension: starts the language server, registers the commands and the
// language status item. Everything that knows about reports lives in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

const SELECTOR: vscode.DocumentFilter[] = [
  { language: 'nianbao' },
  { language: 'plaintext' },
  { language: 'markdown' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('nianbao');
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['nianbao', 'plaintext', 'markdown'].flatMap((language) => ['file', 'untitled'].map((scheme) => ({ language, scheme }))),
    synchronize: { configurationSection: 'nianbao' },
    outputChannel: output,
  };
  client = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);

  const status = vscode.languages.createLanguageStatusItem('nianbao.status', SELECTOR);
  status.name = 'nianbao';
  status.command = { title: 'Output', command: 'nianbao.showOutput' };
  const refresh = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return;
    const mine = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'nianbao');
    const errors = mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    status.text = mine.length === 0 ? '$(check) nianbao' : `$(warning) nianbao ${errors}✘ ${warnings}⚠`;
    status.detail = mine.length === 0 ? '勾稽关系无问题 / no findings' : `${errors} error(s), ${warnings} warning(s)`;
    status.severity = errors ? vscode.LanguageStatusSeverity.Error : warnings ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  };

  context.subscriptions.push(
    output,
    status,
    vscode.languages.onDidChangeDiagnostics(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.commands.registerCommand('nianbao.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('nianbao.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      await client.sendRequest('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [editor.document.uri.toString()] });
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
