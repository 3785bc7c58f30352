// Aggregate reports (`.nianbao.jsonc`'s `aggregations`): a report that adds up others' (a
// county's over its departments' and townships'), checked cell by cell in tables 三 and 四
// against the sum of its parts' reports of the same year. The parts' cells travel in the
// year facts (`grid`, years.ts), so the comparison needs no other report's text.

import type { AggregateTable, AggregationOption, Located, ReportModel, YearFacts } from './model';
import { bodyKey } from './title';
import { sameBody, type BodyAliases } from './years';

export const AGGREGATE_TABLES: readonly AggregateTable[] = ['applications', 'appeals'];

/** The aggregation whose report is the body `key` (under `aliases`), if any. */
export function aggregationOf(aggregations: readonly AggregationOption[] | undefined, key: string | null, aliases?: BodyAliases): AggregationOption | null {
  if (!key || !aggregations) return null;
  return aggregations.find((a) => sameBody(bodyKey(a.report), key, aliases) || sameBody(key, bodyKey(a.report), aliases)) ?? null;
}

/** One part's report for the aggregate's year, or null when none was given. */
export interface AggregatePart {
  name: string;
  facts: YearFacts | null;
}

/** A cell of the aggregate that differs from the sum of its parts'. */
export interface AggregateDifference {
  table: AggregateTable;
  row: string;
  column: number;
  actual: number;
  sum: number;
  /** Each part's report and its cell. */
  parts: { name: string; facts: YearFacts; cell: Located }[];
}

/**
 * Compares the aggregate's tables 三 and 四 with the sums of its parts': the parts without a
 * report (then no cell is compared: the sum would be incomplete), and the cells that differ.
 * A cell the aggregate or any part left blank, unread or not a number is not assessable.
 */
export function compareAggregate(model: ReportModel, parts: AggregatePart[]): { missing: string[]; differences: AggregateDifference[] } {
  const missing = parts.filter((p) => !p.facts).map((p) => p.name);
  if (missing.length > 0 || parts.length === 0) return { missing, differences: [] };
  const differences: AggregateDifference[] = [];
  for (const table of AGGREGATE_TABLES) {
    const own = model[table];
    if (!own) continue;
    for (const [row, r] of own.rows) {
      r.cells.forEach((cell, column) => {
        const actual = cell.source ? cell.value.value : null;
        if (actual === null) return;
        const found = parts.map((p) => ({ name: p.name, facts: p.facts!, cell: p.facts!.grid?.[table][row]?.[column] }));
        if (found.some((f) => !f.cell || f.cell.value === null)) return;
        const sum = found.reduce((s, f) => s + (f.cell!.value as number), 0);
        if (sum === actual) return;
        differences.push({ table, row, column, actual, sum, parts: found.map((f) => ({ name: f.name, facts: f.facts, cell: f.cell! })) });
      });
    }
  }
  return { missing, differences };
}

/** Roster units (`{ year: [bodies] }`) with no report among `reports` for that year, by year then roster order. */
export function rosterMissing(roster: Readonly<Record<string, readonly string[]>>, reports: { bodyKey: string | null; year: number | null }[], aliases?: BodyAliases): { year: number; body: string }[] {
  const out: { year: number; body: string }[] = [];
  for (const year of Object.keys(roster).sort()) {
    const y = Number(year);
    const keys = reports.filter((r) => r.year === y && r.bodyKey).map((r) => r.bodyKey!);
    for (const body of roster[year]) {
      const k = bodyKey(body);
      if (!keys.some((x) => sameBody(k, x, aliases) || sameBody(x, k, aliases))) out.push({ year: y, body });
    }
  }
  return out;
}
