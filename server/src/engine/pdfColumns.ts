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
// by itself), so the nearest full row is tried first and one too far off does not fit. A
// page without a full row takes its columns from its rows' values together, when they
// stand in as many clear groups as the table has columns (`clusterColumns`), and keeps a
// row placed so only when the caller's `confirm` holds for it (总计 the sum of its cells).

import type { Cell } from './cells';
import { isLayoutText, lineStartOf, onOneLine, pages, unstack } from './pdfStacks';

/** How far (characters) a value's centre may stand from its column's. */
const TOLERANCE = 2.5;
/** How much better (sum of squared distances) the best placing must be than the next. */
const MARGIN = 2;
/** How many lines above and below a short row a value of no row keeps it from being placed. */
const STRAY_REACH = 2;
/** How many values of no row near a short row are looked at (more: it is not placed). */
const MAX_STRAYS = 16;
/** How many full rows are tried as the columns for a short row (the nearest first). */
const ANCHORS_TRIED = 3;

/** The column (characters from the line's start) of the middle of cell `c`. */
function centreOf(text: string, c: Cell, feeds: number[] = []): number {
  const lineStart = lineStartOf(text, c.start, feeds);
  let before = 0;
  for (const _ of text.slice(lineStart, c.start)) before++;
  let len = 0;
  for (const _ of c.text) len++;
  return before + len / 2;
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

/** How far apart (characters) two values' centres may stand in one column of a page without a full row. */
const CLUSTER_SPREAD = 1.5;
/** How far apart (characters) two columns of such a page stand at least. */
const CLUSTER_GAP = 3;

/**
 * The columns of a page without a full row, from its short rows' values (`xs`, centres):
 * the centres cut where two stand more than CLUSTER_SPREAD apart; exactly `width` groups,
 * every cut at least CLUSTER_GAP wide (none in between: two columns or one is unclear),
 * each group's middle a column. Otherwise null: a column with no value on the page, or
 * columns too close to tell, and nothing is placed by them.
 */
export function clusterColumns(xs: number[], width: number): number[] | null {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length < width) return null;
  const groups: number[][] = [[sorted[0]]];
  for (let k = 1; k < sorted.length; k++) {
    const gap = sorted[k] - sorted[k - 1];
    if (gap > CLUSTER_SPREAD && gap < CLUSTER_GAP) return null;
    if (gap > CLUSTER_SPREAD) groups.push([]);
    groups[groups.length - 1].push(sorted[k]);
  }
  if (groups.length !== width) return null;
  return groups.map((g) => (g[0] + g[g.length - 1]) / 2);
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
 * document's text, which the cells index; `strays`: the table's values that are no row's;
 * `ownLines`: each row's label's lines (a number wrapped beside it stands on one of them).
 */
export function placeBlanks(
  rows: Cell[][],
  text: string,
  width: number,
  strays: Cell[] = [],
  feeds: number[] = [],
  labelLines: Set<number> = new Set(),
  confirm?: (placed: Cell[]) => boolean,
  ownLines: Set<number>[] = [],
): Cell[][] {
  if (!text) return rows;
  // Layout text only: some rows with values apart by runs of spaces (pdftotext without options writes one space).
  if (!isLayoutText(rows, text)) return rows;
  const pageOf = pages(feeds);
  ({ rows, strays } = unstack(rows, text, strays, feeds, labelLines, width, ownLines));
  // Values of no row near a short row, in a column it would leave blank: a number's digits
  // printed one under another in a narrow cell (Word: `3` / `7 4 9` / `7` is 37, 4, 9), or
  // a row's values split over lines. Its columns are not what they look like.
  // (More of them than a few rows' worth: nothing is placed there; their columns are not measured.)
  // (Of the row's own page only: pdftotext lays out each page by itself, another page's values say nothing of its columns.)
  const near = (line: number, page: number): number[] | null => {
    const close = strays.filter((c) => Math.abs(c.line - line) <= STRAY_REACH && pageOf(c.start) === page);
    return close.length > MAX_STRAYS ? null : close.map((c) => centreOf(text, c, feeds));
  };
  // pdftotext lays out each page by itself: a row is placed only against a full row of its own page.
  const anchors: { line: number; page: number; columns: number[]; confirmed?: boolean }[] = rows
    .filter((v) => v.length === width && onOneLine(v) && v.every((c) => !c.blank))
    .map((v) => ({ line: v[0].line, page: pageOf(v[0].start), columns: v.map((c) => centreOf(text, c, feeds)) }));
  // A page without a full row: its rows' values together, when they stand in exactly as
  // many clear columns as the table has, give the columns (see `clusterColumns`); a row
  // placed by them is kept only when `confirm` holds for it (its total the sum of its parts).
  if (confirm) {
    const byPage = new Map<number, number[]>();
    for (const v of rows) {
      if (v.length === 0 || v.length >= width || v.some((c) => c.blank) || !onOneLine(v)) continue;
      const page = pageOf(v[0].start);
      if (anchors.some((a) => a.page === page)) continue;
      byPage.set(page, [...(byPage.get(page) ?? []), ...v.map((c) => centreOf(text, c, feeds))]);
    }
    for (const [page, xs] of byPage) {
      const columns = clusterColumns(xs, width);
      if (columns) anchors.push({ line: -Infinity, page, columns, confirmed: true });
    }
  }
  if (anchors.length === 0) return rows;
  return rows.map((values) => {
    if (values.length >= width || values.some((c) => c.blank) || !onOneLine(values)) return values;
    const xs = values.map((c) => centreOf(text, c, feeds));
    const line = values[0].line;
    const page = pageOf(values[0].start);
    const tried = anchors
      .filter((a) => a.page === page)
      .sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))
      .slice(0, ANCHORS_TRIED);
    const loose = near(line, page);
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
      if (a.confirmed && !confirm?.(out)) return values;
      return out;
    }
    return values;
  });
}

/** A placed row's last cell (总计) is the sum of its other written cells, all whole numbers: what confirms a placing. */
export function totalIsSum(row: Cell[]): boolean {
  if (row.some((c) => !c.blank && !/^[0-9]+$/.test(c.text))) return false;
  const last = row[row.length - 1];
  if (!last || last.blank) return false;
  return row.slice(0, -1).reduce((sum, c) => sum + (c.blank ? 0 : Number(c.text)), 0) === Number(last.text);
}
