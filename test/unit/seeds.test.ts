// The five real reports against the ground truth of REPORT-FORMAT.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { applyEdits, fixAllEdits } from '../../server/src/engine';
import { SEED } from '../support/paths';
import { codes, errors, run, values } from '../support/util';

const read = (p: string) => readFileSync(p, 'utf8');
const z = [0, 0, 0, 0, 0, 0, 0];
const one = (n: number) => [n, 0, 0, 0, 0, 0, n];
const ROWS_2019 = ['new', 'carried', 'granted', 'partial', ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `denied.${n}`), 'unable.1', 'unable.2', 'unable.3', ...[1, 2, 3, 4, 5].map((n) => `ignored.${n}`), 'other', 'total', 'forward'];
const ROWS_2021 = ROWS_2019.filter((r) => r !== 'other').flatMap((r) => (r === 'total' ? ['other.1', 'other.2', 'other.3', 'total'] : [r]));

function expectTable(text: string, rows: string[], nonZero: Record<string, (number | null)[]>, appeals: number[][]) {
  const { model } = run(text);
  assert.deepEqual([...model.applications!.rows.keys()], rows);
  for (const r of rows) assert.deepEqual(values(model.applications, r), nonZero[r] ?? z, r);
  assert.deepEqual(['review', 'litigationDirect', 'litigationAfterReview'].map((r) => values(model.appeals, r)), appeals);
}

describe('seed 000 (2020, 2019 template, pipe rows)', () => {
  const text = read(SEED.s000);
  test('tables as printed', () => {
    expectTable(text, ROWS_2019, { new: one(5), granted: one(4), 'unable.1': one(1) }, [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  });
  test('carry-over and results-total errors on the two （七）总计 cells, expected 5, preferred fix writes 5 there', () => {
    const r = run(text);
    const e = errors(r.findings);
    assert.deepEqual(codes(e), ['carry-over', 'carry-over', 'results-total', 'results-total']);
    for (const f of e) {
      assert.equal(f.cell?.row, 'total');
      assert.ok(f.cell?.column === 0 || f.cell?.column === 6);
      assert.equal(f.expected, 5);
      assert.equal(f.actual, 0);
      assert.equal(text.slice(f.start, f.end), '0');
      assert.equal(text.split('\n')[text.slice(0, f.start).split('\n').length - 1].startsWith('(七)总计'), true);
      const fix = f.fixes.find((x) => x.preferred)!;
      assert.deepEqual(fix.edits, [{ start: f.start, end: f.end, newText: '5' }]);
      assert.ok(f.related.length > 0);
    }
    assert.match(e[0].message, /一 5 \+ 二 0 = 5/);
  });
  test('the glued 0 in 3.危及… is an extra value; no other warning', () => {
    const r = run(text);
    assert.deepEqual(codes(r.findings, 'warning'), ['extra-value']);
  });
  test('fix-all leaves no arithmetic error', () => {
    const r = run(text);
    assert.deepEqual(errors(run(applyEdits(text, fixAllEdits(r.findings))).findings), []);
  });
});

describe('seed 001 (2020, one cell per tab-indented line, blanks)', () => {
  const text = read(SEED.s001);
  const b = null;
  test('tables as printed, blanks as null', () => {
    expectTable(
      text,
      ROWS_2019,
      { new: one(22), carried: [0, 0, 0, 0, 0, 0, b], granted: one(22), total: [22, b, b, b, b, b, 22], forward: [0, b, b, b, b, b, 0] },
      [[1, 0, 0, 0, 1], [11, 0, 5, 0, 16], [0, 0, 0, 0, 0]],
    );
  });
  test('no error; blank cells warned (二 总计, （七） and 四 for the five 法人 columns, table 二 本年增/减)', () => {
    const r = run(text);
    assert.deepEqual(errors(r.findings), []);
    const blanks = r.findings.filter((f) => f.code === 'blank-cell');
    assert.equal(blanks.length, 12);
    assert.ok(blanks.some((f) => f.cell?.table === 'disclosure'));
  });
});

describe('seed 002 (2017, legacy statistics table)', () => {
  test('parses without crash or false error', () => {
    const r = run(read(SEED.s002));
    assert.equal(r.model.template, 'legacy');
    assert.equal(r.model.year, 2017);
    assert.deepEqual(errors(r.findings), []);
    assert.deepEqual(r.failures, []);
  });
});

describe('seed 003 (2019, one cell per line, header repeated, enumerators lost)', () => {
  const text = read(SEED.s003);
  test('tables as printed', () => {
    expectTable(text, ROWS_2019, { new: one(9), carried: one(2), granted: one(4), 'denied.8': one(2), 'ignored.1': one(5), total: one(11) }, [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  });
  test('consistent: no error, no warning', () => {
    const r = run(text);
    assert.deepEqual(codes(r.findings, 'error'), []);
    assert.deepEqual(codes(r.findings, 'warning'), []);
  });
});

describe('seed 004 (2022, 2021 template, pipe cells split over lines)', () => {
  const text = read(SEED.s004);
  test('tables as printed', () => {
    expectTable(text, ROWS_2021, { new: one(1), carried: one(1), granted: one(2), total: one(2) }, [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  });
  test('consistent: no error, no warning; template 2021 detected', () => {
    const r = run(text);
    assert.equal(r.model.template, '2021');
    assert.equal(r.model.year, 2022);
    assert.deepEqual(codes(r.findings, 'error'), []);
    assert.deepEqual(codes(r.findings, 'warning'), []);
  });
});
