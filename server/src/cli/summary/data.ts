// The folder summary's data: one row per report, one per finding, and the extracted cells of
// tables 三 and 四, as sheets (a name, headers, rows) that the XLSX, CSV and HTML writers
// lay out alike. Everything is computed from what `check` found (run.ts checkFiles).

import { APPEALS, APPLICATIONS, declaredValues, t, type CheckResult, type GridTable, type GridTableDecl, type Locale, type YearFacts } from '../../engine';
import { toJsonFile } from '../json';
import { skipReasonText, type SkipReason } from '../skip';

/** A spreadsheet cell: null stays an empty cell; a string stays text (a "/" in a report too). */
export type SheetValue = string | number | null;

export interface SheetColumn {
  header: string;
  /** How a number is shown: a count, or a ratio shown as a percentage. */
  format?: 'count' | 'percent';
  /** A rough width in characters, for the spreadsheet. */
  width?: number;
}

/** `error` (an error finding), `warning` (warnings only), `ok`, or `skipped` (the file was not checked). */
export type Tone = 'error' | 'warning' | 'ok' | 'skipped';

export interface Sheet {
  /** Used by code (the HTML's ids); not shown. */
  id: string;
  name: string;
  columns: SheetColumn[];
  rows: SheetValue[][];
  /** Each row's tone, for the colours (same length as rows), when the sheet has one. */
  tones?: Tone[];
  /** The column that holds the status (✔ / ⚠ / ✘ …), when the sheet has one. */
  statusColumn?: number;
  /** The column that holds a finding's severity (error, warning …), when the sheet has one. */
  severityColumn?: number;
}

/** One report of the folder (or a report-like file that could not be checked). */
export interface ReportSummary {
  file: string;
  body: string | null;
  year: number | null;
  template: string;
  /** The reason it was not checked (skip.ts), when it was not. */
  skipped?: string;
  /** Table 三 and 四's declared figures (declarations.ts `figures`), by key. */
  figures: Record<string, number | null>;
  /** Their declared rates (declarations.ts `rates`), by key: a ratio, null when unknown or over 0. */
  rates: Record<string, number | null>;
  errors: number;
  warnings: number;
  /** Errors and warnings of each rule. */
  byRule: Map<string, number>;
  /** The first finding of the highest severity. */
  worst: { severity: string; message: string } | null;
  /** The cells of tables 三 and 四 in the order of `tableCells` (absent table: all null). */
  cells: { applications: SheetValue[]; appeals: SheetValue[] };
}

export interface FindingSummary {
  file: string;
  body: string | null;
  year: number | null;
  table: string | null;
  row: string | null;
  column: string | null;
  line: number;
  code: string;
  severity: string;
  message: string;
  expected: number | null;
  actual: number | null;
}

export interface SummaryData {
  locale: Locale;
  reports: ReportSummary[];
  findings: FindingSummary[];
  /** The rules that have errors or warnings, in the order of their first one. */
  rules: string[];
  /** Roster units without a report (run.ts `MissingReport`); absent when no configuration has a roster. */
  missing?: MissingReport[];
}

/** A unit of a configuration's roster with no report for one of its years among the files checked. */
export interface MissingReport {
  year: number;
  body: string;
  /** The configuration file whose roster names it (as the run shows paths). */
  config: string;
}

/** What the summary reads of run.ts's checkFiles (its `CheckedFiles`): every file found, checked or skipped. */
export interface CheckedRun {
  missing?: MissingReport[];
  entries: ({ file: string; skipped: SkipReason } | { file: string; skipped?: undefined; result?: CheckResult; facts?: YearFacts })[];
}

const SEVERITY_RANK: Record<string, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** The summary's figures and rates: [table, key] of the declarations, in column order. */
const FIGURES = [
  ['applications', 'received'],
  ['applications', 'carried'],
  ['applications', 'handled'],
  ['applications', 'forward'],
] as const;
const APPEAL_COLUMNS = [
  ['figure', 'review'],
  ['rate', 'reviewCorrection'],
  ['figure', 'litigation'],
  ['rate', 'litigationCorrection'],
] as const;

/** A row's header: the template's label (a sub-row after its group's numeral), without a trailing note in brackets. */
function rowHeader(decl: GridTableDecl, key: string, locale: Locale): string {
  const row = decl.rows.find((r) => r.key === key)!;
  if (locale === 'en') return row.en;
  const group = decl.groups.find((g) => g.key === row.group);
  const label = row.label.replace(/（[^（）]*）$/, '');
  return group && group.key !== 'results' ? `${group.short}${label}` : label;
}

/** Every cell of a table's template, row by row (both shapes of （六）), with its header. */
export function tableCells(decl: GridTableDecl, locale: Locale): { row: string; column: number; header: string }[] {
  const out: { row: string; column: number; header: string }[] = [];
  for (const r of decl.rows) {
    decl.columns.forEach((c, column) => {
      out.push({ row: r.key, column, header: t(locale, 'cell.name', { row: rowHeader(decl, r.key, locale), column: locale === 'en' ? c.en : c.label }) });
    });
  }
  return out;
}

/** A cell as the report writes it: its number, its text when it is not a number ("/", 无, …), null when blank or absent. */
function cellValue(table: GridTable | null, row: string, column: number): SheetValue {
  const c = table?.rows.get(row)?.cells[column];
  if (!c || !c.source || c.value.kind === 'blank') return null;
  if (c.value.value !== null) return c.value.value;
  const text = c.source.text.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** The sheet name of table 三 or 四 (its sheet, and the table a finding's cell is in). */
function tableName(decl: GridTableDecl, locale: Locale): string {
  return t(locale, decl.id === 'applications' ? 'summary.sheet.applications' : 'summary.sheet.appeals');
}

/** The columns the sheets of reports share, alike in each: the body, the year, the file. */
function reportColumns(locale: Locale): Record<'body' | 'year' | 'file', SheetColumn> {
  return {
    body: { header: t(locale, 'summary.col.body'), width: 24 },
    year: { header: t(locale, 'summary.col.year'), width: 8 },
    file: { header: t(locale, 'summary.col.file'), width: 40 },
  };
}

function declName(decl: GridTableDecl, kind: 'figure' | 'rate', key: string, locale: Locale): string {
  const d = kind === 'figure' ? decl.figures.find((f) => f.key === key)! : decl.rates.find((r) => r.key === key)!;
  return locale === 'en' ? d.en : d.zh;
}

/** A finding's cell for people: the table's sheet name, the row as messages name it, the column's label. */
function cellNames(cell: { table: string; row: string; column: number } | undefined, locale: Locale): Pick<FindingSummary, 'table' | 'row' | 'column'> {
  if (!cell) return { table: null, row: null, column: null };
  const decl = cell.table === 'applications' ? APPLICATIONS : cell.table === 'appeals' ? APPEALS : null;
  if (!decl) return { table: cell.table, row: cell.row, column: String(cell.column) };
  const row = decl.rows.find((r) => r.key === cell.row);
  const column = decl.columns[cell.column];
  return {
    table: tableName(decl, locale),
    row: (locale === 'en' ? row?.en : row?.short) ?? cell.row,
    column: (locale === 'en' ? column?.en : column?.label) ?? String(cell.column),
  };
}

/** The summary of what checkFiles found: reports (checked ones, and report files that could not be read), findings. */
export function summarizeRun(checked: CheckedRun, locale: Locale): SummaryData {
  const reports: ReportSummary[] = [];
  const findings: FindingSummary[] = [];
  const rules: string[] = [];
  const appCells = tableCells(APPLICATIONS, locale);
  const appealCells = tableCells(APPEALS, locale);
  for (const e of checked.entries) {
    if (e.skipped) {
      // Files in folders that are no reports, and second paths to the same file, are no reports of the folder.
      if (e.skipped === 'not a report' || e.skipped === 'duplicate') continue;
      reports.push({
        file: e.file,
        body: null,
        year: null,
        template: 'unknown',
        skipped: skipReasonText(locale, e.skipped),
        figures: {},
        rates: {},
        errors: 0,
        warnings: 0,
        byRule: new Map(),
        worst: null,
        cells: { applications: appCells.map(() => null), appeals: appealCells.map(() => null) },
      });
      continue;
    }
    const result = e.result!;
    const { model } = result;
    const json = toJsonFile(e.file, result);
    const body = e.facts?.body ?? null;
    const year = e.facts?.year ?? model.year;
    const figures: Record<string, number | null> = {};
    const rates: Record<string, number | null> = {};
    for (const table of [model.applications, model.appeals]) {
      if (!table) continue;
      const v = declaredValues(table);
      Object.assign(figures, v.figures);
      Object.assign(rates, v.rates);
    }
    const byRule = new Map<string, number>();
    let worst: ReportSummary['worst'] = null;
    let errors = 0;
    let warnings = 0;
    for (const d of json.diagnostics) {
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
      if (d.severity === 'error' || d.severity === 'warning') {
        byRule.set(d.code, (byRule.get(d.code) ?? 0) + 1);
        if (!rules.includes(d.code)) rules.push(d.code);
      }
      if (!worst || SEVERITY_RANK[d.severity] > SEVERITY_RANK[worst.severity]) worst = { severity: d.severity, message: d.message };
      findings.push({
        file: e.file,
        body,
        year,
        ...cellNames(d.cell, locale),
        line: d.range.start.line + 1,
        code: d.code,
        severity: d.severity,
        message: d.message,
        expected: d.expected ?? null,
        actual: d.actual ?? null,
      });
    }
    reports.push({
      file: e.file,
      body,
      year,
      template: model.template,
      figures,
      rates,
      errors,
      warnings,
      byRule,
      worst,
      cells: {
        applications: appCells.map((c) => cellValue(model.applications, c.row, c.column)),
        appeals: appealCells.map((c) => cellValue(model.appeals, c.row, c.column)),
      },
    });
  }
  return { locale, reports, findings, rules, ...(checked.missing ? { missing: checked.missing } : {}) };
}

/** A report's tone: the colour of its row. */
export function toneOf(r: ReportSummary): Tone {
  return r.skipped ? 'skipped' : r.errors ? 'error' : r.warnings ? 'warning' : 'ok';
}

/** ✔, ⚠ or ✘ and the worst finding's message; for a file not checked, why. */
export function statusText(r: ReportSummary, locale: Locale): string {
  if (r.skipped) return t(locale, 'summary.status.skipped', { reason: r.skipped });
  const mark = { error: '✘', warning: '⚠', ok: '✔', skipped: '' }[toneOf(r)];
  return r.worst && (r.worst.severity === 'error' || r.worst.severity === 'warning') ? `${mark} ${r.worst.message}` : mark;
}

/** 一览: one row per report. */
export function overviewSheet(data: SummaryData): Sheet {
  const { locale } = data;
  const { body, year, file } = reportColumns(locale);
  const columns: SheetColumn[] = [
    body,
    year,
    { header: t(locale, 'summary.col.template'), width: 9 },
    file,
    ...FIGURES.map(([, key]) => ({ header: declName(APPLICATIONS, 'figure', key, locale), format: 'count' as const, width: 11 })),
    { header: declName(APPLICATIONS, 'rate', 'disclosure', locale), format: 'percent', width: 9 },
    ...APPEAL_COLUMNS.map(([kind, key]) => ({ header: declName(APPEALS, kind, key, locale), format: kind === 'rate' ? ('percent' as const) : ('count' as const), width: 11 })),
    { header: t(locale, 'summary.col.errors'), format: 'count', width: 8 },
    { header: t(locale, 'summary.col.warnings'), format: 'count', width: 8 },
    ...data.rules.map((rule) => ({ header: rule, format: 'count' as const, width: Math.max(8, rule.length + 2) })),
    { header: t(locale, 'summary.col.status'), width: 60 },
  ];
  const rows = data.reports.map((r): SheetValue[] => [
    r.body,
    r.year,
    r.skipped ? null : r.template,
    r.file,
    ...FIGURES.map(([, key]) => r.figures[key] ?? null),
    r.rates.disclosure ?? null,
    ...APPEAL_COLUMNS.map(([kind, key]) => (kind === 'figure' ? r.figures[key] : r.rates[key]) ?? null),
    r.skipped ? null : r.errors,
    r.skipped ? null : r.warnings,
    ...data.rules.map((rule) => (r.skipped ? null : r.byRule.get(rule) ?? 0)),
    statusText(r, locale),
  ]);
  return { id: 'overview', name: t(locale, 'summary.sheet.overview'), columns, rows, tones: data.reports.map(toneOf), statusColumn: columns.length - 1 };
}

/** 问题清单: every finding. */
export function findingsSheet(data: SummaryData): Sheet {
  const { locale } = data;
  const { body, year, file } = reportColumns(locale);
  const columns: SheetColumn[] = [
    file,
    body,
    year,
    { header: t(locale, 'summary.col.table'), width: 8 },
    { header: t(locale, 'summary.col.row'), width: 14 },
    { header: t(locale, 'summary.col.column'), width: 12 },
    { header: t(locale, 'summary.col.line'), format: 'count', width: 7 },
    { header: t(locale, 'summary.col.code'), width: 16 },
    { header: t(locale, 'summary.col.severity'), width: 11 },
    { header: t(locale, 'summary.col.message'), width: 80 },
    { header: t(locale, 'summary.col.expected'), format: 'count', width: 9 },
    { header: t(locale, 'summary.col.actual'), format: 'count', width: 9 },
  ];
  const rows = data.findings.map((f): SheetValue[] => [f.file, f.body, f.year, f.table, f.row, f.column, f.line, f.code, f.severity, f.message, f.expected, f.actual]);
  const tones = data.findings.map((f): Tone => (f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'ok'));
  return { id: 'findings', name: t(locale, 'summary.sheet.findings'), columns, rows, tones, severityColumn: 8 };
}

/** 表三 or 表四: the extracted cells, one row per report checked, one column per cell of the template. */
export function tableSheet(data: SummaryData, decl: GridTableDecl): Sheet {
  const { locale } = data;
  const cells = tableCells(decl, data.locale);
  const { body, year, file } = reportColumns(locale);
  const columns: SheetColumn[] = [
    body,
    year,
    file,
    ...cells.map((c) => ({ header: c.header, format: 'count' as const, width: 12 })),
  ];
  const key = decl.id === 'applications' ? 'applications' : 'appeals';
  const rows = data.reports.filter((r) => !r.skipped).map((r): SheetValue[] => [r.body, r.year, r.file, ...r.cells[key]]);
  return { id: key, name: tableName(decl, locale), columns, rows };
}

/** 未报送: the roster units without a report, one row per unit and year; none when no configuration has a roster. */
export function missingSheet(data: SummaryData): Sheet | null {
  if (!data.missing) return null;
  const { locale } = data;
  const { body, year } = reportColumns(locale);
  const columns: SheetColumn[] = [year, body, { header: t(locale, 'summary.col.config'), width: 40 }];
  return { id: 'missing', name: t(locale, 'summary.sheet.missing'), columns, rows: data.missing.map((m): SheetValue[] => [m.year, m.body, m.config]) };
}

/**
 * The summary's sheets, in order. Each is made from the summary alone (null: the sheet does not
 * apply to this run), and every writer (XLSX, HTML) lays it out.
 */
export type SheetBuilder = (data: SummaryData) => Sheet | null;

export const SHEET_BUILDERS: SheetBuilder[] = [overviewSheet, findingsSheet, (d) => tableSheet(d, APPLICATIONS), (d) => tableSheet(d, APPEALS), missingSheet];

export function sheetsOf(data: SummaryData, builders: SheetBuilder[] = SHEET_BUILDERS): Sheet[] {
  return builders.flatMap((b) => b(data) ?? []);
}
