// Table 四 (administrative reviews and lawsuits): an anchor cell 行政复议, header cells, then 15 values.

import type { Cell } from '../cells';
import { APPEALS } from '../declarations';
import type { GridRow, GridTable } from '../model';
import type { Cursor } from '../labels';
import { pageMarkAt } from '../pdfText';
import { buildRow, cellsWithSpaced, containsSpaced, isAppealHeader } from './rows';

/** The headers of table 四's groups (not of a column). */
const GROUP_HEADERS = new Set(['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']);

/**
 * How many text cells from `i` on make the header 总计 (`总计`, or `总` and `计`) between two
 * values, or 0: PDF text without layout prints a group's 总计 header just above its value
 * (`0 0 0 0 总 计 0`).
 */
function totalHeaderAt(cells: Cell[], cur: Cursor, i: number): number {
  let text = '';
  let j = i;
  while (j < cells.length && j - i < 2 && cur.isText(j) && !cells[j].blank && text.length < 2) text += cells[j++].text.replace(/\s+/g, '');
  return text === '总计' && i > 0 && !cur.isText(i - 1) && j < cells.length && !cur.isText(j) && !cells[j].blank ? j - i : 0;
}

/**
 * The value cells between the anchor `a` and table 四's first column header that stand on a
 * page before that header's (pdftotext without options prints table 三's last figures there,
 * after 行政复议): table 四's values stand below its headers, so these are another table's.
 * Empty when there are none or a form feed does not stand between them and the header.
 */
function figuresOfPageBefore(cells: Cell[], cur: Cursor, a: number, feeds: number[]): Set<number> {
  const out = new Set<number>();
  if (feeds.length === 0) return out;
  let h = a + 1;
  const between: number[] = [];
  for (; h < cells.length && h - a <= 40; h++) {
    if (cells[h].blank) continue;
    if (!cur.isText(h)) between.push(h);
    else if (!isAppealHeader(cur, h, 60) || !GROUP_HEADERS.has(cur.at(h).core)) break;
  }
  if (between.length === 0 || h >= cells.length || !cur.isText(h) || !isAppealHeader(cur, h, 60)) return out;
  const last = cells[between[between.length - 1]].end;
  if (feeds.some((f) => f >= last && f < cells[h].start)) for (const k of between) out.add(k);
  return out;
}

/**
 * `traditional` false promises that no cell holds a Traditional character (so 议 must be written as such);
 * `feeds`: the offsets of the text's form feeds (pdftotext's pages).
 */
export function parseAppeals(cells: Cell[], cur: Cursor, text: string, traditional = true, feeds: number[] = []): GridTable | null {
  const decl = APPEALS;
  // Without Traditional characters, an anchor holds 行政复议 as written: only cells that
  // hold one are tried (found by searching the text, not every cell).
  const candidates = traditional ? null : cellsWithSpaced(text, cells, '行政复议');
  let next = 0;
  for (let a = 0; a < cells.length; a++) {
    if (candidates) {
      while (next < candidates.length && candidates[next] < a) next++;
      if (next === candidates.length) break;
      a = candidates[next];
    }
    // The anchor: a cell `行政复议`, or a whole header line of a PDF copy starting with it.
    if (!traditional && !containsSpaced(cells[a].text, '行政复议')) continue;
    if (!cur.isText(a) || !cur.at(a).core.startsWith('行政复议') || !isAppealHeader(cur, a, 120)) continue;
    // Header cells, then 15 values.
    let i = a + 1;
    const labels: Record<string, Cell> = { review: cells[a] };
    // Whether a column's header (结果维持 … 总计, whole or a character at a time) came before the values.
    let columnHeader = false;
    // Another table's figures on the page before the column headers: no header, no value of this table.
    const strays = figuresOfPageBefore(cells, cur, a, feeds);
    // Header cells; a PDF copy stacks the headers one character per token (`结 结 其 尚`).
    while (i < cells.length && (cells[i].blank || strays.has(i) || (cur.isText(i) && isAppealHeader(cur, i, 60)) || pageMarkAt(cells, i) > 0)) {
      const mark = pageMarkAt(cells, i); // a page mark (`- 5 -`, `第 5 页`) of PDF text: no header, no value
      if (strays.has(i)) {
        i++;
        continue;
      }
      if (mark > 0) {
        i += mark;
        continue;
      }
      const k = cur.at(i).core;
      if (!cells[i].blank && k === '未经复议直接起诉') labels.litigationDirect = cells[i];
      if (!cells[i].blank && k === '复议后起诉') labels.litigationAfterReview = cells[i];
      if (!cells[i].blank && !GROUP_HEADERS.has(k)) columnHeader = true;
      i++;
    }
    // Fifteen or more blanks written after the last header cell (a new report's skeleton) are the values, not header.
    if (i < cells.length && cur.isText(i)) {
      let h = i;
      while (h > a + 1 && cells[h - 1].blank) h--;
      if (i - h >= 15 && cells[h].layout !== 'plain') i = h;
    }
    // An anchor among these header cells would read the same cells from `i` on and fail
    // the same way: go on after them (linear on thousands of repeated headers).
    const headerEnd = i;
    if (i >= cells.length || cur.isText(i)) {
      a = headerEnd - 1;
      continue;
    }
    const values: Cell[] = [];
    // How many values came before the last group headers passed: whole groups, each certain.
    let delimited = 0;
    for (;;) {
      while (i < cells.length && (!cur.isText(i) || pageMarkAt(cells, i) > 0 || totalHeaderAt(cells, cur, i) > 0) && values.length < 15 + 8) {
        const mark = pageMarkAt(cells, i) || totalHeaderAt(cells, cur, i);
        if (mark > 0) i += mark;
        else values.push(cells[i++]);
      }
      // Whole groups, then the next groups' headers (PDF text without layout prints 行政复议's
      // five values before the headers of 行政诉讼): the values after those headers follow.
      if (values.length !== 5 && values.length !== 10) break;
      if (values.some((v) => v.blank) || i >= cells.length || !cur.isText(i) || !isAppealHeader(cur, i, 60)) break;
      let j = i;
      while (j < cells.length && cur.isText(j) && !cells[j].blank && isAppealHeader(cur, j, 60)) j++;
      if (j >= cells.length || cur.isText(j) || cells[j].blank) break;
      i = j;
      delimited = values.length;
    }
    // Fifteen blank cells all written (a new report's skeleton): the table, its blanks reported by blank-cell.
    const allWritten = values.length >= 15 && values.slice(0, 15).every((v) => v.blank && v.layout !== 'plain');
    // A browser's copy writes every cell: its blanks up to the fifteenth are cells.
    if (!allWritten) while (values.length && values[values.length - 1].blank && !(values.length <= 15 && values[values.length - 1].layout === 'tabrow')) values.pop();
    if (!allWritten && values.filter((v) => !v.blank).length < 3) {
      a = headerEnd - 1;
      continue;
    }
    const rows = new Map<string, GridRow>();
    // A whole group's worth of values missing and not one blank cell among them (PDF text
    // drops its blank cells: `5 2 7 8 1 9`): which column each value stands in is unknown,
    // nothing is read. Fewer missing are taken as the table's last cells, cut off at its end;
    // whole groups of five stopped by the next group's header (`3 2 0 0 5 复议后起诉`) are read.
    const byHeader = values.length % 5 === 0 && i < cells.length && cur.isText(i) && isAppealHeader(cur, i, 60);
    const lostBlanks = values.length <= 10 && !byHeader && values.every((v) => !v.blank && v.layout === 'plain');
    // Lines of text values straight after the group headers (行政复议, 行政诉讼), before any
    // column's header: PDF text without layout printed another table's figures there (table
    // 三's wrapped numbers from the page before); which column each stands in is unknown.
    const beforeColumns = !columnHeader && values.every((v) => v.layout === 'plain');
    // Past another table's figures, only all fifteen values are read (which of them a missing one is, is unknown).
    if (lostBlanks || beforeColumns || (strays.size > 0 && values.length !== 15) || (values.every((v) => v.layout === 'tabrow') && values.length !== 15)) {
      // A browser-copy row of more or fewer than 15 cells cannot be put in its columns: nothing is read from it (unread).
      return { decl, rows, shape: 'n/a', start: cells[a].start, end: values[values.length - 1].end, headerStart: cells[a].start, unread: decl.rows.map((r) => r.key) };
    }
    // PDF text (form feeds) that stops short of fifteen values, no blank written: pdftotext dropped a blank
    // cell or printed a value elsewhere (after the prose below), and which is not known. The groups
    // passed between their headers are certain; the others are not read, never read as blank.
    const cut = feeds.length > 0 && !byHeader && values.length < 15 && values.every((v) => !v.blank && v.layout === 'plain');
    const unread: string[] = [];
    decl.rows.forEach((row, g) => {
      const slice = values.slice(g * 5, g * 5 + 5);
      // A group without one value (the values stopped at a header): not read, not read as blank.
      if ((slice.length === 0 && byHeader) || (cut && g * 5 + 5 > delimited)) {
        unread.push(row.key);
        return;
      }
      const r = buildRow(row.key, labels[row.key], (labels[row.key] ?? cells[a]).end, slice, 5);
      rows.set(row.key, r);
    });
    const last = rows.get('litigationAfterReview');
    if (last) for (const extra of values.slice(15)) if (!extra.blank) last.extras.push({ start: extra.start, end: extra.end, text: extra.text, glued: false });
    return { decl, rows, shape: 'n/a', start: cells[a].start, end: values[values.length - 1].end, headerStart: cells[a].start, unread };
  }
  return null;
}
