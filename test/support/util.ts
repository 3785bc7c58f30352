// Small helpers shared by the engine tests.
import { check, type CheckOptions, type Finding, type GridTable } from '../../server/src/engine';

export function values(table: GridTable | null, row: string): (number | null)[] | undefined {
  return table?.rows.get(row)?.cells.map((c) => c.value.value);
}

export function errors(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

export function codes(findings: Finding[], severity?: Finding['severity']): string[] {
  return findings.filter((f) => !severity || f.severity === severity).map((f) => f.code).sort();
}

export function run(text: string, options?: CheckOptions) {
  return check(text, options);
}

/** Replaces the text of one table cell (by row key and column) in a report. */
export function setCell(text: string, table: GridTable, row: string, column: number, value: string): string {
  const src = table.rows.get(row)!.cells[column].source!;
  return text.slice(0, src.start) + value + text.slice(src.end);
}
