// The table view's request (nianbao/tableView) and the new-report request (nianbao/newReport).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { NewReportResult, TableViewCell, TableViewData } from '../../server/src/protocol';
import { defaultSpec, render } from '../support/generate';
import { LspTestClient } from './lsp-client';

const SEED_000 = readFileSync(path.resolve(__dirname, '../../../../shared/seeds/000_38967d40d03fbadc.txt'), 'utf8');

describe('table view over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => client.shutdown());

  const open = async (name: string, text: string) => {
    const uri = `file:///work/${name}`;
    await client.open(uri, 'nianbao', text, 1);
    await client.waitForDiagnostics(uri, () => true, 5000);
    return uri;
  };
  const cells = (v: TableViewData, id: string) => v.tables.find((t) => t.id === id)!.grids.flatMap((g) => g.rows.flat());

  test('a broken report: the culprit cells marked with the value they should hold, their identities coloured', async () => {
    // Seed 000: table 三's （七）总计 row is 0 where its parts sum to 5 (自然人 and 总计).
    const uri = await open('tv-broken.nianbao', SEED_000);
    const v = await client.request<TableViewData>('nianbao/tableView', { uri });
    assert.equal(v.version, 1);
    assert.deepEqual(v.tables.map((t) => t.id), ['disclosure', 'applications', 'appeals']);
    const grid = v.tables[1].grids[0];
    // The header as the template merges it: the corner, then 申请人情况 over seven columns.
    assert.deepEqual(grid.rows[0].map((c) => [c.text.slice(0, 5), c.colspan]), [['（本列数据', 3], ['申请人情况', 7]]);
    assert.deepEqual(grid.rows[1].map((c) => c.text), ['自然人', '法人或其他组织', '总计']);
    const culprits = cells(v, 'applications').filter((c) => c.culprit);
    assert.deepEqual(culprits.map((c) => [c.text, c.expected]), [['0', 5], ['0', 5]]);
    const totalRow = grid.rows.find((r) => r.some((c) => c.text === '（七）总计'))!;
    assert.deepEqual(totalRow.filter((c) => c.culprit).map((c) => totalRow.indexOf(c)), [1, 7]);
    // The cell's place in the document, for a click to reveal it.
    const lines = SEED_000.split('\n');
    const c = culprits[0].range!;
    assert.equal(lines[c.start.line].slice(c.start.character, c.end.character), '0');
    assert.ok(cells(v, 'applications').filter((x) => x.broken && !x.culprit).length > 2, 'the other cells of the broken identities');
    // Table 四: 行政复议 and 行政诉讼 over their columns.
    const appeals = v.tables[2].grids[0];
    assert.deepEqual(appeals.rows[0].map((x) => [x.text, x.colspan]), [['行政复议', 5], ['行政诉讼', 10]]);
    assert.equal(appeals.rows[appeals.headerRows].length, 15);
  });

  test('blank, 0 and "/" distinct; an edit gives the new version\'s view', async () => {
    const spec = defaultSpec();
    spec.applications.new = ['', 1, 0, 0, 1, 0, 2];
    const uri = await open('tv-blank.nianbao', render(spec, 'pipe'));
    const v = await client.request<TableViewData>('nianbao/tableView', { uri });
    const row = v.tables.find((t) => t.id === 'applications')!.grids[0].rows.find((r) => r[0].text.startsWith('一、'))!;
    assert.deepEqual(row.slice(1, 3).map((c: TableViewCell) => c.state), ['blank', 'number']);
    assert.equal(row[3].state, 'zero');
    assert.equal(row[1].text, '');
    assert.ok(row[1].range, 'a blank has the place its value goes');
    await client.change(uri, 2, [{ text: render({ ...spec, applications: { ...spec.applications, new: ['/', 1, 0, 0, 1, 0, 2] } }, 'pipe') }]);
    const w = await client.request<TableViewData>('nianbao/tableView', { uri });
    assert.equal(w.version, 2);
    const row2 = w.tables.find((t) => t.id === 'applications')!.grids[0].rows.find((r) => r[0].text.startsWith('一、'))!;
    assert.deepEqual([row2[1].state, row2[1].text], ['marker', '/']);
  });

  test('new report: the skeleton of next year from the open report', async () => {
    const uri = await open('示例区2021年政府信息公开工作年度报告.txt', render(defaultSpec({ year: 2021 }), 'pipe'));
    const r = await client.request<NewReportResult>('nianbao/newReport', { uri });
    assert.equal(r.year, 2022);
    assert.equal(r.fileName, '示例区2022年政府信息公开工作年度报告.txt');
    assert.match(r.text, /^示例区2022年政府信息公开工作年度报告\n/);
  });
});
