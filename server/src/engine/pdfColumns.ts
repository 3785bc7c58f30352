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

/** How many lines above and below its row a digit of a number printed one digit a line may stand. */
const STACK_REACH = 3;
/** The most digits of no row one number printed one digit a line is made of. */
const MAX_DIGITS = 8;

/** The page of an offset (how many of the text's form feeds, `feeds`, stand before it). */
function pages(feeds: number[]): (at: number) => number {
  return (at) => {
    let lo = 0;
    let hi = feeds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (feeds[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** The column (characters from the line's start) where cell `c` starts. */
function columnOf(text: string, c: Cell): number {
  const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
  let n = 0;
  for (const _ of text.slice(lineStart, c.start)) n++;
  return n;
}

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
 * document's text, which the cells index; `strays`: the table's values that are no row's.
 */
export function placeBlanks(
  rows: Cell[][],
  text: string,
  width: number,
  strays: Cell[] = [],
  feeds: number[] = [],
  labelLines: Set<number> = new Set(),
  confirm?: (placed: Cell[]) => boolean,
): Cell[][] {
  if (!text) return rows;
  // Layout text only: some rows with values apart by runs of spaces (pdftotext without options writes one space).
  if (rows.filter((v) => onOneLine(v) && hasLayoutGap(text, v)).length < 2) return rows;
  const pageOf = pages(feeds);
  ({ rows, strays } = unstack(rows, text, strays, pageOf, labelLines));
  // Values of no row near a short row, in a column it would leave blank: a number's digits
  // printed one under another in a narrow cell (Word: `3` / `7 4 9` / `7` is 37, 4, 9), or
  // a row's values split over lines. Its columns are not what they look like.
  // (More of them than a few rows' worth: nothing is placed there; their columns are not measured.)
  const near = (line: number): number[] | null => {
    const close = strays.filter((c) => Math.abs(c.line - line) <= STRAY_REACH);
    return close.length > MAX_STRAYS ? null : close.map((c) => centreOf(text, c));
  };
  // pdftotext lays out each page by itself: a row is placed only against a full row of its own page.
  const anchors: { line: number; page: number; columns: number[]; confirmed?: boolean }[] = rows
    .filter((v) => v.length === width && onOneLine(v) && v.every((c) => !c.blank))
    .map((v) => ({ line: v[0].line, page: pageOf(v[0].start), columns: v.map((c) => centreOf(text, c)) }));
  // A page without a full row: its rows' values together, when they stand in exactly as
  // many clear columns as the table has, give the columns (see `clusterColumns`); a row
  // placed by them is kept only when `confirm` holds for it (its total the sum of its parts).
  if (confirm) {
    const byPage = new Map<number, number[]>();
    for (const v of rows) {
      if (v.length === 0 || v.length >= width || v.some((c) => c.blank) || !onOneLine(v)) continue;
      const page = pageOf(v[0].start);
      if (anchors.some((a) => a.page === page)) continue;
      byPage.set(page, [...(byPage.get(page) ?? []), ...v.map((c) => centreOf(text, c))]);
    }
    for (const [page, xs] of byPage) {
      const columns = clusterColumns(xs, width);
      if (columns) anchors.push({ line: -Infinity, page, columns, confirmed: true });
    }
  }
  if (anchors.length === 0) return rows;
  return rows.map((values) => {
    if (values.length >= width || values.some((c) => c.blank) || !onOneLine(values)) return values;
    const xs = values.map((c) => centreOf(text, c));
    const line = values[0].line;
    const page = pageOf(values[0].start);
    const tried = anchors
      .filter((a) => a.page === page)
      .sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))
      .slice(0, ANCHORS_TRIED);
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
      if (a.confirmed && !confirm?.(out)) return values;
      return out;
    }
    return values;
  });
}

/**
 * Numbers printed one digit a line (a narrow cell of Word's: `5` above the row, `5` below
 * it is 55; `1` / `1` on the row's line / `2` is 112) joined into one value of their row.
 * The digits of no row standing at one column of one page are cut, top to bottom, into
 * numbers: each a run of at least two digits, each on a line of its own (no more than
 * STACK_REACH lines apart), with one row's line and no other row's strictly inside the
 * run, centred on that line (within half a line: the label's lines shift them), the row's
 * own digit there, if any, its middle one. Only when every digit of the column falls in
 * such a number and the cut is the only one are they joined; otherwise none is (the rows
 * near them are then not placed: see `near`). The joined cell spans the digits' text
 * (its `line`: the row's); no edit writes into it (findings.ts writeEdit).
 */
export function unstack(rows: Cell[][], text: string, strays: Cell[], pageOf: (at: number) => number = () => 0, labelLines: Set<number> = new Set()): { rows: Cell[][]; strays: Cell[] } {
  const digits = strays.filter((c) => /^[0-9]$/.test(c.text));
  if (digits.length < 2) return { rows, strays };
  // Rows on one line, by page: their line and where their values stand.
  interface RowAt {
    k: number;
    line: number;
    page: number;
    spans: { from: number; to: number; cell: Cell }[];
  }
  const rowsAt: RowAt[] = [];
  const busy = new Map<string, boolean>(); // page:line of any row's values
  rows.forEach((v, k) => {
    if (v.length === 0) return;
    for (const c of v) busy.set(`${pageOf(c.start)}:${c.line}`, true);
    if (!onOneLine(v)) return;
    rowsAt.push({
      k,
      line: v[0].line,
      page: pageOf(v[0].start),
      spans: v.map((c) => {
        const x = columnOf(text, c);
        return { from: x, to: x + [...c.text].length, cell: c };
      }),
    });
  });
  // The loose digits by page and column, top to bottom.
  const columns = new Map<string, Cell[]>();
  for (const d of digits) {
    const key = `${pageOf(d.start)}:${columnOf(text, d)}`;
    columns.set(key, [...(columns.get(key) ?? []), d]);
  }
  const joined = new Map<number, Map<number, Cell>>(); // row → column → joined cell
  const replaced = new Map<number, Set<Cell>>(); // row → its own digits taken into a number
  const used = new Set<Cell>();
  // A column's digits in clusters: more than 2 × STACK_REACH lines apart, no number holds both.
  const clusters: { page: number; x: number; ds: Cell[] }[] = [];
  for (const [key, all] of columns) {
    const [page, x] = key.split(':').map(Number);
    all.sort((a, b) => a.line - b.line);
    let from = 0;
    for (let i = 1; i <= all.length; i++)
      if (i === all.length || all[i].line - all[i - 1].line > 2 * STACK_REACH) {
        clusters.push({ page, x, ds: all.slice(from, i) });
        from = i;
      }
  }
  for (const { page, x, ds } of clusters) {
    if (new Set(ds.map((d) => d.line)).size !== ds.length) continue;
    const onPage = rowsAt.filter((r) => r.page === page);
    // A run ds[i..j] as one row's number: that row, with its own digit there (or null), or undefined.
    const runOf = (i: number, j: number): { row: RowAt; own: Cell | null } | undefined => {
      const top = ds[i].line;
      const bottom = ds[j].line;
      const inside = onPage.filter((r) => r.line > top && r.line < bottom);
      if (inside.length !== 1) return undefined;
      // No other line of a row's values inside the run.
      for (let l = top + 1; l < bottom; l++) if (l !== inside[0].line && busy.get(`${page}:${l}`)) return undefined;
      const row = inside[0];
      if (Math.abs((top + bottom) / 2 - row.line) > 0.5) return undefined;
      const span = row.spans.find((sp) => sp.from <= x && x < sp.to);
      if (span && (span.from !== x || !/^[0-9]$/.test(span.cell.text))) return undefined;
      const lines = [...ds.slice(i, j + 1).map((d) => d.line), ...(span ? [row.line] : [])].sort((a, b) => a - b);
      for (let n = 1; n < lines.length; n++) if (lines[n] - lines[n - 1] > STACK_REACH) return undefined;
      return { row, own: span ? span.cell : null };
    };
    // Ways to cut ds[i..] into numbers (counted up to 2), and the first cut found.
    const ways: number[] = new Array(ds.length + 1).fill(0);
    const cut: number[] = new Array(ds.length).fill(-1);
    ways[ds.length] = 1;
    for (let i = ds.length - 2; i >= 0; i--)
      for (let j = i + 1; j < ds.length && j - i < MAX_DIGITS; j++) {
        if (ways[j + 1] === 0 || !runOf(i, j)) continue;
        ways[i] = Math.min(2, ways[i] + ways[j + 1]);
        if (cut[i] < 0) cut[i] = j;
      }
    if (ways[0] !== 1) continue;
    for (let i = 0; i < ds.length; i = cut[i] + 1) {
      const j = cut[i];
      const { row, own } = runOf(i, j)!;
      const stack = [...ds.slice(i, j + 1), ...(own ? [own] : [])].sort((a, b) => a.line - b.line);
      const top = stack[0];
      const bottom = stack[stack.length - 1];
      const cell: Cell = { ...top, text: stack.map((c) => c.text).join(''), end: bottom.end, line: row.line, value: undefined };
      if (!joined.has(row.k)) joined.set(row.k, new Map());
      joined.get(row.k)!.set(x, cell);
      if (own) {
        if (!replaced.has(row.k)) replaced.set(row.k, new Set());
        replaced.get(row.k)!.add(own);
      }
      for (const d of ds.slice(i, j + 1)) used.add(d);
    }
  }
  const left = digits.filter((d) => !used.has(d));
  const out = rows.map((values, k) => {
    const at = rowsAt.find((r) => r.k === k);
    // Digits of no number above and below the row in a column where it has a digit or
    // nothing (`1` / `0` on its line / `1`), or on one side of a digit of its own on a line
    // of one or two such values where no row's label starts (`1.信访举报投  1 0 0 0 2 0 1` ⏎
    // `诉类申请  1  3`: 11 and 13 wrapped in their cells): its cells are not what they look
    // like, even all written. Not
    // read (no values: the reader keeps no such row).
    if (at) {
      const near = left.filter((d) => pageOf(d.start) === at.page && Math.abs(d.line - at.line) <= STACK_REACH);
      for (const d of near) {
        const x = columnOf(text, d);
        const span = at.spans.find((sp) => sp.from <= x && x < sp.to);
        if (span && (span.from !== x || !/^[0-9]$/.test(span.cell.text))) continue;
        if (span && d.line !== at.line && !labelLines.has(d.line) && strays.filter((e) => e.line === d.line).length <= 2) return [];
        const other = near.find((e) => columnOf(text, e) === x && Math.sign(e.line - at.line) === -Math.sign(d.line - at.line));
        if (other) return [];
      }
    }
    const add = joined.get(k);
    if (!add) return values;
    const gone = replaced.get(k) ?? new Set<Cell>();
    const merged = [...values.filter((c) => !gone.has(c)), ...add.values()];
    return merged.sort((a, b) => columnOf(text, a) - columnOf(text, b));
  });
  return { rows: out, strays: strays.filter((c) => !used.has(c)) };
}

/**
 * The digits of a number printed one digit a line (see `unstack`) among a table's values,
 * as a test: a single digit with another at its column of the same page on the other
 * side of a line of values alone (no label's text on it: never a label's line between two
 * labels') that leaves that column empty, each no more than STACK_REACH lines from it
 * (`4.无正当理由  1` / `9 0 0 3 0 0` / `大量反复申请  2`: 12 in 总计). A short line
 * made of such digits is a number's pieces, not a row's values. `values`: the value cells
 * of the table's region; `texts`: its lines that hold text (a label's piece).
 */
export function stackedDigits(values: Cell[], texts: Set<number>, text: string, feeds: number[] = []): (c: Cell) => boolean {
  const pageOf = pages(feeds);
  const byColumn = new Map<string, number[]>(); // page:column → lines of single digits
  const spans = new Map<number, { from: number; to: number }[]>(); // line → where its values stand
  for (const c of values) {
    const x = columnOf(text, c);
    spans.set(c.line, [...(spans.get(c.line) ?? []), { from: x, to: x + [...c.text].length }]);
    if (/^[0-9]$/.test(c.text)) {
      const key = `${pageOf(c.start)}:${x}`;
      byColumn.set(key, [...(byColumn.get(key) ?? []), c.line]);
    }
  }
  return (c) => {
    if (!/^[0-9]$/.test(c.text)) return false;
    const x = columnOf(text, c);
    const lines = byColumn.get(`${pageOf(c.start)}:${x}`) ?? [];
    for (const other of lines) {
      if (other === c.line || Math.abs(other - c.line) > 2 * STACK_REACH) continue;
      const [top, bottom] = other < c.line ? [other, c.line] : [c.line, other];
      for (let m = top + 1; m < bottom; m++) {
        if (m - top > STACK_REACH || bottom - m > STACK_REACH || texts.has(m)) continue;
        const at = spans.get(m);
        if (at && !at.some((sp) => sp.from <= x && x < sp.to)) return true;
      }
    }
    return false;
  };
}

/**
 * Is a line of values (`vs`, in order) the first or last thing of a page, nothing but
 * spaces between it and a form feed or the text's end: a page number's place.
 */
export function atPageEdge(text: string, feeds: number[], vs: Cell[]): boolean {
  const first = vs[0];
  const last = vs[vs.length - 1];
  const after = feeds.find((f) => f >= last.end) ?? text.length;
  let k = last.end;
  while (k < after && /\s/.test(text[k])) k++;
  if (k === after) return true;
  const before = [...feeds].reverse().find((f) => f < first.start);
  if (before === undefined) return false;
  k = first.start - 1;
  while (k > before && /\s/.test(text[k])) k--;
  return k === before;
}

/** Is this table's text laid out (`pdftotext -layout`): rows on one line with values apart by runs of spaces? */
export function isLayoutText(rows: Cell[][], text: string): boolean {
  return rows.filter((v) => onOneLine(v) && hasLayoutGap(text, v)).length >= 2;
}
