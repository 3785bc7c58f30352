// The extension: starts the language server, registers the commands and the
// language status item. Everything that knows about reports lives in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, WorkDoneProgress, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// The edges to the server, named once for both sides (constants and types only).
import {
  NOTIFICATIONS,
  REQUESTS,
  SERVER_COMMANDS,
  VIEW_SCHEME,
  type CheckWorkspaceResult,
  type TextViewResult,
  type ExportTablesParams,
  type NewReportParams,
  type NewReportResult,
  type TableViewCell,
  type TableViewData,
  type StatusParams,
  type TrendsData,
  type UriParams,
} from '../../server/src/protocol';
// User-facing text: the same message bundles as the server's (l10n/), bundled into the client.
import { t, type Locale } from '../../server/src/engine/i18n';
import { formatTrend } from '../../server/src/engine/trends';
// What a report file is (the watcher's glob), declared once with the server's reader; no fs in it.
import { BASELINE_GLOB, REPORT_GLOB, reportKind } from '../../server/src/io/kinds';
// Configuration files, wherever they are (pure: no fs or jsonc-parser in the client bundle).
import { CONFIG_GLOB } from '../../server/src/config/names';

let client: LanguageClient | undefined;

const LANGUAGES = ['nianbao', 'plaintext', 'markdown', 'html'];
const SELECTOR: vscode.DocumentFilter[] = LANGUAGES.map((language) => ({ language }));


/** The client's messages follow VS Code's display language: Chinese for any zh-*, English otherwise. */
const locale = (): Locale => (vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en');

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('nianbao');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => ['file', 'untitled', 'vscode-vfs'].map((scheme) => ({ language, scheme }))),
      // The read-only text views of report files (「用 nianbao 检查此文件」).
      { language: 'nianbao', scheme: VIEW_SCHEME },
    ],
    synchronize: {
      configurationSection: 'nianbao',
      // Keeps the server's workspace index current (cross-year checks, trends), its baselines of
      // reviewed findings, and its configuration files read again when they change.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(REPORT_GLOB),
        vscode.workspace.createFileSystemWatcher(BASELINE_GLOB),
        vscode.workspace.createFileSystemWatcher(CONFIG_GLOB),
      ],
    },
    outputChannel: output,
  };
  // The id `nianbao` makes the client honour `nianbao.trace.server`.
  client = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);

  const item = vscode.languages.createLanguageStatusItem('nianbao.status', SELECTOR);
  item.name = 'nianbao';
  item.command = { title: t(locale(), 'client.output'), command: 'nianbao.showOutput' };
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
      item.text = t(locale(), 'client.notChecked');
      item.detail = undefined;
      item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const problems = (s.errors ?? 0) + (s.warnings ?? 0);
    item.text = problems === 0 ? `$(check) ${s.year ?? ''} ${s.template}` : `$(warning) ${s.year ?? ''} ${s.template} · ${s.errors}✘ ${s.warnings}⚠`;
    const tables = (s.tables ?? []).join('、') || '—';
    item.detail = t(locale(), 'client.detail', {
      tables,
      errors: String(s.errors),
      warnings: String(s.warnings),
      notes: String(s.notes),
      suppressed: s.suppressed ? t(locale(), 'client.detailSuppressed', { count: s.suppressed }) : '',
    });
    item.severity = s.errors ? vscode.LanguageStatusSeverity.Error : s.warnings ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    // Screen readers get words, not the icon codes of the text.
    item.accessibilityInformation = {
      label: t(locale(), 'client.accessible', { year: s.year ?? '', template: String(s.template), errors: String(s.errors), warnings: String(s.warnings) }),
    };
  };

  const activeUri = (): string | undefined => vscode.window.activeTextEditor?.document.uri.toString();

  // Text views: the server reads the file (any form) and gives its text view; the view is a
  // read-only document in the nianbao language, which the server checks like a text report.
  const views = new Map<string, string>();
  const viewChanged = new vscode.EventEmitter<vscode.Uri>();
  const readView = (source: vscode.Uri) => client!.sendRequest<TextViewResult>(REQUESTS.textView, { uri: source.toString() } satisfies UriParams);
  /** `nianbao-view:<source path>.nianbao?<source uri>#<format>` (protocol.ts). */
  const viewOf = (source: vscode.Uri, format: string) => vscode.Uri.from({ scheme: VIEW_SCHEME, path: `${source.path}.nianbao`, query: source.toString(), fragment: format });
  /** The file a command is about: the one clicked in the explorer, the active editor's (a view's source), or one picked. */
  const sourceOf = async (arg: unknown): Promise<vscode.Uri | undefined> => {
    if (arg instanceof vscode.Uri) return arg.scheme === VIEW_SCHEME ? vscode.Uri.parse(arg.query) : arg;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === VIEW_SCHEME) return vscode.Uri.parse(active.query);
    if (active?.scheme === 'file') return active;
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: t(locale(), 'client.chooseReport'),
      filters: { [t(locale(), 'client.chooseReport')]: ['docx', 'pdf', 'html', 'htm', 'txt', 'md', 'nianbao'] },
    });
    return picked?.[0];
  };

  context.subscriptions.push(
    output,
    item,
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.commands.registerCommand('nianbao.showOutput', () => output.show(true)),
    viewChanged,
    vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, {
      onDidChange: viewChanged.event,
      provideTextDocumentContent: async (uri) => {
        const known = views.get(uri.toString());
        if (known !== undefined) return known;
        const r = await readView(vscode.Uri.parse(uri.query));
        return 'text' in r ? r.text : '';
      },
    }),
    vscode.workspace.onDidCloseTextDocument((d) => views.delete(d.uri.toString())),
    vscode.commands.registerCommand('nianbao.fixDocx', async (arg?: unknown) => {
      const source = await sourceOf(arg);
      // The server writes NAME.fixed.docx and says so in a message.
      if (source && client) await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixDocx, arguments: [source.toString()] });
    }),
    vscode.commands.registerCommand('nianbao.openTextView', async (arg?: unknown) => {
      const source = await sourceOf(arg);
      if (!source || !client) return;
      const r = await readView(source);
      if ('skipped' in r) {
        const detail = r.detail ? ` (${r.detail})` : '';
        return void vscode.window.showWarningMessage(t(locale(), 'client.textViewSkipped', { file: path.basename(source.path), reason: r.skipped, detail }));
      }
      const view = viewOf(source, r.format);
      views.set(view.toString(), r.text);
      // Already open: shown again with the file's current text.
      viewChanged.fire(view);
      let doc = await vscode.workspace.openTextDocument(view);
      if (doc.languageId !== 'nianbao') doc = await vscode.languages.setTextDocumentLanguage(doc, 'nianbao');
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('nianbao.fixAll', async () => {
      const uri = activeUri();
      if (uri && client) await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixAll, arguments: [uri] });
    }),
    vscode.commands.registerCommand('nianbao.exportTables', async (format?: 'json' | 'csv') => {
      const uri = activeUri();
      if (!uri || !client) return;
      const chosen = format ?? (await vscode.window.showQuickPick(['json', 'csv'], { placeHolder: t(locale(), 'client.exportFormat') }));
      if (chosen !== 'json' && chosen !== 'csv') return;
      const content = await client.sendRequest<string | null>(REQUESTS.exportTables, { uri, format: chosen } satisfies ExportTablesParams);
      if (content === null) return void vscode.window.showWarningMessage(t(locale(), 'client.notAReport'));
      const doc = await vscode.workspace.openTextDocument({ content, language: chosen === 'json' ? 'json' : 'plaintext' });
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
    vscode.commands.registerCommand('nianbao.checkWorkspace', async () => {
      if (!client) return;
      const c = client;
      // A cancellable notification, moved by the server's work-done progress on our token ($/progress).
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t(locale(), 'client.checkingWorkspace'), cancellable: true },
        async (progress, token) => {
          const workDoneToken = `nianbao.checkWorkspace.${Date.now()}.${Math.random().toString(36).slice(2)}`;
          let shown = 0;
          const listening = c.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
            if (p.kind === 'end') return;
            const increment = p.percentage !== undefined ? Math.max(0, p.percentage - shown) : undefined;
            if (p.percentage !== undefined) shown = Math.max(shown, p.percentage);
            progress.report({ message: p.message, increment });
          });
          try {
            return await c.sendRequest<CheckWorkspaceResult>('workspace/executeCommand', { command: SERVER_COMMANDS.checkWorkspace, arguments: [], workDoneToken }, token);
          } catch (e) {
            if (token.isCancellationRequested) return null;
            throw e;
          } finally {
            listening.dispose();
          }
        },
      );
      if (!r) return;
      const counts = { files: r.files, errors: r.errors, warnings: r.warnings };
      void vscode.window.showInformationMessage(t(locale(), r.cancelled ? 'client.checkedWorkspaceCancelled' : 'client.checkedWorkspace', counts));
    }),
    vscode.commands.registerCommand('nianbao.showTrends', async () => {
      const uri = activeUri();
      if (!uri || !client) return;
      const data = await client.sendRequest<TrendsData | null>(REQUESTS.trends, { uri } satisfies UriParams);
      if (!data) return void vscode.window.showWarningMessage(t(locale(), 'client.notAReport'));
      showTrends(context, data);
    }),
    vscode.tasks.registerTaskProvider('nianbao', {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((f) => cliTask(context, { type: 'nianbao', paths: ['.'] }, f)),
      resolveTask: (task) => {
        const def = task.definition as NianbaoTask;
        return cliTask(context, def, task.scope && typeof task.scope === 'object' ? (task.scope as vscode.WorkspaceFolder) : undefined);
      },
    }),
    vscode.commands.registerCommand('nianbao.showTableView', () => {
      if (client) showTableView(context, client);
    }),
    vscode.commands.registerCommand('nianbao.newReport', async (arg?: unknown) => {
      if (!client) return;
      // Last year's report: the active document (a text view for DOCX and PDF), else a file chosen.
      let doc = vscode.window.activeTextEditor?.document;
      if (arg instanceof vscode.Uri || !doc) {
        const source = await sourceOf(arg);
        if (!source) return;
        const format = reportKind(source.path)?.format;
        if (format !== 'text' && format !== 'markdown') {
          await vscode.commands.executeCommand('nianbao.openTextView', source);
          doc = vscode.window.activeTextEditor?.document;
        } else doc = await vscode.workspace.openTextDocument(source);
      }
      if (!doc) return;
      const r = await client.sendRequest<NewReportResult | null>(REQUESTS.newReport, { uri: doc.uri.toString() } satisfies NewReportParams);
      if (!r) return void vscode.window.showWarningMessage(t(locale(), 'client.newReportFailed', { file: path.basename(doc.uri.path) }));
      // An untitled document beside last year's (beside its source, for a text view); saving writes it there.
      const dir = doc.uri.scheme === VIEW_SCHEME ? path.posix.dirname(vscode.Uri.parse(doc.uri.query).path) : path.posix.dirname(doc.uri.path);
      const target = vscode.Uri.from({ scheme: 'untitled', path: path.posix.join(dir, r.fileName) });
      const created = await vscode.workspace.openTextDocument(target);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(target, new vscode.Position(0, 0), r.text);
      await vscode.workspace.applyEdit(edit);
      await vscode.languages.setTextDocumentLanguage(created, 'nianbao');
      await vscode.window.showTextDocument(created, { preview: false });
    }),
    vscode.commands.registerCommand('nianbao.copySummary', async () => {
      const uri = activeUri();
      if (!uri || !client) return;
      const summary = await client.sendRequest<string | null>(REQUESTS.summary, { uri } satisfies UriParams);
      if (summary === null) return void vscode.window.showWarningMessage(t(locale(), 'client.notAReport'));
      await vscode.env.clipboard.writeText(summary);
      void vscode.window.showInformationMessage(t(locale(), 'client.summaryCopied'));
    }),
  );
  await client.start();
  context.subscriptions.push(
    client.onNotification(NOTIFICATIONS.status, (s: StatusParams) => {
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
  const task = new vscode.Task(def, folder ?? vscode.TaskScope.Workspace, t(locale(), 'client.task'), 'nianbao', exec, '$nianbao');
  task.group = vscode.TaskGroup.Test;
  return task;
}

type TrendCell = TrendsData['rows'][number]['received'];

/** The trends view: the server's rows and chart in a webview; a click on a value opens its cell. */
function showTrends(context: vscode.ExtensionContext, data: TrendsData): void {
  const panel = vscode.window.createWebviewPanel('nianbao.trends', t(locale(), 'client.trendsTitle', { body: data.body ?? 'nianbao' }), vscode.ViewColumn.Beside, {
    enableScripts: true,
  });
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const cells: TrendCell[] = [];
  const body = data.rows
    .map((r) => {
      const tds = data.columns.map((col) => {
        const c = r[col.key as keyof typeof r] as TrendCell;
        if (!c.range) return `<td>${esc(formatTrend(c, col.rate))}</td>`;
        cells.push(c);
        return `<td><a href="#" data-cell="${cells.length - 1}">${esc(formatTrend(c, col.rate))}</a></td>`;
      });
      return `<tr><th>${r.year}</th>${tds.join('')}</tr>`;
    })
    .join('');
  const nonce = Math.random().toString(36).slice(2);
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src data:;">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)} table{border-collapse:collapse;margin:12px 0} td,th{border:1px solid var(--vscode-panel-border);padding:4px 8px;text-align:right} a{color:var(--vscode-textLink-foreground)}</style>
</head><body><h2>${esc(t(locale(), 'client.trendsHeading', { body: data.body ?? '' }))}</h2>
<table id="trends"><thead><tr><th>${esc(t(locale(), 'client.year'))}</th>${data.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>
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

let tablePanel: vscode.WebviewPanel | undefined;

/**
 * The table view: the server's grids of tables 二, 三 and 四 in a webview beside the editor. It
 * follows the active report and is asked again after an edit (debounced) or a re-check (the
 * document's diagnostics changed); an answer for an older version than the document's is dropped.
 */
function showTableView(context: vscode.ExtensionContext, lc: LanguageClient): void {
  if (tablePanel) return void tablePanel.reveal(vscode.ViewColumn.Beside, true);
  const panel = vscode.window.createWebviewPanel('nianbao.tableView', t(locale(), 'client.tableViewTitle'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
  tablePanel = panel;
  let followed: vscode.TextDocument | undefined;
  let cells: TableViewCell[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const isReport = (d: vscode.TextDocument) => LANGUAGES.includes(d.languageId) && d.uri.scheme !== 'output';
  const refresh = async () => {
    const doc = followed;
    if (!doc) return;
    const data = await lc.sendRequest<TableViewData | null>(REQUESTS.tableView, { uri: doc.uri.toString() } satisfies UriParams).catch(() => null);
    if (doc !== followed || panel !== tablePanel) return;
    // The server answered for an older text: ask again (its re-check follows the edit).
    if (data && data.version < doc.version) return schedule(200);
    panel.title = t(locale(), 'client.tableViewTitle') + ' · ' + path.basename(doc.uri.path);
    const r = renderTableView(data, panel.webview.cspSource);
    cells = r.cells;
    panel.webview.html = r.html;
  };
  const schedule = (ms = 300) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), ms);
  };
  const follow = (editor: vscode.TextEditor | undefined) => {
    if (!editor || !isReport(editor.document) || editor.document === followed) return;
    followed = editor.document;
    schedule(0);
  };
  const subs = [
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.workspace.onDidChangeTextDocument((e) => e.document === followed && schedule()),
    vscode.languages.onDidChangeDiagnostics((e) => followed && e.uris.some((u) => u.toString() === followed!.uri.toString()) && schedule(100)),
    panel.webview.onDidReceiveMessage(async (m: { cell: number }) => {
      const c = cells[m.cell];
      if (!c?.range || !followed) return;
      const range = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
      const shown = vscode.window.visibleTextEditors.find((e) => e.document === followed);
      await vscode.window.showTextDocument(followed, { selection: range, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One });
    }),
  ];
  panel.onDidDispose(() => {
    if (timer) clearTimeout(timer);
    subs.forEach((d) => d.dispose());
    tablePanel = undefined;
  }, undefined, context.subscriptions);
  const active = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => isReport(e.document));
  if (active && isReport(active.document)) follow(active);
  else panel.webview.html = renderTableView(null, panel.webview.cspSource).html;
}

/** The webview's page: the grids as HTML tables (no network: a CSP with a nonce, inline styles only). */
function renderTableView(data: TableViewData | null, _csp: string): { html: string; cells: TableViewCell[] } {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const loc = locale();
  const cells: TableViewCell[] = [];
  const td = (c: TableViewCell, header: boolean) => {
    const span = `${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
    const classes = [c.kind, c.state, c.broken ? 'broken' : '', c.culprit ? 'culprit' : '', c.severity ?? ''].filter(Boolean).join(' ');
    let text = esc(c.text);
    if (c.state === 'unread' && c.kind === 'value') text = '?';
    if (c.culprit && c.expected !== undefined) text += `<span class="expected">→ ${esc(String(c.expected))}</span>`;
    const title = c.message ?? (c.state === 'unread' ? t(loc, 'client.tableViewUnread') : c.state === 'blank' ? t(loc, 'blank') : '');
    const link = c.range ? ` data-cell="${cells.push(c) - 1}" tabindex="0"` : '';
    const tag = header ? 'th' : c.kind === 'value' ? 'td' : 'th';
    return `<${tag}${span} class="${classes}"${link}${title ? ` title="${esc(title)}"` : ''}>${text}</${tag}>`;
  };
  const body = !data
    ? `<p>${esc(t(loc, 'client.tableViewNone'))}</p>`
    : data.tables
        .map(
          (tb) =>
            `<h2>${esc(tb.title)}</h2>` +
            tb.grids
              .map(
                (g) =>
                  (g.caption ? `<h3>${esc(g.caption)}</h3>` : '') +
                  `<table data-table="${tb.id}"><thead>${g.rows
                    .slice(0, g.headerRows)
                    .map((r) => `<tr>${r.map((c) => td(c, true)).join('')}</tr>`)
                    .join('')}</thead><tbody>${g.rows
                    .slice(g.headerRows)
                    .map((r) => `<tr>${r.map((c) => td(c, false)).join('')}</tr>`)
                    .join('')}</tbody></table>`,
              )
              .join(''),
        )
        .join('');
  const legend = data
    ? `<p class="legend"><span class="culprit">${esc(t(loc, 'client.tableViewCulprit'))}</span> <span class="broken">${esc(t(loc, 'client.tableViewBroken'))}</span> <span class="blank">${esc(t(loc, 'client.tableViewBlank'))}</span> <span class="unread">${esc(t(loc, 'client.tableViewUnread'))}</span></p>`
    : '';
  const nonce = Math.random().toString(36).slice(2);
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)} table{border-collapse:collapse;margin:6px 0 14px} td,th{border:1px solid var(--vscode-panel-border);padding:2px 6px;font-weight:normal} thead th{background:var(--vscode-editorWidget-background);text-align:center} tbody th{text-align:left} td{text-align:right;min-width:2.5em} [data-cell]{cursor:pointer} .blank{background:repeating-linear-gradient(45deg,transparent 0 4px,rgba(128,128,128,.15) 4px 8px)} .zero{color:var(--vscode-descriptionForeground)} .marker,.text{font-style:italic} .unread{background:rgba(128,128,128,.3);color:var(--vscode-descriptionForeground)} .broken{background:rgba(255,140,0,.25)} .culprit{background:rgba(255,0,0,.35);outline:2px solid var(--vscode-errorForeground);font-weight:bold} .expected{margin-left:4px;color:var(--vscode-errorForeground)} .legend span{padding:1px 6px;margin-right:6px;border:1px solid var(--vscode-panel-border)}</style>
</head><body>${legend}${body}
<script nonce="${nonce}">const vscode = acquireVsCodeApi(); document.querySelectorAll('[data-cell]').forEach(el => { const go = () => vscode.postMessage({ cell: Number(el.dataset.cell) }); el.addEventListener('click', go); el.addEventListener('keydown', e => { if (e.key === 'Enter') go(); }); });</script>
</body></html>`;
  return { html, cells };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
