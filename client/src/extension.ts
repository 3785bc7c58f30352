// The extension: starts the language server, registers the commands and the
// language status item. Everything that knows about reports lives in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// Types only: the shapes of the server's notifications and responses (erased from the bundle).
import type { StatusParams } from '../../server/src/features/status';
import type { TrendsResponse } from '../../server/src/features/workspace';

let client: LanguageClient | undefined;

const LANGUAGES = ['nianbao', 'plaintext', 'markdown'];
const SELECTOR: vscode.DocumentFilter[] = LANGUAGES.map((language) => ({ language }));


const zh = () => vscode.env.language.toLowerCase().startsWith('zh');

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('nianbao');
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => ['file', 'untitled', 'vscode-vfs'].map((scheme) => ({ language, scheme }))),
    synchronize: {
      configurationSection: 'nianbao',
      // Keeps the server's workspace index current (cross-year checks, trends).
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{txt,md,markdown,nianbao}'),
    },
    outputChannel: output,
  };
  // The id `nianbao` makes the client honour `nianbao.trace.server`.
  client = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);

  const item = vscode.languages.createLanguageStatusItem('nianbao.status', SELECTOR);
  item.name = 'nianbao';
  item.command = { title: zh() ? '输出' : 'Output', command: 'nianbao.showOutput' };
  item.text = 'nianbao';
  const statuses = new Map<string, StatusParams>();
  const render = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? statuses.get(uri) : undefined;
    if (s && !s.checked && s.message) {
      // Not checked for a reason the server gives (a document over nianbao.maxDocumentSize).
      item.text = '$(info) nianbao';
      item.detail = s.message;
      item.severity = vscode.LanguageStatusSeverity.Warning;
      return;
    }
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
    // Screen readers get words, not the icon codes of the text.
    item.accessibilityInformation = {
      label: zh()
        ? `nianbao：${s.year ?? ''} 年度，${s.template} 模板，错误 ${s.errors}，警告 ${s.warnings}`
        : `nianbao: ${s.year ?? ''} report, ${s.template} template, ${s.errors} errors, ${s.warnings} warnings`,
    };
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
    vscode.commands.registerCommand('nianbao.checkWorkspace', async () => {
      if (!client) return;
      const r = await client.sendRequest<{ files: number; errors: number; warnings: number }>('workspace/executeCommand', { command: 'nianbao.server.checkWorkspace', arguments: [] });
      void vscode.window.showInformationMessage(
        zh() ? `已检查 ${r.files} 份未打开的年报：错误 ${r.errors} 处，警告 ${r.warnings} 处。` : `Checked ${r.files} report(s) not open: ${r.errors} error(s), ${r.warnings} warning(s).`,
      );
    }),
    vscode.commands.registerCommand('nianbao.showTrends', async () => {
      const uri = activeUri();
      if (!uri || !client) return;
      const data = await client.sendRequest<TrendsData | null>('nianbao/trends', { uri });
      if (!data) return void vscode.window.showWarningMessage(zh() ? '当前文档不是年报。' : 'The active document is not a report.');
      showTrends(context, data);
    }),
    vscode.tasks.registerTaskProvider('nianbao', {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((f) => cliTask(context, { type: 'nianbao', paths: ['.'] }, f)),
      resolveTask: (task) => {
        const def = task.definition as NianbaoTask;
        return cliTask(context, def, task.scope && typeof task.scope === 'object' ? (task.scope as vscode.WorkspaceFolder) : undefined);
      },
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
    client.onNotification('nianbao/status', (s: StatusParams) => {
      statuses.set(s.uri, s);
      render();
    }),
  );
  render();
}

interface NianbaoTask extends vscode.TaskDefinition {
  /** Files and folders to check, relative to the workspace folder. */
  paths?: string[];
}

/** A task running the bundled CLI; its output is read by the `$nianbao` problem matcher. */
function cliTask(context: vscode.ExtensionContext, def: NianbaoTask, folder?: vscode.WorkspaceFolder): vscode.Task {
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const exec = new vscode.ProcessExecution(process.execPath, [cli, 'check', ...(def.paths?.length ? def.paths : ['.'])], {
    cwd: folder?.uri.fsPath,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const task = new vscode.Task(def, folder ?? vscode.TaskScope.Workspace, zh() ? '检查年报' : 'check reports', 'nianbao', exec, '$nianbao');
  task.group = vscode.TaskGroup.Test;
  return task;
}

type TrendsData = TrendsResponse;
type TrendCell = TrendsResponse['rows'][number]['received'];

/** The trends view: the server's rows and chart in a webview; a click on a value opens its cell. */
function showTrends(context: vscode.ExtensionContext, data: TrendsData): void {
  const panel = vscode.window.createWebviewPanel('nianbao.trends', `${data.body ?? 'nianbao'} · ${zh() ? '历年趋势' : 'trends'}`, vscode.ViewColumn.Beside, {
    enableScripts: true,
  });
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const fmt = (c: TrendCell, rate: boolean) => (c.value === null ? '—' : rate ? `${(c.value * 100).toFixed(1)}%` : String(Math.round(c.value * 100) / 100));
  const cells: TrendCell[] = [];
  const body = data.rows
    .map((r) => {
      const tds = data.columns.map((col) => {
        const c = r[col.key as keyof typeof r] as TrendCell;
        if (!c.range) return `<td>${esc(fmt(c, col.rate))}</td>`;
        cells.push(c);
        return `<td><a href="#" data-cell="${cells.length - 1}">${esc(fmt(c, col.rate))}</a></td>`;
      });
      return `<tr><th>${r.year}</th>${tds.join('')}</tr>`;
    })
    .join('');
  const nonce = Math.random().toString(36).slice(2);
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src data:;">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)} table{border-collapse:collapse;margin:12px 0} td,th{border:1px solid var(--vscode-panel-border);padding:4px 8px;text-align:right} a{color:var(--vscode-textLink-foreground)}</style>
</head><body><h2>${esc(data.body ?? '')} ${zh() ? '历年趋势' : 'over the years'}</h2>
<table id="trends"><thead><tr><th>${zh() ? '年度' : 'year'}</th>${data.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>
<div id="chart">${data.svg}</div>
<script nonce="${nonce}">const vscode = acquireVsCodeApi(); document.querySelectorAll('a[data-cell]').forEach(a => a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ cell: Number(a.dataset.cell) }); }));</script>
</body></html>`;
  panel.webview.onDidReceiveMessage(
    async (m: { cell: number }) => {
      const c = cells[m.cell];
      if (!c?.range) return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(c.location));
      const range = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
      await vscode.window.showTextDocument(doc, { selection: range, viewColumn: vscode.ViewColumn.One });
    },
    undefined,
    context.subscriptions,
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
