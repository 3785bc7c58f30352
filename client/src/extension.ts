// The extension: starts the language server, registers the commands and the
// language status item. Everything that knows about reports lives in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

const LANGUAGES = ['nianbao', 'plaintext', 'markdown'];
const SELECTOR: vscode.DocumentFilter[] = LANGUAGES.map((language) => ({ language }));

interface Status {
  uri: string;
  checked: boolean;
  template?: string;
  year?: number | null;
  tables?: string[];
  errors?: number;
  warnings?: number;
  notes?: number;
  suppressed?: number;
}

const zh = () => vscode.env.language.toLowerCase().startsWith('zh');

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('nianbao');
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => ['file', 'untitled'].map((scheme) => ({ language, scheme }))),
    synchronize: { configurationSection: 'nianbao' },
    outputChannel: output,
  };
  // The id `nianbao` makes the client honour `nianbao.trace.server`.
  client = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);

  const item = vscode.languages.createLanguageStatusItem('nianbao.status', SELECTOR);
  item.name = 'nianbao';
  item.command = { title: zh() ? '输出' : 'Output', command: 'nianbao.showOutput' };
  item.text = 'nianbao';
  const statuses = new Map<string, Status>();
  const render = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? statuses.get(uri) : undefined;
    if (!s || !s.checked) {
      item.text = zh() ? 'nianbao：未识别为年报' : 'nianbao: not a report';
      item.detail = undefined;
      item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const problems = (s.errors ?? 0) + (s.warnings ?? 0);
    item.text = problems === 0 ? `$(check) ${s.year ?? ''} ${s.template}` : `$(warning) ${s.year ?? ''} ${s.template} · ${s.errors}✘ ${s.warnings}⚠`;
    const tables = (s.tables ?? []).join('、') || '—';
    item.detail = zh()
      ? `表格 ${tables}；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.notes}${s.suppressed ? `，已忽略 ${s.suppressed}` : ''}`
      : `tables ${tables}; ${s.errors} error(s), ${s.warnings} warning(s), ${s.notes} note(s)${s.suppressed ? `, ${s.suppressed} suppressed` : ''}`;
    item.severity = s.errors ? vscode.LanguageStatusSeverity.Error : s.warnings ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  };

  const activeUri = (): string | undefined => vscode.window.activeTextEditor?.document.uri.toString();

  context.subscriptions.push(
    output,
    item,
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.commands.registerCommand('nianbao.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('nianbao.fixAll', async () => {
      const uri = activeUri();
      if (uri && client) await client.sendRequest('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [uri] });
    }),
    vscode.commands.registerCommand('nianbao.exportTables', async (format?: 'json' | 'csv') => {
      const uri = activeUri();
      if (!uri || !client) return;
      const chosen = format ?? (await vscode.window.showQuickPick(['json', 'csv'], { placeHolder: zh() ? '导出格式' : 'Export format' }));
      if (chosen !== 'json' && chosen !== 'csv') return;
      const content = await client.sendRequest<string | null>('nianbao/exportTables', { uri, format: chosen });
      if (content === null) return void vscode.window.showWarningMessage(zh() ? '当前文档不是年报。' : 'The active document is not a report.');
      const doc = await vscode.workspace.openTextDocument({ content, language: chosen === 'json' ? 'json' : 'plaintext' });
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
    vscode.commands.registerCommand('nianbao.copySummary', async () => {
      const uri = activeUri();
      if (!uri || !client) return;
      const summary = await client.sendRequest<string | null>('nianbao/summary', { uri });
      if (summary === null) return void vscode.window.showWarningMessage(zh() ? '当前文档不是年报。' : 'The active document is not a report.');
      await vscode.env.clipboard.writeText(summary);
      void vscode.window.showInformationMessage(zh() ? '已复制年报摘要。' : 'Report summary copied.');
    }),
  );
  await client.start();
  context.subscriptions.push(
    client.onNotification('nianbao/status', (s: Status) => {
      statuses.set(s.uri, s);
      render();
    }),
  );
  render();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
