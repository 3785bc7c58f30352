// Table 三 as PDF text extractors print it (pdftotext -raw / -layout): rows put back
// together before the table's reader sees them.
//
// What such text does to a row, all seen in real reports:
//  - a row's values on a line of their own, before or after its label;
//  - a wrapped label whose second half (`公开`, `信息`) stands on its own line, or before the values;
//  - rowspan labels (`（三）不予公开`, `三、本年度办理结果`) anywhere in their group, printed
//    whole, in pieces (`三、本年` / `度办理结` / `果`), one character per line, or one
//    character glued to the start of a row (`本 2.其他法律行政法规禁止公开 30 1 0 0 0 0 31`);
//  - page marks (`- 4 -`, `— 4 —`, `第 5 页`) and repeated headers inside the table;
//  - in `-layout` output, the pieces of several columns on one line, apart by runs of spaces.
//
// The rows are rebuilt as the sequence `label, values…` per row, which the ordinary reader
// (tables/applications.ts) then reads. Labels and value lines are paired in order: a label
// that has values on its own line takes them; between two such labels, the labels without
// values and the lines of values alone are paired one to one when their numbers are equal,
// and otherwise none of them is kept. A row not kept is not read (GridTable.unread), so
// its identities are not assessed: an unsure pairing never becomes an arithmetic finding.
// A row with fewer values than columns and no blank cell among them (PDF text drops blank
// cells) is not kept either: its values cannot be placed in their columns.

import type { Cell } from './cells';
import { labelKey } from './normalize';
import { looksLikeValue } from './values';
import { APPLICATIONS, type RowDecl } from './declarations';
import { Cursor, matchesGroup, matchRow, MATCH_THRESHOLD, mayBeRowLabel } from './labels';
import { isApplicationHeader } from './tables/rows';
import { placeBlanks, totalIsSum } from './pdfColumns';
import { labelCharacters, layoutLines } from './pdfStacks';

/** A page mark on a line of its own: `- 4 -`, `— 4 —`, `第 5 页`, `第5页 共12页` (a bare number is a value line too short to be a row's). */
const PAGE_MARK = /^(?:[-—–－~～]+\s*[0-9０-９]{1,4}\s*[-—–－~～]+|第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]{1,4}\s*页)?)$/;
/** An enumerator at the start of a label piece. */
const ENUMERATED = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9０-９]{1,2}[.．、])/;
/** A lone character before a label (a vertical label's, glued to a row: `本 一、…`). */
const LONE_PREFIX = /^\s*[^\s0-9０-９][ \u3000]+/;
/** A piece that is an enumerator and nothing else (`（三）`). */
const ENUMERATOR_ONLY = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]*[)）])\s*$/;
/** A heading of the report's parts (after table 三: 四、…行政复议、行政诉讼情况, 五、存在的主要问题…): where the table ends. */
const TOP_ENUMERATED = /^\s*[一二三四五六七八九十]+[、.．]/;
const PART_TITLE = /情况$|行政复议|行政诉讼|问题|事项$/;

/** How many pieces without a label may follow one another inside the table. */
/** More cells on one line than a row of table 三 is ever cut into (a label in pieces, seven values): the table has ended. */
const MAX_LINE_CELLS = 64;
const MAX_STRAYS = 12;
/** Table 三's columns of values (申请人情况: 自然人 … 总计). */
const COLUMNS = APPLICATIONS.columns.length;
/** How many lines below the table's last row its loose values are looked at (pdfColumns.ts unstack). */
const BELOW_END = 3;
/** How many value lines make a row's values (fewer: a page number, a stray figure; in `-layout` text see `short`). */
const MIN_VALUES = 3;

interface Entry {
  pieces: Cell[];
  row: RowDecl | null;
  score: number;
  /** Values on the label's own line. */
  values: Cell[] | null;
}
type Item = { entry: Entry } | { values: Cell[] };

/** A cell for text[start, end) of `c`, where `from` and `to` index c.text. */
function piece(c: Cell, from: number, to: number): Cell {
  return { ...c, text: c.text.slice(from, to), start: c.start + from, end: c.start + to, insertAt: c.start + from, value: undefined };
}

/**
 * How many cells from `i` on make a page mark on a line of its own (`- 5 -` is three
 * cells, `第 5 页` one), or 0. For the readers of other tables, which skip them.
 */
export function pageMarkAt(cells: Cell[], i: number): number {
  const c = cells[i];
  if (c.blank || (i > 0 && cells[i - 1].line === c.line) || !/^[-—–－~～第0-9０-９]/.test(c.text)) return 0;
  let j = i;
  let text = '';
  while (j < cells.length && cells[j].line === c.line && j - i < 8) text += ' ' + cells[j++].text;
  if (j < cells.length && cells[j].line === c.line) return 0;
  return PAGE_MARK.test(text.trim()) ? j - i : 0;
}

/** The cells without the page marks on lines of their own, or null when there are none. */
export function withoutPageMarks(cells: Cell[]): Cell[] | null {
  let out: Cell[] | null = null;
  for (let i = 0; i < cells.length; i++) {
    const mark = pageMarkAt(cells, i);
    if (mark > 0) {
      out ??= cells.slice(0, i);
      i += mark - 1;
    } else if (out) out.push(cells[i]);
  }
  return out;
}

const STARTS_ENUMERATED = /^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[)）]|[0-9０-９]{1,2}[.．、]\D)/;

/**
 * A text cell cut into pieces: values apart; a new piece at a line break, at a run of
 * spaces (`-layout` puts columns apart so), and at a label starting with its enumerator
 * (what stands before it is another column's: `本 2.其他…`, `无法提 2.没有…`); a piece
 * after a run of spaces on the same line that is no label's start goes back to the one
 * before it (`（七）总  计`). `lone`: a line starts with a lone character (a vertical label's).
 */
function splitText(c: Cell): { pieces: Cell[]; lone: boolean } {
  const pieces: Cell[] = [];
  let lone = false;
  // The last piece: a lone character at a line's start (so far)?
  let lastLone = false;
  let prevEnd = -1;
  let prevValue = false;
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(c.text))) {
    const tok = m[0];
    const end = m.index + tok.length;
    const gap = prevEnd < 0 ? '\n' : c.text.slice(prevEnd, m.index);
    const newline = gap.includes('\n');
    const value = looksLikeValue(tok);
    const starts = newline || value || prevValue || STARTS_ENUMERATED.test(tok) || (lastLone && gap.length > 1);
    if (!starts) {
      const last = pieces[pieces.length - 1];
      pieces[pieces.length - 1] = piece(c, last.start - c.start, end);
      lastLone = false;
    } else {
      if (lastLone && !newline) lone = true;
      pieces.push(piece(c, m.index, end));
      lastLone = newline && !value && tok.length === 1;
    }
    prevEnd = end;
    prevValue = value;
  }
  return { pieces, lone };
}

/** A header repeated on a new page: every word a column header (`申请人情况 自然人 法人或其他组织 …`). */
function isHeaderLine(key: string): boolean {
  const words = key.split(/\s+/);
  if (words.length < 2) return false;
  const cells = words.map((w) => ({ text: w, start: 0, end: 0, insertAt: 0, blank: false, layout: 'plain' as const, line: 0, breakBefore: false, value: undefined }));
  const cur = new Cursor(cells);
  return cells.every((_, k) => isApplicationHeader(cur, k));
}

const GROUP_KEYS = APPLICATIONS.groups.map((g) => labelKey(g.label));
/** A piece of a group's label (`三、本年`, `（五）不予`), printed in pieces down its rowspan. */
function isGroupPiece(key: string): boolean {
  const k = labelKey(key);
  return GROUP_KEYS.some((g) => g.startsWith(k));
}

function scored(text: Cell, from: number): { row: RowDecl | null; score: number } {
  const cur = new Cursor([text]);
  const m = matchRow(cur, 0, from, from);
  return m ? { row: m.row, score: m.score } : { row: null, score: 0 };
}

/** The pieces of an entry as one label cell (text joined; range from the first piece to the last). */
function joined(pieces: Cell[]): Cell {
  if (pieces.length === 1) return pieces[0];
  const last = pieces[pieces.length - 1];
  return { ...pieces[0], text: pieces.map((p) => p.text).join(''), end: last.end, value: undefined };
}

/**
 * The cells with table 三 rebuilt as `label, values…` per row, or null when the text does
 * not look like PDF text (then the ordinary reading stands). `cur` reads the original cells.
 */
export function pdfRowOrder(cells: Cell[], cur: Cursor, text = '', feeds: number[] = []): Cell[] | null {
  const start = tableStart(cells, cur);
  if (start < 0) return null;
  // Whole lines of values just before the first label are its values.
  let first = start;
  while (first > 0 && !cur.isText(first - 1) && cells[first - 1].layout !== 'pipe') first--;
  while (first < start && first > 0 && cells[first].line === cells[first - 1].line) first++;
  return rebuild(cells, cur, first, text, feeds);
}

function tableStart(cells: Cell[], cur: Cursor): number {
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].layout === 'pipe' || cells[i].text.length > 60 || !ENUMERATED.test(cells[i].text.replace(LONE_PREFIX, '')) || !cur.isText(i)) continue;
    // A value next (its own, or the next row's), or after short pieces (its label's second
    // half, a wrapped label): a label of the table, not a figure's name in the prose.
    let value = false;
    for (let j = i + 1; j < cells.length && j <= i + 3 && !value; j++) value = !cur.isText(j);
    if (!value || !mayBeRowLabel(cells[i].text)) continue;
    let m: { row: RowDecl | null; score: number } | null = matchRow(cur, i, 0, 0);
    // A wrapped label (`一、本年` / `新收政府信息公开申请数量`): with its second half.
    if ((!m || m.score < 0.8) && i + 1 < cells.length && cur.isText(i + 1)) m = scored(joined([cells[i], cells[i + 1]]), 0);
    if (m?.row && m.score >= 0.8 && !m.row.key.startsWith('other.') && m.row.key !== 'total') return i;
  }
  return -1;
}

function rebuild(cells: Cell[], cur: Cursor, first: number, text: string, feeds: number[]): Cell[] | null {
  const items: Item[] = [];
  let open: Entry | null = null;
  let from = 0;
  let strays = 0;
  let end = first;
  let triggered = false;
  let done = false;
  const lastRow = APPLICATIONS.rows[APPLICATIONS.rows.length - 1];
  const notValues = new Set<Cell>();
  // `-layout` text: a line of one or two values may be a row's (`7      7`), placed by its columns or not read (pdfStacks.ts).
  const { stacked, short: shortRow } = layoutLines(cells, (i) => cur.isText(i), first, text, feeds);
  // Line by line from `first` on (cells of one line together; pipes are not PDF text), until the table ends.
  for (let at = first; !done && at < cells.length && cells[at].layout !== 'pipe'; ) {
    const indices: number[] = [];
    while (at < cells.length && cells[at].layout !== 'pipe' && (indices.length === 0 || cells[at].line === cells[indices[0]].line)) indices.push(at++);
    if (indices.length > MAX_LINE_CELLS) break; // no row of the table (fuzz: a line of 500,000 numbers took a second)
    const line = indices.map((i) => cells[i]);
    const lineText = line.map((c) => c.text).join(' ').trim();
    if (PAGE_MARK.test(lineText)) {
      triggered = true;
      end += line.length;
      continue;
    }
    // The line's values, and its text in pieces (a text cell may hold values of its own: `（四）⏎ 无法提 2.没有… 0 0`).
    const values: Cell[] = [];
    const pieces: Cell[] = [];
    for (const i of indices) {
      if (!cur.isText(i)) {
        values.push(cells[i]);
        continue;
      }
      const { pieces: ps, lone } = splitText(cells[i]);
      if (lone || [...cells[i].text.trim()].length === 1) triggered = true;
      for (const p of ps) (looksLikeValue(p.text) ? values : pieces).push(p);
    }
    // `无   息需要另行制  0 …`: a vertical label's character, not a value (pdfStacks.ts labelCharacters).
    for (const c of labelCharacters(values, pieces)) notValues.add(values.splice(values.indexOf(c), 1)[0]);
    if (pieces.length === 0) {
      if (values.length >= MIN_VALUES) {
        triggered = true;
        items.push({ values });
      } else if (shortRow(values)) items.push({ values });
      end += line.length;
      continue;
    }
    let lineEntry: Entry | null = null;
    let [sawContinuation, stray] = [false, false];
    for (const p of pieces) {
      const key = p.text.trim();
      if ([...key].length === 1 || ENUMERATOR_ONLY.test(key)) continue; // a vertical label's character, `（三）`
      const m = scored(p, from);
      // A label's second half (`公开`, `政府信息公开申请数量`), or a rowspan label's piece
      // (`度办理结`): joined to the label above, still without values, when that reads better.
      if (open && open.values === null && !STARTS_ENUMERATED.test(key)) {
        const cand = joined([...open.pieces, p]);
        const s = scored(cand, open.row ? APPLICATIONS.rows.indexOf(open.row) : from);
        if (s.row && s.score >= MATCH_THRESHOLD && (open.row ? s.score > open.score + 1e-9 : true) && s.score >= m.score - 1e-9) {
          open.pieces.push(p);
          open.row = s.row;
          open.score = s.score;
          from = APPLICATIONS.rows.indexOf(s.row) + 1;
          sawContinuation = true;
          triggered = true;
          continue;
        }
      }
      if (m.row && m.score >= MATCH_THRESHOLD) {
        open = { pieces: [p], row: m.row, score: m.score, values: null };
        items.push({ entry: open });
        lineEntry = open;
        from = APPLICATIONS.rows.indexOf(m.row) + 1;
        strays = 0;
        continue;
      }
      const pc = new Cursor([p]);
      if (matchesGroup(pc, 0, APPLICATIONS) || isApplicationHeader(pc, 0) || isHeaderLine(key)) continue;
      if (key.replace(/\s+/g, '').length > 40 || /[。；;！？]/.test(key) || key.includes('行政复议') || (TOP_ENUMERATED.test(key) && PART_TITLE.test(key))) {
        done = true;
        break;
      }
      if (ENUMERATED.test(key) && !isGroupPiece(key)) {
        // A label's first half, too short to be matched yet.
        open = { pieces: [p], row: null, score: 0, values: null };
        items.push({ entry: open });
        lineEntry = open;
        strays = 0;
        continue;
      }
      if (open && open.row === null && open.pieces.length < 8 && !STARTS_ENUMERATED.test(key) && !isGroupPiece(key)) {
        // The next piece (of 8 at most) of a label not matched yet, before or after its values (`1.申请人无正` ⏎ `当理由逾期不` …,
        // `2.其他法律行  0 0 …` ⏎ `政法规禁止公`): its row known once enough of it is read, or never (then not kept).
        open.pieces.push(p);
        const s = scored(joined(open.pieces), from);
        if (s.row && s.score >= MATCH_THRESHOLD) [open.row, open.score, from] = [s.row, s.score, APPLICATIONS.rows.indexOf(s.row) + 1];
        sawContinuation = true;
        continue;
      }
      stray = true;
      if (++strays > MAX_STRAYS) {
        done = true;
        break;
      }
    }
    if (done) break;
    end += line.length;
    if (values.length) {
      // Values on a label's line are its own; after a label's second half, the label's (not a digit or two of numbers
      // printed one digit a line: left to pdfStacks.ts unstack); beside a group's label only (`不予公开  7  7`), values alone.
      const owner = lineEntry ?? (sawContinuation ? open : null);
      if (owner && owner.values === null && !(values.length < MIN_VALUES && values.every(stacked))) owner.values = values;
      else if (values.length >= MIN_VALUES) items.push({ values });
      else if (!owner && !stray && shortRow(values)) items.push({ values });
    }
    if (open && open.row === lastRow && open.values) {
      // The table's last row is read: what follows is not the table's.
      done = true;
    }
  }
  if (!triggered) return null;
  // （六）其他处理 above its sub-rows is their group's label, not a row of its own.
  const split = items.some((it) => 'entry' in it && it.entry.row?.shape === 'split-other');
  const kept = split ? items.filter((it) => !('entry' in it && it.entry.row?.key === 'other' && !it.entry.values)) : items;
  const disordered = outOfOrder(kept);
  const paired = pair(kept).filter((r) => !disordered.has(r.entry));
  if (paired.length < 3) return null;
  // `-layout` text: a short row's blank cells put back by the columns its values stand in (pdfColumns.ts).
  const inRows = new Set(paired.flatMap((r) => r.values));
  const loose: Cell[] = [];
  // (With the values just below the table's end: the last digits of a number printed one digit a line.)
  let stop = Math.min(end, cells.length);
  const lastLine = stop > 0 ? cells[stop - 1].line : 0;
  while (stop < cells.length && !cur.isText(stop) && cells[stop].line <= lastLine + BELOW_END) stop++;
  for (let i = first; i < stop; i++) if (!cur.isText(i) && !cells[i].blank && !inRows.has(cells[i]) && !notValues.has(cells[i])) loose.push(cells[i]);
  const labelLines = new Set(kept.flatMap((it) => ('entry' in it ? [it.entry.pieces[0].line] : [])));
  const placed = placeBlanks(paired.map((r) => r.values), text, COLUMNS, loose, feeds, labelLines, totalIsSum, paired.map((r) => new Set(r.entry.pieces.map((p) => p.line))));
  const rows = paired.map((r, k) => ({ entry: r.entry, values: placed[k] }));
  const out: Cell[] = cells.slice(0, first);
  let next = 0;
  let trailingBlank = false;
  for (const r of rows) {
    // Fewer values than columns, none of them a blank cell: PDF text drops blank cells, so
    // which column each value stands in is unknown (`3 5 9 2 6` of `40 3 5 9 2 6 65`, or of
    // `3 · 5 · 9 2 6`). The row is not kept (unread), never read by position.
    if (r.values.length < COLUMNS && r.values.every((v) => !v.blank)) continue;
    let label = joined(r.entry.pieces);
    // The reader matches each label again, from the row after the last one it read: a
    // label that would read as another row there (`政府信息公开申请数量` with its enumerator
    // cut off, after a row not kept) is given its row's own label, over the same text.
    if (scored(label, next).row !== r.entry.row) label = { ...label, text: r.entry.row!.label };
    next = APPLICATIONS.rows.indexOf(r.entry.row!) + 1;
    // Blank cells ending the row above are its own, not this label's rowspan cells (tables/rows.ts collectValues).
    if (trailingBlank) label = { ...label, breakBefore: true };
    trailingBlank = r.values.length > 0 && r.values[r.values.length - 1].blank;
    out.push(label, ...r.values);
  }
  // Nothing after the rebuilt rows: what the rebuild did not read is not read at all (its rows unread), never read the ordinary way.
  return out;
}

/**
 * Labels paired with their values: a label with values on its line takes them; between
 * two such, the labels without values and the value lines alone pair one to one when
 * they are as many, else none of them is kept. Labels whose row is unknown are dropped.
 */
function pair(items: Item[]): { entry: Entry; values: Cell[] }[] {
  const out: { entry: Entry; values: Cell[] }[] = [];
  let labels: Entry[] = [];
  let values: Cell[][] = [];
  const flush = () => {
    if (labels.length === values.length) labels.forEach((e, k) => e.row && out.push({ entry: e, values: values[k] }));
    labels = [];
    values = [];
  };
  for (const it of items) {
    if ('values' in it) values.push(it.values);
    else if (it.entry.values) {
      flush();
      if (it.entry.row) out.push({ entry: it.entry, values: it.entry.values });
    } else labels.push(it.entry);
  }
  flush();
  return out;
}

/**
 * The entries printed out of the template's order: a label printed before a row it follows
 * in the table (`（二）部分公开…` on the line above `（一）予以公开`, its wrapped label's
 * first line standing higher) shows lines of the page out of their order, and the values
 * next to such labels may be either row's. Those labels and every label printed between
 * them are given (their rows are not kept: unread). A label the rebuild could not match
 * after the rows above it counts with the row it reads as from the table's start.
 */
function outOfOrder(items: Item[]): Set<Entry> {
  const entries = items.filter((it): it is { entry: Entry } => 'entry' in it).map((it) => it.entry);
  const at = entries.map((e) => {
    if (e.row) return APPLICATIONS.rows.indexOf(e.row);
    const s = scored(joined(e.pieces), 0);
    return s.row && s.score >= MATCH_THRESHOLD ? APPLICATIONS.rows.indexOf(s.row) : -1;
  });
  // From the first entry placed at or after a later one (a suffix minimum) to the last placed at or before an
  // earlier one (a prefix maximum): linear, where comparing pairs took seconds on a label repeated 31,404 times (fuzz).
  let [lo, hi, max, min] = [-1, -1, -1, Infinity];
  for (let k = 0; k < at.length; k++) if (at[k] >= 0) [hi, max] = [max >= at[k] ? k : hi, Math.max(max, at[k])];
  for (let j = at.length - 1; j >= 0; j--) if (at[j] >= 0) [lo, min] = [min <= at[j] ? j : lo, Math.min(min, at[j])];
  return new Set(hi < 0 ? [] : entries.slice(lo, hi + 1));
}
