// The culprit search: a single wrong cell of a complete table 三 is always located
// uniquely; several equally small repairs are listed, none preferred.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { APPLICATIONS, applyEdits, fixAllEdits } from '../../server/src/engine';
import { consistentApplications, defaultSpec, render, type Layout } from '../support/generate';
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
  assert.ok(e.every((f) => f.fixes.length === 1 && f.fixes[0].preferred && f.fixes[0].edits.length === 1));
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

// ------------------------------------------------------------------ properties

const six = fc.array(fc.nat({ max: 40 }), { minLength: 6, maxLength: 6 });
const tableArb = fc.record({
  shape: fc.constantFrom('split-other' as const, 'single-other' as const),
  results: fc.dictionary(fc.constantFrom(...APPLICATIONS.rows.filter((r) => r.group && r.key !== 'total').map((r) => r.key)), six, { maxKeys: 8 }),
  carried: six,
  forwardShare: fc.array(fc.nat({ max: 3 }), { minLength: 6, maxLength: 6 }),
  layout: fc.constantFrom<Layout>('pipe', 'pipe-split', 'tab', 'plain', 'pdf', 'markdown', 'web'),
});

describe('properties (fast-check)', () => {
  test('a consistent report in any layout has no error', () => {
    fc.assert(
      fc.property(tableArb, ({ shape, results, carried, forwardShare, layout }) => {
        const apps = consistentApplications(results, carried, forwardShare, shape);
        const spec = defaultSpec({ shape, applications: apps });
        const r = run(render(spec, layout));
        assert.deepEqual(errors(r.findings).map((f) => f.message), []);
      }),
      { numRuns: 150 },
    );
  });

  test('any single-cell change of table 三 is detected and its culprit named', () => {
    fc.assert(
      fc.property(tableArb, fc.nat(), fc.integer({ min: 1, max: 50 }), ({ shape, results, carried, forwardShare, layout }, pick, delta) => {
        const apps = consistentApplications(results, carried, forwardShare, shape);
        const text = render(defaultSpec({ shape, applications: apps }), layout);
        const table = run(text).model.applications!;
        const cells = [...table.rows].flatMap(([row, r]) => r.cells.map((_, column) => ({ row, column })));
        const { row, column } = cells[pick % cells.length];
        const original = table.rows.get(row)!.cells[column].value.value!;
        const broken = setCell(text, table, row, column, String(original + delta));
        const r = run(broken);
        const e = errors(r.findings);
        assert.ok(e.length > 0, 'detected');
        assert.ok(e.every((f) => f.cell?.row === row && f.cell.column === column && f.expected === original), 'culprit named');
        assert.equal(applyEdits(broken, fixAllEdits(r.findings)), text);
      }),
      { numRuns: 150 },
    );
  });
});
