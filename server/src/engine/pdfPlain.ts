// Table 三 as pdftotext prints it without options from a PDF that Word (or LibreOffice)
// made of a .docx: one paragraph per table cell, paragraphs apart by an empty line.
//
//   一、本年新收政府信息公开申请数量 ¶ 5⏎5 ¶ 1⏎3 ¶ 6 ¶ 9 ¶ 8 ¶ 3 ¶ 9⏎4     (¶: an empty line)
//
// is the row 55 13 6 9 8 3 94: a number too wide for its narrow cell is broken over lines
// inside its paragraph (`5⏎5`). Labels wrap inside theirs (`（二）部分公开（区分处⏎理的，…`),
// rowspan labels print a character a line (`（⏎三⏎）⏎不⏎予⏎公`) and may land away from
// their group, and a label cut by a page break has its values between its two halves
// (`2.其他法律行` ¶ values ¶ … ¶ `政法规禁止公⏎开`).
//
// A row is read here only where it is certain: a label paragraph that names a row of the
// template (declarations.ts) in order after the rows named before it, followed straight
// away by exactly as many paragraphs of digits as the table has columns. Each such
// paragraph is one cell, so its lines are one number (the only reading once the paragraphs
// are as many as the cells) — read only where the lines are a number cut at the cell's
// width (every line but the last as long, no leading 0). A run of values that a page
// break cuts is read only where the row's declared identity (总计 = the sum of the others)
// confirms it (a page's running text could stand in it); the identity never makes a
// reading, it only confirms one. Labels printed out of the template's order make every
// label between them unsure (its values may be the other row's): none of those is read.
// Every other row stays unread (GridTable.unread), never guessed.
//
// Chromium's PDF gives another text: a row's values apart by spaces and lines (`37 7 4 9` /
// `8 2 67`), often split over blocks that hold another row's. Read line by line there, a row
// is read only where exactly as many values as columns follow its label and the row's
// identity confirms them. Text with a line holding a label and a whole row's values
// (pdftotext -raw) or cells apart by runs of spaces (-layout) is left to pdfText.ts.

import type { Cell } from './cells';
import { labelKey } from './normalize';
import { APPLICATIONS, type RowDecl } from './declarations';
import { Cursor, MATCH_THRESHOLD, matchRow, mayBeRowLabel } from './labels';
import { accountedRows } from './pdfBlocks';
import { identityHolds, joinedNumber } from './pdfStacks';
import { tailRows, type TailRow } from './pdfTails';

/** Table 三's columns of values (申请人情况: 自然人 … 总计). */
const COLUMNS = APPLICATIONS.columns.length;
/** How many rows must be read so for the text to be taken as this form. */
const MIN_ROWS = 3;
/** A label paragraph is short; prose is longer. */
const MAX_LABEL = 80;
/** Spaces between two cells of a line that only pdftotext -layout puts (its columns). */
const LAYOUT_GAP = 3;
/** Characters of a label's piece, past its enumerator, for a prefix of the next row's label to name it. */
const MIN_PREFIX = 4;
const DIGITS = /^[0-9]+$/;
const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9]{1,2}[.．、])/;
/** Where table 三 has certainly ended: table 四's anchor, a sentence. */
const ENDS = /行政复议|[。；;！？]/;
/** A second enumerator inside a label paragraph: two labels printed together (`（三） 4.保护… 5.属于…`), no one row's. */
const INNER_ENUMERATOR = /.(?:[（(][一二三四五六七八九十]+[)）]|[0-9]{1,2}[.．、])/;

interface Paragraph {
  /** Cells [from, to). */
  from: number;
  to: number;
  /** values: digits only, one value a line; valueLines: values only, some line holding several (Chromium's); text: no value. */
  kind: 'values' | 'valueLines' | 'text' | 'other';
}

/** How the values of a row are read: Word's paragraph per cell, or Chromium's values apart by spaces and lines. */
type Form = 'word' | 'chromium';

/** What the reader made of the text: the rows as `label, values…` after the cells before the table. */
export interface PlainRows {
  cells: Cell[];
  /** The index (in `cells`) of the first row's label, and that row's index among the template's rows. */
  first: number;
  firstRow: number;
  /** The template row (index) of each row given, in order. */
  rows: number[];
}

/** Whether the cells `from`–`to` are all plain digits (`values`) or all text (`text`): a blank or a cell apart by spaces is neither. */
function unitKind(cells: Cell[], cur: Cursor, from: number, to: number): { values: boolean; text: boolean } {
  let values = true;
  let text = true;
  for (let k = from; k < to; k++) {
    const c = cells[k];
    if (c.blank || c.layout !== 'plain') values = text = false;
    else if (cur.isText(k) || !DIGITS.test(c.text)) values = false;
    if (!c.blank && !cur.isText(k)) text = false;
  }
  return { values, text };
}

function paragraphs(cells: Cell[], cur: Cursor): Paragraph[] {
  const out: Paragraph[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i + 1;
    while (j < cells.length && !cells[j].breakBefore) j++;
    let { values, text } = unitKind(cells, cur, i, j);
    let shared = false;
    for (let k = i + 1; k < j; k++) {
      if (cells[k].line === cells[k - 1].line) shared = true;
      else if (cells[k].line !== cells[k - 1].line + 1) values = false;
    }
    out.push({ from: i, to: j, kind: values ? (shared ? 'valueLines' : 'values') : text ? 'text' : 'other' });
    i = j;
  }
  return out;
}

/** The number a paragraph of digit lines is, as one cell (joinedNumber), else null. */
function cellOf(cells: Cell[], p: Paragraph): Cell | null {
  return joinedNumber(cells.slice(p.from, p.to));
}

/**
 * The cells of a run of value paragraphs, or null where they are not exactly the table's
 * columns. Word: each paragraph one cell (its lines one number); Chromium: each value a cell
 * (a number never breaks there), read only where the row's identity confirms them, since
 * Chromium's text splits a row's values over blocks that may hold another row's.
 */
function runValues(cells: Cell[], run: Paragraph[], form: Form): Cell[] | null {
  if (form === 'word') {
    if (run.length !== COLUMNS || run.some((r) => r.kind !== 'values')) return null;
    const values = run.map((r) => cellOf(cells, r));
    return values.every((c) => c !== null) ? (values as Cell[]) : null;
  }
  const values = run.flatMap((r) => cells.slice(r.from, r.to));
  return values.length === COLUMNS && identityHolds(values) ? values : null;
}

/** A paragraph's lines as one label cell (wrapped inside its cell: joined without a space). */
function labelOf(cells: Cell[], p: Paragraph): Cell {
  const parts = cells.slice(p.from, p.to);
  const last = parts[parts.length - 1];
  return { ...parts[0], text: parts.map((c) => c.text.trim()).join(''), end: last.end, value: undefined };
}

function scored(label: Cell, from: number): { row: RowDecl; score: number } | null {
  const m = matchRow(new Cursor([label]), 0, from, from);
  return m && m.score >= MATCH_THRESHOLD ? { row: m.row, score: m.score } : null;
}

/** The rows a label may name next: from `from` on, those of the table's shape once known. */
function nextRow(from: number, shape: RowDecl['shape']): number {
  const rows = APPLICATIONS.rows;
  let k = from;
  while (k < rows.length && shape && rows[k].shape && rows[k].shape !== shape) k++;
  return k;
}

/** Is `label` the start of row `k`'s label, cut by a page or a cell (`2.其他法律行`)? */
function prefixOf(label: Cell, k: number): boolean {
  const row = APPLICATIONS.rows[k];
  if (!row) return false;
  const key = labelKey(label.text);
  const full = labelKey(row.label);
  const e = ENUMERATOR.exec(key);
  return !!e && full.startsWith(key) && key.length - e[0].length >= MIN_PREFIX && key.length < full.length;
}

interface Entry {
  /** Index among the template's rows, or -1: a label of the table read out of order (its row unknown here). */
  row: number;
  label: Cell;
  values: Cell[] | null;
}

/**
 * Table 三 rebuilt from pdftotext's paragraph-per-cell text, or null when the text is not
 * that form (fewer than MIN_ROWS rows certain). `feeds`: the offsets of the text's form feeds.
 */
export function plainRows(cells: Cell[], cur: Cursor, feeds: number[] = []): PlainRows | null {
  // WPS's blocks: runs of rows printed a column a paragraph (pdfBlocks.ts).
  const blocks = accountedRows(cells, cur, feeds, 'blocks');
  if (blocks) return blocks;
  // A paragraph per cell: each row after its label, or each page's rows those its labels name (pdfBlocks.ts), whichever reads more.
  const paras = paragraphs(cells, cur);
  const word = readForm(cells, paras, feeds, 'word');
  const pages = accountedRows(cells, cur, feeds, 'cells');
  const rowsOf = (r: PlainRows | null) => (r ? (r.cells.length - r.first) / (COLUMNS + 1) : 0);
  if (word || pages) return rowsOf(pages) > rowsOf(word) ? pages : word;
  // Chromium's: rows after their labels, and pages whose right-hand columns are printed as blocks after their rows (pdfTails.ts).
  return withTails(cells, readForm(cells, chromiumUnits(cells, cur), feeds, 'chromium'), tailRows(cells, cur, feeds));
}

/** The rows read one way and those of the tails' pages together; a row read both ways with other values is neither's. */
function withTails(cells: Cell[], read: PlainRows | null, tails: Map<number, TailRow>): PlainRows | null {
  if (tails.size === 0) return read;
  const rows = new Map<number, TailRow>();
  read?.rows.forEach((row, k) => {
    const at = read.first + k * (COLUMNS + 1);
    rows.set(row, { label: read.cells[at], values: read.cells.slice(at + 1, at + COLUMNS + 1) });
  });
  for (const [row, t] of tails) {
    const had = rows.get(row);
    if (!had) rows.set(row, t);
    else if (had.values.some((v, j) => v.text !== t.values[j].text)) rows.delete(row);
  }
  if (rows.size < MIN_ROWS) return null;
  const order = [...rows.keys()].sort((x, y) => x - y);
  const firstLabel = Math.min(...order.map((row) => rows.get(row)!.label.start));
  const first = Math.min(read?.first ?? cells.length, cells.findIndex((c) => c.end > firstLabel));
  const out = cells.slice(0, first);
  for (const row of order) {
    const r = rows.get(row)!;
    out.push({ ...r.label, text: APPLICATIONS.rows[row].label, value: undefined }, ...r.values);
  }
  return { cells: out, first, firstRow: order[0], rows: order };
}

/**
 * Chromium's text as units of lines: a line of values is a unit (a row's values run on over
 * lines and paragraphs: `37 7 4 9` / `8 2 67`); lines of text of one paragraph are one unit (a
 * wrapped label), but a line that starts with an enumerator starts a unit of its own (the next
 * label, printed without an empty line before it).
 */
function chromiumUnits(cells: Cell[], cur: Cursor): Paragraph[] {
  const out: Paragraph[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i + 1;
    while (j < cells.length && cells[j].line === cells[i].line) j++;
    const { values, text } = unitKind(cells, cur, i, j);
    const kind: Paragraph['kind'] = values ? (j - i > 1 ? 'valueLines' : 'values') : text ? 'text' : 'other';
    const last = out[out.length - 1];
    if (kind === 'text' && last?.kind === 'text' && !cells[i].breakBefore && !ENUMERATOR.test(labelKey(cells[i].text))) last.to = j;
    else out.push({ from: i, to: j, kind });
    i = j;
  }
  return out;
}

function readForm(cells: Cell[], paras: Paragraph[], feeds: number[], form: Form): PlainRows | null {
  const entries: Entry[] = [];
  let from = 0;
  let shape: RowDecl['shape'] = undefined;
  let started = false;
  // The paragraphs of the first and the last row read.
  let firstPara = -1;
  let lastPara = -1;
  for (let p = 0; p < paras.length; p++) {
    const para = paras[p];
    if (para.kind !== 'text') continue;
    const label = labelOf(cells, para);
    const key = label.text;
    if (started && (key.length > MAX_LABEL || ENDS.test(key))) break;
    if (key.length > MAX_LABEL || !mayBeRowLabel(key)) continue;
    if (INNER_ENUMERATOR.test(labelKey(key))) {
      // Two labels printed together are no one row's; one of them naming a row already passed still
      // shows labels out of order (the rows around it unsure, below).
      const stray = started ? strayPiece(label, from, shape) : null;
      if (stray) entries.push({ row: -1, label: stray, values: null });
      continue;
    }
    // The values straight after the label.
    let q = p + 1;
    while (q < paras.length && (paras[q].kind === 'values' || paras[q].kind === 'valueLines')) q++;
    const run = paras.slice(p + 1, q);
    let values = runValues(cells, run, form);
    // A page break inside the row (label to last value): read only where its identity confirms it.
    if (values && feeds.some((f) => f > label.start && f < values![COLUMNS - 1].end) && !identityHolds(values)) values = null;
    const k = nextRow(from, shape);
    const m = scored(label, k);
    let row = m ? APPLICATIONS.rows.indexOf(m.row) : -1;
    if (row < 0 && prefixOf(label, k)) row = k;
    if (row < 0) {
      // A label of a row before the next one: printed out of order.
      // (（六）其他处理 is the label of its sub-rows' group where the table has them: no row of its own.)
      const back = started ? scored(label, 0) : null;
      if (back && back.score >= 0.8 && !(shape && back.row.shape && back.row.shape !== shape)) entries.push({ row: -1, label, values: null });
      continue;
    }
    // A row of one shape of the table with no values after it may as well be the group label of the
    // other shape's sub-rows (（六）其他处理 above 1.申请人无正当理由…): it neither sets the shape nor is passed.
    if (!values && APPLICATIONS.rows[row].shape) continue;
    // The table starts at its first row read, a distinctive label (not a figure's name in the prose).
    if (!started && !values) continue;
    started = true;
    if (values) {
      if (firstPara < 0) firstPara = p;
      lastPara = q;
    }
    const decl = APPLICATIONS.rows[row];
    if (decl.shape) shape = decl.shape;
    entries.push({ row, label, values });
    from = row + 1;
    // The table's last row: what follows is not the table's (a rowspan label printed below it).
    if (from >= APPLICATIONS.rows.length) break;
  }
  // Paragraphs of several values on a line among the rows read: no Word-made text (its values may be Chromium's, a number a line).
  if (form === 'word' && paras.slice(Math.max(0, firstPara), lastPara).some((r) => r.kind === 'valueLines')) return null;
  // Labels out of order make the labels printed between them unsure: their values may be either row's.
  let lo = entries.length;
  let hi = -1;
  entries.forEach((e, k) => {
    if (e.row >= 0) return;
    lo = Math.min(lo, k);
    hi = Math.max(hi, k);
  });
  if (hi >= 0) {
    // From the first label read after the row the stray label would name, to the stray label.
    for (let k = 0; k < entries.length; k++) if (entries[k].row < 0) lo = Math.min(lo, firstAfter(entries, k));
  }
  const read = entries.filter((e, k) => e.row >= 0 && e.values && !(k >= lo && k <= hi));
  if (read.length < MIN_ROWS) return null;
  const firstCell = read[0].label;
  const first = cells.findIndex((c) => c.start >= firstCell.start);
  // Cells of a line apart by runs of spaces among the rows read: pdftotext -layout's columns (pdfText.ts, pdfColumns.ts read those).
  const lastRow = read[read.length - 1].values!;
  // A line holding text and a whole row's values after it: rows printed a line each (pdftotext -raw), pdfText.ts's to read.
  let valuesAfterText = 0;
  for (let k = first + 1; k < cells.length && cells[k].start < lastRow[lastRow.length - 1].end; k++) {
    if (cells[k].line === cells[k - 1].line && cells[k].start - cells[k - 1].end >= LAYOUT_GAP) return null;
    if (cells[k].line !== cells[k - 1].line) valuesAfterText = 0;
    else if (valuesAfterText >= 0 && DIGITS.test(cells[k].text) && (valuesAfterText > 0 || !DIGITS.test(cells[k - 1].text))) valuesAfterText++;
    if (valuesAfterText >= COLUMNS) return null;
  }
  const out = cells.slice(0, first);
  for (const e of read) {
    const decl = APPLICATIONS.rows[e.row];
    // The reader matches each label again: a label cut short (`2.其他法律行`) is given its row's own label, over the same text.
    const label = scored(e.label, e.row)?.row === decl ? e.label : { ...e.label, text: decl.label };
    out.push(label, ...e.values!);
  }
  return { cells: out, first, firstRow: read[0].row, rows: read.map((e) => e.row) };
}

/** A piece of a paragraph holding several labels (cut before each enumerator) that names a row before `from`, or null. */
function strayPiece(label: Cell, from: number, shape: RowDecl['shape']): Cell | null {
  for (const text of labelKey(label.text).split(/(?=[（(][一二三四五六七八九十]+[)）]|[0-9]{1,2}[.．、])/)) {
    const piece = { ...label, text };
    const back = scored(piece, 0);
    if (back && back.score >= 0.8 && APPLICATIONS.rows.indexOf(back.row) < from && !(shape && back.row.shape && back.row.shape !== shape)) return piece;
  }
  return null;
}

/** The first entry before `k` whose row comes after the row entry k's label names (from the table's start). */
function firstAfter(entries: Entry[], k: number): number {
  const s = scored(entries[k].label, 0);
  const at = s ? APPLICATIONS.rows.indexOf(s.row) : 0;
  for (let j = 0; j < k; j++) if (entries[j].row >= at) return j;
  return k;
}
