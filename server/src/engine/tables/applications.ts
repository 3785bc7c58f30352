// Table 三 (applications): found by its row labels, read row by row in the template's order.

import type { Cell } from '../cells';
import { APPLICATIONS, type GridTableDecl } from '../declarations';
import type { GridRow, GridTable } from '../model';
import { coresOf, Cursor, endsInDigit, GENERIC_CORE, isGroupLabelStart, MATCH_THRESHOLD, matchesGroup, matchRow, matchSplitLabel, mayBeRowLabel, scoreCore, type LabelMatch } from '../labels';
import { pdfRowOrder, withoutPageMarks } from '../pdfText';
import { plainRows } from '../pdfPlain';
import { buildRow, collectValues, isApplicationHeader } from './rows';

/** How many starts of table 三 are tried before giving up (each bounded by its strays: linear). */
const MAX_TABLE_STARTS = 64;

/**
 * `text`: the document's (simple) text, which the cells index; `pdf`: the text is an
 * extractor's (pdftotext: form feeds between pages), whose rows drop their blank cells;
 * `feeds`: the offsets of those form feeds (the text has them as spaces).
 */
export function parseApplications(cells: Cell[], cur: Cursor, text = '', pdf = false, feeds: number[] = []): GridTable | null {
  // pdftotext without options of a Word-made PDF: a paragraph per cell (pdfPlain.ts); its rows not certain stay unread.
  const plain = pdf ? plainRows(cells, cur, feeds) : null;
  if (plain) {
    const table = readApplications(plain.cells, new Cursor(plain.cells), plain.first, plain.firstRow, 1, pdf, true).table;
    if (table) return table;
  }
  // PDF text (values on lines of their own, wrapped and vertical labels): its rows rebuilt first (pdfText.ts).
  const rebuilt = pdfRowOrder(cells, cur, text, feeds);
  if (rebuilt) {
    // Its start is known (the rebuild's first row): one row read is the table, whose rows not kept stay unread.
    const table = readFrom(rebuilt, new Cursor(rebuilt), 1, pdf);
    if (table) return table;
  }
  // Page marks of PDF text (`- 4 -`) are no values of the row above them.
  const unmarked = withoutPageMarks(cells);
  if (unmarked) return readFrom(unmarked, new Cursor(unmarked), 3, pdf);
  return readFrom(cells, cur, 3, pdf);
}

function readFrom(cells: Cell[], cur: Cursor, minRows = 3, pdf = false): GridTable | null {
  // The table starts at the first distinctive row label followed by values. A start
  // from which fewer than three rows are read — such a label with a figure in the prose
  // above the table — gives way to the next one.
  // The cells the failed starts read may not exceed the document's (linear however many starts fail).
  let from = 0;
  let spent = 0;
  for (let tries = 0; tries < MAX_TABLE_STARTS && spent <= cells.length; tries++) {
    const s = applicationsStart(cells, cur, from);
    if (!s) return null;
    const read = readApplications(cells, cur, s.start, s.row, minRows, pdf);
    if (read.table) return read.table;
    spent += read.reached - s.start;
    from = s.start + 1;
  }
  return null;
}

/** The first cell from `from` on that can start table 三: a distinctive row label followed by values. */
function applicationsStart(cells: Cell[], cur: Cursor, from: number): { start: number; row: number } | null {
  for (let i = from; i < cells.length; i++) {
    if (!cur.isText(i)) continue;
    // Only a label followed by a value (or ending in digits) can start the table: most
    // text cells (prose) are followed by more text, and are not matched at all.
    if (!cur.valueFollows(i) && !endsInDigit(cells[i].text) && !(cells[i].layout === 'pipe' && cells[i + 1]?.blank)) continue;
    if (!mayBeRowLabel(cells[i].text)) continue;
    const m = matchRow(cur, i, 0, 0);
    if (!m || coresOf(m.row)[0].length < 6 || m.score < 0.8) continue;
    const { values } = collectValues(cur, i);
    // A row of blanks all written (a new report's skeleton) starts it too, as it is kept below.
    if (values.some((v) => !v.blank) || m.glued || (values.length >= APPLICATIONS.columns.length && values.every((v) => v.blank))) return { start: i, row: m.index };
  }
  return null;
}

/**
 * Table 三 read from the row label at cell `start` (row `startRow` of the template), or
 * null when fewer than `minRows` rows are; `reached`: the cell the reading stopped at.
 */
/** `placed`: each row's values are its columns' already (pdfPlain.ts), however they stood on their lines. */
function readApplications(cells: Cell[], cur: Cursor, start: number, startRow: number, minRows: number, pdf: boolean, placed = false): { table: GridTable | null; reached: number } {
  const decl = APPLICATIONS;
  const rows = decl.rows;
  // Header cells before the first row belong to the table too (hover shows the summary there).
  let headerStart = cells[start].start;
  for (let h = start - 1; h >= 0 && h >= start - 30; h--) {
    if (cells[h].blank || (cur.isText(h) && isApplicationHeader(cur, h))) headerStart = cells[h].start;
    else if (!cur.isText(h)) continue;
    else break;
  }

  const found = new Map<string, GridRow>();
  let unplaced = 0;
  let shape: GridTable['shape'] = 'single-other';
  let expected = startRow;
  let end = cells[start].end;
  let strays = 0;
  // Rows read with no value at all, and rows whose values begin on their label's line or not (see below).
  const empty: string[] = [];
  const sameLine: string[] = [];
  const otherLine: string[] = [];
  let i = start;
  for (; i < cells.length && expected < rows.length; ) {
    if (!cur.isText(i)) {
      i++;
      continue;
    }
    let m = matchRow(cur, i, expected, expected);
    // A row label broken over two cells (a long sub-row label wrapped inside its cell): read from its last cell.
    const split = m && (m.glued || cur.valueFollows(i)) ? null : splitLabel(cur, decl, i, expected);
    if (split) m = split.m;
    const last = split ? split.j : i;
    if (m) {
      const row = m.row;
      // （六）其他处理 is a value row (2019) or the header of three sub-rows (2021).
      if (row.key === 'other' && headsSubRows(cur, i)) {
        shape = 'split-other';
        expected = rows.findIndex((x) => x.key === 'other.1');
        i++;
        continue;
      }
      if (row.key.startsWith('other.')) shape = 'split-other';
      const { values, next } = collectValues(cur, last, decl.columns.length);
      const hasValues = values.some((v) => !v.blank) || !!m.glued;
      const distinctive = coresOf(row)[0].length > GENERIC_CORE;
      // A row whose cells are all written and all blank is kept: its blanks are reported, its identities not assessed.
      const blankRow = values.length >= decl.columns.length && values.every((v) => v.blank);
      if (hasValues || blankRow || (distinctive && values.length === 0 && cur.isText(next))) {
        const label = split ? { ...cells[i], end: cells[last].end, text: `${cells[i].text}\n${cells[last].text}`, value: undefined } : cells[i];
        const labelEnd = m.glued ? m.glued.start : label.end;
        // A tab row with more or fewer cells than the table has columns cannot be placed: its row is not read (unread).
        if (values.some((v) => !v.blank)) (values[0].line === label.line ? sameLine : otherLine).push(row.key);
        if (!misfitTabRow(values, decl.columns.length) && (placed || !lostBlanks(values, decl.columns.length, pdf))) {
          found.set(row.key, buildRow(row.key, label, labelEnd, values, decl.columns.length, m.glued));
          if (values.length === 0) empty.push(row.key);
        }
        // A row found whose values cannot be placed is the table's still (unread): it counts towards minRows.
        else if (hasValues) unplaced++;
        // (PDF text may print a row's values before its label: the label may end the table.)
        end = Math.max(end, label.end, values.length ? values[values.length - 1].end : label.end);
        expected = rows.indexOf(row) + 1;
        while (expected < rows.length && rows[expected].shape && rows[expected].shape !== shape) expected++;
        strays = 0;
        i = next;
        continue;
      }
    }
    if (matchesGroup(cur, i, decl) || isApplicationHeader(cur, i)) {
      i++;
      continue;
    }
    // Unrecognised text: a heading or prose ends the table.
    const key = cur.at(i).key;
    if (/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]*\))$/.test(key) || isGroupLabelStart(cur, i)) {
      // An enumerator on a line of its own (`三、` above `本年度办理结果`), or a group label's first piece.
      i++;
      continue;
    }
    if (key.length > 40 || /^[一二三四五六七八九十]+[、.]/.test(key) || ++strays > 6) break;
    i++;
  }
  // PDF text writes no blank cell. Where rows print their values on their label's line
  // (pdftotext -layout), a label alone on its line is a row left blank; where they print them
  // on lines of their own (pdftotext without options), a label with no value after it may
  // have its values elsewhere (printed after the next label): that row is not read.
  // Such rows are the table's still, unread (its unread-row note names them, even when no row is left read).
  const dropped = pdf && otherLine.length > sameLine.length ? empty.length : 0;
  for (const key of dropped ? empty : []) found.delete(key);
  // Rows found whose values could not be placed are the table still, even when none is read (PDF text of a
  // table whose every row has blank cells that pdftotext dropped): all its rows unread, which unread-row says.
  if ((found.size === 0 && dropped === 0 && unplaced < minRows) || found.size + unplaced + dropped < minRows) return { table: null, reached: i };
  // The rows of the template (in this shape: （六）其他处理 is one row or three) that were not found.
  const unread = rows.filter((row) => (!row.shape || row.shape === shape) && !found.has(row.key)).map((row) => row.key);
  return { table: { decl, rows: found, shape, start: headerStart, end, headerStart, unread }, reached: i };
}

/** Does （六）其他处理 at cell `i` head the three sub-rows (its next text, with no value between, is the first of them)? */
function headsSubRows(cur: Cursor, i: number): boolean {
  const n = cur.nextText(i + 1);
  if (n >= cur.cells.length) return false;
  const sub = APPLICATIONS.rows.find((x) => x.key === 'other.1')!;
  if (scoreCore(cur.at(n).core, sub) >= MATCH_THRESHOLD) return true;
  // A first sub-row whose label is broken (`1、申请人无正当理由逾期不补正、` / …): its enumerator, right after.
  for (let j = i + 1; j < n; j++) if (!cur.cells[j].blank) return false;
  return cur.at(n).enumerator === '1.';
}

/**
 * The row whose label is cells `i` and `i + 1` together, when neither is read alone with
 * values: the second piece has no enumerator of its own and values follow it. A group
 * label or a header before a row's label is no piece of it.
 */
function splitLabel(cur: Cursor, decl: GridTableDecl, i: number, expected: number): { m: LabelMatch; j: number } | null {
  // The next cell with text (blank cells between: the ends of two markdown rows).
  let j = i + 1;
  while (j < cur.cells.length && j <= i + 3 && cur.cells[j].blank) j++;
  if (j >= cur.cells.length || !cur.isText(j) || cur.at(j).enumerator !== '' || !cur.valueFollows(j)) return null;
  if (matchesGroup(cur, i, decl) || isApplicationHeader(cur, i) || matchRow(cur, j, expected, expected)) return null;
  const m = matchSplitLabel(cur, i, j, expected, expected);
  return m ? { m, j } : null;
}

/**
 * Does a row of a browser's copy (tab rows: every cell written, empty ones as empty
 * fields) hold a number of cells other than the table's width (trailing blanks beyond it
 * aside)? Its values cannot be put in their columns without a guess.
 */
/**
 * Plain values that cannot be placed: fewer than the columns with no blank cell among them
 * (PDF text drops blank cells: `3 5 9 2 6` of `40 3 5 9 2 6 65`, or of `3 · 5 · 9 2 6`).
 * A text copy writes its blank cells (`0`, `/`, tabs), so this is PDF text. Or spread over
 * lines unevenly (PDF text without layout: the pieces of several rows' columns).
 */
function lostBlanks(values: Cell[], width: number, pdf = false): boolean {
  if (values.length === 0 || values.some((v) => v.layout !== 'plain' || v.blank)) return false;
  // PDF text (form feeds: an extractor's) writes no blank cell at all: a short row, even one
  // value a line, may miss any of its cells; and more values than columns, one a line, are
  // the columns of several rows printed as blocks (pdftotext without options), not one row's.
  if (pdf && values.length !== width) return true;
  const perLine = new Map<number, number>();
  for (const v of values) perLine.set(v.line, (perLine.get(v.line) ?? 0) + 1);
  const shared = [...perLine.values()].some((n) => n > 1);
  // Short, with values side by side on a line (one value a line, a short row is its last cells missing: blank-cell says so).
  if (values.length < width) return shared;
  // Over several lines, some holding more than one value (`3 3` / `2 5` / `5` / `2` / `8`):
  // pieces of several rows' columns, not one row's values in order.
  return perLine.size > 1 && shared;
}

function misfitTabRow(values: Cell[], width: number): boolean {
  if (values.length === 0 || values.some((v) => v.layout !== 'tabrow')) return false;
  let n = values.length;
  while (n > width && values[n - 1].blank) n--;
  return n !== width;
}
