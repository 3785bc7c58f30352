// Numbers printed one digit a line, and what tells `pdftotext -layout` text, for the
// column reader (pdfColumns.ts) and table 三's rebuild (pdfText.ts).
//
// Word prints a number too wide for its narrow cell one digit a line, centred on its row
// (`5` above the row's line, `5` below: 55). Those digits are joined into their row's value
// (`unstack`) or, where that is unclear, keep the rows near them from being read; a line of
// such digits is never a row's values (`stackedDigits`). A number of two digits beside a row
// whose label takes two lines may stand on the row's line and the next (`1` / `1`: 11).
//
// Columns are counted in characters from the line's start, which on a page's first line is
// after pdftotext's form feed (`lineStartOf`).

import type { Cell } from './cells';
import { APPLICATIONS } from './declarations';

/** How many cells after table 三's start are looked at for numbers printed one digit a line. */
const REGION = 4000;
/** A run of spaces this long between two values on a line: the text keeps the page's layout. */
const LAYOUT_GAP = 3;

/** How many lines above and below its row a digit of a number printed one digit a line may stand. */
const STACK_REACH = 3;
/** The most digits of no row one number printed one digit a line is made of. */
const MAX_DIGITS = 8;

/** How many of `feeds` (offsets, in order) stand before offset `at`. */
function before(feeds: number[], at: number): number {
  let lo = 0;
  let hi = feeds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (feeds[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The page of an offset (how many of the text's form feeds, `feeds`, stand before it). */
export function pages(feeds: number[]): (at: number) => number {
  return (at) => before(feeds, at);
}

/** Is there a form feed at offset `at` (`feeds`: their offsets, in order)? */
function feedAt(feeds: number[], at: number): boolean {
  const k = before(feeds, at);
  return k < feeds.length && feeds[k] === at;
}

/**
 * Where the line holding offset `at` starts, as pdftotext laid it out: after the form feed
 * that begins a page's first line (pdftotext writes a page break there; the engine's copy of
 * the text has it as a space, `feeds` its offsets). It takes no column of the page: a value
 * on that line stands where the same column's values of the page's other lines do.
 */
export function lineStartOf(text: string, at: number, feeds: number[] = []): number {
  let s = text.lastIndexOf('\n', at - 1) + 1;
  while (s < at && (text[s] === '\f' || feedAt(feeds, s))) s++;
  return s;
}

/** The column (characters from the line's start, `lineStartOf`) where cell `c` starts. */
export function columnOf(text: string, c: Cell, feeds: number[] = []): number {
  const lineStart = lineStartOf(text, c.start, feeds);
  let n = 0;
  for (const _ of text.slice(lineStart, c.start)) n++;
  return n;
}

export const onOneLine = (values: Cell[]): boolean => values.length > 0 && values.every((v) => v.line === values[0].line);

/** Is there a run of LAYOUT_GAP or more spaces between two of the values? */
function hasLayoutGap(text: string, values: Cell[]): boolean {
  for (let k = 1; k < values.length; k++) {
    const between = text.slice(values[k - 1].end, values[k].start);
    if (between.length >= LAYOUT_GAP && /^[ \u3000]+$/.test(between)) return true;
  }
  return false;
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
 * near them are then not placed: pdfColumns.ts `near`). The joined cell spans the digits' text
 * (its `line`: the row's); no edit writes into it (findings.ts writeEdit).
 */
export function unstack(
  rows: Cell[][],
  text: string,
  strays: Cell[],
  feeds: number[] = [],
  labelLines: Set<number> = new Set(),
  width = Infinity,
  ownLines: Set<number>[] = [],
): { rows: Cell[][]; strays: Cell[] } {
  const pageOf = pages(feeds);
  const col = (c: Cell): number => columnOf(text, c, feeds);
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
        const x = col(c);
        return { from: x, to: x + [...c.text].length, cell: c };
      }),
    });
  });
  // The loose digits by page and column, top to bottom.
  const columns = new Map<string, Cell[]>();
  for (const d of digits) {
    const key = `${pageOf(d.start)}:${col(d)}`;
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
  // The digits of no row on line `l`, next to row `r`'s line (`side`: below, 1, or above, -1),
  // each under (over) a one-digit value of the row, as that value's number's other digit; or
  // null unless that is certain: the line holds a piece of the row's own label (inside its
  // cell: `ownLines`) and no row's values, no label starts on it, every value of no row on it
  // is such a digit, no other digit of no row stands in those columns nearby (a number of
  // three digits, or another row's), the row on the line past it has no one-digit value under
  // (over) it (whose number it could as well be), and the number read does not start with 0.
  const beyond = (r: RowAt, l: number) => rowsAt.find((o) => o.page === r.page && o.line === l);
  const wrappedDigits = (r: RowAt, l: number, side: number): { d: Cell; own: Cell }[] | null => {
    if (busy.get(`${r.page}:${l}`) || labelLines.has(l) || !ownLines[r.k]?.has(l)) return null;
    const next = beyond(r, l + side);
    const onLine = strays.filter((c) => c.line === l && pageOf(c.start) === r.page && !used.has(c));
    if (onLine.length === 0) return null;
    const out: { d: Cell; own: Cell }[] = [];
    for (const d of onLine) {
      if (!/^[0-9]$/.test(d.text)) return null;
      const x = col(d);
      const span = r.spans.find((sp) => sp.from === x && /^[0-9]$/.test(sp.cell.text));
      if (!span || (side > 0 ? span.cell.text : d.text) === '0') return null;
      if (next?.spans.some((sp) => sp.from === x && /^[0-9]$/.test(sp.cell.text))) return null;
      if (digits.some((e) => e !== d && pageOf(e.start) === r.page && col(e) === x && Math.abs(e.line - r.line) <= 2 * STACK_REACH)) return null;
      out.push({ d, own: span.cell });
    }
    return out;
  };
  // A number wrapped in two lines beside a full row's (`1.信访举报投  1 0 0 0 2 0 1` ⏎ `诉类申请
  // 1  3`: 11 and 13, the single digits centred between the label's two lines, on its first).
  for (const r of rowsAt) {
    if (rows[r.k].length !== width || joined.has(r.k)) continue;
    for (const side of [1, -1]) {
      const cells = wrappedDigits(r, r.line + side, side);
      if (!cells) continue;
      joined.set(r.k, new Map());
      replaced.set(r.k, new Set());
      for (const { d, own } of cells) {
        const [top, bottom] = side > 0 ? [own, d] : [d, own];
        joined.get(r.k)!.set(col(own), { ...top, text: top.text + bottom.text, end: bottom.end, line: r.line, value: undefined });
        replaced.get(r.k)!.add(own);
        used.add(d);
      }
      break;
    }
  }
  const left = digits.filter((d) => !used.has(d));
  const out = rows.map((values, k) => {
    const at = rowsAt.find((r) => r.k === k);
    // Digits of no number above and below the row in a column where it has a digit or
    // nothing (`1` / `0` on its line / `1`), or on one side of a digit of its own on a line
    // of one or two such values where no row's label starts (`1.信访举报投  1 0 0 0 2 0 1` ⏎
    // `诉类申请  1  3` where those digits were not joined above: another row's line right
    // past them, a third digit in their column): its cells are not what they look like, even
    // all written. Not read (no values: the reader keeps no such row).
    if (at) {
      const near = left.filter((d) => pageOf(d.start) === at.page && Math.abs(d.line - at.line) <= STACK_REACH);
      for (const d of near) {
        const x = col(d);
        const span = at.spans.find((sp) => sp.from <= x && x < sp.to);
        if (span && (span.from !== x || !/^[0-9]$/.test(span.cell.text))) continue;
        if (span && d.line !== at.line && !labelLines.has(d.line) && strays.filter((e) => e.line === d.line).length <= 2) return [];
        const other = near.find((e) => col(e) === x && Math.sign(e.line - at.line) === -Math.sign(d.line - at.line));
        if (other) return [];
      }
    }
    const add = joined.get(k);
    if (!add) return values;
    const gone = replaced.get(k) ?? new Set<Cell>();
    const merged = [...values.filter((c) => !gone.has(c)), ...add.values()];
    return merged.sort((a, b) => col(a) - col(b));
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
    const x = columnOf(text, c, feeds);
    spans.set(c.line, [...(spans.get(c.line) ?? []), { from: x, to: x + [...c.text].length }]);
    if (/^[0-9]$/.test(c.text)) {
      const key = `${pageOf(c.start)}:${x}`;
      byColumn.set(key, [...(byColumn.get(key) ?? []), c.line]);
    }
  }
  return (c) => {
    if (!/^[0-9]$/.test(c.text)) return false;
    const x = columnOf(text, c, feeds);
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

/**
 * The table's `-layout` lines from `first` on (`isText`: whether cell i is text): whether
 * the text keeps the page's layout, which values are digits of a number printed one digit
 * a line, and whether a line of fewer values than a row's is a row's (`short`): numbers
 * only (a lone `无` is more often a vertical label's character, 无法提供), not all such
 * digits, not at a page's edge (a page number). Plain text: never.
 */
export function layoutLines(cells: Cell[], isText: (i: number) => boolean, first: number, text: string, feeds: number[]): { layout: boolean; stacked: (c: Cell) => boolean; short: (vs: Cell[]) => boolean } {
  const values: Cell[] = [];
  const texts = new Set<number>();
  for (let i = first; i < Math.min(cells.length, first + REGION) && cells[i].layout !== 'pipe'; i++)
    if (isText(i)) {
      // (A vertical label's character, `五` or `（`, makes no line a label's.)
      const t = cells[i].text.trim();
      if ([...t].length > 1 && !/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]*[)）])$/.test(t)) texts.add(cells[i].line);
    } else if (!cells[i].blank) values.push(cells[i]);
  const byLine = new Map<number, Cell[]>();
  for (const c of values) byLine.set(c.line, [...(byLine.get(c.line) ?? []), c]);
  const layout = isLayoutText([...byLine.values()], text);
  const stacked = layout ? stackedDigits(values, texts, text, feeds) : () => false;
  const short = (vs: Cell[]): boolean => layout && vs.length > 0 && vs.every((v) => /^[0-9]+$/.test(v.text)) && !vs.every(stacked) && !atPageEdge(text, feeds, vs);
  return { layout, stacked, short };
}

/** The values in words (`无`, no digit) standing before a label's text on their line: a vertical label's characters (无法提供), not values (labels stand left of values). */
export function labelCharacters(values: Cell[], pieces: Cell[]): Cell[] {
  return values.filter((v) => !/[0-9０-９]/.test(v.text) && pieces.some((p) => p.start > v.start));
}

const DIGITS = /^[0-9]+$/;
const COLUMNS = APPLICATIONS.columns.length;

/**
 * The number a paragraph of digit lines is, as one cell: its lines joined where they are a
 * number cut at its cell's width (every line but the last as long, the last not longer, no
 * leading 0), else null.
 */
export function joinedNumber(lines: Cell[]): Cell | null {
  if (lines.length === 0 || !lines.every((c) => DIGITS.test(c.text))) return null;
  if (lines.length === 1) return lines[0];
  const width = lines[0].text.length;
  if (lines[0].text[0] === '0') return null;
  for (let k = 1; k < lines.length; k++) if (lines[k].text.length > width || (k < lines.length - 1 && lines[k].text.length !== width)) return null;
  const last = lines[lines.length - 1];
  return { ...lines[0], text: lines.map((c) => c.text).join(''), end: last.end, value: undefined };
}

/** Does the row's declared identity (总计 = the sum of the others) hold over these values? */
/** The row identity of table 三 (总计 = the sum of the applicant columns), as declared. */
const ROW_IDENTITY = APPLICATIONS.identities.find((d) => d.over === 'rows');

export function identityHolds(values: Cell[]): boolean {
  if (!ROW_IDENTITY || values.length !== COLUMNS) return false;
  const at = (key: string) => APPLICATIONS.columns.findIndex((c) => c.key === key);
  if ([...ROW_IDENTITY.lhs, ...ROW_IDENTITY.rhs].some((key) => at(key) < 0)) return false;
  const sum = (keys: string[]) => keys.reduce((s, key) => s + Number(values[at(key)].text), 0);
  return sum(ROW_IDENTITY.lhs) === sum(ROW_IDENTITY.rhs);
}
