// The JSON contract of ../shared/spec/CHECK-JSON.md (changes only by adding fields).

import { exportTables, LineIndex, type CheckResult, type ExportedTables, type Finding, type Range } from '../engine';

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
  cell?: { table: string; row: string; column: number };
  expected?: number;
  actual?: number;
  related: { range: Range; message: string; path?: string }[];
  fixes: { title: string; preferred: boolean; edits: { range: Range; newText: string }[] }[];
}

export interface JsonFile {
  path: string;
  year: number | null;
  template: string;
  tables: ExportedTables;
  diagnostics: JsonDiagnostic[];
}

export function toJsonDiagnostic(f: Finding, idx: LineIndex): JsonDiagnostic {
  const d: JsonDiagnostic = {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: idx.range(f.start, f.end),
    related: f.related.map((r) => (r.external ? { range: r.external.range, message: r.message, path: r.external.location } : { range: idx.range(r.start, r.end), message: r.message })),
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
  return {
    path: file,
    year: model.year,
    template: model.template,
    tables: exportTables(model),
    diagnostics: result.findings.map((f) => toJsonDiagnostic(f, idx)),
  };
}
