// Tables 三 and 四 drawn without ruling lines (io/pdf.ts reads the pages; io/pdfGrid.ts reads
// the tables that have lines). The header row's cells are found by the template's column
// labels (自然人 … 总计; 结果维持 … 总计), each label possibly wrapped over lines or cut into
// items; their x-extents give the columns. Below the header, each line (baseline) is a row:
// an item left of the first column is a row label, any other item goes to the column whose
// extent holds its centre, and a column where nothing lands is a blank cell. A label wrapped
// over lines is joined again (a piece that lies under a label within a line and a half and
// starts no number of its own); a value line between the two lines of its label joins them.

import type { FormCell } from './view';
import { joinLine, linesOf, type Item, type Line } from './pdfGrid';

/** The leaf column labels of each table, left to right. */
const LABELS = {
  applications: ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
  appeals: ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
} as const;
export type LinelessKind = keyof typeof LABELS;

/** A number (or the marks written for none) in a value cell. */
const VALUE = /^[\d\s,.，．%+\-—－–/／无]+$/;
/** A row label that starts a row of its own: `一、`, `（三）`, `1.`. */
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))/;
/** Labels over several rows (rowspan in the template): rows of their own without value cells. */
const GROUP = /^(?:三、本年度办理结果|[（(][三四五六][）)])/;

interface Word {
  items: Item[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
}

/** A line's items as words: runs of items less than half a character apart. */
function wordsOf(line: Line): Word[] {
  const out: Word[] = [];
  for (const it of line.items) {
    const w = out[out.length - 1];
    if (w && it.x0 - w.x1 <= Math.max(it.h, w.h) * 0.5) {
      w.items.push(it);
      w.x1 = Math.max(w.x1, it.x1);
    } else out.push({ items: [it], text: '', x0: it.x0, x1: it.x1, y: it.y, h: it.h });
  }
  for (const w of out) w.text = w.items.map((i) => i.s).join('').replace(/[\s\u200b]+/g, '');
  return out;
}

const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

interface HeaderCell {
  label: string;
  x0: number;
  x1: number;
  words: Word[];
}

/** Header cells of one kind: a word, or up to three words stacked (a label wrapped over lines), that spell a column label. */
function headerCells(words: Word[], labels: readonly string[]): HeaderCell[] {
  const used = new Set<Word>();
  const out: HeaderCell[] = [];
  const sorted = [...words].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  for (const w of sorted) {
    if (used.has(w)) continue;
    const chain = [w];
    for (let k = 0; k < 3; k++) {
      const text = chain.map((c) => c.text).join('');
      if (labels.includes(text)) {
        for (const c of chain) used.add(c);
        out.push({ label: text, x0: Math.min(...chain.map((c) => c.x0)), x1: Math.max(...chain.map((c) => c.x1)), words: chain });
        break;
      }
      if (!labels.some((l) => l.startsWith(text))) break;
      // The next piece of the label: the nearest word below that lies under this one.
      const last = chain[chain.length - 1];
      const below = sorted.filter((u) => !used.has(u) && u.y < last.y && last.y - u.y <= last.h * 1.8 && overlap(u, last) >= Math.min(u.x1 - u.x0, last.x1 - last.x0) * 0.5);
      if (below.length === 0) break;
      chain.push(below.reduce((a, b) => (b.y > a.y ? b : a)));
    }
  }
  return out;
}

/** Header rows found on a page: each kind's label cells, left to right, as a complete sequence of its columns. */
function headerRows(words: Word[]): { kind: LinelessKind; cells: HeaderCell[] }[] {
  const out: { kind: LinelessKind; cells: HeaderCell[] }[] = [];
  for (const kind of ['applications', 'appeals'] as const) {
    const labels = LABELS[kind];
    const found = headerCells(words, labels).sort((a, b) => a.x0 - b.x0);
    const used = new Set<HeaderCell>();
    const need = kind === 'applications' ? labels.length : labels.length * 3;
    // From each first label, the next label of the template to its right, within a few lines: the columns in order (table 四 repeats its five three times).
    for (const first of found.filter((c) => c.label === labels[0])) {
      if (used.has(first)) continue;
      const run = [first];
      while (run.length < need) {
        const prev = run[run.length - 1];
        const y = prev.words[0].y;
        const next = found.find((c) => !used.has(c) && c.label === labels[run.length % labels.length] && c.x0 >= prev.x1 - 1 && Math.abs(c.words[0].y - y) <= c.words[0].h * 4);
        if (!next) break;
        run.push(next);
      }
      if (run.length === need) {
        for (const c of run) used.add(c);
        out.push({ kind, cells: run });
      }
    }
  }
  return out;
}

/** A table without lines found on a page. */
export interface LinelessTable {
  kind: LinelessKind;
  /** Top of its header (page space). */
  top: number;
  /** Its rows as FormCells; the first `headerRows` are the header. */
  rows: FormCell[][];
  headerRows: number;
  /** The items it holds (not prose). */
  items: Set<Item>;
  /** Its last row was read (四: the value row; 三: 四、结转下年度继续办理); else it may run on over the page break. */
  ended: boolean;
  /** Column bounds: bounds[c] to bounds[c + 1] is value column c; left of bounds[0] are the row labels. */
  bounds: number[];
}

const box = (x0: number, y0: number, x1: number, y1: number): [number, number, number, number] => [x0, y0, x1, y1].map((v) => Math.round(v * 10) / 10) as [number, number, number, number];

/**
 * The tables 三 and 四 without ruling lines among a page's `items` (those in no grid), and a
 * table 三 run on from the last page (`runOn`: its column bounds) at the top of this page.
 * `skip` tells the page marks and running lines, which are no rows.
 */
export function linelessTables(items: Item[], page: number, skip: (l: Line) => boolean, runOn?: { kind: LinelessKind; bounds: number[] }): LinelessTable[] {
  const lines = linesOf(items).filter((l) => !skip(l));
  const words = lines.flatMap(wordsOf);
  const out: LinelessTable[] = [];
  const taken = new Set<Item>();
  const heads = headerRows(words).sort((a, b) => Math.max(...b.cells.map((c) => c.words[0].y)) - Math.max(...a.cells.map((c) => c.words[0].y)));
  if (runOn) {
    // The table run on from the last page: the rows above this page's first header of its kind (Chromium repeats the header).
    const own = heads.filter((hd) => hd.kind === runOn.kind).map((hd) => Math.max(...hd.cells.flatMap((c) => c.words.map((w) => w.y + w.h))));
    const t = tableRows(lines, runOn.kind, runOn.bounds, own.length ? Math.max(...own) + 1 : Infinity, page, taken, []);
    if (t.rows.length > 0) out.push(t);
  }
  for (const hd of heads) {
    const cells = hd.cells;
    const gap = Math.max(2, Math.min(...cells.slice(1).map((c, i) => c.x0 - cells[i].x1)) / 2);
    const bounds = [cells[0].x0 - gap, ...cells.slice(1).map((c, i) => (cells[i].x1 + c.x0) / 2), cells[cells.length - 1].x1 + gap];
    const headerWords = new Set(cells.flatMap((c) => c.words));
    const bottom = Math.min(...[...headerWords].map((w) => w.y));
    let top = Math.max(...[...headerWords].map((w) => w.y));
    // Header lines above the labels (申请人情况, 法人或其他组织, 行政复议 …): close above, with text over the columns.
    const h = Math.max(...[...headerWords].map((w) => w.h));
    for (const l of [...lines].filter((l) => l.y > top).sort((a, b) => a.y - b.y)) {
      if (l.y - top > h * 2.2 || !l.items.some((i) => (i.x0 + i.x1) / 2 > bounds[0] && (i.x0 + i.x1) / 2 < bounds[bounds.length - 1])) break;
      top = l.y;
    }
    const headLines = lines.filter((l) => l.y <= top + 0.1 && l.y >= bottom - 0.1);
    const spanning: FormCell[][] = [];
    const corner: Item[] = [];
    for (const l of headLines.sort((a, b) => b.y - a.y)) {
      const row: FormCell[] = [];
      for (const w of wordsOf(l)) {
        if (w.items.every((i) => taken.has(i))) continue;
        if (headerWords.has(w) || w.items.some((i) => [...headerWords].some((hw) => hw.items.includes(i)))) continue;
        if ((w.x0 + w.x1) / 2 < bounds[0]) corner.push(...w.items);
        else if (w.x0 < bounds[bounds.length - 1] + h) row.push({ text: w.text, rowSpan: 1, colSpan: 1, origin: { kind: 'pdf', page, box: box(w.x0, w.y - w.h * 0.25, w.x1, w.y + w.h) } });
        else continue;
        for (const i of w.items) taken.add(i);
      }
      if (row.length > 0) spanning.push(row);
    }
    const headItems = new Set(taken);
    for (const w of headerWords) for (const i of w.items) (taken.add(i), headItems.add(i));
    const header: FormCell[][] = [...spanning];
    const cornerCell: FormCell[] = corner.length ? [{ text: joinLines(corner), rowSpan: 1, colSpan: 1 }] : [];
    header.push([...cornerCell, ...cells.map((c) => ({ text: c.label, rowSpan: 1, colSpan: 1, origin: { kind: 'pdf' as const, page, box: box(c.x0, bottom - h * 0.25, c.x1, top + h) } }))]);
    const t = tableRows(lines, hd.kind, bounds, bottom - h * 0.3, page, taken, header);
    t.top = top + h;
    for (const i of headItems) t.items.add(i);
    out.push(t);
  }
  return out;
}

function joinLines(items: Item[]): string {
  return linesOf(items)
    .map((l) => joinLine(l.items).text)
    .join('');
}

interface Piece {
  items: Item[];
  x0: number;
  x1: number;
  yLast: number;
  h: number;
}

interface Row {
  y: number;
  yLast: number;
  pieces: Piece[];
  values?: Item[][];
}

/** The rows below `below` (a baseline) in the columns `bounds`, up to the table's end. */
function tableRows(lines: Line[], kind: LinelessKind, bounds: number[], below: number, page: number, taken: Set<Item>, header: FormCell[][]): LinelessTable {
  const n = bounds.length - 1;
  const right = bounds[n];
  const rows: Row[] = [];
  const items = new Set<Item>();
  let ended = false;
  for (const l of [...lines].filter((l) => l.y < below).sort((a, b) => b.y - a.y)) {
    const free = l.items.filter((i) => !taken.has(i));
    if (free.length === 0) continue;
    const h = Math.max(...free.map((i) => i.h));
    const labelItems = free.filter((i) => (i.x0 + i.x1) / 2 < bounds[0]);
    const valueItems = free.filter((i) => (i.x0 + i.x1) / 2 >= bounds[0] && (i.x0 + i.x1) / 2 <= right + h);
    // Text over the columns that is no value (a heading, the next table's header, prose): the table has ended.
    if (valueItems.some((i) => !VALUE.test(i.s)) || free.some((i) => i.x0 < bounds[0] && i.x1 > bounds[1])) {
      ended = true;
      break;
    }
    if (labelItems.length === 0 && valueItems.length === 0) continue;
    for (const i of [...labelItems, ...valueItems]) items.add(i);
    const values: Item[][] = Array.from({ length: n }, () => []);
    for (const i of valueItems) {
      const cx = (i.x0 + i.x1) / 2;
      let c = 0;
      while (c < n - 1 && cx > bounds[c + 1]) c++;
      values[c].push(i);
    }
    const hasValues = valueItems.length > 0;
    // Label pieces: runs of label items apart by less than a character and a bit.
    const pieces: Piece[] = [];
    for (const it of labelItems.sort((a, b) => a.x0 - b.x0)) {
      const p = pieces[pieces.length - 1];
      if (p && it.x0 - p.x1 <= Math.max(it.h, p.h) * 1.2) {
        p.items.push(it);
        p.x1 = Math.max(p.x1, it.x1);
      } else pieces.push({ items: [it], x0: it.x0, x1: it.x1, yLast: l.y, h: it.h });
    }
    const own: Piece[] = [];
    for (const p of pieces) {
      const text = joinLine(p.items).text;
      // A piece under a label of a row above (within a line and a half), starting no number: that label wrapped.
      const cont = NUMBERED.test(text)
        ? undefined
        : rows
            .slice(-12)
            .flatMap((r) => r.pieces)
            .find((q) => q.yLast - l.y <= Math.max(q.h, p.h) * 1.6 && overlap(q, p) > 0);
      if (cont) {
        cont.items.push(...p.items);
        cont.x0 = Math.min(cont.x0, p.x0);
        cont.x1 = Math.max(cont.x1, p.x1);
        cont.yLast = l.y;
      } else own.push(p);
    }
    const last = rows[rows.length - 1];
    if (own.length === 0 && !hasValues) continue;
    if (own.length === 0 && last && !last.values && last.yLast - l.y <= h * 1.2) {
      // Values between the lines of a wrapped label: that label's row.
      last.values = values;
      continue;
    }
    if (own.length === 0 && last && last.values && hasValues && last.values.every((v, c) => v.length === 0 || values[c].length === 0) && last.y - l.y <= h * 0.6) {
      for (let c = 0; c < n; c++) last.values[c].push(...values[c]);
      continue;
    }
    const row: Row = { y: l.y, yLast: l.y, pieces: own, values: hasValues ? values : undefined };
    rows.push(row);
    if (kind === 'appeals' && hasValues) {
      ended = true;
      break;
    }
    if (kind === 'applications' && own.some((p) => /^四、结转/.test(joinLine(p.items).text))) {
      ended = true;
      break;
    }
  }
  const cellRows: FormCell[][] = [...header];
  rows.forEach((r, k) => {
    const labels: FormCell[] = r.pieces.map((p) => ({ text: joinLines(p.items), rowSpan: 1, colSpan: 1, origin: { kind: 'pdf', page, box: box(p.x0, p.yLast - p.h * 0.25, p.x1, r.y + p.h) } }));
    const first = labels[0]?.text ?? '';
    // A label over several rows, alone on its line: a row of its own, without value cells.
    const next = rows[k + 1];
    if (!r.values && labels.length === 1 && GROUP.test(first) && (!next || (next.pieces[0] && next.pieces[0].x0 > r.pieces[0].x0 + r.pieces[0].h * 1.5) || /^三、/.test(first))) {
      cellRows.push(labels);
      return;
    }
    const h = Math.max(...r.pieces.map((p) => p.h), ...(r.values ?? []).flat().map((i) => i.h), 1);
    const values = r.values ?? Array.from({ length: n }, () => []);
    cellRows.push([...labels, ...values.map((v, c) => ({ text: v.length ? joinLine([...v].sort((a, b) => a.x0 - b.x0)).text.replace(/\s+/g, '') : '', rowSpan: 1, colSpan: 1, origin: { kind: 'pdf' as const, page, box: box(bounds[c], r.y - h * 0.25, bounds[c + 1], r.y + h) } }))]);
  });
  return { kind, top: rows[0]?.y ?? 0, rows: cellRows, headerRows: header.length, items, ended, bounds };
}
