// One breaking and one holding case per rule.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, fixAllEdits } from '../../server/src/engine';
import { defaultSpec, render } from '../support/generate';
import { codes, errors, run, setCell } from '../support/util';

const base = () => render(defaultSpec(), 'pipe');
const clean = run(base());

function broken(row: string, column: number, value: string, text = base()) {
  const model = run(text).model;
  return run(setCell(text, model.applications!, row, column, value));
}

test('holding: a consistent report has no finding at all', () => {
  assert.deepEqual(codes(clean.findings), []);
});

describe('carry-over', () => {
  test('breaking: 四 changed in one column → carry-over (and its row-total) on that cell, preferred fix restores it', () => {
    const r = broken('forward', 0, '7');
    const e = errors(r.findings);
    assert.deepEqual(codes(e), ['carry-over', 'row-total']);
    for (const f of e) {
      assert.deepEqual(f.cell, { table: 'applications', row: 'forward', column: 0 });
      assert.equal(f.expected, 2);
      assert.equal(f.actual, 7);
      assert.equal(f.fixes.filter((x) => x.preferred).length, 1);
    }
    assert.match(e.find((f) => f.code === 'carry-over')!.message, /一 9 \+ 二 1 = 10 ≠ （七）总计 8 \+ 四 7 = 15/);
  });
});

describe('results-total', () => {
  test('breaking: a result row changed → results-total on that cell', () => {
    const r = broken('granted', 1, '3');
    const e = errors(r.findings);
    assert.deepEqual(codes(e), ['results-total', 'row-total']);
    assert.ok(e.every((f) => f.cell?.row === 'granted' && f.cell.column === 1 && f.expected === 1));
  });
  test('holding with sub-rows of （六） (2021) and with a single （六） row (2019)', () => {
    assert.deepEqual(codes(run(render(defaultSpec({ shape: 'single-other' }), 'pipe')).findings), []);
  });
});

describe('row-total', () => {
  test('breaking: the 总计 column of 一 changed → row-total and carry-over on it', () => {
    const e = errors(broken('new', 6, '12').findings);
    assert.deepEqual(codes(e), ['carry-over', 'row-total']);
    assert.ok(e.every((f) => f.cell?.row === 'new' && f.cell.column === 6 && f.expected === 11));
  });
});

describe('appeals-total', () => {
  const appealsText = (vals: number[]) => render(defaultSpec({ appeals: vals }), 'pipe');
  test('breaking with one possible repair: 行政复议 10 + 1 + 0 + 0, 总计 0 → 总计 should be 11 (preferred)', () => {
    const r = run(appealsText([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const e = errors(r.findings);
    assert.deepEqual(codes(e), ['appeals-total']);
    assert.deepEqual(e[0].cell, { table: 'appeals', row: 'review', column: 4 });
    assert.equal(e[0].expected, 11);
    assert.ok(e[0].fixes[0].preferred);
  });
  test('breaking with several repairs: all listed, none preferred', () => {
    const r = run(appealsText([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const e = errors(r.findings);
    assert.deepEqual(codes(e), ['appeals-total']);
    assert.ok(e[0].fixes.length >= 2);
    assert.ok(e[0].fixes.every((f) => !f.preferred));
    assert.match(e[0].message, /种同样小的修正方案/);
  });
  test('holding', () => {
    assert.deepEqual(codes(run(appealsText([1, 0, 0, 0, 1, 2, 1, 0, 0, 3, 0, 0, 0, 0, 0])).findings), []);
  });
});

describe('blank-cell and unassessable identities', () => {
  test('a short row in a layout without blanks: warned on the label, no fix invented', () => {
    const full = render(defaultSpec(), 'plain');
    const text = full.replace(/\n\n2\n四、政府信息公开行政复议/, '\n四、政府信息公开行政复议');
    assert.notEqual(text, full);
    const r = run(text);
    const f = r.findings.find((x) => x.code === 'blank-cell')!;
    assert.ok(f, 'blank-cell finding');
    assert.match(f.message, /少了 1 个数值/);
    assert.equal(text.slice(f.start, f.end), '四、结转下年度继续办理');
    assert.deepEqual(codes(r.findings, 'error'), []);
  });
});

describe('bad-value', () => {
  test('text, negative and fractional counts', () => {
    assert.deepEqual(
      run(setCell(base(), clean.model.applications!, 'partial', 2, '五')).findings.filter((f) => f.code === 'bad-value').map((f) => f.severity),
      ['warning'],
    );
    const neg = broken('ignored.3', 0, '-1').findings.filter((f) => f.code === 'bad-value');
    assert.equal(neg[0].severity, 'error');
    const frac = broken('ignored.3', 0, '0.5').findings.filter((f) => f.code === 'bad-value');
    assert.match(frac[0].message, /整数/);
  });
  test('holding: signed changes and amounts are valid in table 二', () => {
    assert.equal(run(render(defaultSpec({ shape: 'single-other' }), 'pipe')).findings.filter((f) => f.code === 'bad-value').length, 0);
  });
});

describe('extra-value', () => {
  test('a number glued to a label: warning, preferred fix removes exactly it', () => {
    const text = base().replace('3.危及“三安全一稳定” |', '3.危及“三安全一稳定”0 |');
    const r = run(text);
    const f = r.findings.find((x) => x.code === 'extra-value')!;
    assert.equal(f.severity, 'warning');
    assert.equal(text.slice(f.start, f.end), '0');
    assert.ok(f.fixes[0].preferred);
    assert.equal(applyEdits(text, f.fixes[0].edits), base());
  });
  test('an eighth value in a pipe row', () => {
    const text = base().replace(/(四、结转下年度继续办理 \| (?:\d+ \| ){7})/, '$19 | ');
    const r = run(text);
    assert.deepEqual(codes(r.findings), ['extra-value']);
  });
});

describe('template-mismatch', () => {
  test('a 2022 report on the 2019 table 二 → warning', () => {
    const r = run(render(defaultSpec({ shape: 'single-other', year: 2022 }), 'pipe'));
    assert.deepEqual(codes(r.findings, 'warning'), ['template-mismatch']);
  });
  test('a 2020 report on the 2021 table 二 → warning', () => {
    const r = run(render(defaultSpec({ year: 2020 }), 'pipe'));
    assert.ok(codes(r.findings, 'warning').includes('template-mismatch'));
  });
  test('23-row table 三 beside a 2021 table 二: noted, not an error or warning', () => {
    const spec = defaultSpec({ shape: 'single-other', year: 2023, disclosure: '2021' });
    const r = run(render(spec, 'pipe'));
    assert.deepEqual(codes(r.findings), ['template-mismatch']);
    assert.equal(r.findings[0].severity, 'information');
  });
});

describe('published-total (2019 table 二)', () => {
  test('本年新公开数量 > 对外公开总数量 → error', () => {
    const text = render(defaultSpec({ shape: 'single-other' }), 'pipe').replace('规范性文件 | 3 | 3 | 7', '规范性文件 | 3 | 9 | 7');
    assert.deepEqual(codes(run(text).findings), ['published-total']);
  });
});

describe('fix-all', () => {
  test('applies only preferred fixes and restores the text byte for byte', () => {
    const text = setCell(base(), clean.model.applications!, 'unable.1', 4, '6');
    const r = run(text);
    assert.ok(errors(r.findings).length > 0);
    assert.equal(applyEdits(text, fixAllEdits(r.findings)), base());
  });
});

describe('messages', () => {
  test('English on request', () => {
    const r = run(setCell(base(), clean.model.applications!, 'forward', 0, '7'), { locale: 'en' });
    assert.match(errors(r.findings)[0].message, /does not hold/);
  });
  test('rules can be turned off or given another severity', () => {
    const text = setCell(base(), clean.model.applications!, 'forward', 0, '7');
    assert.deepEqual(codes(run(text, { rules: { 'row-total': 'off' } }).findings), ['carry-over']);
    assert.deepEqual(codes(run(text, { rules: { 'carry-over': 'warning' } }).findings, 'warning'), ['carry-over']);
  });
});
