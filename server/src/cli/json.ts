// The JSON contract of ../shared/spec/CHECK-JSON.md (changes only by adding fields).

import { APPEALS, APPLICATIONS, LineIndex, type CheckResult, type Finding, type GridTable, type Range } from '../engine';

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
  cell?: { table: string; row: string; column: number };
  expected?: number;
  actual?: number;
  related: { range: Range; message: string }[];
  fixes: { title: string; preferred: boolean; edits: { range: Range; newText: string }[] }[];
}

export interface JsonFile {
  path: string;
  year: number | null;
  template: string;
  tables: {
    applications: { rows: Record<string, (number | null)[]> } | null;
    appeals: Record<string, (number | null)[]> | null;
    disclosure?: { template: string; rows: { item: string; row: string; values: Record<string, number | null> }[] } | null;
  };
  diagnostics: JsonDiagnostic[];
}

function rowValues(table: GridTable, key: string): (number | null)[] {
  return table.rows.get(key)!.cells.map((c) => c.value.value);
}

export function toJsonDiagnostic(f: Finding, idx: LineIndex): JsonDiagnostic {
  const d: JsonDiagnostic = {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: idx.range(f.start, f.end),
    related: f.related.map((r) => ({ range: idx.range(r.start, r.end), message: r.message })),
    fixes: f.fixes.map((x) => ({ title: x.title, preferred: x.preferred, edits: x.edits.map((e) => ({ range: idx.range(e.start, e.end), newText: e.newText })) })),
  };
  if (f.cell) d.cell = f.cell;
  if (f.expected !== undefined) d.expected = f.expected;
  if (f.actual !== undefined) d.actual = f.actual;
  return d;
}

export function toJsonFile(file: string, result: CheckResult): JsonFile {
  const { model } = result;
  const idx = new LineIndex(model.text);
  let applications: JsonFile['tables']['applications'] = null;
  if (model.applications) {
    const rows: Record<string, (number | null)[]> = {};
    for (const r of APPLICATIONS.rows) if (model.applications.rows.has(r.key)) rows[r.key] = rowValues(model.applications, r.key);
    applications = { rows };
  }
  let appeals: JsonFile['tables']['appeals'] = null;
  if (model.appeals) {
    appeals = {};
    for (const r of APPEALS.rows) if (model.appeals.rows.has(r.key)) appeals[r.key] = rowValues(model.appeals, r.key);
  }
  const disclosure = model.disclosure
    ? {
        template: model.disclosure.template,
        rows: model.disclosure.rows.map((r) => ({
          item: r.item,
          row: r.key,
          values: Object.fromEntries(r.cells.map((c) => [c.column, c.cell.value.value])),
        })),
      }
    : null;
  return {
    path: file,
    year: model.year,
    template: model.template,
    tables: { applications, appeals, disclosure },
    diagnostics: result.findings.map((f) => toJsonDiagnostic(f, idx)),
  };
}
