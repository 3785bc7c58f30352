// Table 三 as pdftotext prints it without options, read page by page from the order of its
// values, wherever its labels stand. pdftotext keeps a table's values in the table's order, top
// to bottom and each row left to right, but its labels may land away from their rows: a PDF
// that WPS made prints them after the rows below (`一、本年新收…` after the next ten rows), one
// that Word or LibreOffice made prints a row's label at the top of a page after the page's
// other labels (`二、上年结转…` below 8.属于行政查询事项's values).
//
// Two forms of values (¶: an empty line):
//
//   cells   a cell a paragraph (Word; WPS where rows are tall): `3⏎7` is 37, a number too wide
//           for its cell broken over lines inside its paragraph (every line but the last as long)
//   blocks  WPS: the cells of a run of short rows, one above the other in their column, make
//           one block — a column's values of those rows, a line each, one paragraph per column:
//           `1⏎0⏎…⏎10⏎3 ¶ 0⏎0⏎…⏎0 ¶ …`, seven paragraphs of ten lines, ten rows
//
// A page's rows are read (a few pages together where a row's label and values stand on two)
// only where its values make exactly the rows its labels name, each label once, a run of the
// template's rows: the values then fall to those rows in order. A blank cell prints nothing, so
// a page with one has fewer values than its labels ask (a block's column a line short breaks
// its run): it is not read. A page with text that is no label, header, group label or page mark
// is not read. Each row so placed is confirmed by its block (seven paragraphs of as many lines
// cannot come of a missing value), by its own label printed straight before its seven values
// and the next row's straight after them, the page's labels in the template's order (the
// certain reading of pdfPlain.ts), or else by its declared identity (总计 = the sum of the
// others): a bare page number standing in for a dropped blank, or a label printed out of
// order, would shift the values, which the identity catches. The identity only confirms a
// reading, never makes one. Word's cells: each label's row takes the values straight after
// it (seven at most), then what it lacks from the values after no label, in the rows' order
// (Word prints a row's right-hand columns apart at times: `58 4 11` 二、… `0 0` … `3 13 12 101`);
// a page's first or last such value, which could be its number printed bare, only by a row
// taking all seven from a run of whole rows, unless the page prints its number as a mark.

import type { Cell } from './cells';
import { APPLICATIONS, type RowDecl } from './declarations';
import { labelKey } from './normalize';
import { Cursor, isGroupLabelStart, MATCH_THRESHOLD, matchesGroup, matchRow } from './labels';
import { isApplicationHeader } from './tables/rows';
import { identityHolds, joinedNumber, pages } from './pdfStacks';
import { pageMarkAt } from './pdfText';

/** Table 三's columns of values. */
const COLUMNS = APPLICATIONS.columns.length;
/** How many pages a row's label and values may stand apart over. */
const MAX_SPAN = 3;
/** A label is short; prose is longer. */
const MAX_LABEL = 80;
const DIGITS = /^[0-9]+$/;
const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9]{1,2}[.．、])/;
/** Where table 三 has certainly ended: table 四's anchor, a sentence. */
const ENDS = /行政复议|[。；;！？]/;
/** Words of table 三's header, whole or stacked a character a line (`商⏎业`), printed again over a page's part of the table. */
const HEADER = /^(?:申请人情况|自然人|法人或其他组织|商业|企业|科研|机构|社会|公益|组织|法律|服务|其他|总计)+$/;
/** What is left of a group label cut a character a line (`（⏎三⏎）`, `（⏎四`): enumerator characters only. */
const FRAGMENT = /^[（()）一二三四五六七八九十、.．]+$/;

export type ValueForm = 'cells' | 'blocks';

/** A paragraph: cells [from, to) between empty lines. */
interface Para {
  from: number;
  to: number;
  /** Lines of digits only, on consecutive lines. */
  values: boolean;
  page: number;
}

/** A value paragraph: the row of the label straight before it (−1: none), the label (index among those named) it follows with no text between (−1: none). */
interface Unit {
  lines: Cell[];
  page: number;
  para: number;
  after: number;
  head: number;
}

/** A row's label found, with its index among those named. */
type Named = { row: number; label: Label; id: number };

/** A run of rows: seven columns of `lines` values each. */
interface Group {
  columns: Cell[][];
  lines: number;
  page: number;
  /** Confirmed by its form: a block of several rows. */
  block: boolean;
  /** The row whose label stands straight before the group, the group being all the values up to the next text (−1: none). */
  labelled: number;
  /** Not to be read, even confirmed (a page's edge value taken for a row's missing cell). */
  refused?: boolean;
}

export interface Label {
  cell: Cell;
  text: string;
  page: number;
}

export interface BlockRows {
  /** The rows as `label, values…` in the template's order, after the cells before the table. */
  cells: Cell[];
  first: number;
  firstRow: number;
  /** The template row (index) of each row given, in order. */
  rows: number[];
}

function paragraphsOf(cells: Cell[], cur: Cursor, pageOf: (at: number) => number): Para[] {
  const out: Para[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i + 1;
    let values = !cells[i].blank && !cur.isText(i) && DIGITS.test(cells[i].text);
    while (j < cells.length && !cells[j].breakBefore) {
      const c = cells[j];
      if (c.blank || cur.isText(j) || !DIGITS.test(c.text) || c.line !== cells[j - 1].line + 1) values = false;
      j++;
    }
    out.push({ from: i, to: j, values, page: pageOf(cells[i].start) });
    i = j;
  }
  return out;
}

/** Are paragraphs k … k+6 all values of as many lines (two or more) each? */
function blockAt(paras: Para[], k: number): boolean {
  if (k + COLUMNS > paras.length) return false;
  const lines = paras[k].to - paras[k].from;
  if (lines < 2) return false;
  for (let j = k; j < k + COLUMNS; j++) if (!paras[j].values || paras[j].to - paras[j].from !== lines || paras[j].page !== paras[k].page) return false;
  return true;
}

export type Item = { kind: 'row'; row: number; label: Label } | { kind: 'skip' } | { kind: 'unknown' };

/** What a label's text is: a row's label, a header's or a group's (no row), or text of no table. */
export function itemOf(label: Label): Item {
  const key = label.text;
  if (HEADER.test(key) || FRAGMENT.test(key)) return { kind: 'skip' };
  const cell = { ...label.cell, text: key, value: undefined };
  const one = new Cursor([cell]);
  if (isApplicationHeader(one, 0)) return { kind: 'skip' };
  const match = matchRow(one, 0, 0, 0);
  const m = match && match.score >= MATCH_THRESHOLD ? { row: APPLICATIONS.rows.indexOf(match.row), score: match.score } : null;
  const group = matchesGroup(one, 0, APPLICATIONS) ?? (isGroupLabelStart(one, 0) ? 'start' : null);
  if (m && (!group || m.score >= 0.95)) return { kind: 'row', row: m.row, label };
  return group ? { kind: 'skip' } : { kind: 'unknown' };
}

/** Characters after an enumerator for a label's start to name its row. */
const MIN_PREFIX = 4;
const ROW_KEYS = APPLICATIONS.rows.map((r) => labelKey(r.label));
const GROUP_KEYS = APPLICATIONS.groups.map((g) => labelKey(g.label));

/**
 * A piece of a label cut by a page break or its cell: the start of a row's label (`2.其他法律行`,
 * its enumerator and four characters or more), the rest of the label of a row named just
 * before by its start (`政法规禁止公开`), or a piece of a group label printed a character a
 * line (`开`, `理`).
 */
export function cutLabel(key: string, named: { row: number; label: Label }[]): { row: number; start: boolean } | null {
  const e = ENUMERATOR.exec(key);
  if (e) {
    const rows = ROW_KEYS.flatMap((k, row) => (k.startsWith(key) && key.length - e[0].length >= MIN_PREFIX && key.length < k.length ? [row] : []));
    return rows.length === 1 ? { row: rows[0], start: true } : null;
  }
  const last = named[named.length - 1];
  if (last && ROW_KEYS[last.row] === last.label.text + key) return { row: last.row, start: false };
  if (key.length <= 2 && GROUP_KEYS.some((g) => g.includes(key))) return { row: -1, start: false };
  return null;
}

/** The label pieces of a text paragraph: a piece starts at a line that starts with an enumerator; lines without one go on the piece before. */
function piecesOf(cells: Cell[], para: Para, from: number, pageOf: (at: number) => number): { pieces: Label[]; end: boolean } {
  const pieces: Label[] = [];
  for (let i = Math.max(para.from, from); i < para.to; i++) {
    const mark = pageMarkAt(cells, i);
    if (mark > 0) {
      i += mark - 1;
      continue;
    }
    const key = labelKey(cells[i].text);
    if (key.length > MAX_LABEL || ENDS.test(key)) return { pieces, end: true };
    const last = pieces[pieces.length - 1];
    if (last && !ENUMERATOR.test(key) && !HEADER.test(key)) last.text += key;
    else pieces.push({ cell: cells[i], text: key, page: pageOf(cells[i].start) });
  }
  return { pieces, end: false };
}

/**
 * Table 三 read page by page from pdftotext's text without options, in the given form of
 * values, or null when fewer than `minRows` rows are certain. `blocks` is tried only on text
 * that holds a run of rows printed a column a paragraph.
 */
export function accountedRows(cells: Cell[], cur: Cursor, feeds: number[], form: ValueForm, minRows = 3): BlockRows | null {
  if (feeds.length === 0) return null;
  const pageOf = pages(feeds);
  const paras = paragraphsOf(cells, cur, pageOf);
  if (form === 'blocks' && !paras.some((_, k) => blockAt(paras, k))) return null;
  // The table starts at its header (申请人情况, else 自然人).
  let start = -1;
  let p = 0;
  for (const word of ['申请人情况', '自然人']) {
    for (p = 0; p < paras.length && start < 0; p++) for (let i = paras[p].from; i < paras[p].to && start < 0; i++) if (cur.at(i).key === word) start = i;
    if (start >= 0) break;
  }
  if (start < 0) return null;
  p--;
  // Value paragraphs in order: each with the row of the label straight before it (−1: none), and
  // the label (index in `named`) whose values it follows with no text between (−1: none).
  const units: Unit[] = [];
  const named: { row: number; label: Label }[] = [];
  /** Pages holding text of no table, or values that make no row: not read. */
  const unsure = new Set<number>();
  let after = -1;
  let head = -1;
  for (; p < paras.length; p++) {
    const para = paras[p];
    if (para.values) {
      units.push({ lines: cells.slice(para.from, para.to), page: para.page, para: p, after, head });
      after = -1;
      continue;
    }
    head = -1;
    const { pieces, end } = piecesOf(cells, para, start, pageOf);
    for (const piece of pieces) {
      const item = itemOf(piece);
      // A label cut by a page break: its start names its row, its rest names none.
      const cut = item.kind === 'unknown' ? cutLabel(piece.text, named) : null;
      if (item.kind === 'row' || (cut && cut.start)) {
        const row = item.kind === 'row' ? item.row : cut!.row;
        named.push({ row, label: piece });
        after = row;
        head = named.length - 1;
      } else {
        if (item.kind === 'unknown' && !cut) {
          unsure.add(piece.page);
          after = -1;
        }
        head = -1;
      }
    }
    if (end) break;
  }
  // （六）其他处理 heads its sub-rows where the table has them: a group's label, no row.
  const split = named.some((n) => APPLICATIONS.rows[n.row].shape === 'split-other');
  const rows = shapeRows(split ? 'split-other' : 'single-other');
  for (const n of named) if (!rows.includes(n.row) && !(split && APPLICATIONS.rows[n.row].key === 'other')) unsure.add(n.label.page);
  const labelsOn = named.flatMap((n, k) => (rows.includes(n.row) ? [{ ...n, id: k }] : []));
  const groups = form === 'blocks' ? groupsOf(units, paras, unsure) : [];
  // Pages that print their number as a mark (`-3-`, `第 3 页`): no bare number of theirs among the values.
  const marked = new Set<number>();
  for (let i = start; i < cells.length; i++) if (pageMarkAt(cells, i) > 0) marked.add(pageOf(cells[i].start));
  const spanGroups = (a: number, b: number, ls: Named[]): Group[] | null =>
    form === 'blocks' ? groups.filter((g) => g.page >= a && g.page <= b) : headsAndTails(units, a, b, ls, rows, marked);
  const pageList = [...new Set([...units.map((u) => u.page), ...labelsOn.map((n) => n.label.page)])].sort((x, y) => x - y);
  const read = placeRows(spanGroups, pageList, labelsOn, rows, unsure);
  if (read.length < minRows) return null;
  read.sort((x, y) => x.row - y.row);
  const out = cells.slice(0, start);
  for (const r of read) out.push({ ...r.label, text: APPLICATIONS.rows[r.row].label, value: undefined }, ...r.values);
  return { cells: out, first: start, firstRow: read[0].row, rows: read.map((r) => r.row) };
}

/** WPS's value paragraphs cut into runs of rows (seven paragraphs of a block; seven single values a row); a page where they do not fit, unsure. */
function groupsOf(units: Unit[], paras: Para[], unsure: Set<number>): Group[] {
  const groups: Group[] = [];
  for (let u = 0; u < units.length; ) {
    const unit = units[u];
    if (blockAt(paras, unit.para)) {
      groups.push({ columns: units.slice(u, u + COLUMNS).map((x) => x.lines), lines: unit.lines.length, page: unit.page, block: true, labelled: -1 });
      u += COLUMNS;
      continue;
    }
    const run = units.slice(u, u + COLUMNS);
    if (run.length < COLUMNS || run.some((x) => x.page !== unit.page || x.lines.length !== 1)) {
      unsure.add(unit.page);
      u++;
      continue;
    }
    // Its label straight before it and the next row's straight after it, on its page: the row is its label's.
    const next = units[u + COLUMNS];
    const whole = run.every((x, k) => k === 0 || x.after < 0) && !!next && next.after >= 0 && next.page === unit.page;
    groups.push({ columns: run.map((x) => x.lines), lines: 1, page: unit.page, block: false, labelled: whole ? unit.after : -1 });
    u += COLUMNS;
  }
  return groups;
}

/**
 * A cell a paragraph (Word): the rows of pages a … b, each label's row taking the values straight
 * after it (its head), then from the values after no label (the tails, in the rows' order: Word
 * prints a row's right-hand columns apart at times, `58 4 11` 二、… `0 0` … `3 13 12 101`) as many
 * as it lacks, the rows in the template's order. Null where the counts do not agree.
 */
function headsAndTails(units: Unit[], a: number, b: number, ls: Named[], rows: number[], marked: Set<number>): Group[] | null {
  const heads = new Map<number, { cells: Cell[]; last: number }>();
  const tails: { cell: Cell; edge: boolean; run: number }[] = [];
  // Runs of value paragraphs with nothing between, by their first unit.
  const runOf: number[] = [];
  for (let k = 0; k < units.length; k++) runOf.push(k > 0 && units[k].para === units[k - 1].para + 1 && units[k].page === units[k - 1].page ? runOf[k - 1] : k);
  const ids = new Set(ls.map((n) => n.id));
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const inSpan = u.page >= a && u.page <= b;
    // A head split from its label by the span's edge: not this span's to read.
    if (u.head >= 0 && inSpan !== ids.has(u.head)) return null;
    if (!inSpan) continue;
    const v = joinedNumber(u.lines);
    if (!v) return null;
    // A label's head is its seven values at most: more after it are another row's (its label printed elsewhere).
    const h = heads.get(u.head) ?? { cells: [], last: k };
    const edge = !marked.has(u.page) && (units[k - 1]?.page !== u.page || units[k + 1]?.page !== u.page);
    if (u.head < 0 || h.cells.length === COLUMNS) tails.push({ cell: v, edge, run: runOf.filter((r) => r === runOf[k]).length });
    else {
      h.cells.push(v);
      h.last = k;
      heads.set(u.head, h);
    }
  }
  // Labels printed out of the template's order: a label's seven values may be another row's; each row needs its identity.
  const at = ls.map((n) => rows.indexOf(n.row));
  const inOrder = at.every((x, k) => k === 0 || x > at[k - 1]);
  const groups: Group[] = [];
  let t = 0;
  for (const n of [...ls].sort((x, y) => rows.indexOf(x.row) - rows.indexOf(y.row))) {
    const h = heads.get(n.id);
    const need = COLUMNS - (h?.cells.length ?? 0);
    if (need < 0 || t + need > tails.length) return null;
    const taken = tails.slice(t, t + need);
    const values = [...(h?.cells ?? []), ...taken.map((x) => x.cell)];
    t += need;
    // A page's first or last value after no label may be its number (`7`) standing in for a dropped blank, unless
    // the page prints its number as a mark: taken only by a row that takes all seven from a run of whole rows.
    const refused = taken.some((x) => x.edge && (need < COLUMNS || x.run % COLUMNS !== 0));
    // All seven after its label, the next row's label straight after them, on its page: the row is its label's.
    const next = h ? units[h.last + 1] : undefined;
    const whole = inOrder && need === 0 && !!next && next.head >= 0 && next.page === units[h!.last].page;
    groups.push({ columns: values.map((v) => [v]), lines: 1, page: n.label.page, block: false, labelled: whole ? n.row : -1, refused });
  }
  return t === tails.length ? groups : null;
}

/** The rows of the pages (a few together where need be) whose values make exactly the rows their labels name. */
function placeRows(spanGroups: (a: number, b: number, ls: Named[]) => Group[] | null, pageList: number[], labelsOn: Named[], rows: number[], unsure: Set<number>): { row: number; label: Cell; values: Cell[] }[] {
  const labelsBy = new Map<number, Named[]>();
  for (const n of labelsOn) labelsBy.set(n.label.page, [...(labelsBy.get(n.label.page) ?? []), n]);
  const read: { row: number; label: Cell; values: Cell[] }[] = [];
  for (let i = 0; i < pageList.length; ) {
    const a = pageList[i];
    let next = i + 1;
    const ls: Named[] = [];
    for (let j = i; j < pageList.length && pageList[j] < a + MAX_SPAN; j++) {
      const b = pageList[j];
      ls.push(...(labelsBy.get(b) ?? []));
      const gs = spanGroups(a, b, ls);
      const count = gs ? gs.reduce((sum, g) => sum + g.lines, 0) : 0;
      if (!gs || count === 0 || ls.length !== count) continue;
      const at = ls.map((n) => rows.indexOf(n.row)).sort((x, y) => x - y);
      if (at.some((x, k) => x !== at[0] + k)) continue;
      // The span's pages agree: read, unless one holds text of no table (then the next page is tried alone).
      let sure = true;
      for (let pg = a; pg <= b; pg++) if (unsure.has(pg)) sure = false;
      if (!sure) break;
      next = j + 1;
      const labelOf = new Map(ls.map((n) => [n.row, n.label.cell]));
      let k = at[0];
      for (const g of gs) {
        for (let line = 0; line < g.lines; line++, k++) {
          const row = rows[k];
          const values = g.columns.map((col) => col[line]);
          if (g.refused || (!g.block && g.labelled !== row && !identityHolds(values))) continue;
          read.push({ row, label: labelOf.get(row)!, values });
        }
      }
      break;
    }
    i = next;
  }
  // A row read on two pages (a table printed twice): neither is certain.
  const times = new Map<number, number>();
  for (const r of read) times.set(r.row, (times.get(r.row) ?? 0) + 1);
  return read.filter((r) => times.get(r.row) === 1);
}

/** The table's shape rows: those of the template, the sub-rows of （六） or the single row. */
const shapeRows = (shape: RowDecl['shape']): number[] => APPLICATIONS.rows.flatMap((r, k) => (!r.shape || r.shape === shape ? [k] : []));
