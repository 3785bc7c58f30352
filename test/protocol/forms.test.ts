// Protocol tests for structured forms in the editor: an HTML document checked as it is
// (ranges, quick fixes, fix-all and hovers mapped to the cells' text in the HTML), the
// read-only text view of a report file (`nianbao/textView`) and the view document the
// client opens for it (findings without fixes, saying where fixes belong).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic, Hover, Range, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { reportHtml } from '../support/reportHtml';
import { LspTestClient, REPO_ROOT } from './lsp-client';

const REPORT = readFileSync(path.join(REPO_ROOT, 'test/e2e/fixtures/示例区2022年政府信息公开工作年度报告.txt'), 'utf8');
/** The report with a wrong total: (七)总计's 自然人 is 9 where 8 is the sum. */
const BROKEN = REPORT.replace('（七）总计 | 8 |', '（七）总计 | 9 |');
const ERROR = 1;

describe('HTML documents', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => client.shutdown());

  const html = reportHtml(BROKEN);
  const doc = TextDocument.create('file:///work/report.html', 'html', 1, html);
  const slice = (r: Range) => html.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
  let diagnostics: Diagnostic[] = [];

  test('an HTML document holding a report is checked; each finding lies on the cell text in the HTML', async () => {
    assert.notEqual(BROKEN, REPORT);
    await client.open(doc.uri, 'html', html, 1);
    diagnostics = (await client.waitForDiagnostics(doc.uri, (p) => p.diagnostics.length > 0)).diagnostics;
    const errors = diagnostics.filter((d) => d.severity === ERROR);
    assert.ok(errors.length > 0, JSON.stringify(diagnostics));
    const total = errors.find((d) => d.code === 'results-total')!;
    assert.ok(total, errors.map((d) => d.code).join());
    assert.equal(slice(total.range), '9');
    // The cell's text inside its markup: `<td><span>9</span></td>`.
    const at = doc.offsetAt(total.range.start);
    assert.equal(html.slice(at - 6, at + 8), '<span>9</span>');
    for (const d of errors) {
      assert.doesNotMatch(slice(d.range), /[<>]/, `${d.code}: ${slice(d.range)}`);
      for (const r of d.relatedInformation ?? []) if (r.location.uri === doc.uri) assert.doesNotMatch(slice(r.location.range), /[<>]/, `${d.code} related: ${slice(r.location.range)}`);
    }
  });

  test('the quick fix edits only the cell text; fix-all too', async () => {
    const total = diagnostics.find((d) => d.code === 'results-total')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: total.range, context: { diagnostics: [total] } });
    const fix = actions.find((a) => a.isPreferred && a.edit)!;
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const edits: TextEdit[] = fix.edit!.changes![doc.uri];
    assert.deepEqual(edits.map((e) => [slice(e.range), e.newText]), [['9', '8']]);
    // No suppression comment offered: the HTML view does not keep comments.
    assert.ok(!actions.some((a) => /nianbao-disable/.test(JSON.stringify(a.edit))), 'no 「在此忽略」 in HTML');
    const fixed = TextDocument.applyEdits(doc, edits);
    assert.equal(fixed, html.replace('（七）总计</span></td><td><span>9</span>', '（七）总计</span></td><td><span>8</span>'));

    const all = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
    });
    const allEdits: TextEdit[] = all[0].edit!.changes![doc.uri];
    assert.ok(allEdits.length > 0);
    for (const e of allEdits) assert.match(slice(e.range), /^[^<>]*$/, `an edit of markup: ${slice(e.range)}`);
    assert.ok(allEdits.some((e) => slice(e.range) === '9' && e.newText === '8'));
  });

  test('hover on a cell of the HTML; code lenses on the tables', async () => {
    const total = diagnostics.find((d) => d.code === 'results-total')!;
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc.uri }, position: total.range.start });
    assert.ok(h, 'a hover');
    assert.match(JSON.stringify(h.contents), /总计/);
    assert.equal(slice(h.range!), '9');
    // Over markup: nothing.
    const tag = doc.positionAt(html.indexOf('<table'));
    assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc.uri }, position: tag }), null);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: doc.uri } });
    assert.ok(lenses.some((l) => /^✘/.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
    for (const l of lenses) assert.ok(doc.offsetAt(l.range.start) > html.indexOf('<table'));
  });

  test('an HTML document that is no report is not checked, nor any with nianbao.detect = languageOnly', async () => {
    await client.open('file:///work/page.html', 'html', '<html><body><p>政务公开</p><table><tr><td>1</td></tr></table></body></html>', 1);
    await client.open('file:///work/after.nianbao', 'nianbao', BROKEN, 1);
    await client.waitForDiagnostics('file:///work/after.nianbao', (p) => p.diagnostics.length > 0);
    assert.equal(client.publishesFor('file:///work/page.html').length, 0);
    const other = await LspTestClient.start({ settings: { detect: 'languageOnly' } });
    try {
      await other.open(doc.uri, 'html', html, 1);
      await other.open('file:///work/r.nianbao', 'nianbao', BROKEN, 1);
      await other.waitForDiagnostics('file:///work/r.nianbao', (p) => p.diagnostics.length > 0);
      assert.equal(other.publishesFor(doc.uri).length, 0);
    } finally {
      await other.shutdown();
    }
  });
});

describe('text views of report files', () => {
  let client: LspTestClient;
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-view-'));
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => client.shutdown());

  test('nianbao/textView: the text the server checks, or why the file is not read', async () => {
    const txt = path.join(dir, '示例区2022年政府信息公开工作年度报告.txt');
    writeFileSync(txt, REPORT);
    assert.deepEqual(await client.request('nianbao/textView', { uri: pathToFileURL(txt).toString() }), { text: REPORT, format: 'text' });
    const page = path.join(dir, 'report.html');
    writeFileSync(page, reportHtml(REPORT));
    const view = await client.request<{ text: string; format: string }>('nianbao/textView', { uri: pathToFileURL(page).toString() });
    assert.equal(view.format, 'html');
    assert.match(view.text, /^\| （七）总计 \| 8 \| 1 \| 0 \| 0 \| 1 \| 0 \| 10 \| {2}\|$/m);
    assert.doesNotMatch(view.text, /<td>/);
    // A PDF: its tables rebuilt from the page's geometry (seed 000 printed by Chromium); a scan: no text layer.
    const pdf = await client.request<{ text: string; format: string }>('nianbao/textView', { uri: pathToFileURL(path.join(REPO_ROOT, 'test/fixtures/pdf/seed000.chromium.pdf')).toString() });
    assert.equal(pdf.format, 'pdf');
    assert.match(pdf.text, /^\| （七）总计 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|/m);
    const scan = await client.request<{ skipped: string }>('nianbao/textView', { uri: pathToFileURL(path.join(REPO_ROOT, 'test/fixtures/pdf/scanned.pdf')).toString() });
    assert.equal(scan.skipped, 'no text layer');
    const missing = await client.request<{ skipped: string }>('nianbao/textView', { uri: pathToFileURL(path.join(dir, 'none.docx')).toString() });
    assert.equal(missing.skipped, 'unreadable');
    const notFile = await client.request<{ skipped: string }>('nianbao/textView', { uri: 'untitled:Untitled-1' });
    assert.equal(notFile.skipped, 'unreadable');
    const other = path.join(dir, 'notes.txt');
    writeFileSync(other, '会议纪要\n');
    assert.equal((await client.request<{ skipped: string }>('nianbao/textView', { uri: pathToFileURL(other).toString() })).skipped, 'not a report');
  });

  test('nianbao.pdf.maxPages and nianbao.pdf.timeLimit bound the reading of a PDF, per file', async () => {
    const uri = pathToFileURL(path.join(REPO_ROOT, 'test/fixtures/pdf/seed000.chromium.pdf')).toString();
    const limited = await LspTestClient.start({ settings: { pdf: { maxPages: 1 } } });
    try {
      const r = await limited.request<{ skipped: string; detail: string }>('nianbao/textView', { uri });
      assert.equal(r.skipped, 'too large');
      assert.match(r.detail, /pages > 1$/);
      // Settings are read per file: another limit for this one.
      limited.settingsByUri.set(uri, { pdf: { maxPages: 500, timeLimit: 0.001 } });
      await limited.changeConfiguration();
      const slow = await limited.request<{ skipped: string; detail: string }>('nianbao/textView', { uri });
      assert.equal(slow.skipped, 'too large');
      assert.match(slow.detail, /not read within 0 s/);
    } finally {
      await limited.shutdown();
    }
  });

  for (const [format, note] of [
    ['pdf', /请在源文档中修改/],
    ['docx', /修复 DOCX 文件/],
  ] as const) {
    test(`a ${format} file's view is checked; its findings have no fixes and say where fixes belong`, async () => {
      const source = pathToFileURL(path.join(dir, `报告.${format}`)).toString();
      const uri = `nianbao-view:${new URL(source).pathname}.nianbao?${encodeURIComponent(source)}#${format}`;
      await client.open(uri, 'nianbao', BROKEN, 1);
      const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length > 0);
      const total = p.diagnostics.find((d) => d.code === 'results-total')!;
      assert.match(total.message, note);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: total.range, context: { diagnostics: [total] } });
      assert.deepEqual(actions.filter((a) => a.edit), []);
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(lenses.some((l) => /^✘/.test(l.command?.title ?? '')));
      assert.ok(!lenses.some((l) => l.command?.title === '全部修复'));
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: total.range.start });
      assert.ok(h);
    });
  }

  test('a Word report: its view, and 「修复 DOCX 文件」 writes NAME.fixed.docx with the fixes in its cells', async () => {
    const docx = path.join(dir, 'seed-000.docx');
    copyFileSync(path.join(REPO_ROOT, 'test/fixtures/docx/seed-000.docx'), docx);
    const source = pathToFileURL(docx).toString();
    const view = await client.request<{ text: string; format: string }>('nianbao/textView', { uri: source });
    assert.equal(view.format, 'docx');
    assert.match(view.text, /^\| \(七\)总计 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|$/m);
    const uri = `nianbao-view:${new URL(source).pathname}.nianbao?${encodeURIComponent(source)}#docx`;
    const before = readFileSync(docx);
    const r = await client.request<{ changes: number; written?: string; error?: string }>('workspace/executeCommand', { command: 'nianbao.server.fixDocx', arguments: [uri] });
    assert.equal(r.error, undefined);
    assert.ok(r.changes > 0);
    assert.equal(r.written, pathToFileURL(path.join(dir, 'seed-000.fixed.docx')).toString());
    assert.ok(existsSync(path.join(dir, 'seed-000.fixed.docx')));
    assert.deepEqual(readFileSync(docx), before, 'the original is left as it was');
    const fixed = await client.request<{ text: string }>('nianbao/textView', { uri: r.written });
    assert.match(fixed.text, /^\| \(七\)总计 \| 5 \| 0 \| 0 \| 0 \| 0 \| 0 \| 5 \|$/m);
    assert.ok(client.logs.some((l) => l.message.includes('seed-000.fixed.docx')), `the server says what it wrote: ${JSON.stringify(client.logs)}`);
    // Not a Word file: not fixed, and said why.
    const txt = await client.request<{ changes: number; error?: string }>('workspace/executeCommand', { command: 'nianbao.server.fixDocx', arguments: [pathToFileURL(path.join(dir, '示例区2022年政府信息公开工作年度报告.txt')).toString()] });
    assert.equal(txt.changes, 0);
    assert.ok(txt.error);
  });
});
