// Table 三 as pdftotext prints it without options from a PDF that WPS made: text blocks in
// reading order, where a row's cells are blocks of their own
//
//   二、上年结转政府信息公开申请数量 ¶ 0 ¶ 0 ¶ 0 ¶ 0 ¶ 0 ¶ 0 ¶ 0        (¶: an empty line)
//
// but the cells of a run of short rows, one above the other in their column, make one block:
// a column's values of those rows, a line each, one paragraph per column —
//
//   1⏎0⏎0⏎0⏎0⏎1⏎1⏎0⏎10⏎3 ¶ 0⏎0⏎…⏎0 ¶ … (seven paragraphs of ten lines: ten rows)
//
// — and the labels land away from their values, out of the template's order (`一、本年新收…`
// after the rows below it, `3.补正后…` after the table's last row). The values come in the
// table's order, top to bottom, each row (or run of rows) column by column, left to right.
//
// Read here only where that is certain: seven paragraphs in a row, each of as many lines of
// one number, make that many rows (a blank cell leaves no line: a column short of a line
// breaks the count); within a page (or a few pages together, where a row's label and values
// are printed on two), the rows the values make must be exactly those the page's labels name,
// each once, a run of the template's rows in order — then the values fall to them in order.
// A page with text that is no label, header or page mark, or whose counts do not agree, is
// not read. Group labels (`（三）不予公开`, `三、本年度办理结果`) name no row.

import type { Cell } from './cells';
import { APPLICATIONS, type RowDecl } from './declarations';
import { labelKey } from './normalize';
import { Cursor, MATCH_THRESHOLD, matchesGroup, matchRow } from './labels';
import { isApplicationHeader } from './tables/rows';
import { pages } from './pdfStacks';
import { pageMarkAt } from './pdfText';

/** Table 三's columns of values. */
const COLUMNS = APPLICATIONS.columns.length;
/** How many pages a row's label and values may stand apart over. */
const MAX_SPAN = 3;
/** A label line is short; prose is longer. */
const MAX_LABEL = 80;
const DIGITS = /^[0-9]+$/;
const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9]{1,2}[.．、])/;
/** Where table 三 has certainly ended: table 四's anchor, a sentence. */
const ENDS = /行政复议|[。；;！？]/;
/** Words of table 三's header, printed again over a page's part of the table. */
const HEADER = /^(?:申请人情况|自然人|法人或其他组织|商业|企业|科研|机构|社会|公益|组织|法律|服务|其他|总计)+$/;

/** A paragraph: cells [from, to) between empty lines. */
interface Para {
  from: number;
  to: number;
  /** Lines of one number each (one per line, consecutive lines). */
  values: boolean;
  page: number;
}

/** A run of rows: seven value paragraphs of `lines` lines each (a column's values each). */
interface Group {
  columns: Cell[][];
  lines: number;
  page: number;
}

export interface BlockRows {
  /** The rows as `label, values…` in the template's order, after the cells before the table. */
  cells: Cell[];
  first: number;
  firstRow: number;
}

function paragraphsOf(cells: Cell[], cur: Cursor, pageOf: (at: number) => number): Para[] {
  const out: Para[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i + 1;
    let values = !cells[i].blank && !cur.isText(i) && DIGITS.test(cells[i].text);
    while (j < cells.length && !cells[j].breakBefore) {
      const c = cells[j];
      if (c.blank || cur.isText(j) || !DIGITS.test(c.text) || c.line !== cells[j - 1].line + 1) values = false;
      j++;
    }
    out.push({ from: i, to: j, values, page: pageOf(cells[i].start) });
    i = j;
  }
  return out;
}

/** The table's shape rows: those of the template, the sub-rows of （六） or the single row. */
function shapeRows(shape: RowDecl['shape']): number[] {
  const out: number[] = [];
  APPLICATIONS.rows.forEach((r, k) => {
    if (!r.shape || r.shape === shape) out.push(k);
  });
  return out;
}

function bestRow(label: Cell): { row: number; score: number } | null {
  const m = matchRow(new Cursor([label]), 0, 0, 0);
  return m && m.score >= MATCH_THRESHOLD ? { row: APPLICATIONS.rows.indexOf(m.row), score: m.score } : null;
}

/** A label: its first line's cell, the text of its lines joined (a wrapped label). */
interface Label {
  cell: Cell;
  text: string;
  page: number;
}

/**
 * Table 三 from WPS's block text, or null when the text is not that form (no run of rows
 * printed a column a paragraph) or fewer than `minRows` rows are certain.
 */
export function blockRows(cells: Cell[], cur: Cursor, feeds: number[], minRows = 3): BlockRows | null {
  if (feeds.length === 0) return null;
  const pageOf = pages(feeds);
  const paras = paragraphsOf(cells, cur, pageOf);
  // The form's mark: seven paragraphs of as many lines (two or more) of one number each.
  const block = paras.findIndex((p, k) => p.values && p.to - p.from >= 2 && sameRun(paras, k));
  if (block < 0) return null;
  // The table starts at its header (申请人情况, 自然人), the last one before that run.
  let start = -1;
  let p = block - 1;
  for (; p >= 0 && start < 0; p--) {
    for (let i = paras[p].from; i < paras[p].to && start < 0; i++) if (/申请人情况|自然人/.test(cur.at(i).key) && isApplicationHeader(cur, i)) start = i;
  }
  if (start < 0) return null;
  p++;
  const groups: Group[] = [];
  const labels: Label[] = [];
  /** Pages holding text that is none of the table's: not read. */
  const unsure = new Set<number>();
  let end = false;
  while (p < paras.length && !end) {
    const para = paras[p];
    if (para.values) {
      const lines = para.to - para.from;
      if (!sameRun(paras, p) || paras[p + COLUMNS - 1].page !== para.page) {
        // Values that make no run of rows: where they stand, nothing is certain.
        for (let k = p; k < paras.length && paras[k].values; k++) unsure.add(paras[k].page);
        while (p < paras.length && paras[p].values) p++;
        continue;
      }
      const columns: Cell[][] = [];
      for (let k = 0; k < COLUMNS; k++) columns.push(cells.slice(paras[p + k].from, paras[p + k].to));
      groups.push({ columns, lines, page: para.page });
      p += COLUMNS;
      continue;
    }
    let last: Label | null = null;
    // In a header's cell, its wrapped lines (`（本列数据的勾稽关系为：…等` ⏎ `于第三项加第四项之和）`).
    let header = false;
    for (let i = Math.max(para.from, start); i < para.to; i++) {
      const c = cells[i];
      const mark = pageMarkAt(cells, i);
      if (mark > 0) {
        i += mark - 1;
        last = null;
        continue;
      }
      const key = labelKey(c.text);
      if (key.length > MAX_LABEL || ENDS.test(key)) {
        end = true;
        break;
      }
      if (!ENUMERATOR.test(key) && (last || header)) {
        // A label's wrapped line (`计其他情形）`, `已获取信息`), or a header's.
        if (last) last.text += key;
        continue;
      }
      header = false;
      if (HEADER.test(key) || isApplicationHeader(cur, i)) {
        last = null;
        header = true;
        continue;
      }
      last = { cell: c, text: key, page: pageOf(c.start) };
      labels.push(last);
    }
    p++;
  }
  // Each label: a row, a group's label, or text of no table (its page unsure).
  const named: { row: number; label: Label }[] = [];
  let split = false;
  for (const l of labels) {
    const cell = { ...l.cell, text: l.text, value: undefined };
    const m = bestRow(cell);
    const group = matchesGroup(new Cursor([cell]), 0, APPLICATIONS);
    if (m && (!group || m.score >= 0.95)) {
      named.push({ row: m.row, label: l });
      if (APPLICATIONS.rows[m.row].shape === 'split-other') split = true;
    } else if (!group) unsure.add(l.page);
  }
  const rows = shapeRows(split ? 'split-other' : 'single-other');
  // （六）其他处理 heads its sub-rows where the table has them: a group's label, no row.
  const labelsOn = named.filter((n) => rows.includes(n.row));
  for (const n of named) if (!rows.includes(n.row) && !(split && APPLICATIONS.rows[n.row].key === 'other')) unsure.add(n.label.page);
  // Pages, a few together where need be, whose values make the rows their labels name.
  const read: { row: number; label: Cell; values: Cell[] }[] = [];
  const lastPage = Math.max(...groups.map((g) => g.page), ...labelsOn.map((n) => n.label.page));
  for (let a = Math.min(...groups.map((g) => g.page)); a <= lastPage; ) {
    let done = false;
    for (let b = a; b < a + MAX_SPAN && b <= lastPage && !done; b++) {
      const gs = groups.filter((g) => g.page >= a && g.page <= b);
      const ls = labelsOn.filter((n) => n.label.page >= a && n.label.page <= b);
      const count = gs.reduce((s, g) => s + g.lines, 0);
      if (count === 0 || ls.length !== count) continue;
      const at = ls.map((n) => rows.indexOf(n.row)).sort((x, y) => x - y);
      if (at.some((x, k) => x !== at[0] + k)) continue;
      done = true;
      for (let pg = a; pg <= b; pg++) if (unsure.has(pg)) done = false;
      if (!done) break;
      let k = at[0];
      for (const g of gs) {
        for (let line = 0; line < g.lines; line++, k++) {
          const row = rows[k];
          const label = ls.find((n) => n.row === row)!.label.cell;
          read.push({ row, label, values: g.columns.map((col) => col[line]) });
        }
      }
      a = b + 1;
    }
    if (!done) a++;
  }
  if (read.length < minRows) return null;
  read.sort((x, y) => x.row - y.row);
  const first = start;
  const out = cells.slice(0, first);
  for (const r of read) out.push({ ...r.label, text: APPLICATIONS.rows[r.row].label, value: undefined }, ...r.values);
  return { cells: out, first, firstRow: read[0].row };
}

/** Are paragraphs k … k+6 all values of as many lines each? */
function sameRun(paras: Para[], k: number): boolean {
  if (k + COLUMNS > paras.length) return false;
  const lines = paras[k].to - paras[k].from;
  for (let j = k; j < k + COLUMNS; j++) if (!paras[j].values || paras[j].to - paras[j].from !== lines) return false;
  return true;
}
