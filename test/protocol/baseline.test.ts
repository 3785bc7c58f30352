// 「标记为已核实」: a quick fix on each diagnostic writes the finding to the baseline file
// (.nianbao-baseline.json) and the diagnostic goes; a change of the cell's value brings it
// back; the server re-checks when the baseline file changes on disk.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { runCli } from '../../server/src/cli/run';
import { defaultSpec, render } from '../support/generate';
import { seed000Html } from '../support/seed-html';
import { LspTestClient, REPO_ROOT } from './lsp-client';

const WAIT = 30_000; // a bound on waiting for a state, not a timing assertion

const BASE = render(defaultSpec({ year: 2022 }), 'pipe');
// 一·总计 written 12 instead of 11: row-total and carry-over on that cell.
const LINE = /^一、本年新收政府信息公开申请数量 \| 9 \| 1 \| 0 \| 0 \| 1 \| 0 \| 1\d/m;
const withTotal = (n: number) => BASE.replace(/^(一、本年新收政府信息公开申请数量 \| 9 \| 1 \| 0 \| 0 \| 1 \| 0 \| )11/m, `$1${n}`);

describe('the quick fix 「标记为已核实」 and the baseline file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-baseline-lsp-'));
  const file = path.join(dir, '示例区2022年政府信息公开工作年度报告.txt');
  const baseline = path.join(dir, '.nianbao-baseline.json');
  const uri = pathToFileURL(file).toString();
  writeFileSync(file, withTotal(12));
  let client: LspTestClient;
  let version = 1;

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
  });
  after(async () => client.shutdown());

  const rowTotal = (ds: Diagnostic[]) => ds.find((d) => d.code === 'row-total');

  async function edit(text: string): Promise<number> {
    const mark = client.mark();
    await client.change(uri, ++version, [{ text }]);
    return mark;
  }

  test('each diagnostic offers it; applying it writes the entry and the diagnostic goes', async () => {
    assert.match(withTotal(12), LINE);
    await client.open(uri, 'nianbao', withTotal(12), version);
    const p = await client.waitForDiagnostics(uri, (x) => !!rowTotal(x.diagnostics), WAIT);
    const d = rowTotal(p.diagnostics)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const mark = actions.filter((a) => a.title === '标记为已核实');
    assert.ok(mark.length >= 2, actions.map((a) => a.title).join(' | ')); // row-total and carry-over, both on the cell
    const action = mark.find((a) => a.diagnostics?.[0].code === 'row-total')!;
    assert.equal(action.command?.command, 'nianbao.server.markReviewed');
    const since = client.mark();
    const r = await client.request<{ written?: string; entries?: number; error?: string }>('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
    assert.equal(r.error, undefined);
    assert.equal(r.written, baseline); // in the workspace folder
    assert.equal(r.entries, 1);
    const entry = JSON.parse(readFileSync(baseline, 'utf8')).entries[0];
    assert.equal(entry.rule, 'row-total');
    assert.deepEqual(entry.cell, { table: 'applications', row: 'new', column: '总计' });
    const after = await client.waitForDiagnostics(uri, (x) => !rowTotal(x.diagnostics), WAIT, since);
    assert.ok(after.diagnostics.some((x) => x.code === 'carry-over'), 'only the reviewed finding goes');
  });

  test('an edit elsewhere keeps it reviewed; a change of the cell’s value brings it back', async () => {
    let since = await edit(withTotal(12).replace('一、总体情况\n', '一、总体情况\n新增的说明段落。\n'));
    const p = await client.waitForDiagnostics(uri, (x) => x.version === version, WAIT, since);
    assert.equal(rowTotal(p.diagnostics), undefined);
    since = await edit(withTotal(13));
    const back = await client.waitForDiagnostics(uri, (x) => !!rowTotal(x.diagnostics), WAIT, since);
    assert.match(rowTotal(back.diagnostics)!.message, /总计 13/);
  });

  test('the baseline file deleted on disk (workspace/didChangeWatchedFiles): the findings show again', async () => {
    let since = await edit(withTotal(12));
    const p = await client.waitForDiagnostics(uri, (x) => x.version === version, WAIT, since);
    assert.equal(rowTotal(p.diagnostics), undefined);
    rmSync(baseline);
    assert.equal(existsSync(baseline), false);
    since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(baseline).toString(), type: 3 }] });
    await client.waitForDiagnostics(uri, (x) => !!rowTotal(x.diagnostics), WAIT, since);
  });

  test('a baseline file that is not one is left as it is, and the user is told', async () => {
    writeFileSync(baseline, '{ "not": "a baseline" }');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(baseline).toString(), type: 2 }] });
    const p = await client.waitForDiagnostics(uri, (x) => !!rowTotal(x.diagnostics), WAIT);
    const d = rowTotal(p.diagnostics)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const action = actions.find((a) => a.title === '标记为已核实' && a.diagnostics?.[0].code === 'row-total')!;
    const r = await client.request<{ error?: string }>('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
    assert.match(r.error ?? '', /not a baseline file/);
    assert.ok(client.logs.some((l) => /\[showMessage\] 未能标记为已核实：.*not a baseline file/.test(l.message)), client.failureContext());
    assert.equal(readFileSync(baseline, 'utf8'), '{ "not": "a baseline" }');
    rmSync(baseline);
  });

  test('bad arguments are refused with an error, not a crash', async () => {
    const r = await client.request<{ error?: string }>('workspace/executeCommand', { command: 'nianbao.server.markReviewed', arguments: [42, { rule: 1 }] });
    assert.ok(r.error);
  });
});

describe('a baseline written by the CLI is the editor’s too (text, HTML and Word reports)', () => {
  test('nianbao check --update-baseline, then the server shows none of those findings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-baseline-cli-lsp-'));
    const txt = path.join(dir, '示例区2022年政府信息公开工作年度报告.txt');
    const html = path.join(dir, '栾城区2020年政府信息公开工作年度报告.html');
    writeFileSync(txt, withTotal(12));
    writeFileSync(html, seed000Html());
    const docx = path.join(dir, 'seed-000.docx');
    copyFileSync(path.join(REPO_ROOT, 'test/fixtures/docx/seed-000.docx'), docx);
    const io = { stdout: () => undefined, stderr: () => undefined };
    assert.equal(await runCli(['check', dir], io), 1);
    assert.equal(await runCli(['check', '--update-baseline', '--baseline', path.join(dir, '.nianbao-baseline.json'), dir], io), 0);
    assert.equal(await runCli(['check', dir], io), 0);
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    try {
      for (const [file, languageId, text] of [[txt, 'nianbao', withTotal(12)], [html, 'html', seed000Html()]]) {
        const uri = pathToFileURL(file).toString();
        await client.open(uri, languageId, text, 1);
        const p = await client.waitForDiagnostics(uri, () => true, WAIT);
        assert.deepEqual(p.diagnostics.map((d) => d.code), [], file);
      }
      // The Word file's text view, as the client opens it.
      const source = pathToFileURL(docx).toString();
      const view = await client.request<{ text: string }>('nianbao/textView', { uri: source });
      const uri = `nianbao-view:${new URL(source).pathname}.nianbao?${encodeURIComponent(source)}#docx`;
      await client.open(uri, 'nianbao', view.text, 1);
      assert.deepEqual((await client.waitForDiagnostics(uri, () => true, WAIT)).diagnostics.map((d) => d.code), []);
    } finally {
      await client.shutdown();
    }
  });
});
