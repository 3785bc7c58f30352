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
  test('carry-over and results-total errors on the two （七）总计 cells, expected 5, preferred fix writes 5 into both', () => {
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
      assert.equal(fix.edits.length, 2);
      assert.ok(fix.edits.every((x) => x.newText === '5' && text.slice(x.start, x.end) === '0'));
      assert.ok(fix.edits.some((x) => x.start === f.start && x.end === f.end));
      assert.ok(f.related.length > 0);
    }
    assert.match(e[0].message, /一 5 \+ 二 0 = 5/);
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
});

describe('seed 004 (2022, 2021 template, pipe cells split over lines)', () => {
  const text = read(SEED.s004);
  test('tables as printed', () => {
    expectTable(text, ROWS_2021, { new: one(1), carried: one(1), granted: one(2), total: one(2) }, [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
  });
  test('template 2021 and year 2022 detected', () => {
    const r = run(text);
    assert.equal(r.model.template, '2021');
    assert.equal(r.model.year, 2022);
  });
});

// ------------------------------------------------------------------ the ground-truth table

/** Every finding at warning level or above, as `code @ text under its range`. */
const GROUND_TRUTH: Record<keyof typeof SEED, string[]> = {
  s000: [
    'extra-value @ 0', // the glued 0 in row 3.危及“三安全一稳定”
    'carry-over @ 0',
    'results-total @ 0',
    'carry-over @ 0',
    'results-total @ 0',
    'structure @ 收到和处理政府信息公开申请情况', // part 四 carries part 三's name
  ],
  s001: [
    'structure @ 2、', // part two headed `2、`
    ...Array(12).fill('blank-cell @ \t'), // 二 总计; （七） and 四 for the five 法人 columns; 本年增/减 in 二
  ],
  s002: [
    'structure @ 高新區高度重視政務公開工作,堅持分管領帶具體抓、辦公室綜合協調、各部門共同配合發力,做到了領導、機構、人員“三位一體”。在開展政務公開工作時,高新區嚴格遵從《信息公開條例》,堅持以制度為抓手,深化公開范圍,細化公開內容,著力使政務公開工作走向制度化,科學化,規范化。一是嚴格落實黨務政務公開制度,公開內容充實豐富,大力推進網上辦事,強化行政權力運行的網上監督。二是大力推進信息公開標準化建設,不斷提升信息公開水平;',
    'prose-mismatch @ 2', // 受理…依申请公开2件, table 收到申请数 0
    'structure @ 2017年,高新區共受理信函、書面依申請公開2件。全年度未被提起行政復議、行政訴訟。',
    'date @ 2017年2月11日',
    'date @ 2017年1月11日',
  ],
  s003: [
    'structure @ 二、依申请公开情况', // a seventh part
    'prose-mismatch @ 4', // 当年办结4件, table （七）总计 11
  ],
  s004: [
    'prose-mismatch @ 0', // 上年结转0件, table 1
    'prose-mismatch @ 1', // 办结1件, table 2
  ],
};

describe('ground truth of REPORT-FORMAT.md: every listed finding, on the right text, and nothing else at warning or above', () => {
  for (const [seed, expected] of Object.entries(GROUND_TRUTH)) {
    test(seed, () => {
      const text = read(SEED[seed as keyof typeof SEED]);
      const r = run(text);
      const got = r.findings
        .filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => `${f.code} @ ${text.slice(f.start, f.end)}`);
      const norm = (xs: string[]) => [...xs].map((x) => (x.length > 60 ? x.slice(0, 60) : x)).sort();
      assert.deepEqual(norm(got), norm(expected));
    });
  }
});
