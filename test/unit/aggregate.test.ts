// The `aggregate` rule and the roster (.nianbao.jsonc's `aggregations` and `roster`) through the
// CLI: a generated county report and its departments' (test/support/aggregate.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { aggregateFolder, PARTS } from '../support/aggregate';
import { defaultSpec, render } from '../support/generate';
import { check, yearFacts } from '../../server/src/engine';
import { sameForAggregate, sameForNextYear } from '../../server/src/workspace';
import { cli } from '../support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'nianbao-aggregate-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => path.join(root, String(n++));

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  cell?: { table: string; row: string; column: number };
  expected?: number;
  actual?: number;
  related?: { message: string; file?: string }[];
}

async function json(dir: string) {
  const r = await cli(['check', '--format', 'json', dir]);
  const out = JSON.parse(r.stdout) as { files: { path: string; diagnostics: JsonFinding[] }[]; missing?: { year: number; body: string; config: string }[] };
  const aggregate = (file: string) => out.files.find((f) => f.path === file)!.diagnostics.filter((f) => f.code === 'aggregate');
  return { out, aggregate, code: r.code };
}

describe('aggregate', () => {
  test('an aggregate that is the sum of its parts holds: no finding, and nothing else breaks', async () => {
    const dir = folder();
    const { aggregate } = aggregateFolder(dir);
    const r = await json(dir);
    assert.deepEqual(r.aggregate(aggregate), []);
    assert.equal(r.out.files.length, 4);
    assert.equal(r.out.missing, undefined);
  });

  test('one cell off: one error on that cell, naming the sum, the difference and each part', async () => {
    const dir = folder();
    const { aggregate, parts } = aggregateFolder(dir, { offBy: { row: 'granted', column: 1, by: 2 } });
    const r = await json(dir);
    const f = r.aggregate(aggregate);
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.equal(f[0].severity, 'error');
    assert.deepEqual(f[0].cell, { table: 'applications', row: 'granted', column: 1 });
    // The parts have 1, 2 and 3 in that cell: 6; the aggregate writes 8.
    assert.equal(f[0].expected, 6);
    assert.equal(f[0].actual, 8);
    assert.match(f[0].message, /汇总报告填 8，3 个被汇总单位之和为 6（相差 2）/);
    for (const body of PARTS) assert.ok(f[0].message.includes(body), f[0].message);
    assert.equal(f[0].related?.length, 3);
    for (const p of r.aggregate(parts[0])) assert.fail(`a part has an aggregate finding: ${p.message}`);
  });

  test('a part missing: one warning listing it, and no cell compared', async () => {
    const dir = folder();
    const { aggregate } = aggregateFolder(dir, { drop: [1], offBy: { row: 'granted', column: 1, by: 2 } });
    const f = (await json(dir)).aggregate(aggregate);
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, new RegExp(`${PARTS[1]}`));
    assert.match(f[0].message, /合计不完整/);
  });

  test('a cell a part left blank is not assessable', async () => {
    const dir = folder();
    const { aggregate } = aggregateFolder(dir, { blank: { part: 0, row: 'partial', column: 0 }, offBy: { row: 'partial', column: 0, by: 1 } });
    assert.deepEqual((await json(dir)).aggregate(aggregate), []);
  });

  test('English messages', async () => {
    const dir = folder();
    const { aggregate } = aggregateFolder(dir, { offBy: { row: 'granted', column: 1, by: 2 } });
    const r = await cli(['check', '--locale', 'en', dir]);
    const line = r.stdout.split('\n').find((l) => l.includes('[aggregate]'))!;
    assert.ok(line.startsWith(aggregate + ':'), line);
    assert.match(line, /the aggregate report has 8, the sum of its 3 parts is 6 \(off by 2\)/);
  });
});

describe('roster', () => {
  const roster = { '2023': [...PARTS, '示例县农业农村局'], '2022': ['示例县教育局'] };

  test('units without a report: a text line each, and `missing` in the JSON', async () => {
    const dir = folder();
    aggregateFolder(dir, { roster });
    const config = path.join(dir, '.nianbao.jsonc');
    const text = await cli(['check', dir]);
    const lines = text.stdout.split('\n').filter((l) => l.includes('未报送'));
    assert.deepEqual(lines, [`${config}：2022 年度名册中的“示例县教育局”未报送年报（检查的文件中没有其报告）`, `${config}：2023 年度名册中的“示例县农业农村局”未报送年报（检查的文件中没有其报告）`]);
    const r = await json(dir);
    assert.deepEqual(r.out.missing, [
      { year: 2022, body: '示例县教育局', config },
      { year: 2023, body: '示例县农业农村局', config },
    ]);
  });

  test('a roster all report for: `missing` is empty', async () => {
    const dir = folder();
    aggregateFolder(dir, { roster: { '2023': PARTS } });
    assert.deepEqual((await json(dir)).out.missing, []);
  });

  test('summary: a sheet 未报送 (year, body, configuration file)', async () => {
    const dir = folder();
    aggregateFolder(dir, { roster });
    const out = path.join(root, `summary-${n}.xlsx`);
    const r = await cli(['summary', dir, '--xlsx', out]);
    assert.notEqual(r.code, 2, r.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('未报送');
    assert.ok(ws, wb.worksheets.map((w) => w.name).join(', '));
    const rows = (ws!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    const config = path.join(dir, '.nianbao.jsonc');
    assert.deepEqual(rows, [
      ['年度', '机关', '配置文件'],
      [2022, '示例县教育局', config],
      [2023, '示例县农业农村局', config],
    ]);
  });

  test('summary without a roster has no such sheet', async () => {
    const dir = folder();
    aggregateFolder(dir);
    const out = path.join(root, `summary-${n}.xlsx`);
    await cli(['summary', dir, '--xlsx', out]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    assert.equal(wb.getWorksheet('未报送'), undefined);
  });
});

describe('which changes of a report re-check the open reports that read it (the editor, features/workspace.ts)', () => {
  const facts = (text: string) => {
    const r = check(text, { locale: 'zh-cn' });
    return yearFacts(r.model, 'file:///part.txt', r.identity);
  };
  const text = render(defaultSpec({ year: 2023 }), 'pipe');
  const own = facts(text);

  test('the same text: neither the aggregate nor next year’s report', () => {
    const again = facts(text);
    assert.notEqual(again, own);
    assert.ok(sameForAggregate(own, again));
    assert.ok(sameForNextYear(own, again));
  });

  test('a cell of table 三 other than 结转下年度: the aggregate only', () => {
    const changed = facts(text.replace('（一）予以公开 | 4 |', '（一）予以公开 | 5 |'));
    assert.ok(!sameForAggregate(own, changed));
    assert.ok(sameForNextYear(own, changed));
  });

  test('a line added above the tables: the aggregate too (its related locations are the parts’ cells)', () => {
    const moved = text.replace('一、总体情况\n', '一、总体情况\n\n');
    assert.notEqual(moved, text);
    assert.ok(!sameForAggregate(own, facts(moved)));
  });

  test('the prose rewritten on the same lines: next year’s report only (text-reuse)', () => {
    const rewritten = text.replace(/^2023年，本区认真贯彻落实.*$/m, '2023年，本区围绕法治政府建设要求逐项梳理公开目录，完善依申请公开办理流程，开展政务公开业务培训三次。');
    assert.notEqual(rewritten, text);
    assert.ok(sameForAggregate(own, facts(rewritten)));
    assert.ok(!sameForNextYear(own, facts(rewritten)));
  });
});
