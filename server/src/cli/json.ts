// The JSON contract of ../shared/spec/CHECK-JSON.md (changes only by adding fields).

import { exportTables, LineIndex, type CheckResult, type ExportedTables, type Finding, type Range } from '../engine';

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
  cell?: { table: string; row: string; column: number };
  /** DOCX, PDF: where the finding's cell is in the file (CHECK-JSON "Additions"). */
  location?: JsonLocation;
  expected?: number;
  actual?: number;
  pattern?: string;
  related: { range: Range; message: string; path?: string }[];
  fixes: { title: string; preferred: boolean; edits: { range: Range; newText: string }[] }[];
  /** Present on findings silenced by a suppression comment or a baseline (listed only with `--include-suppressed`, or `--include-baselined`). */
  suppressed?: true;
  suppression?: { kind: 'comment' | 'baseline'; reason: string };
  /** Present on findings a baseline entry matched (cli/baseline.ts). */
  baselined?: true;
}

/** A cell in a DOCX (zero-based `w:tbl`, `w:tr`, `w:tc`) or a PDF (page, box in points, origin bottom-left). */
export type JsonLocation = { table: number; row: number; cell: number } | { page: number; box: [number, number, number, number] };

/** How the file was read (CHECK-JSON "Additions"). */
export interface JsonSource {
  format: 'text' | 'markdown' | 'html' | 'docx' | 'pdf';
  encoding: string;
  textView: boolean;
}

export interface JsonFile {
  path: string;
  year: number | null;
  template: string;
  tables: ExportedTables;
  diagnostics: JsonDiagnostic[];
  source?: JsonSource;
  /** null, or why the file was not checked ("not a report", "too large", "not a regular file", …). */
  skipped?: string | null;
  /** How many findings suppression comments and the baseline silenced. */
  suppressed?: number;
  /** How many of them the baseline matched; present when a baseline file applies to the file. */
  baselined?: number;
}

export function toJsonDiagnostic(f: Finding, idx: LineIndex, locate?: (start: number) => JsonLocation | undefined): JsonDiagnostic {
  const d: JsonDiagnostic = {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: idx.range(f.start, f.end),
    related: f.related.map((r) => (r.external ? { range: r.external.range, message: r.message, path: r.external.location } : { range: idx.range(r.start, r.end), message: r.message })),
    fixes: f.fixes.map((x) => ({ title: x.title, preferred: x.preferred, edits: x.edits.map((e) => ({ range: idx.range(e.start, e.end), newText: e.newText })) })),
  };
  if (f.cell) d.cell = f.cell;
  const location = f.cell && locate ? locate(f.start) : undefined;
  if (location) d.location = location;
  if (f.expected !== undefined) d.expected = f.expected;
  if (f.actual !== undefined) d.actual = f.actual;
  if (f.pattern !== undefined) d.pattern = f.pattern;
  if (f.suppression) {
    d.suppressed = true;
    d.suppression = { kind: f.suppression.kind, reason: f.suppression.reason };
    if (f.suppression.kind === 'baseline') d.baselined = true;
  }
  return d;
}

/** The reported findings and, when asked for, the suppressed and baselined ones among them, in the order of the text. */
function listed(result: CheckResult, includeSuppressed: boolean, includeBaselined: boolean): Finding[] {
  const more = [...(includeSuppressed ? result.suppressed : []), ...(includeSuppressed || includeBaselined ? result.baselined ?? [] : [])];
  if (more.length === 0) return result.findings;
  return [...result.findings, ...more].sort((a, b) => a.start - b.start);
}

export function toJsonFile(
  file: string,
  result: CheckResult,
  options: { source?: JsonSource; includeSuppressed?: boolean; includeBaselined?: boolean; locate?: (start: number) => JsonLocation | undefined } = {},
): JsonFile {
  const { model } = result;
  const idx = new LineIndex(model.text);
  const out: JsonFile = {
    path: file,
    year: model.year,
    template: model.template,
    tables: exportTables(model),
    diagnostics: listed(result, options.includeSuppressed ?? false, options.includeBaselined ?? false).map((f) => toJsonDiagnostic(f, idx, options.locate)),
  };
  if (options.source) out.source = options.source;
  out.skipped = null;
  out.suppressed = result.suppressed.length + (result.baselined?.length ?? 0);
  if (result.baselined) out.baselined = result.baselined.length;
  return out;
}

/** A file that was found or named but not checked: no year, no tables, no findings, and the reason. */
export function skippedJsonFile(file: string, reason: string, source?: JsonSource): JsonFile {
  const out: JsonFile = { path: file, year: null, template: 'unknown', tables: { applications: null, appeals: null }, diagnostics: [] };
  if (source) out.source = source;
  out.skipped = reason;
  out.suppressed = 0;
  return out;
}
