// A browser's copy of an HTML table: one row a line, a tab between cells, and an empty
// cell an empty field between two tabs (`一、本年新收…\t821\t35\t\t\t2\t1\t859`). Such a
// line is read field by field, so a blank keeps its column; the whitespace split of PDF
// text (cells.ts) would close the gap and shift the values after it to the left.

import { isSpace } from './normalize';
import { looksLikeValue } from './values';

/** One field of a tab row: its text without surrounding spaces, text[start, end); blank when empty. */
export interface TabField {
  start: number;
  end: number;
  blank: boolean;
  /** Where a value is written into a blank field (right after the tab before it). */
  insertAt: number;
}

/** The most tabs a line may hold and still be read as a table row (table 四 on one line has 18 cells). */
const MAX_TAB_FIELDS = 64;

/**
 * The fields of the line text[lineStart, lineEnd) when it is a tab row, else null. A tab
 * row holds a tab and either two fields with text, or one field with text followed by
 * two tabs or more (a row whose values are all blank). A line holding one field after
 * its tabs is the one-cell-per-line tab layout (`\t一、本年新收…`), not a row.
 */
export function tabRowFields(text: string, lineStart: number, lineEnd: number): TabField[] | null {
  let tabs = 0;
  for (let i = lineStart; i < lineEnd && tabs <= MAX_TAB_FIELDS; i++) if (text.charCodeAt(i) === 0x09) tabs++;
  // No table row of a report has this many cells: a line of thousands of tabs is read as before, not as thousands of blank cells.
  if (tabs === 0 || tabs > MAX_TAB_FIELDS) return null;
  const fields: TabField[] = [];
  let filled = 0;
  let tabsAfterFirstText = -1;
  let from = lineStart;
  for (let i = lineStart; i <= lineEnd; i++) {
    if (i < lineEnd && text.charCodeAt(i) !== 0x09) continue;
    // The field text[from, i), trimmed.
    let s = from;
    let e = i;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      fields.push({ start: s, end: e, blank: false, insertAt: s });
      filled++;
      if (tabsAfterFirstText === -1) tabsAfterFirstText = 0;
    } else {
      // A blank field shows as the tab after it; the last field of the line, as the tab before it
      // (unless that tab is a blank field's own). Starts increase: cells stay in document order.
      const last = i === lineEnd;
      const start = last && from > lineStart && !fields[fields.length - 1]?.blank ? from - 1 : from;
      fields.push({ start, end: last ? lineEnd : i + 1, blank: true, insertAt: from });
    }
    if (i < lineEnd && tabsAfterFirstText !== -1) tabsAfterFirstText++;
    from = i + 1;
  }
  if (filled >= 2 || (filled === 1 && tabsAfterFirstText >= 2)) return fields;
  return null;
}

const ENUMERATED_LABEL = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9０-９]+[.．、])/;
const SENTENCE_END = /[。；;：:！!？?]\s*$/;

/**
 * Is `next`, the first field of a tab row that holds values, the rest of the row label
 * `prev` that ended the line above without values (`1、申请人无正当理由逾期不补正、` /
 * `行政机关不再处理其政府信息公开申请\t0\t…`)? A row label of the template starts with its
 * enumerator and has its values on its own line, so a label without values followed by
 * text without an enumerator before values is one cell broken inside.
 */
function wrapsInto(prev: string, next: string): boolean {
  const p = prev.trim();
  const n = next.trim();
  if (p === '' || n === '' || p.length + n.length > 80) return false;
  if (!ENUMERATED_LABEL.test(p) || ENUMERATED_LABEL.test(n) || SENTENCE_END.test(p)) return false;
  return !looksLikeValue(p) && !looksLikeValue(n);
}

/** Does a field after the first one read as a value? */
function rowHasValue(text: string, fields: TabField[]): boolean {
  for (let k = 1; k < fields.length; k++) if (!fields[k].blank && looksLikeValue(text.slice(fields[k].start, fields[k].end))) return true;
  return false;
}

/**
 * Does the tab row `fields` start with the rest of the cell `prev` (the line above: a line
 * without a tab, or, `afterRow`, a tab row's last label)? `continues` is the segmenter's
 * test for a label broken over lines, for a line without a tab only: after a header row
 * it would join the next header row's first cell (`总计` / `商业企业`). `wrapsInto` adds
 * the row labels broken before their values.
 */
export function tabRowContinues(prev: string, text: string, fields: TabField[], afterRow: boolean, continues: (p: string, n: string) => boolean): boolean {
  if (fields[0].blank) return false;
  const first = text.slice(fields[0].start, fields[0].end);
  return (!afterRow && continues(prev, first)) || (rowHasValue(text, fields) && wrapsInto(prev, first));
}

/** Does the tab row end in a label without values (which the next row may continue)? */
export function endsInLabel(text: string, fields: TabField[]): boolean {
  const last = fields[fields.length - 1];
  return !last.blank && !rowHasValue(text, fields) && !looksLikeValue(text.slice(last.start, last.end));
}

/** `^[ \u3000]*\t` on text[start, end): a tab after nothing but spaces (the one-cell-per-line tab layout). */
export function tabIndented(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x3000)) i++;
  return i < end && text.charCodeAt(i) === 0x09;
}

// A browser's copy of a table whose cells hold paragraphs (`<td><p>…</p></td>`): each
// paragraph brings its line breaks, so a cell's text stands on lines of its own and the
// tab between two cells on a line of its own, between empty lines
// (`一、本年新收…\n\n\t\n\n821\n\n\t\n\n35`). A cell ends at a tab; its text may hold line
// breaks (two paragraphs, `商业\n\n企业`) but a value never does. A row ends where no
// tab does: Chromium writes the row's line break between the paragraphs' own, three
// line breaks or more, more than any cell holds.

/** A table of this layout: its fields, on lines [startLine, endLine]. */
export interface SpreadTable {
  startLine: number;
  endLine: number;
  fields: TabField[];
}

/** Lines of text between two tabs of a spread table, at most. */
const SPREAD_GAP = 16;
/** Line breaks that end a row (a cell's own paragraphs bring two at most). */
const ROW_BREAK = 3;
/** A section heading of the report (`三、收到和处理政府信息公开申请情况`). */
const SECTION = /^[一二三四五六七八九十]+、/;

interface Unit {
  line: number;
  start: number;
  end: number;
  /** Nothing but a no-break space (`<p>&nbsp;</p>`): a blank cell. */
  blank: boolean;
  value: boolean;
}

/**
 * The spread tables of a document (`starts`: its line starts, `lineEnd` the end of a
 * line without its break). A tab on a line of its own, with no tab on the lines around
 * it, separates two cells; two such tabs or more close together make a table.
 */
export function spreadTables(text: string, starts: Int32Array, lineEnd: (li: number) => number, continues: (p: string, n: string) => boolean): SpreadTable[] {
  const lineCount = starts.length - 1;
  // Per line: 1 holds a tab, 2 holds nothing but whitespace and a tab.
  const flags = new Uint8Array(lineCount + 1);
  let li = 0;
  for (let p = text.indexOf('\t'); p !== -1; p = text.indexOf('\t', p + 1)) {
    while (li + 1 < lineCount && starts[li + 1] <= p) li++;
    if (flags[li]) continue;
    let lone = true;
    for (let i = starts[li], e = lineEnd(li); i < e && lone; i++) lone = isSpace(text.charCodeAt(i));
    flags[li] = lone ? 2 : 1;
  }
  const spread = (l: number) => flags[l] === 2 && (l === 0 || !flags[l - 1]) && !flags[l + 1];
  const tables: SpreadTable[] = [];
  let group: number[] = [];
  const close = () => {
    if (group.length >= 2) {
      const t = readSpread(text, starts, lineEnd, flags, group, continues);
      if (t && (tables.length === 0 || t.startLine > tables[tables.length - 1].endLine)) tables.push(t);
    }
    group = [];
  };
  for (let l = 0; l < lineCount; l++) {
    if (!flags[l]) continue;
    if (!spread(l)) close();
    else {
      if (group.length && l - group[group.length - 1] > SPREAD_GAP) close();
      group.push(l);
    }
  }
  close();
  return tables;
}

function unitOf(text: string, starts: Int32Array, lineEnd: (li: number) => number, l: number): Unit | null {
  let s = starts[l];
  let e = lineEnd(l);
  let nbsp = false;
  for (let i = s; i < e; i++) if (text.charCodeAt(i) === 0xa0) nbsp = true;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) return { line: l, start: s, end: e, blank: false, value: looksLikeValue(text.slice(s, e)) };
  return nbsp ? { line: l, start: starts[l], end: starts[l] + 1, blank: true, value: true } : null;
}

/** The tabs of a line: their offsets. */
function tabsOf(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x09) out.push(i);
  return out;
}

function readSpread(
  text: string,
  starts: Int32Array,
  lineEnd: (li: number) => number,
  flags: Uint8Array,
  lines: number[],
  continues: (p: string, n: string) => boolean,
): SpreadTable | null {
  /** A no-break space in text[s, e) on line l (`\t&nbsp;` after a line's last tab, before its first): a blank cell. */
  const nbspIn = (s: number, e: number, l: number): Unit[] => {
    for (let i = s; i < e; i++) if (text.charCodeAt(i) === 0xa0) return [{ line: l, start: i, end: i + 1, blank: true, value: true }];
    return [];
  };
  /** The units of lines (from, to): after tab line from's last tab (−1: none), up to tab line to's first. */
  const units = (from: number, to: number, lead = false): Unit[] => {
    const out: Unit[] = lead ? [] : nbspIn(tabsOf(text, starts[from], lineEnd(from)).pop()! + 1, lineEnd(from), from);
    for (let l = lead ? from : from + 1; l < to; l++) {
      const u = unitOf(text, starts, lineEnd, l);
      if (u) out.push(u);
    }
    if (to < starts.length - 1 && flags[to]) out.push(...nbspIn(starts[to], tabsOf(text, starts[to], lineEnd(to))[0], to));
    return out;
  };
  const fieldOf = (us: Unit[]): TabField => {
    const first = us.find((u) => !u.blank);
    if (!first) return { start: us[0].start, end: us[0].end, blank: true, insertAt: us[0].start };
    return { start: first.start, end: us[us.length - 1].blank ? first.end : us[us.length - 1].end, blank: false, insertAt: first.start };
  };
  /** The cells of units that need not make one cell: values and blanks alone, text joined where a label goes on. */
  const pieces = (us: Unit[]): TabField[] => {
    const out: TabField[] = [];
    let run: Unit[] = [];
    const flush = () => {
      if (run.length) out.push(fieldOf(run));
      run = [];
    };
    for (const u of us) {
      if (u.value) {
        flush();
        out.push(fieldOf([u]));
        continue;
      }
      if (run.length && !continues(text.slice(run[0].start, run[run.length - 1].end), text.slice(u.start, u.end))) flush();
      run.push(u);
    }
    flush();
    return out;
  };
  /**
   * The cells between tab line `a` (−1: none) and tab line `b` (−1: none) read from the units `us`
   * (lines from..to). Parts between row breaks; a part bounded by tabs and row breaks on both sides is one cell.
   */
  const chunk = (us: Unit[], a: number, b: number, tabA: number, tabB: number): TabField[] => {
    const out: TabField[] = [];
    let part: Unit[] = [];
    let hardStart = a !== -1;
    // The part is all between two tabs (no row break): one cell, whatever its paragraphs. After a
    // row break, a heading may stand above the next table's first cell (`四、…情况\n\n行政复议`).
    let whole = a !== -1;
    let prevLine = a;
    const emit = (hardEnd: boolean) => {
      if (part.length === 0) {
        // An empty cell between a tab and a row break.
        if (hardStart && hardEnd && a !== -1 && prevLine === a) out.push({ start: tabA + 1, end: tabA + 2, blank: true, insertAt: tabA + 1 });
        else if (hardStart && hardEnd && b !== -1) out.push({ start: tabB, end: tabB + 1, blank: true, insertAt: tabB });
      } else if (whole && hardEnd && !(part.length > 1 && part.some((u) => u.value))) {
        // Between two tables no row break is written: a section heading between two cells ends one table (its last
        // cell before the heading, blank when there is none) and stands above the next.
        const h = part.findIndex((u, k) => k + 1 < part.length && SECTION.test(text.slice(u.start, u.end)) && !continues(text.slice(u.start, u.end), text.slice(part[k + 1].start, part[k + 1].end)));
        if (h === -1) out.push(fieldOf(part));
        else out.push(h === 0 ? { start: tabA + 1, end: tabA + 2, blank: true, insertAt: tabA + 1 } : fieldOf(part.slice(0, h)), fieldOf([part[h]]), fieldOf(part.slice(h + 1)));
      }
      else out.push(...pieces(part));
      part = [];
    };
    for (const u of us) {
      if (prevLine !== -1 && u.line - prevLine >= ROW_BREAK) {
        emit(true);
        [hardStart, whole] = [true, false];
      }
      part.push(u);
      prevLine = u.line;
    }
    if (b !== -1 && prevLine !== -1 && b - prevLine >= ROW_BREAK && part.length) {
      emit(true);
      [hardStart, whole, prevLine] = [true, false, b];
    }
    emit(b !== -1);
    return out;
  };

  const fields: TabField[] = [];
  const first = lines[0];
  const last = lines[lines.length - 1];
  // The first cell: the last piece of the text above the first tab (a few lines, up to another tab).
  let from = first;
  while (from > 0 && first - from < SPREAD_GAP && !flags[from - 1]) from--;
  const tabsFirst = tabsOf(text, starts[first], lineEnd(first));
  const lead = chunk(units(from, first, true), -1, first, -1, tabsFirst[0]);
  if (lead.length === 0) return null;
  fields.push(lead[lead.length - 1]);
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    const tabs = tabsOf(text, starts[l], lineEnd(l));
    // Tabs on one line: empty cells between them.
    for (let t = 0; t + 1 < tabs.length; t++) fields.push({ start: tabs[t] + 1, end: tabs[t + 1] + 1, blank: true, insertAt: tabs[t] + 1 });
    const tabA = tabs[tabs.length - 1];
    if (k + 1 < lines.length) {
      const n = lines[k + 1];
      const cells = chunk(units(l, n), l, n, tabA, tabsOf(text, starts[n], lineEnd(n))[0]);
      if (cells.length === 0) fields.push({ start: tabA + 1, end: tabA + 2, blank: true, insertAt: tabA + 1 });
      else fields.push(...cells);
    } else {
      let to = l + 1;
      while (to < flags.length - 1 && to - l <= SPREAD_GAP && !flags[to]) to++;
      const tail = chunk(units(l, to), l, -1, tabA, -1);
      fields.push(tail[0] ?? { start: tabA + 1, end: tabA + 2, blank: true, insertAt: tabA + 1 });
    }
  }
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return { startLine: lineOf(fields[0].start), endLine: Math.max(last, lineOf(fields[fields.length - 1].end - 1)), fields };
}
