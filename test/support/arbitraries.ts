// fast-check arbitraries: valid (consistent) reports in every layout the parser
// supports, for both templates and the 23-row variant of the 2021 template, and
// single-cell changes of their tables 三 and 四.

import fc from 'fast-check';
import { APPLICATIONS } from '../../server/src/engine/declarations';
import type { GridTable } from '../../server/src/engine/model';
import { sizedReport } from './corpus';
import { consistentApplications, LAYOUTS, render, type Layout, type ReportSpec } from './generate';

/** The template variants: table 二's template × table 三's shape, with the years they occur in. */
export const VARIANTS = [
  { name: '2019 template (23 rows)', disclosure: '2019', shape: 'single-other', years: [2019, 2020] },
  { name: '2021 template (25 rows)', disclosure: '2021', shape: 'split-other', years: [2021, 2022, 2023, 2024] },
  { name: '2021 table 二 with a 23-row table 三', disclosure: '2021', shape: 'single-other', years: [2021, 2022, 2023, 2024] },
] as const;
export type Variant = (typeof VARIANTS)[number];

const resultKeys = (shape: ReportSpec['shape']) =>
  APPLICATIONS.rows.filter((r) => r.group && r.key !== 'total' && (!r.shape || r.shape === shape)).map((r) => r.key);

const six = (max: number) => fc.array(fc.nat({ max }), { minLength: 6, maxLength: 6 });
/** One group of table 四: four results and their 总计. */
const appealGroup = fc.array(fc.nat({ max: 12 }), { minLength: 4, maxLength: 4 }).map((four) => [...four, four.reduce((a, b) => a + b, 0)]);

/** A consistent report spec of one variant: every identity of tables 三 and 四 holds. */
export function specArb(variant: Variant): fc.Arbitrary<ReportSpec> {
  return fc
    .record({
      year: fc.constantFrom(...variant.years),
      results: fc.dictionary(fc.constantFrom(...resultKeys(variant.shape)), six(40), { maxKeys: 10 }),
      carried: six(6),
      forward: six(4),
      appeals: fc.tuple(appealGroup, appealGroup, appealGroup).map((g) => g.flat()),
    })
    .map(({ year, results, carried, forward, appeals }) => ({
      year,
      applications: consistentApplications(results, carried, forward, variant.shape),
      appeals,
      disclosure: variant.disclosure,
      shape: variant.shape,
    }));
}

export interface GeneratedReport {
  variant: Variant;
  layout: Layout;
  spec: ReportSpec;
  /** Prose and document lists added around the tables (0: the bare report). */
  padding: number;
  text: string;
}

/** A valid report: any variant, any layout, sometimes padded with prose to tens of KB. */
export const reportArb: fc.Arbitrary<GeneratedReport> = fc
  .constantFrom(...VARIANTS)
  .chain((variant) =>
    fc.record({
      variant: fc.constant(variant),
      layout: fc.constantFrom(...LAYOUTS),
      spec: specArb(variant),
      padding: fc.constantFrom(0, 0, 0, 0, 8_000, 30_000),
      seed: fc.nat(),
    }),
  )
  .map(({ variant, layout, spec, padding, seed }) => ({
    variant,
    layout,
    spec,
    padding,
    text: padding ? sizedReport(spec, layout, padding, seed) : render(spec, layout),
  }));

export interface CellPick {
  table: 'applications' | 'appeals';
  row: string;
  column: number;
}

/** Every value cell of a parsed grid table. */
export function cellsOf(table: GridTable | null, id: CellPick['table']): CellPick[] {
  if (!table) return [];
  return [...table.rows].flatMap(([row, r]) => r.cells.map((_, column) => ({ table: id, row, column })));
}

/** A single-cell change: which cell (an index into 三's and 四's cells together) and its new value's offset from the old. */
export const changeArb = fc.record({
  pick: fc.nat(),
  /** Non-zero; a decrease below 0 is folded into an increase. */
  delta: fc.integer({ min: -30, max: 30 }).filter((d) => d !== 0),
});

/** The new value of a changed cell: `value + delta`, kept a whole non-negative number different from `value`. */
export function changedValue(value: number, delta: number): number {
  const v = value + delta;
  return v >= 0 ? v : value + Math.abs(delta);
}
