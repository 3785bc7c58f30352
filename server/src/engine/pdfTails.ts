// Table 三 as pdftotext prints a Chromium-made PDF's page without options, where the page's
// rows lose their right-hand columns to blocks printed after them:
//
//   8.属于行政查询事项 ⏎ 0 0 2 ⏎ 1.本机关不掌握相关政府信息 ⏎ 6 3 1 ⏎ … ⏎ 四、结转下年度继续办理 ⏎ 0 0 0
//   ¶ 0⏎3⏎3⏎…⏎0 ¶ 0⏎3⏎0⏎…⏎2 ¶ 0 2⏎1 17⏎…⏎0 2                          (¶: an empty line)
//
// each row's first columns after its label (three here), then a block per further column (or
// pair of columns), a line per row of the page, in the rows' order. Read only where that is
// certain: every row of the page has as many values after its label (on its line or the next,
// before the next label) and the blocks at the page's end have as many lines as the page has
// rows, each line as many values, making seven a row; the page's labels name a run of the
// template's rows in order, and no text on the page is other than a label, a piece of one or a
// group's label. Chromium's text splits a row's values in ways a count may not tell, so each
// row is read only where its declared identity (总计 = the sum of the others) confirms it.

import type { Cell } from './cells';
import { APPLICATIONS } from './declarations';
import { labelKey } from './normalize';
import { Cursor } from './labels';
import { cutLabel, itemOf, type Label } from './pdfBlocks';
import { identityHolds, pages } from './pdfStacks';
import { pageMarkAt } from './pdfText';

const COLUMNS = APPLICATIONS.columns.length;
const DIGITS = /^[0-9]+$/;
/** Where table 三 has certainly ended: table 四's anchor, a sentence. */
const ENDS = /行政复议|[。；;！？]/;
/** A label's start inside a text cell, after a space (`（四）无法 2.没有现成信息…`). */
const INNER_START = /(?<=\s)(?=[（(][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}[.．、]|[一二三四五六七八九十]{1,3}[、.．])/;

export interface TailRow {
  label: Cell;
  values: Cell[];
}

interface Line {
  cells: Cell[];
  page: number;
  /** An empty line before it. */
  breakBefore: boolean;
}

/** A piece of a text cell as a cell of its own (its offsets inside the cell's). */
function piece(c: Cell, from: number, to: number): Cell {
  return { ...c, text: c.text.slice(from, to), start: c.start + from, end: c.start + to, insertAt: c.start + from, value: undefined };
}

function linesOf(cells: Cell[], from: number, to: number, pageOf: (at: number) => number): Line[] {
  const out: Line[] = [];
  for (let i = from; i < to; i++) {
    const last = out[out.length - 1];
    if (last && last.cells[last.cells.length - 1].line === cells[i].line) last.cells.push(cells[i]);
    else out.push({ cells: [cells[i]], page: pageOf(cells[i].start), breakBefore: cells[i].breakBefore });
  }
  return out;
}

const valuesOnly = (l: Line) => l.cells.every((c) => !c.blank && DIGITS.test(c.text));

/**
 * The rows of table 三 read from pages whose right-hand columns are printed as blocks after
 * their rows: row index → its label and seven values. Empty where there are none.
 */
export function tailRows(cells: Cell[], cur: Cursor, feeds: number[]): Map<number, TailRow> {
  const out = new Map<number, TailRow>();
  if (feeds.length === 0) return out;
  const pageOf = pages(feeds);
  let start = cells.findIndex((c, i) => !c.blank && cur.at(i).key === '申请人情况');
  if (start < 0) return out;
  let end = start + 1;
  while (end < cells.length && !(cur.isText(end) && (ENDS.test(cells[end].text) || labelKey(cells[end].text).length > 80))) end++;
  const lines = linesOf(cells, start, end, pageOf);
  for (let a = 0; a < lines.length; ) {
    let b = a;
    while (b < lines.length && lines[b].page === lines[a].page) b++;
    readPage(lines.slice(a, b), out);
    a = b;
  }
  return out;
}

function readPage(lines: Line[], out: Map<number, TailRow>): void {
  // The blocks at the page's end: paragraphs of value lines, as many lines each, as many values a line.
  const tails: Line[][] = [];
  let t = lines.length;
  while (t > 0) {
    let s = t - 1;
    while (s > 0 && !lines[s].breakBefore) s--;
    const para = lines.slice(s, t);
    const width = para[0].cells.length;
    if (!para.every((l) => valuesOnly(l) && l.cells.length === width) || (tails.length > 0 && para.length !== tails[0].length)) break;
    tails.unshift(para);
    t = s;
  }
  if (tails.length === 0) return;
  const rowCount = tails[0].length;
  const k = COLUMNS - tails.reduce((sum, p) => sum + p[0].cells.length, 0);
  if (k < 1) return;
  // The rows before them: each a label and its k values.
  const rows: { row: number; label: Cell; values: Cell[] }[] = [];
  const named: { row: number; label: Label }[] = [];
  for (let i = 0; i < t; i++) {
    const mark = pageMarkAt(lines[i].cells, 0);
    if (mark === lines[i].cells.length) continue;
    for (const c of lines[i].cells) {
      if (!c.blank && DIGITS.test(c.text)) {
        // A value before the page's first label: a row cut by the page break.
        if (rows.length === 0) return;
        rows[rows.length - 1].values.push(c);
        continue;
      }
      const text = c.text;
      let from = 0;
      for (const raw of text.split(INNER_START)) {
        const part = raw.trim();
        const at = text.indexOf(part, from);
        from = at + part.length;
        if (!part) continue;
        const label: Label = { cell: piece(c, at, at + part.length), text: labelKey(part), page: 0 };
        const item = itemOf(label);
        const cut = item.kind === 'unknown' ? cutLabel(label.text, named) : null;
        if (item.kind === 'row' || cut?.start) {
          const row = item.kind === 'row' ? item.row : cut!.row;
          named.push({ row, label });
          rows.push({ row, label: label.cell, values: [] });
        } else if (item.kind === 'unknown' && !cut) return;
        else if (cut && !cut.start && cut.row >= 0) named[named.length - 1].label = { ...label, text: named[named.length - 1].label.text + label.text };
      }
    }
  }
  if (rows.length !== rowCount || rows.some((r, j) => r.values.length !== k || (j > 0 && r.row <= rows[j - 1].row))) return;
  // A run of the template's rows of one shape: no row skipped between two of the page's.
  const split = rows.some((r) => APPLICATIONS.rows[r.row].shape === 'split-other');
  const shape = APPLICATIONS.rows.flatMap((r, j) => (!r.shape || r.shape === (split ? 'split-other' : 'single-other') ? [j] : []));
  for (let j = 1; j < rows.length; j++) if (shape.indexOf(rows[j].row) !== shape.indexOf(rows[j - 1].row) + 1) return;
  rows.forEach((r, j) => {
    const values = [...r.values, ...tails.flatMap((p) => p[j].cells)];
    if (identityHolds(values)) out.set(r.row, { label: r.label, values });
  });
}
