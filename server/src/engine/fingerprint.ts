// Reviewed findings kept outside the documents (a baseline, `.nianbao-baseline.json`):
// each finding's stable fingerprint, and the matching of a check's findings against the
// entries of a baseline. Pure: the CLI and the server read and write the file.
//
// A fingerprint names a finding without offsets, which move with every edit: the rule,
// who reported for which year, the cell by its table, row key and column label (or the
// table alone), and the values involved — the text of the finding's own place and of its
// related places in the same report (a cell's value, the operands of an identity, a date),
// and the value the rule expected and the one it read. Edits elsewhere leave it as it is;
// a changed value, or the finding on another cell, makes another fingerprint, and the
// finding is shown again.

import type { CheckResult } from './check';
import { GRID_TABLES } from './declarations';
import type { Finding } from './findings';
import type { ReportIdentity } from './model';
import { templateById } from './templates';

/** What a finding is, independent of where it stands in the text and of the message's language. */
export interface Fingerprint {
  rule: string;
  /** The body's comparison key (`bodyKey`), or null when the report does not say who reported. */
  body: string | null;
  year: number | null;
  /** The cell it points at: its table, row key (CHECK-JSON's `cell.row`) and column label. */
  cell?: { table: string; row: string; column: string };
  /** The table of a finding that points at no cell. */
  table?: string;
  /** Its place's text, then its related places' texts (spaces collapsed; long ones shortened with a hash). */
  values: string[];
  expected?: number;
  actual?: number;
}

/** One reviewed finding in a baseline file: its fingerprint, who reviewed it, why and when. */
export interface BaselineEntry extends Fingerprint {
  who: string;
  why: string;
  /** ISO 8601 date and time of the review. */
  when: string;
}

/** What a fingerprint is computed from besides the finding: the text its offsets are in, and the report's identity. */
export interface FingerprintContext {
  text: string;
  identity: ReportIdentity;
  /** The report's template (`model.template`, table 二's when it was read), for table 二's column labels. */
  template?: string;
}

/** Values longer than this are kept as their start and a hash of the whole. */
const MAX_VALUE = 48;

/** FNV-1a over UTF-16 code units, 32 bits, as 8 hex digits. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A place's text as a value: markup inside an HTML cell (`<span>`, `&nbsp;`) dropped, spaces collapsed. */
function valueText(text: string, start: number, end: number): string {
  const s = text
    .slice(start, end)
    .replace(/<[^<>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/[\s\u3000\u00a0]+/g, ' ')
    .trim();
  return s.length <= MAX_VALUE ? s : `${s.slice(0, 32)}…#${hash(s)}`;
}

function columnName(cell: NonNullable<Finding['cell']>, template: string | undefined): string {
  const grid = GRID_TABLES.find((d) => d.id === cell.table);
  if (grid) return grid.columns[cell.column]?.label ?? String(cell.column);
  // Table 二: `row` is `item.key`; its columns are the template's columns of that item, in order.
  const item = cell.row.slice(0, cell.row.indexOf('.'));
  const group = templateById(template)?.disclosure.groups.find((g) => g.item === item);
  return group?.columns[cell.column]?.label ?? String(cell.column);
}

export function fingerprint(f: Finding, ctx: FingerprintContext): Fingerprint {
  const fp: Fingerprint = { rule: f.code, body: ctx.identity.bodyKey, year: ctx.identity.year, values: [] };
  if (f.cell) fp.cell = { table: f.cell.table, row: f.cell.row, column: columnName(f.cell, ctx.template) };
  else if (f.table) fp.table = f.table;
  fp.values.push(valueText(ctx.text, f.start, f.end));
  // Places in another report (cross-year) are named by a path that differs between the CLI and the editor: the expected value stands for them.
  for (const r of f.related) if (!r.external) fp.values.push(valueText(ctx.text, r.start, r.end));
  if (f.expected !== undefined) fp.expected = f.expected;
  if (f.actual !== undefined) fp.actual = f.actual;
  return fp;
}

/** Two fingerprints are the same finding when their keys are equal. */
export function fingerprintKey(fp: Fingerprint): string {
  return JSON.stringify([fp.rule, fp.body, fp.year, fp.cell ? [fp.cell.table, fp.cell.row, fp.cell.column] : null, fp.table ?? null, fp.values, fp.expected ?? null, fp.actual ?? null]);
}

/** The fingerprint context of a check result (`text`: the text its findings' offsets are in). */
export function fingerprintContext(result: Pick<CheckResult, 'identity' | 'model'>, text: string = result.model.text): FingerprintContext {
  return { text, identity: result.identity, template: result.model.template };
}

export interface BaselineMatch {
  /** The findings still shown. */
  kept: Finding[];
  /** The findings a baseline entry matched, each marked with `suppression: { kind: 'baseline', reason: why }`. */
  baselined: Finding[];
  /** Indices into the entries of those that matched a finding. */
  used: Set<number>;
}

/**
 * The findings a baseline's entries match. Each entry matches one finding (two findings
 * with one fingerprint need two entries), the first in the order given.
 */
export function matchBaseline(findings: readonly Finding[], ctx: FingerprintContext, entries: readonly BaselineEntry[]): BaselineMatch {
  const kept: Finding[] = [];
  const baselined: Finding[] = [];
  const used = new Set<number>();
  if (entries.length === 0) return { kept: [...findings], baselined, used };
  const byKey = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const k = fingerprintKey(e);
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  for (const f of findings) {
    const free = byKey.get(fingerprintKey(fingerprint(f, ctx)));
    const i = free?.shift();
    if (i === undefined) kept.push(f);
    else {
      used.add(i);
      baselined.push({ ...f, suppression: { kind: 'baseline', reason: entries[i].why } });
    }
  }
  return { kept, baselined, used };
}

/** A check result with the findings a baseline matched set apart (`CheckResult.baselined`). */
export function applyBaseline(result: CheckResult, entries: readonly BaselineEntry[], text?: string): CheckResult & { baselined: Finding[] } {
  const m = matchBaseline(result.findings, fingerprintContext(result, text), entries);
  return { ...result, findings: m.kept, baselined: m.baselined };
}

/** A new entry for a finding: its fingerprint, with who reviewed it, why and when. */
export function baselineEntry(fp: Fingerprint, who: string, why: string, when: string): BaselineEntry {
  const e: BaselineEntry = { rule: fp.rule, body: fp.body, year: fp.year } as BaselineEntry;
  if (fp.cell) e.cell = fp.cell;
  if (fp.table) e.table = fp.table;
  e.values = fp.values;
  if (fp.expected !== undefined) e.expected = fp.expected;
  if (fp.actual !== undefined) e.actual = fp.actual;
  e.who = who;
  e.why = why;
  e.when = when;
  return e;
}

/**
 * A baseline brought up to date with the reports checked (`reports`: each report's
 * findings and fingerprint context). Entries that still match a finding keep their who,
 * why and when; entries of the reports checked (same body and year) that match nothing
 * any more are dropped; entries of other reports are kept; every finding no entry matched
 * gets a new entry (`who`, `why`, `when`). Entries come out in a stable order.
 */
export function updateBaseline(
  entries: readonly BaselineEntry[],
  reports: readonly { findings: readonly Finding[]; ctx: FingerprintContext }[],
  who: string,
  why: string,
  when: string,
): { entries: BaselineEntry[]; added: number; kept: number; dropped: number } {
  const used = new Set<number>();
  const added: BaselineEntry[] = [];
  const checked = new Set<string>();
  // Each report is matched against the entries left by the reports before it.
  for (const { findings, ctx } of reports) {
    checked.add(JSON.stringify([ctx.identity.bodyKey, ctx.identity.year]));
    const free = entries.map((e, i) => ({ e, i })).filter((x) => !used.has(x.i));
    const m = matchBaseline(findings, ctx, free.map((x) => x.e));
    for (const j of m.used) used.add(free[j].i);
    for (const f of m.kept) added.push(baselineEntry(fingerprint(f, ctx), who, why, when));
  }
  const out: BaselineEntry[] = [];
  let dropped = 0;
  entries.forEach((e, i) => {
    if (used.has(i) || !checked.has(JSON.stringify([e.body, e.year]))) out.push(e);
    else dropped++;
  });
  out.push(...added);
  return { entries: out, added: added.length, kept: used.size, dropped };
}

/** A baseline file's entries, from its parsed JSON; entries that are not fingerprints are left out. */
export function baselineEntries(json: unknown): BaselineEntry[] {
  const list = (json as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is BaselineEntry => {
    if (!e || typeof e !== 'object') return false;
    const x = e as Record<string, unknown>;
    return typeof x.rule === 'string' && Array.isArray(x.values) && x.values.every((v) => typeof v === 'string') && (x.year === null || typeof x.year === 'number') && (x.body === null || typeof x.body === 'string');
  }).map((e) => ({ ...e, who: typeof e.who === 'string' ? e.who : '', why: typeof e.why === 'string' ? e.why : '', when: typeof e.when === 'string' ? e.when : '' }));
}

/** The text of a baseline file holding `entries`. */
export function baselineText(entries: readonly BaselineEntry[]): string {
  return JSON.stringify({ version: 1, entries }, null, 2) + '\n';
}
