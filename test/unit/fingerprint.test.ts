// Baseline fingerprints (engine/fingerprint.ts): stable under edits elsewhere in the
// report, changed by a change of the values involved or of the cell.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyBaseline, baselineEntry, check, fingerprint, fingerprintContext, fingerprintKey, matchBaseline, updateBaseline, type BaselineEntry, type CheckResult } from '../../server/src/engine';
import { defaultSpec, render } from '../support/generate';

// 一·总计 written 12 instead of 11: row-total on 一, carry-over in the 总计 column.
const BASE = render(defaultSpec({ year: 2022 }), 'pipe');
const BROKEN = BASE.replace(/^(一、本年新收政府信息公开申请数量 \| 9 \| 1 \| 0 \| 0 \| 1 \| 0 \| )11/m, '$112');

function reviewAll(r: CheckResult, why = '口径不同'): BaselineEntry[] {
  const ctx = fingerprintContext(r);
  return r.findings.map((f) => baselineEntry(fingerprint(f, ctx), 'tester', why, '2026-12-02T00:00:00Z'));
}

const keys = (r: CheckResult) => r.findings.map((f) => fingerprintKey(fingerprint(f, fingerprintContext(r)))).sort();

describe('fingerprints', () => {
  test('the broken report has the findings the tests rely on', () => {
    assert.notEqual(BROKEN, BASE);
    const r = check(BROKEN);
    assert.ok(r.findings.some((f) => f.code === 'row-total'));
    const fp = fingerprint(r.findings.find((f) => f.code === 'row-total')!, fingerprintContext(r));
    assert.deepEqual(fp.cell, { table: 'applications', row: 'new', column: '总计' });
    assert.equal(fp.body, '示例区');
    assert.equal(fp.year, 2022);
    assert.equal(fp.values[0], '12');
    assert.equal(fp.actual, 12);
    assert.equal(fp.expected, 11);
  });

  test('edits elsewhere (prose added above the table, a paragraph rewritten, line breaks) leave every fingerprint as it was', () => {
    const before = check(BROKEN);
    const edited = BROKEN.replace('一、总体情况\n', '一、总体情况\n今年新增了一段很长的说明文字，用来移动后面所有内容的位置。\n\n')
      .replace('一是公开意识有待进一步提高。', '一是公开意识和业务能力都有待进一步提高。')
      .replace(/\n/g, '\r\n');
    const after = check(edited);
    assert.deepEqual(keys(after), keys(before));
    // …and a baseline of the first matches every finding of the second.
    const m = applyBaseline(after, reviewAll(before));
    assert.deepEqual(m.findings, []);
    assert.equal(m.baselined.length, before.findings.length);
    assert.ok(m.baselined.every((f) => f.suppression?.kind === 'baseline' && f.suppression.reason === '口径不同'));
  });

  test('a changed value brings the finding back', () => {
    const entries = reviewAll(check(BROKEN));
    const changed = check(BROKEN.replace(/^(一、本年新收政府信息公开申请数量 \| 9 \| 1 \| 0 \| 0 \| 1 \| 0 \| )12/m, '$113'));
    const m = applyBaseline(changed, entries);
    assert.ok(m.findings.some((f) => f.code === 'row-total' && f.actual === 13), m.findings.map((f) => f.code).join());
  });

  test('a changed operand of the identity brings it back too', () => {
    const entries = reviewAll(check(BROKEN));
    // 一·自然人 9 → 8: 一 still does not add up, now by 2.
    const changed = check(BROKEN.replace(/^(一、本年新收政府信息公开申请数量 \| )9( \| 1 \| 0 \| 0 \| 1 \| 0 \| 12)/m, '$1 8$2'));
    assert.ok(changed.findings.some((f) => f.code === 'row-total'));
    assert.deepEqual(applyBaseline(changed, entries).baselined, []);
  });

  test('the same finding on another cell comes back', () => {
    const entries = reviewAll(check(BROKEN));
    // The same wrong total, one row down (二 instead of 一; 一 right again).
    const moved = BASE.replace(/^(二、上年结转政府信息公开申请数量 \| 1 \| 0 \| 0 \| 0 \| 0 \| 0 \| )1/m, '$12');
    const r = check(moved);
    const rowTotal = r.findings.find((f) => f.code === 'row-total');
    assert.ok(rowTotal);
    assert.ok(applyBaseline(r, entries).findings.includes(rowTotal));
  });

  test('one entry matches one finding: two findings with one fingerprint need two entries', () => {
    const r = check(BROKEN);
    const ctx = fingerprintContext(r);
    const f = r.findings[0];
    const twice = [f, { ...f }];
    const one = [baselineEntry(fingerprint(f, ctx), 'a', '', '')];
    assert.equal(matchBaseline(twice, ctx, one).kept.length, 1);
    assert.equal(matchBaseline(twice, ctx, [...one, ...one]).kept.length, 0);
  });

  test('updateBaseline keeps the reviews still found, drops those of the report that are gone, keeps other reports’ entries', () => {
    const r = check(BROKEN);
    const ctx = fingerprintContext(r);
    const reviewed = reviewAll(r, 'checked with the office');
    const gone: BaselineEntry = { ...reviewed[0], values: ['999'], why: 'old' };
    const other: BaselineEntry = { ...reviewed[0], body: '其他区', why: 'another report' };
    const u = updateBaseline([reviewed[0], gone, other], [{ findings: r.findings, ctx }], 'me', 'new ones', 'now');
    assert.equal(u.kept, 1);
    assert.equal(u.dropped, 1);
    assert.equal(u.added, r.findings.length - 1);
    assert.deepEqual(u.entries[0], reviewed[0]);
    assert.deepEqual(u.entries[1], other);
    assert.ok(u.entries.slice(2).every((e) => e.who === 'me' && e.why === 'new ones' && e.when === 'now'));
    assert.deepEqual(applyBaseline(r, u.entries).findings, []);
  });
});
