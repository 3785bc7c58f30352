// A PDF page's tables from its ruling lines (io/pdf.ts reads the pages). The lines are
// collected from the operator list (thin filled rectangles, stroked lines and rectangles,
// through the current transformation matrix); crossing lines make a table; its distinct
// line positions make a grid, and a grid line missing between two neighbouring grid cells
// merges them (rowspan, colspan). Text items go to the cell under their centre; an item
// running over a column line is split there.

import type { FormCell } from './view';

/** A text item in page space: baseline `y`, left `x0`, right `x1`, size `h`. */
export interface Item {
  s: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
}

// ---- text lines -------------------------------------------------------------------------

export interface Line {
  items: Item[];
  x0: number;
  x1: number;
  y: number;
  h: number;
  /** The line's items are far apart (a row of values, not prose). */
  gapped: boolean;
  text: string;
}

export const ASCII_WORD = /[A-Za-z0-9.%]/;

/** Items on one baseline, left to right, joined: a space where they are apart (always between ASCII words, else at gaps over one character). */
export function joinLine(items: Item[]): { text: string; gapped: boolean } {
  let text = '';
  let gapped = false;
  let prev: Item | undefined;
  for (const it of items) {
    if (prev) {
      const gap = it.x0 - prev.x1;
      const wide = gap > Math.max(it.h, prev.h) * 1.2;
      if (wide) gapped = true;
      if (wide || (gap > it.h * 0.15 && ASCII_WORD.test(text.slice(-1)) && ASCII_WORD.test(it.s[0]))) text += ' ';
    }
    text += it.s;
    prev = it;
  }
  return { text, gapped };
}

/** Items → lines: same baseline (within a third of their size), top to bottom. */
export function linesOf(items: Item[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const groups: Item[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g[0].y - it.y) <= Math.min(g[0].h, it.h) * 0.35) g.push(it);
    else groups.push([it]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x0 - b.x0);
    const { text, gapped } = joinLine(g);
    return { items: g, x0: g[0].x0, x1: Math.max(...g.map((i) => i.x1)), y: g[0].y, h: Math.max(...g.map((i) => i.h)), gapped, text };
  });
}

/** Text of a cell: its lines joined, with a space only between two ASCII words (wrapped labels and one-character-per-line labels read as one). */
export function cellTextOf(items: Item[]): string {
  let out = '';
  for (const l of linesOf(items)) {
    if (out && ASCII_WORD.test(out.slice(-1)) && ASCII_WORD.test(l.text[0])) out += ' ';
    out += l.text;
  }
  return out;
}

// ---- ruling lines ------------------------------------------------------------------------

/** A page's drawing operators (pdf.js's operator list) and the page's origin. */
export interface Ops {
  fn: ArrayLike<number>;
  args: ArrayLike<unknown>;
  OPS: Record<string, number>;
  origin: [number, number];
}

/** A horizontal (`y0 === y1`) or vertical (`x0 === x1`) ruling line, in page space. */
export interface Seg {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** Thinner than this (points) a filled rectangle is a line. */
const THIN = 3;
/** Positions closer than this (points) are one. */
const TOL = 2.5;

/** The ruling lines a page draws. */
export function rulingsOf(ops: Ops): Seg[] {
  const O = ops.OPS;
  const paint = new Set([O.stroke, O.closeStroke, O.fill, O.eoFill, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]);
  const strokes = new Set([O.stroke, O.closeStroke, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]);
  const [ox, oy] = ops.origin;
  let ctm: Matrix = [1, 0, 0, 1, -ox, -oy];
  const stack: Matrix[] = [];
  const out: Seg[] = [];
  const pt = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  const line = (a: [number, number], b: [number, number]) => {
    if (Math.abs(a[1] - b[1]) <= 0.5 && Math.abs(a[0] - b[0]) > TOL) out.push({ x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]), y0: (a[1] + b[1]) / 2, y1: (a[1] + b[1]) / 2 });
    else if (Math.abs(a[0] - b[0]) <= 0.5 && Math.abs(a[1] - b[1]) > TOL) out.push({ y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]), x0: (a[0] + b[0]) / 2, x1: (a[0] + b[0]) / 2 });
  };
  /** A thin box (a filled rectangle or outline) as a line along its length; false when it is not thin. */
  const thin = ([x0, y0, x1, y1]: [number, number, number, number]): boolean => {
    if (y1 - y0 <= THIN && x1 - x0 > y1 - y0) out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (x1 - x0 <= THIN && y1 - y0 > x1 - x0) out.push({ y0, y1, x0: (x0 + x1) / 2, x1: (x0 + x1) / 2 });
    else return false;
    return true;
  };
  const n = ops.fn.length;
  for (let i = 0; i < n && out.length < 20000; i++) {
    const fn = ops.fn[i];
    const args = ops.args[i] as unknown[];
    if (fn === O.save) stack.push(ctm);
    else if (fn === O.restore) ctm = stack.pop() ?? ctm;
    else if (fn === O.transform) ctm = mul(ctm, args as unknown as Matrix);
    else if (fn === O.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = mul(ctm, args[0] as Matrix);
    } else if (fn === O.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === O.constructPath && i + 1 < n && paint.has(ops.fn[i + 1])) {
      const stroked = strokes.has(ops.fn[i + 1]);
      const sub = args[0] as number[];
      const co = args[1] as number[];
      let k = 0;
      let cur: [number, number] = [0, 0];
      let start: [number, number] = [0, 0];
      // A filled outline of straight edges (Chromium draws each cell border as a bevelled
      // quadrilateral, not a rectangle): its bounding box, a line when it is thin.
      let box: [number, number, number, number] | undefined;
      const outline = () => {
        if (!stroked && box) thin(box);
        box = undefined;
      };
      const grow = (p: [number, number]) => {
        if (!box) box = [p[0], p[1], p[0], p[1]];
        else box = [Math.min(box[0], p[0]), Math.min(box[1], p[1]), Math.max(box[2], p[0]), Math.max(box[3], p[1])];
      };
      for (const op of sub) {
        if (op === O.rectangle) {
          outline();
          const [x, y, w, h] = co.slice(k, (k += 4));
          const a = pt(x, y);
          const b = pt(x + w, y + h);
          const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
          const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
          if (thin([x0, y0, x1, y1])) continue;
          if (stroked) {
            line([x0, y0], [x1, y0]);
            line([x0, y1], [x1, y1]);
            line([x0, y0], [x0, y1]);
            line([x1, y0], [x1, y1]);
          }
        } else if (op === O.moveTo) {
          outline();
          cur = start = pt(co[k], co[k + 1]);
          k += 2;
          grow(cur);
        } else if (op === O.lineTo) {
          const p = pt(co[k], co[k + 1]);
          k += 2;
          if (stroked) line(cur, p);
          cur = p;
          grow(p);
        } else if (op === O.curveTo) {
          k += 6;
          box = undefined; // a curved outline is no ruling line
        } else if (op === O.curveTo2 || op === O.curveTo3) {
          k += 4;
          box = undefined;
        } else if (op === O.closePath) {
          if (stroked) line(cur, start);
          cur = start;
        }
      }
      outline();
    }
  }
  return out;
}

/** Sorted distinct values, those closer than TOL merged (their mean). */
function cluster(values: number[]): number[] {
  const v = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const x of v) {
    const last = out[out.length - 1];
    if (last && x - last[last.length - 1] <= TOL) last.push(x);
    else out.push([x]);
  }
  return out.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}

interface Placed {
  cell: FormCell;
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

const ENUMERATED = /^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[\d.,，%+-]+$)/;

/** One table on one page: its column lines `xs` (left to right), row lines `ys` (top to bottom) and merged cells. */
export class Grid {
  readonly top: number;
  private placed: Placed[] = [];
  constructor(
    readonly xs: number[],
    readonly ys: number[],
    private readonly cells: { r0: number; r1: number; c0: number; c1: number; items: Item[] }[],
    /** The last row has no line below it: the page break cut it, and it runs on in the next page's first row. */
    readonly openBottom = false,
    /** The table runs past the page's right edge (its lines cut there): the last column holds what lies beyond. */
    readonly openRight = false,
  ) {
    this.top = ys[0];
  }

  /** Is the item's centre inside the table? */
  contains(it: Item): boolean {
    const cx = (it.x0 + it.x1) / 2;
    const cy = it.y + it.h * 0.3;
    const right = this.xs[this.xs.length - 1];
    return cx > this.xs[0] - 1 && (cx < right + 1 || (this.openRight && it.x0 < right + 1)) && cy < this.ys[0] + 1 && cy > this.ys[this.ys.length - 1] - 1;
  }

  /** The rows as FormCells (a merged cell in its first row only), each cell's origin its box on `page`. */
  rows(page: number): FormCell[][] {
    const rows: FormCell[][] = this.ys.slice(1).map(() => []);
    this.placed = [];
    for (const c of [...this.cells].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)) {
      const box: [number, number, number, number] = [this.xs[c.c0], this.ys[c.r1 + 1], this.xs[c.c1 + 1], this.ys[c.r0]].map((v) => Math.round(v * 10) / 10) as [number, number, number, number];
      const cell: FormCell = { text: cellTextOf(c.items), rowSpan: c.r1 - c.r0 + 1, colSpan: c.c1 - c.c0 + 1, origin: { kind: 'pdf', page, box } };
      rows[c.r0].push(cell);
      this.placed.push({ cell, r0: c.r0, r1: c.r1, c0: c.c0, c1: c.c1 });
    }
    return rows.filter((r) => r.length > 0);
  }

  /** Is `next` (the first block of the next page) this table run on: the same outer edges and mostly the same columns? */
  continuedBy(next: Grid): boolean {
    const near = (a: number, b: number) => Math.abs(a - b) <= 3;
    if (!near(this.xs[0], next.xs[0]) || !near(this.xs[this.xs.length - 1], next.xs[next.xs.length - 1])) return false;
    const [few, many] = this.xs.length <= next.xs.length ? [this.xs, next.xs] : [next.xs, this.xs];
    return few.filter((x) => many.some((y) => near(x, y))).length >= few.length * 0.8;
  }

  /**
   * Appends `next`'s rows (the table run on over a page break) to `rows`, this table's rows so
   * far: without the header rows it repeats, and with a label cut by the page break (a cell
   * over several rows that reaches this page's last line, and at the same place on the next
   * page a cell that is empty or does not start a label or value of its own) joined again.
   */
  join(rows: FormCell[][], next: Grid, nextRows: FormCell[][]): void {
    const sig = (r: FormCell[]) => r.map((c) => c.text.replace(/\s+/g, '')).join('|');
    let k = 0;
    while (k < nextRows.length && k < rows.length && sig(nextRows[k]) === sig(rows[k]) && sig(rows[k]).length > 0) k++;
    const rest = nextRows.slice(k);
    if (rest.length > 0) {
      const first = new Set(rest[0]);
      const bottom = this.ys.length - 2;
      // Each cell of the first row, with the cell of this page's last row at the same place.
      const pairs = next.placed
        .filter((np) => first.has(np.cell))
        .map((np) => ({ np, p: this.placed.find((q) => q.r1 === bottom && Math.abs(this.xs[q.c0] - next.xs[np.c0]) <= 3 && Math.abs(this.xs[q.c1 + 1] - next.xs[np.c1 + 1]) <= 3) }));
      const numeric = (t: string) => /^[\d.,%+-]+$/.test(t);
      // A row cut by the page break (a line drawn at the break or not): its rest has no values where the row has them, and no label of its own.
      // A row that starts a label or holds values of its own where the last row has them is a row of its own, even below an open bottom.
      const ownRow = pairs.some(({ np, p }) => p && p.cell.text && np.cell.text && (ENUMERATED.test(np.cell.text) || (numeric(np.cell.text) && numeric(p.cell.text))));
      const cutRow =
        (this.openBottom && !ownRow) ||
        (pairs.some(({ np }) => np.cell.text) &&
          pairs.every(({ np, p }) => !np.cell.text || (p && !numeric(np.cell.text) && !ENUMERATED.test(np.cell.text))) &&
          pairs.every(({ np, p }) => !p || !numeric(p.cell.text) || !np.cell.text));
      for (const { np, p } of pairs) {
        if (!p) continue;
        const cont = np.cell.text;
        // Else only a label over several rows, cut by the page break, runs on (a cell that is empty or starts no label of its own).
        if (!cutRow && (!p.cell.text || numeric(p.cell.text) || p.cell.rowSpan < 2 || ENUMERATED.test(cont))) continue;
        p.cell.text += cont;
        p.cell.rowSpan += np.cell.rowSpan - (cutRow ? 1 : 0);
        rest[0].splice(rest[0].indexOf(np.cell), 1);
        np.cell = p.cell;
      }
    }
    for (const r of rest) if (r.some((c) => c.text)) rows.push(r);
  }
}

/** Joins touching collinear lines: horizontal ones by y, vertical ones by x. */
function mergeSegs(segs: Seg[], horizontal: boolean): Seg[] {
  const key = (s: Seg) => (horizontal ? s.y0 : s.x0);
  const from = (s: Seg) => (horizontal ? s.x0 : s.y0);
  const to = (s: Seg) => (horizontal ? s.x1 : s.y1);
  const sorted = [...segs].sort((a, b) => key(a) - key(b) || from(a) - from(b));
  const out: Seg[] = [];
  const open: Seg[] = []; // lines of the current position band
  let band = -Infinity;
  for (const s of sorted) {
    if (key(s) - band > TOL) {
      open.length = 0;
      band = key(s);
    }
    const m = open.find((o) => from(s) <= to(o) + TOL && to(s) >= from(o) - TOL);
    if (m) {
      if (horizontal) {
        m.x0 = Math.min(m.x0, s.x0);
        m.x1 = Math.max(m.x1, s.x1);
      } else {
        m.y0 = Math.min(m.y0, s.y0);
        m.y1 = Math.max(m.y1, s.y1);
      }
    } else {
      const c = { ...s };
      open.push(c);
      out.push(c);
    }
  }
  return out;
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]];
  return i;
}

/** The tables of a page: crossing ruling lines, as grids with their items placed. `pageWidth`: a table that reaches the page's right edge is open there. */
export function gridsOf(segs: Seg[], items: Item[], pageWidth = Infinity): Grid[] {
  const hs = mergeSegs(
    segs.filter((s) => s.y0 === s.y1),
    true,
  );
  const vs = mergeSegs(
    segs.filter((s) => s.x0 === s.x1 && s.y0 !== s.y1),
    false,
  );
  if (hs.length < 2 || vs.length < 2 || hs.length * vs.length > 4_000_000) return [];
  // Connected lines: union-find over horizontal (0..) and vertical (hs.length..) lines.
  const parent = [...hs, ...vs].map((_, i) => i);
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (v.x0 >= h.x0 - TOL && v.x0 <= h.x1 + TOL && h.y0 >= v.y0 - TOL && h.y0 <= v.y1 + TOL) parent[find(parent, i)] = find(parent, hs.length + j);
    }),
  );
  const groups = new Map<number, { h: Seg[]; v: Seg[] }>();
  hs.forEach((h, i) => {
    const r = find(parent, i);
    if (!groups.has(r)) groups.set(r, { h: [], v: [] });
    groups.get(r)!.h.push(h);
  });
  vs.forEach((v, j) => {
    const r = find(parent, hs.length + j);
    if (!groups.has(r)) groups.set(r, { h: [], v: [] });
    groups.get(r)!.v.push(v);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const xs = cluster(g.v.map((v) => v.x0));
    const ys = cluster(g.h.map((h) => h.y0)).reverse();
    if (xs.length < 2 || ys.length < 2 || xs.length > 200 || ys.length > 1000) continue;
    if (xs[xs.length - 1] - xs[0] < 20 || ys[0] - ys[ys.length - 1] < 8) continue;
    // Column lines running past the last (or first) row line: a row cut by the page break, open at that edge.
    const vTop = Math.max(...g.v.map((v) => v.y1));
    const vBottom = Math.min(...g.v.map((v) => v.y0));
    const open = { top: vTop > ys[0] + 3 * TOL, bottom: vBottom < ys[ys.length - 1] - 3 * TOL };
    if (open.top) ys.unshift(vTop);
    if (open.bottom) ys.push(vBottom);
    for (const y of [open.top ? vTop : NaN, open.bottom ? vBottom : NaN]) if (!Number.isNaN(y)) g.h.push({ x0: xs[0], x1: xs[xs.length - 1], y0: y, y1: y });
    grids.push(buildGrid(xs, ys, g.h, g.v, items, open.bottom, xs[xs.length - 1] >= pageWidth - 2));
  }
  return grids;
}

function buildGrid(xs: number[], ys: number[], hs: Seg[], vs: Seg[], items: Item[], openBottom: boolean, openRight: boolean): Grid {
  const R = ys.length - 1;
  const C = xs.length - 1;
  // Is there a vertical line at xs[i] through the middle of row r; a horizontal one at ys[j] through the middle of column c?
  const vAt = (i: number, r: number) => {
    const y = (ys[r] + ys[r + 1]) / 2;
    return vs.some((v) => Math.abs(v.x0 - xs[i]) <= TOL && v.y0 <= y && v.y1 >= y);
  };
  const hAt = (j: number, c: number) => {
    const x = (xs[c] + xs[c + 1]) / 2;
    return hs.some((h) => Math.abs(h.y0 - ys[j]) <= TOL && h.x0 <= x && h.x1 >= x);
  };
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const union = (a: number, b: number) => (parent[find(parent, a)] = find(parent, b));
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !vAt(c + 1, r)) union(r * C + c, r * C + c + 1);
      if (r + 1 < R && !hAt(r + 1, c)) union(r * C + c, (r + 1) * C + c);
    }
  const byRoot = new Map<number, { r0: number; r1: number; c0: number; c1: number; items: Item[] }>();
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      const root = find(parent, r * C + c);
      const m = byRoot.get(root);
      if (!m) byRoot.set(root, { r0: r, r1: r, c0: c, c1: c, items: [] });
      else {
        m.r0 = Math.min(m.r0, r);
        m.r1 = Math.max(m.r1, r);
        m.c0 = Math.min(m.c0, c);
        m.c1 = Math.max(m.c1, c);
      }
    }
  const cellAt = (r: number, c: number) => byRoot.get(find(parent, r * C + c))!;
  const colOf = (x: number) => {
    let c = 0;
    while (c < C - 1 && x > xs[c + 1]) c++;
    return c;
  };
  const rowOf = (y: number) => {
    let r = 0;
    while (r < R - 1 && y < ys[r + 1]) r++;
    return r;
  };
  const grid = new Grid(xs, ys, [...byRoot.values()], openBottom, openRight);
  for (const it of items) {
    if (!grid.contains(it)) continue;
    const r = rowOf(it.y + it.h * 0.3);
    // An item over a column line (text glued across two cells) is cut at the line, by the width of its characters.
    const first = colOf(it.x0 + 1);
    const last = colOf(it.x1 - 1);
    if (first === last || it.s.length < 2) {
      cellAt(r, colOf((it.x0 + it.x1) / 2)).items.push(it);
      continue;
    }
    for (const piece of splitAt(it, xs.slice(first + 1, last + 1))) cellAt(r, colOf((piece.x0 + piece.x1) / 2)).items.push(piece);
  }
  return grid;
}

/** An item cut at the given x positions, characters measured as one em (CJK) or half of one. */
function splitAt(it: Item, cuts: number[]): Item[] {
  const chars = [...it.s];
  const ems = chars.map((ch) => (/[\u2e80-\uffef]/.test(ch) ? 1 : 0.5));
  const total = ems.reduce((s, x) => s + x, 0);
  const scale = (it.x1 - it.x0) / total;
  const out: Item[] = [];
  let x = it.x0;
  let cur: Item | undefined;
  chars.forEach((ch, i) => {
    const w = ems[i] * scale;
    const mid = x + w / 2;
    const zone = cuts.filter((c) => c < mid).length;
    if (!cur || (cur as Item & { zone?: number }).zone !== zone) {
      cur = Object.assign({ s: '', x0: x, x1: x, y: it.y, h: it.h }, { zone });
      out.push(cur);
    }
    cur.s += ch;
    cur.x1 = x + w;
    x += w;
  });
  return out.filter((p) => p.s.trim());
}
