// Across years and the workspace: the server indexes the workspace's reports and
// checks this year's carry-over against last year's, live.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { defaultSpec, render } from '../support/generate';
import { LspTestClient } from './lsp-client';

describe('a two-year workspace of one body', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-ws-'));
  // 2021 carries 2 forward (自然人 and 总计); 2022 says it carried over 1.
  const y2021 = render(defaultSpec({ year: 2021 }), 'pipe');
  const y2022 = render(defaultSpec({ year: 2022 }), 'pipe');
  const f2021 = path.join(dir, '示例区2021年政府信息公开工作年度报告.txt');
  const f2022 = path.join(dir, '示例区2022年政府信息公开工作年度报告.txt');
  writeFileSync(f2021, y2021);
  writeFileSync(f2022, y2022);
  writeFileSync(path.join(dir, '其他单位2022年度报告.txt'), render(defaultSpec({ year: 2022 }), 'tab').replace('示例区', '其他单位'));
  const uri2021 = pathToFileURL(f2021).toString();
  const uri2022 = pathToFileURL(f2022).toString();
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
  });
  after(async () => client.shutdown());

  test('the index finds the reports', async () => {
    const stats = await client.request<{ reports: number; files: number }>('nianbao/indexStats', {});
    assert.equal(stats.reports, 3);
  });

  test('cross-year finding on the newer report’s cell, related information in the older file', async () => {
    await client.open(uri2022, 'nianbao', y2022, 1);
    const p = await client.waitForDiagnostics(uri2022, (x) => x.diagnostics.some((d) => d.code === 'cross-year' && d.severity === 1), 5000);
    const errs = p.diagnostics.filter((d) => d.code === 'cross-year' && d.severity === 1);
    assert.equal(errs.length, 2); // 自然人 and 总计
    const d = errs[0];
    const line = y2022.split('\n')[d.range.start.line];
    assert.ok(line.startsWith('二、上年结转'), line);
    assert.equal(d.relatedInformation?.[0].location.uri, uri2021);
    const related = d.relatedInformation![0].location.range;
    assert.ok(y2021.split('\n')[related.start.line].startsWith('四、结转下年度继续办理'));
    assert.match(d.message, /2021 年度报告的结转下年度 2/);
  });

  // Make 2021 carry forward 1 in 自然人 and 总计: the text changes 四's cells 2 → 1 (and the totals so that 2021 itself adds up).
  const fixed2021 = y2021
    .replace(/^(四、结转下年度继续办理 \| )2( \| (?:0 \| ){5})2/m, '$11$21')
    .replace(/^(（七）总计 \| )8( \| 1 \| 0 \| 0 \| 1 \| 0 \| )10/m, '$19$211')
    .replace(/^(（一）予以公开 \| )4( \| 1 \| 0 \| 0 \| 0 \| 0 \| )5/m, '$15$26');

  test('editing the older report (open, unsaved) updates the newer report’s diagnostics', async () => {
    await client.open(uri2021, 'nianbao', y2021, 1);
    assert.notEqual(fixed2021, y2021);
    const mark = client.mark();
    await client.change(uri2021, 2, [{ text: fixed2021 }]);
    const p = await client.waitForDiagnostics(uri2022, (x) => !x.diagnostics.some((d) => d.code === 'cross-year' && d.severity === 1), 5000, mark);
    assert.equal(p.diagnostics.filter((d) => d.code === 'cross-year').length, 1); // only table 二's 现行有效件数 warning remains
  });

  test('rewriting the older report’s prose (open, unsaved) updates the newer report’s text-reuse warning', async () => {
    // The two years' part 一 is the same text (year aside): the newer one is warned about.
    await client.waitForDiagnostics(uri2022, (x) => x.diagnostics.some((d) => d.code === 'text-reuse'), 5000);
    const [overview] = fixed2021.match(/^2021年，本区认真贯彻落实.*$/m)!;
    const rewritten = fixed2021.replace(overview, '2021年，本区围绕法治政府建设要求逐项梳理公开目录，完善依申请公开办理流程，开展政务公开业务培训三次，群众满意度明显提升，考核结果按时公开。');
    const mark = client.mark();
    await client.change(uri2021, 3, [{ text: rewritten }]);
    const p = await client.waitForDiagnostics(uri2022, (x) => !x.diagnostics.some((d) => d.code === 'text-reuse'), 5000, mark);
    assert.equal(p.diagnostics.filter((d) => d.code === 'cross-year').length, 1); // the tables' findings as they were
  });

  test('「检查工作区内全部年报」 publishes diagnostics for reports that are not open', async () => {
    const mark = client.mark();
    const r = await client.request<{ files: number }>('workspace/executeCommand', { command: 'nianbao.server.checkWorkspace', arguments: [] });
    assert.equal(r.files, 1); // the two 示例区 reports are open
    const other = pathToFileURL(path.join(dir, '其他单位2022年度报告.txt')).toString();
    await client.waitForDiagnostics(other, () => true, 5000, mark);
  });

  test('trends of the body: one row per year with links, and an SVG chart', async () => {
    const t = await client.request<{ body: string; rows: { year: number; received: { value: number; location: string } }[]; svg: string }>('nianbao/trends', { uri: uri2022 });
    assert.equal(t.body, '示例区');
    assert.deepEqual(t.rows.map((r) => r.year), [2021, 2022]);
    assert.equal(t.rows[1].received.value, 11);
    assert.equal(t.rows[0].received.location, uri2021);
    assert.match(t.svg, /^<svg[^>]*>.*<polyline.*<\/svg>$/s);
  });

  test('a file changed on disk is re-indexed (workspace/didChangeWatchedFiles)', async () => {
    const f2020 = path.join(dir, '示例区2020年政府信息公开工作年度报告.txt');
    writeFileSync(f2020, render(defaultSpec({ year: 2020, shape: 'single-other' }), 'pipe'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(f2020).toString(), type: 1 }] });
    for (let i = 0; i < 50; i++) {
      const t = await client.request<{ rows: { year: number }[] }>('nianbao/trends', { uri: uri2022 });
      if (t.rows.length === 3) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail('the 2020 report was not indexed');
  });
});

describe('the index honours files.exclude and skips what is not a report', () => {
  test('an excluded folder and a note are not indexed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-ex-'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'archive'));
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, '示例区2022年政府信息公开工作年度报告.txt'), render(defaultSpec({ year: 2022 }), 'pipe'));
    writeFileSync(path.join(dir, 'archive', '示例区2021年政府信息公开工作年度报告.txt'), render(defaultSpec({ year: 2021 }), 'pipe'));
    writeFileSync(path.join(dir, 'node_modules', '示例区2020年度报告.txt'), render(defaultSpec({ year: 2020 }), 'pipe'));
    writeFileSync(path.join(dir, 'notes.md'), '# 会议记录\n\n今天讨论了网站改版。\n');
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()], filesExclude: { '**/archive': true } });
    try {
      const stats = await client.request<{ reports: number; files: number }>('nianbao/indexStats', {});
      assert.deepEqual([stats.reports, stats.files], [1, 2]);
    } finally {
      await client.shutdown();
    }
  });
});
