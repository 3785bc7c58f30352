// Hover content, derived from the declarations: a cell's identities evaluated,
// and a table's summary (figures and rates with their formulas).

import type { GridTableDecl, RateDecl } from './declarations';
import { cellName, columnLabel, equationText, formatNumber, rowShort, whereText } from './findings';
import { partHeadingsOf } from './headings';
import { cellAt, evaluate, instantiate, involves, type CellRef } from './identities';
import { formatPercent } from './format';
import { t, type Locale } from './i18n';
import type { GridTable, ReportModel } from './model';

export interface CellHit {
  table: GridTable;
  ref: CellRef;
  start: number;
  end: number;
}

/** The table cell whose text (or blank span) contains `offset`. */
export function cellAtOffset(model: ReportModel, offset: number): CellHit | null {
  for (const table of [model.applications, model.appeals]) {
    if (!table || offset < table.start || offset > table.end + 1) continue;
    for (const [row, r] of table.rows) {
      for (let column = 0; column < r.cells.length; column++) {
        const src = r.cells[column].source;
        if (src && offset >= src.start && offset <= src.end) return { table, ref: { row, column }, start: src.start, end: src.end };
      }
    }
  }
  return null;
}

/** The part of the text where a hover shows the table's summary: its heading and header. */
export function summaryRegion(model: ReportModel, table: GridTable): { start: number; end: number } {
  // Table 三's header ends at its first row label; table 四's labels are its header, which ends at the first value.
  const starts = [...table.rows.values()].map((r) =>
    table.decl.id === 'appeals' ? (r.cells.find((c) => c.source)?.source?.start ?? Infinity) : (r.label?.start ?? Infinity),
  );
  const firstRow = starts.reduce((a, b) => Math.min(a, b), Infinity);
  let start = table.headerStart;
  const heading = partHeadingsOf(model).filter((h) => h.titleEnd <= table.headerStart && table.headerStart - h.titleEnd < 400).pop();
  if (heading) start = heading.numeralStart;
  return { start, end: Number.isFinite(firstRow) ? firstRow : table.headerStart };
}

function sumOf(table: GridTable, cells: string[]): number | null {
  let s = 0;
  let any = false;
  for (const c of cells) {
    const [row, col] = c.split(':');
    const column = table.decl.columns.findIndex((x) => x.key === col);
    // A row not read makes the sum unknown; a row of the other shape (（六）) is just not there.
    if (table.unread.includes(row)) return null;
    if (!table.rows.has(row)) continue;
    const v = cellAt(table, { row, column })?.value.value ?? null;
    if (v === null) return null;
    s += v;
    any = true;
  }
  return any ? s : null;
}

function cellLabel(decl: GridTableDecl, ref: string, locale: Locale): string {
  const [row, col] = ref.split(':');
  const column = decl.columns.findIndex((x) => x.key === col);
  return cellName(decl, { row, column }, locale);
}

export interface TableSummary {
  figures: { label: string; value: number | null }[];
  rates: { label: string; value: number; formula: string }[];
  identities: { total: number; holding: number; broken: number; unassessable: number };
}

/** A declared rate over a table: null when an operand is unknown, or over 0 (which says nothing). */
function rateOf(table: GridTable, r: RateDecl): number | null {
  const num = sumOf(table, r.numerator);
  const den = sumOf(table, r.denominator);
  return num === null || den === null || den === 0 ? null : num / den;
}

/**
 * Every figure and rate declared on a table (declarations.ts `figures`, `rates`), by key: null when
 * an operand is blank or not a number, and for a rate over 0. The folder summary's columns (cli/summary).
 */
export function declaredValues(table: GridTable): { figures: Record<string, number | null>; rates: Record<string, number | null> } {
  const figures: Record<string, number | null> = {};
  for (const f of table.decl.figures) figures[f.key] = sumOf(table, f.cells);
  const rates: Record<string, number | null> = {};
  for (const r of table.decl.rates) rates[r.key] = rateOf(table, r);
  return { figures, rates };
}

export function summarize(table: GridTable, locale: Locale): TableSummary {
  const decl = table.decl;
  const figures = decl.figures
    .filter((f) => f.cells.some((c) => table.rows.has(c.split(':')[0])))
    .map((f) => ({ label: locale === 'en' ? f.en : f.zh, value: sumOf(table, f.cells) }));
  const rates: TableSummary['rates'] = [];
  for (const r of decl.rates) {
    const value = rateOf(table, r);
    if (value === null) continue;
    const side = (cells: string[]) => {
      const present = cells.filter((c) => table.rows.has(c.split(':')[0])).map((c) => cellLabel(decl, c, locale));
      return present.length > 1 ? `(${present.join(' + ')})` : present[0];
    };
    rates.push({ label: locale === 'en' ? r.en : r.zh, value, formula: `${side(r.numerator)} / ${side(r.denominator)}` });
  }
  const insts = instantiate(table);
  const counts = { total: insts.length, holding: 0, broken: 0, unassessable: 0 };
  for (const i of insts) {
    const k = evaluate(i).kind;
    if (k === 'holds') counts.holding++;
    else if (k === 'broken') counts.broken++;
    else counts.unassessable++;
  }
  return { figures, rates, identities: counts };
}

export function summaryMarkdown(table: GridTable, locale: Locale): string {
  const s = summarize(table, locale);
  const decl = table.decl;
  const en = locale === 'en';
  const lines: string[] = [`**${en ? decl.titleEn : decl.title}**`, ''];
  for (const f of s.figures) lines.push(`- ${f.label}: ${f.value === null ? t(locale, 'blank') : formatNumber(f.value)}`);
  if (s.rates.length) {
    lines.push('');
    for (const r of s.rates) lines.push(`- ${r.label} = ${r.formula} = ${formatPercent(r.value)}`);
  }
  lines.push('');
  const { total, holding, broken, unassessable } = s.identities;
  lines.push(
    t(locale, 'hover.identities', {
      holding,
      total,
      broken: broken ? t(locale, 'hover.identitiesBroken', { count: broken }) : '',
      unassessable: unassessable ? t(locale, 'hover.identitiesUnassessable', { count: unassessable }) : '',
    }),
  );
  return lines.join('\n');
}

export function cellMarkdown(hit: CellHit, locale: Locale): string {
  const { table, ref } = hit;
  const decl = table.decl;
  const en = locale === 'en';
  const cell = cellAt(table, ref);
  const v = cell?.value;
  const shown = !v ? '' : v.kind === 'blank' ? t(locale, 'blank') : v.value === null ? `“${cell?.source?.text.trim()}”` : formatNumber(v.value);
  const rowLabel = decl.rows.find((r) => r.key === ref.row)?.label ?? ref.row;
  const lines = [
    `**${en ? decl.titleEn : decl.title}** · ${rowShort(decl, ref.row)} · ${columnLabel(decl, ref.column)} = ${shown}`,
    '',
    t(locale, 'hover.rowColumn', { row: rowLabel, column: columnLabel(decl, ref.column) }),
    '',
  ];
  for (const inst of instantiate(table)) {
    if (!involves(inst, ref)) continue;
    const st = evaluate(inst);
    const mark = st.kind === 'holds' ? '✔' : st.kind === 'broken' ? '✘' : '？';
    const name = en ? inst.decl.en : inst.decl.zh;
    const note = st.kind === 'unassessable' ? t(locale, 'hover.unassessable') : '';
    lines.push(`- ${mark} ${name}${whereText(inst, locale).replace(/[:：]\s*$/, '')}：${equationText(inst, locale, st.kind === 'unassessable')}${note}`);
  }
  return lines.join('\n');
}

/** Hover markdown at an offset, or null. */
export function hoverAt(model: ReportModel, offset: number, locale: Locale): { markdown: string; start: number; end: number } | null {
  const hit = cellAtOffset(model, offset);
  if (hit) return { markdown: cellMarkdown(hit, locale), start: hit.start, end: hit.end };
  for (const table of [model.applications, model.appeals]) {
    if (!table) continue;
    const region = summaryRegion(model, table);
    if (offset >= region.start && offset < region.end) return { markdown: summaryMarkdown(table, locale), start: region.start, end: region.end };
  }
  return null;
}
