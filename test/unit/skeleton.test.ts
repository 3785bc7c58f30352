// `nianbao new`: this year's report skeleton from last year's (engine/skeleton.ts), and the
// template layout it and the table view share (engine/tableLayout.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/run';
import { APPEALS, APPLICATIONS, check, gridLayout, identifyReport, parse, reportSkeleton, type ReportModel } from '../../server/src/engine';
import { templateInForce } from '../../server/src/engine/templates';
import { REPO, SEED } from '../support/paths';

const FIXTURES = path.join(REPO, 'test', 'e2e', 'fixtures');
const SAMPLES = path.join(REPO, 'test', 'samples');
const SOURCES = [
  { name: '2021 → 2022 (2021 template)', file: path.join(FIXTURES, '示例区2021年政府信息公开工作年度报告.txt'), year: null },
  { name: '2019 → 2020 (2019 template, 23-row table 三)', file: path.join(SAMPLES, '示例镇2019年政府信息公开工作年度报告.txt'), year: null },
  { name: 'seed 000, 2020 → 2021 (the template changes)', file: SEED.s000, year: null },
  { name: '2022 → 2023', file: path.join(SAMPLES, '示例县2022年政府信息公开工作年度报告.txt'), year: 2023 },
];

/** Every value cell the model read, with whether it is blank. */
function valueCells(m: ReportModel): { start: number; blank: boolean }[] {
  const out: { start: number; blank: boolean }[] = [];
  for (const t of [m.applications, m.appeals]) for (const r of t?.rows.values() ?? []) for (const c of r.cells) out.push({ start: c.source?.start ?? -1, blank: c.value.kind === 'blank' });
  for (const r of m.disclosure?.rows ?? []) for (const c of r.cells) out.push({ start: c.cell.source?.start ?? -1, blank: c.cell.value.kind === 'blank' });
  return out;
}

const IDENTITY_RULES = new Set([...APPLICATIONS.identities, ...APPEALS.identities].map((i) => i.rule as string));

describe('report skeleton from last year', () => {
  for (const src of SOURCES) {
    test(`${src.name}: checks clean but for its blank cells, one blank-cell finding each; 上年结转 = last year's 结转下年度`, () => {
      const lastText = readFileSync(src.file, 'utf8');
      const last = parse(lastText);
      const s = reportSkeleton(last, identifyReport(lastText).body, src.year);
      assert.ok(s);
      const year = src.year ?? last.year! + 1;
      assert.equal(s.year, year);
      const template = templateInForce(year)!;
      const r = check(s.text, { locale: 'en' });
      const m = r.model;
      assert.equal(m.year, year);
      assert.equal(m.template, template.id);
      assert.ok(m.applications && m.appeals && m.disclosure, 'tables 二, 三 and 四 read');
      assert.deepEqual(m.applications.unread, [], 'every row of table 三 read');
      assert.equal(m.applications.shape, template.applications.shape);
      assert.equal(m.applications.rows.size, APPLICATIONS.rows.filter((x) => !x.shape || x.shape === template.applications.shape).length);
      assert.equal(m.appeals.rows.size, 3);
      assert.deepEqual(
        m.disclosure.rows.map((x) => `${x.item}:${x.key}`),
        template.disclosure.groups.flatMap((g) => g.rows.map((x) => `${g.item}:${x.key}`)),
      );
      // 上年结转 carried from 结转下年度; 现行有效件数 from last year's; every other cell blank.
      const forward = last.applications!.rows.get('forward')!.cells.map((c) => c.value.value);
      assert.deepEqual(m.applications.rows.get('carried')!.cells.map((c) => c.value.value), forward);
      for (const row of m.disclosure.rows)
        for (const c of row.cells) {
          const stock = template.stock.some((x) => x.item === row.item && x.stock === c.column);
          const before = last.disclosure?.rows.find((x) => x.item === row.item && x.key === row.key)?.cells.find((x) => x.column === c.column)?.cell.value.value ?? null;
          assert.equal(c.cell.value.value, stock ? before : null, `${row.item} ${row.key} ${c.column}`);
        }
      const cells = valueCells(m);
      const blanks = cells.filter((c) => c.blank);
      assert.ok(blanks.every((c) => c.start >= 0), 'every cell written');
      assert.equal(blanks.length, cells.length - 7 - (template.stock.length ? 2 : 0));
      // The findings: exactly one blank-cell per blank cell; nothing else but what blanks and
      // the parts left to write imply (identities not assessable, part-content).
      const blankFindings = r.findings.filter((f) => f.code === 'blank-cell');
      assert.deepEqual(blankFindings.map((f) => f.start).sort((a, b) => a - b), blanks.map((c) => c.start).sort((a, b) => a - b));
      const others = r.findings.filter((f) => f.code !== 'blank-cell');
      assert.deepEqual(others.filter((f) => f.severity === 'error'), []);
      for (const f of others) {
        if (IDENTITY_RULES.has(f.code)) assert.equal(f.severity, 'information', f.message);
        else assert.equal(f.code, 'part-content', f.message);
      }
    });
  }

  test('no year in last year\'s report and none given: no skeleton', () => {
    assert.equal(reportSkeleton(parse('一、总体情况\n无。\n'), null), null);
  });

  test('`nianbao new --from FILE -o OUT` writes the skeleton; stdout without -o; a bad --year is a usage error', async () => {
    const file = SOURCES[0].file;
    const text = readFileSync(file, 'utf8');
    const expected = reportSkeleton(parse(text), identifyReport(text, file).body)!.text;
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-new-')), 'new.txt');
    let stdout = '';
    let stderr = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s) };
    assert.equal(await runCli(['new', '--from', file, '-o', out], io), 0);
    assert.equal(readFileSync(out, 'utf8'), expected);
    assert.equal(await runCli(['new', '--from', file], io), 0);
    assert.equal(stdout, expected);
    assert.equal(await runCli(['new', '--from', file, '--year', 'next'], io), 2);
    assert.match(stderr, /not a year/);
  });
});

describe('template layout of tables 三 and 四', () => {
  // The header cells as the fixtures (test/support/generate.ts) write them, in reading order.
  const fixture = readFileSync(SOURCES[0].file, 'utf8').split('\n');
  const headerOf = (first: string) => fixture.find((l) => l.startsWith(first))!.replace(/ \| \|\|\|\|$/, '').split(' | ');

  test('table 三: 申请人情况 over 自然人, 法人或其他组织 (over its five kinds) and 总计; labels spanning their groups', () => {
    const l = gridLayout(APPLICATIONS, 'split-other');
    assert.deepEqual(l.header.flat().map((c) => c.text), headerOf('（本列数据'));
    assert.deepEqual(l.header.map((row) => row.map((c) => [c.colspan, c.rowspan])), [[[3, 3], [7, 1]], [[1, 2], [5, 1], [1, 2]], [[1, 1], [1, 1], [1, 1], [1, 1], [1, 1]]]);
    assert.equal(l.labelColumns, 3);
    const denied1 = l.body.find((r) => r.row === 'denied.1')!;
    assert.deepEqual(denied1.labels.map((c) => [c.text, c.colspan, c.rowspan]), [['（三）不予公开', 1, 8], ['1.属于国家秘密', 1, 1]]);
    const granted = l.body.find((r) => r.row === 'granted')!;
    assert.deepEqual(granted.labels.map((c) => [c.text, c.colspan, c.rowspan]), [['三、本年度办理结果', 1, 22], ['（一）予以公开', 2, 1]]);
    assert.deepEqual(l.body.find((r) => r.row === 'new')!.labels.map((c) => c.colspan), [3]);
  });

  test('table 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉) over their five columns, one row of 15 values', () => {
    const l = gridLayout(APPEALS, 'n/a');
    assert.deepEqual(l.header.flat().map((c) => c.text), [...headerOf('行政复议'), '总计']);
    assert.deepEqual(l.header[0].map((c) => [c.text, c.colspan]), [['行政复议', 5], ['行政诉讼', 10]]);
    assert.equal(l.labelColumns, 0);
    assert.equal(l.body.length, 1);
    assert.deepEqual(l.body[0].values.slice(5, 7), [{ row: 'litigationDirect', column: 0 }, { row: 'litigationDirect', column: 1 }]);
  });
});
