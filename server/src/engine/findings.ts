// Findings (what the rules report) and the helpers rules share to name cells,
// write equations and build fixes. Offsets are UTF-16 code units into the text.

import { type GridTableDecl, type RuleId, type Severity } from './declarations';
import { cellAt, type CellRef, type IdentityInstance } from './identities';
import { t, type Locale } from './i18n';
import type { AggregationOption, GridTable, ReportIdentity, ReportModel, ValueCell, YearFacts } from './model';
import { TEMPLATES, templateById } from './templates';
import type { Range } from './text';

export interface Edit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  preferred: boolean;
  /** May fix-all apply it unattended? Defaults to `preferred`. */
  unattended?: boolean;
  edits: Edit[];
}

export interface Related {
  start: number;
  end: number;
  message: string;
  /** A place in another report (`start`/`end` are then unused). */
  external?: { location: string; range: Range };
}

export interface Finding {
  code: RuleId;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  cell?: { table: GridTableDecl['id'] | 'disclosure'; row: string; column: number };
  /** The table a finding belongs to when it points at no cell (an extra value, a legacy sum). */
  table?: GridTableDecl['id'] | 'disclosure' | 'legacy';
  expected?: number;
  actual?: number;
  /** The pattern behind an arithmetic break, named in the message (`CulpritPattern`'s kind). */
  pattern?: 'wrong-column' | 'swapped-digits' | 'stale-row' | 'stale-column';
  related: Related[];
  fixes: Fix[];
  /** Set on findings silenced by a suppression comment (`CheckResult.suppressed`) or matched by a baseline entry (`CheckResult.baselined`, fingerprint.ts). */
  suppression?: { kind: 'comment' | 'baseline'; reason: string };
}

/** How the text was read from a file, when the caller read it (CLI, workspace): see `decode`. */
export interface SourceInfo {
  encoding: string;
  /** Offsets in the text of U+FFFD characters standing for bytes that were not valid in `encoding`. */
  replaced: number[];
}

/**
 * Publication deadlines of the annual report (`deadline` rule), as 'MM-DD' of the year after
 * the report's: for departments (default 01-31) and governments (default 03-31), and per body
 * (keyed by its name as the title writes it, or that name's body key), which overrides both.
 */
export interface DeadlineOptions {
  department?: string;
  government?: string;
  bodies?: Record<string, string>;
}

/** The `text-reuse` rule: the share of a part's sentences found in last year's same part at or above which it is reported (default 0.8). */
export interface TextReuseOptions {
  threshold?: number;
}

export interface RuleContext {
  model: ReportModel;
  locale: Locale;
  /** Who reported, for which year (title, else file name). */
  identity?: ReportIdentity;
  /** The same body's report for another year, when the caller knows it (workspace, CLI). */
  lookup?: (bodyKey: string, year: number) => YearFacts | null;
  /** How the text was read from its file, when the caller read it. */
  source?: SourceInfo;
  /** Local publication deadlines (`deadline`). */
  deadlines?: DeadlineOptions;
  /** `text-reuse`'s threshold. */
  textReuse?: TextReuseOptions;
  /** Reports that aggregate others' (`aggregate`). */
  aggregations?: readonly AggregationOption[];
  /** Other spellings of bodies' names, as configured (`aggregate` matches the aggregate's body through them). */
  aliases?: Readonly<Record<string, readonly string[]>>;
}

export interface Rule {
  id: RuleId;
  /** Default severity of its main finding. */
  severity: Severity;
  /** Every severity its findings take, the default first, when it is more than one (README's rule table). */
  severities?: Severity[];
  zh: string;
  en: string;
  /** What it finds, in one line (English): README's rule table. */
  summary: string;
  descriptionZh: string;
  descriptionEn: string;
  run(ctx: RuleContext): Finding[];
}

// ------------------------------------------------------------------ naming

/** Each declaration's short row names by row key (the first row of a key, as a search would find it). */
const shortNames = new WeakMap<GridTableDecl, Map<string, string>>();

export function rowShort(decl: GridTableDecl, row: string): string {
  let names = shortNames.get(decl);
  if (!names) {
    names = new Map();
    for (const r of decl.rows) if (!names.has(r.key)) names.set(r.key, r.short ?? r.key);
    shortNames.set(decl, names);
  }
  return names.get(row) ?? row;
}

export function columnLabel(decl: GridTableDecl, column: number): string {
  return decl.columns[column]?.label ?? String(column);
}

/** Cell names by declaration, locale, row key and column: a report names the same cells over and over. */
const cellNames = new WeakMap<GridTableDecl, Partial<Record<Locale, Map<string, string[]>>>>();

/** `（七）总计·自然人`, `行政复议·总计`. */
export function cellName(decl: GridTableDecl, ref: CellRef, locale: Locale): string {
  let byLocale = cellNames.get(decl);
  if (!byLocale) cellNames.set(decl, (byLocale = {}));
  const byRow = (byLocale[locale] ??= new Map());
  const known = byRow.get(ref.row)?.[ref.column];
  if (known !== undefined) return known;
  const row = rowShort(decl, ref.row);
  const col = columnLabel(decl, ref.column);
  const name = t(locale, 'cell.name', { row, column: col });
  // Only declared cells are kept: the memo stays as small as the declarations.
  if (decl.rows.some((r) => r.key === ref.row) && ref.column >= 0 && ref.column < decl.columns.length) {
    let names = byRow.get(ref.row);
    if (!names) byRow.set(ref.row, (names = []));
    names[ref.column] = name;
  }
  return name;
}

/**
 * A number as plain digits (at most four decimals), never in exponent notation: what a
 * fix writes into a cell and a message shows. `String(1e25)` is `1e+25`.
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Number.isInteger(v) ? v : Math.round(v * 10000) / 10000;
  if (Number.isInteger(r)) return BigInt(r).toString();
  // Below 1e21 (where it would switch to exponents), toFixed writes plain digits; its
  // trailing zeros (and a bare point) go.
  const s = r.toFixed(4);
  let end = s.length;
  while (s.charCodeAt(end - 1) === 0x30) end--;
  if (s.charCodeAt(end - 1) === 0x2e) end--;
  return s.slice(0, end);
}

function termText(name: string, v: number | null, locale: Locale): string {
  const value = v === null ? t(locale, 'blank') : formatNumber(v);
  return /[0-9]$/.test(name) ? `${name}：${value}` : `${name} ${value}`;
}

const COMPACT_AFTER = 6;

/** One side of an identity: `一 5 + 二 0 = 5`. */
export function sideText(inst: IdentityInstance, refs: CellRef[], locale: Locale, asZero = false): { text: string; sum: number } {
  const decl = inst.table.decl;
  const name = (r: CellRef) => (inst.decl.over === 'columns' ? rowShort(decl, r.row) : columnLabel(decl, r.column));
  const vals = refs.map((r) => {
    const v = cellAt(inst.table, r)?.value.value ?? null;
    return { r, v: v === null && asZero ? 0 : v };
  });
  const sum = vals.reduce((s, x) => s + (x.v ?? 0), 0);
  let parts: string[];
  if (vals.length > COMPACT_AFTER) {
    const shown = vals.filter((x) => x.v !== 0);
    parts = shown.map((x) => termText(name(x.r), x.v, locale));
    const rest = vals.length - shown.length;
    if (rest > 0) parts.push(t(locale, 'others', { count: rest }));
  } else {
    parts = vals.map((x) => termText(name(x.r), x.v, locale));
  }
  const text = vals.length > 1 ? `${parts.join(' + ')} = ${formatNumber(sum)}` : parts.join('');
  return { text, sum };
}

/** `一 5 + 二 0 = 5 ≠ （七）总计 0 + 四 0 = 0` (or `=` when it holds). */
export function equationText(inst: IdentityInstance, locale: Locale, asZero = false): string {
  const l = sideText(inst, inst.lhs, locale, asZero);
  const r = sideText(inst, inst.rhs, locale, asZero);
  const rel = Math.abs(l.sum - r.sum) < 1e-9 ? '=' : '≠';
  return `${l.text} ${rel} ${r.text}`;
}

export function whereText(inst: IdentityInstance, locale: Locale): string {
  return inst.decl.over === 'columns'
    ? t(locale, 'where.column', { column: columnLabel(inst.table.decl, inst.over as number) })
    : t(locale, 'where.row', { row: rowShort(inst.table.decl, inst.over as string) });
}

export function tablePrefix(decl: GridTableDecl, locale: Locale): string {
  return t(locale, decl.id === 'applications' ? 'table.applications' : 'table.appeals');
}

// ------------------------------------------------------------------ ranges and edits

/** Where a finding on a cell is shown: the cell's text, or its label when the cell is missing. */
export function cellRange(table: GridTable, ref: CellRef): { start: number; end: number } {
  const cell = cellAt(table, ref);
  if (cell?.source) return { start: cell.source.start, end: cell.source.end };
  const row = table.rows.get(ref.row);
  if (row?.label) return { start: row.label.start, end: row.labelEnd };
  return { start: table.start, end: table.start };
}

/** The edit that writes `value` into a cell (replacing its text, or filling a blank). */
export function writeEdit(text: string, cell: ValueCell, value: string): Edit | null {
  const src = cell.source;
  // A number printed one digit a line (pdftotext -layout, pdfColumns.ts unstack): no edit over the lines between.
  if (src && !src.blank) return /[\r\n]/.test(text.slice(src.start, src.end)) ? null : { start: src.start, end: src.end, newText: value };
  if (!src) return null; // a missing cell has no place to write to
  const at = cell.insertAt;
  // `| |` becomes `| 0 |`; a tab line gets its value after the tab.
  const pad = text[at] === '|' || text[at] === '｜' ? ' ' : '';
  return { start: at, end: at, newText: value + pad };
}

export function relatedCells(table: GridTable, refs: CellRef[], locale: Locale, limit = 12): Related[] {
  const out: Related[] = [];
  for (const ref of refs) {
    const c = cellAt(table, ref);
    if (!c?.source) continue;
    const v = c.value.value;
    out.push({
      start: c.source.start,
      end: c.source.end,
      message: t(locale, 'related.operand', { cell: cellName(table.decl, ref, locale), value: v === null ? t(locale, 'blank') : formatNumber(v) }),
    });
    if (out.length >= limit) break;
  }
  return out;
}

/** A table 二 column's label exactly as the template in use writes it. */
export function disclosureColumnLabel(ctx: RuleContext, item: string, column: string): string {
  const grp = (templateById(ctx.model.disclosure?.template) ?? TEMPLATES[0]).disclosure.groups.find((g) => g.item === item);
  return grp?.columns.find((c) => c.key === column)?.label ?? column;
}

export function disclosureCellName(ctx: RuleContext, rowLabel: string, item: string, column: string, locale: Locale): string {
  const label = disclosureColumnLabel(ctx, item, column);
  const row = rowLabel.replace(/\s+/g, '');
  return t(locale, 'cell.disclosure', { row, label });
}
