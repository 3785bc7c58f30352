// The extracted tables as data: the `tables` object of CHECK-JSON, and CSV.

import { APPEALS, APPLICATIONS } from './declarations';
import type { GridTable, ReportModel } from './model';

export interface ExportedTables {
  /** `unread`: the template's rows not found (CHECK-JSON Additions), present only when there are some. */
  applications: { rows: Record<string, (number | null)[]>; unread?: string[] } | null;
  appeals: Record<string, (number | null)[]> | null;
  disclosure?: { template: string; rows: { item: string; row: string; values: Record<string, number | null> }[] } | null;
  legacy?: { rows: { label: string; unit: string | null; value: number | null }[] } | null;
}

function rowValues(table: GridTable, key: string): (number | null)[] {
  return table.rows.get(key)!.cells.map((c) => c.value.value);
}

export function exportTables(model: ReportModel): ExportedTables {
  let applications: ExportedTables['applications'] = null;
  if (model.applications) {
    const rows: Record<string, (number | null)[]> = {};
    for (const r of APPLICATIONS.rows) if (model.applications.rows.has(r.key)) rows[r.key] = rowValues(model.applications, r.key);
    applications = model.applications.unread.length ? { rows, unread: [...model.applications.unread] } : { rows };
  }
  let appeals: ExportedTables['appeals'] = null;
  if (model.appeals) {
    appeals = {};
    for (const r of APPEALS.rows) if (model.appeals.rows.has(r.key)) appeals[r.key] = rowValues(model.appeals, r.key);
  }
  const disclosure = model.disclosure
    ? {
        template: model.disclosure.template,
        rows: model.disclosure.rows.map((r) => ({ item: r.item, row: r.key, values: Object.fromEntries(r.cells.map((c) => [c.column, c.cell.value.value])) })),
      }
    : null;
  const legacy = model.legacy
    ? { rows: model.legacy.rows.map((r) => ({ label: r.label.text.replace(/\s+/g, ''), unit: r.unit, value: r.value.value.value })) }
    : null;
  return { applications, appeals, disclosure, legacy };
}

/**
 * One CSV cell (RFC 4180: quoted when it holds a quote, a comma or a line break). Text
 * that a spreadsheet would read as a formula — beginning with `=`, `+`, `-`, `@`, a tab or
 * a carriage return — gets a leading `'` (OWASP's advice against CSV injection), so a
 * label such as `=1+2` copied from a report stays text. Numbers are the engine's values,
 * written by `String(number)` (digits, `-`, `.`, `e`): a negative value such as `-82` in
 * 本年增/减 is written as it is, so it stays a number for the spreadsheet.
 */
export function csvCell(v: string | number | null): string {
  if (typeof v === 'number') return String(v);
  let s = v ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV: table, row key, row label, then the values (columns named in the header of each table). */
export function tablesToCsv(model: ReportModel): string {
  const lines: string[] = [];
  for (const t of [model.applications, model.appeals]) {
    if (!t) continue;
    lines.push(['table', 'row', 'label', ...t.decl.columns.map((c) => c.label)].map(csvCell).join(','));
    for (const row of t.decl.rows) {
      if (!t.rows.has(row.key)) continue;
      lines.push([t.decl.id, row.key, row.label, ...rowValues(t, row.key)].map(csvCell).join(','));
    }
  }
  if (model.disclosure) {
    lines.push(['table', 'item', 'row', 'column', 'value'].join(','));
    for (const r of model.disclosure.rows) for (const c of r.cells) lines.push(['disclosure', r.item, r.key, c.column, c.cell.value.value].map(csvCell).join(','));
  }
  if (model.legacy) {
    lines.push(['table', 'label', 'unit', 'value'].join(','));
    for (const r of model.legacy.rows) lines.push(['legacy', r.label.text.replace(/\s+/g, ''), r.unit, r.value.value.value].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
