// The culprit search: a single wrong cell of a complete table 三 is always located
// uniquely; several equally small repairs are listed, none preferred.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, fixAllEdits } from '../../server/src/engine';
import { patternOf } from '../../server/src/engine/culprit';
import { consistentApplications, defaultSpec, render } from '../support/generate';
import { errors, run, setCell } from '../support/util';

describe('single wrong cell, exhaustively', () => {
  for (const shape of ['split-other', 'single-other'] as const) {
    test(`every cell of table 三 (${shape}), +1 and +7: unique culprit, expected = original, fix-all restores the text`, () => {
      const text = render(defaultSpec({ shape }), 'pipe');
      const table = run(text).model.applications!;
      let cases = 0;
      for (const [row, r] of table.rows) {
        r.cells.forEach((cell, column) => {
          for (const delta of [1, 7]) {
            const original = cell.value.value!;
            const broken = setCell(text, table, row, column, String(original + delta));
            const result = run(broken);
            const e = errors(result.findings);
            assert.ok(e.length >= 2, `${row}:${column} breaks at least two identities`);
            for (const f of e) {
              assert.deepEqual(f.cell, { table: 'applications', row, column }, `${row}:${column}+${delta}`);
              assert.equal(f.expected, original);
              assert.ok(f.fixes.some((x) => x.preferred));
            }
            assert.equal(applyEdits(broken, fixAllEdits(result.findings)), text);
            cases++;
          }
        });
      }
      assert.equal(cases, table.rows.size * 7 * 2);
    });
  }
});

test('seed-000-like: the smallest repair sets both （七）总计 cells; unique and preferred', () => {
  const apps = consistentApplications({ granted: [4, 0, 0, 0, 0, 0], 'unable.1': [1, 0, 0, 0, 0, 0] }, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], 'single-other');
  const text = render(defaultSpec({ shape: 'single-other', applications: apps }), 'pipe');
  const table = run(text).model.applications!;
  let broken = setCell(text, table, 'total', 6, '0');
  broken = setCell(broken, run(broken).model.applications!, 'total', 0, '0');
  const e = errors(run(broken).findings);
  assert.deepEqual(new Set(e.map((f) => `${f.cell!.row}:${f.cell!.column}`)), new Set(['total:0', 'total:6']));
  assert.deepEqual(e.map((f) => f.code).sort(), ['carry-over', 'carry-over', 'results-total', 'results-total']);
  // One preferred fix, the whole repair (both cells); the finding's own cell alone, not preferred.
  for (const f of e) {
    assert.deepEqual(f.fixes.map((x) => [x.preferred, x.edits.length]), [[true, 2], [false, 1]]);
    assert.equal(f.fixes[1].edits[0].start, f.start);
  }
});

test('several repairs of the same size: listed, none preferred, fix-all leaves them alone', () => {
  const text = render(defaultSpec(), 'pipe');
  const table = run(text).model.applications!;
  // Raise 予以公开 in 自然人 and in 总计 together: the row still adds up, two columns do not.
  let broken = setCell(text, table, 'granted', 0, '5');
  broken = setCell(broken, run(broken).model.applications!, 'granted', 6, '6');
  const result = run(broken);
  const e = errors(result.findings);
  assert.ok(e.length >= 2);
  for (const f of e) {
    assert.ok(f.fixes.length >= 2, 'each repair offered');
    assert.ok(f.fixes.every((x) => !x.preferred));
  }
  assert.deepEqual(fixAllEdits(result.findings.filter((f) => f.severity === 'error')), []);
});

// The fast-check properties over generated reports (every layout and template variant)
// are in properties.test.ts.

describe('the pattern behind a break (patternOf, from the repairs alone)', () => {
  const cell = (row: string, column: number, from: number, to: number) => ({ ref: { row, column }, from, to });
  test('a pair in one row, −d and +d: one application under the wrong column; the row named only when the repair is unique', () => {
    assert.deepEqual(patternOf([{ cells: [cell('granted', 0, 3, 4), cell('granted', 1, 2, 1)] }], true), { kind: 'wrong-column', row: 'granted', from: 1, to: 0, amount: 1 });
    const several = ['granted', 'partial'].map((row) => ({ cells: [cell(row, 0, 5, 4), cell(row, 1, 0, 1)] }));
    assert.deepEqual(patternOf(several, false), { kind: 'wrong-column', from: 0, to: 1, amount: 1 });
    // Pairs of different columns: no pattern.
    assert.equal(patternOf([several[0], { cells: [cell('partial', 0, 5, 4), cell('partial', 2, 0, 1)] }], false), null);
  });
  test('digits swapped, a stale row, a stale column; none for an ordinary wrong cell', () => {
    assert.deepEqual(patternOf([{ cells: [cell('granted', 6, 36, 63)] }], true), { kind: 'swapped-digits', ref: { row: 'granted', column: 6 }, from: 36, to: 63 });
    assert.deepEqual(patternOf([{ cells: [cell('total', 0, 0, 5), cell('total', 6, 0, 5)] }], true), { kind: 'stale-row', row: 'total', amount: 5 });
    assert.deepEqual(patternOf([{ cells: [cell('new', 0, 7, 9), cell('total', 0, 6, 8)] }], true), { kind: 'stale-column', column: 0, amount: 2 });
    assert.equal(patternOf([{ cells: [cell('granted', 0, 7, 4)] }], true), null);
    assert.equal(patternOf([{ cells: [cell('granted', 0, 7, 4)] }, { cells: [cell('partial', 0, 7, 4)] }], false), null);
    assert.equal(patternOf([{ cells: [cell('new', 0, 7, 9), cell('total', 1, 6, 8)] }], true), null);
  });
  test('seed-000-like: the （七）总计 row not updated, named in every message and as `pattern`', () => {
    const apps = consistentApplications({ granted: [4, 0, 0, 0, 0, 0], 'unable.1': [1, 0, 0, 0, 0, 0] }, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], 'single-other');
    const text = render(defaultSpec({ shape: 'single-other', applications: apps }), 'pipe');
    let broken = setCell(text, run(text).model.applications!, 'total', 6, '0');
    broken = setCell(broken, run(broken).model.applications!, 'total', 0, '0');
    const e = errors(run(broken).findings);
    assert.ok(e.length > 0);
    for (const f of e) {
      assert.equal(f.pattern, 'stale-row');
      assert.match(f.message, /规律：“（七）总计”行/);
    }
  });
});
