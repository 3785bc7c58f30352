// Blank cells put back by column position, in `pdftotext -layout` text.
//
// pdftotext drops a blank cell: `0 4      1 5` is the row `0 4 · · · 1 5`. With `-layout`
// each value stands at the column of the page where it is printed, counted in characters
// (a CJK character counts as one column there, like a digit). A row whose values are all
// written (as many as the table has columns) gives the columns' positions; a shorter row
// on a line of its own is placed against the nearest such row for which every value falls
// on a column (within TOLERANCE characters, columns in order), and only when that placing
// is clearly the best one. Otherwise the row is left as it is, which the reader does not
// read (its values cannot be placed): never a guess.
//
// The positions drift between pages and blocks of the page (pdftotext lays out each block
// by itself), so the nearest full row is tried first and one too far off does not fit.

import type { Cell } from './cells';

/** How far (characters) a value's centre may stand from its column's. */
const TOLERANCE = 2.5;
/** How much better (sum of squared distances) the best placing must be than the next. */
const MARGIN = 2;
/** A run of spaces this long between two values on a line: the text keeps the page's layout. */
const LAYOUT_GAP = 3;
/** How many lines above and below a short row a value of no row keeps it from being placed. */
const STRAY_REACH = 2;
/** How many values of no row near a short row are looked at (more: it is not placed). */
const MAX_STRAYS = 16;
/** How many full rows are tried as the columns for a short row (the nearest first). */
const ANCHORS_TRIED = 3;

/** The column (characters from the line's start) of the middle of cell `c`. */
function centreOf(text: string, c: Cell): number {
  const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
  let before = 0;
  for (const _ of text.slice(lineStart, c.start)) before++;
  let len = 0;
  for (const _ of c.text) len++;
  return before + len / 2;
}

const onOneLine = (values: Cell[]): boolean => values.length > 0 && values.every((v) => v.line === values[0].line);

/** Is there a run of LAYOUT_GAP or more spaces between two of the values? */
function hasLayoutGap(text: string, values: Cell[]): boolean {
  for (let k = 1; k < values.length; k++) {
    const between = text.slice(values[k - 1].end, values[k].start);
    if (between.length >= LAYOUT_GAP && /^[ \u3000]+$/.test(between)) return true;
  }
  return false;
}

/**
 * The best order-keeping placing of `xs` on `columns`: the column of each value, or null
 * when none fits or two fit about as well.
 */
export function placeOnColumns(xs: number[], columns: number[]): number[] | null {
  let best: { cost: number; at: number[] } | null = null;
  let second = Infinity;
  const at: number[] = [];
  const walk = (k: number, from: number, cost: number): void => {
    if (k === xs.length) {
      if (!best || cost < best.cost) {
        if (best) second = Math.min(second, best.cost);
        best = { cost, at: [...at] };
      } else second = Math.min(second, cost);
      return;
    }
    // Leave room for the values still to place.
    for (let c = from; c <= columns.length - (xs.length - k); c++) {
      const d = Math.abs(xs[k] - columns[c]);
      if (d > TOLERANCE) continue;
      at.push(c);
      walk(k + 1, c + 1, cost + d * d);
      at.pop();
    }
  };
  walk(0, 0, 0);
  const found = best as { cost: number; at: number[] } | null;
  if (!found || second < found.cost + MARGIN) return null;
  return found.at;
}

function nearestColumn(columns: number[], y: number): number {
  let best = 0;
  for (let c = 1; c < columns.length; c++) if (Math.abs(columns[c] - y) < Math.abs(columns[best] - y)) best = c;
  return best;
}

/** A blank cell standing for a cell pdftotext did not print, at `at` (an empty range). */
function blankAt(line: number, at: number): Cell {
  return { text: '', start: at, end: at, insertAt: at, blank: true, layout: 'plain', line, breakBefore: false, value: undefined };
}

/**
 * The rows' values with the blank cells of short rows put back where `-layout` text shows
 * them (see above); a row that cannot be placed keeps its values as they are. `text`: the
 * document's text, which the cells index; `strays`: the table's values that are no row's.
 */
export function placeBlanks(rows: Cell[][], text: string, width: number, strays: Cell[] = []): Cell[][] {
  if (!text) return rows;
  // Values of no row near a short row, in a column it would leave blank: a number's digits
  // printed one under another in a narrow cell (Word: `3` / `7 4 9` / `7` is 37, 4, 9), or
  // a row's values split over lines. Its columns are not what they look like.
  // (More of them than a few rows' worth: nothing is placed there; their columns are not measured.)
  const near = (line: number): number[] | null => {
    const close = strays.filter((c) => Math.abs(c.line - line) <= STRAY_REACH);
    return close.length > MAX_STRAYS ? null : close.map((c) => centreOf(text, c));
  };
  // Layout text only: some rows with values apart by runs of spaces (pdftotext without options writes one space).
  const spaced = rows.filter((v) => onOneLine(v) && hasLayoutGap(text, v)).length;
  if (spaced < 2) return rows;
  const anchors = rows
    .filter((v) => v.length === width && onOneLine(v) && v.every((c) => !c.blank))
    .map((v) => ({ line: v[0].line, columns: v.map((c) => centreOf(text, c)) }));
  if (anchors.length === 0) return rows;
  return rows.map((values) => {
    if (values.length >= width || values.some((c) => c.blank) || !onOneLine(values)) return values;
    const xs = values.map((c) => centreOf(text, c));
    const line = values[0].line;
    const tried = [...anchors].sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line)).slice(0, ANCHORS_TRIED);
    const loose = near(line);
    if (!loose) return values;
    for (const a of tried) {
      const at = placeOnColumns(xs, a.columns);
      if (!at) continue;
      // A value of no row nearby that does not stand in a column this placing fills (one it
      // leaves blank, or none): the row's columns are not what they look like.
      if (loose.some((y) => !at.includes(nearestColumn(a.columns, y)) || Math.abs(a.columns[nearestColumn(a.columns, y)] - y) > TOLERANCE)) return values;
      const out: Cell[] = [];
      let k = 0;
      for (let c = 0; c < width; c++) {
        if (k < values.length && at[k] === c) out.push(values[k++]);
        // A blank before a value: inserted where that value starts; after the last: where it ends.
        else out.push(blankAt(line, k < values.length ? values[k].start : values[values.length - 1].end));
      }
      return out;
    }
    return values;
  });
}
