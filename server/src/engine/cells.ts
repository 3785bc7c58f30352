// Text → cells with exact source ranges, whatever the layout.
//
// A report's tables arrive flattened: pipes on one line, pipes on lines of their
// own, one cell per tab-indented line, one cell per line, or space-separated values
// copied from a PDF. This module knows nothing about the templates; it only cuts the
// text into cells and keeps, for each, where it came from.

import { isSpace } from './normalize';
import { looksLikeValue, mayEndValue, parseValue, type CellValue } from './values';
import { endsInLabel, spreadTables, tabIndented, tabRowContinues, tabRowFields, type TabField } from './tabRows';
import { lineEndOf, lineStartsOf, SUPPRESSION_LINE, type DocumentScan } from './text';

export type CellLayout = 'pipe' | 'tab' | 'plain' | 'tabrow'; // tabrow: a field of a browser's copy of a table (tabRows.ts)

export interface Cell {
  /** The cell's text as written (may span lines for a label broken over two lines). */
  text: string;
  /** Offsets of the text in the document (UTF-16 code units). For a blank cell: its separators. */
  start: number;
  end: number;
  /** Where a value is written into a blank cell. */
  insertAt: number;
  blank: boolean;
  layout: CellLayout;
  /** Zero-based line of `start`. */
  line: number;
  /** True when an empty line stands between this cell and the previous one. */
  breakBefore: boolean;
  /** The text read as a value (`valueOf`), once asked for; cells are final by then. */
  value: CellValue | undefined;
}

/** The cell's text read as a value, parsed once per cell. */
export function valueOf(c: Cell): CellValue {
  return (c.value ??= parseValue(c.text));
}

/**
 * The occurrences of `needle` in `text`, asked for in increasing order of position:
 * each search starts after the last answer, so all of them together read the text once.
 */
class Occurrences {
  private at: number;
  /** `present` false: the text is known not to hold the needle's first character (nothing is searched). */
  constructor(
    private readonly text: string,
    private readonly needle: string,
    present = true,
  ) {
    this.at = present ? text.indexOf(needle) : -1;
  }
  /** The first occurrence at or after `from`, or −1. */
  next(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.text.indexOf(this.needle, from);
    return this.at;
  }
  /** Does an occurrence lie wholly within text[from, end)? */
  within(from: number, end: number): boolean {
    const at = this.next(from);
    return at !== -1 && at + this.needle.length <= end;
  }
}

/**
 * A markdown table's rule line (`| --- | :---: |`): the lines
 * `/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$/` matches, read by hand: linear,
 * and without the regex's backtracking stack, which overflowed on a long line of `---|`.
 */
export function isMarkdownRule(t: string): boolean {
  const spaces = (i: number) => {
    while (i < t.length && isSpace(t.charCodeAt(i))) i++;
    return i;
  };
  let i = spaces(0);
  if (t[i] === '|') i = spaces(i + 1);
  let groups = 0;
  for (;;) {
    // A segment `:?-{3,}:?` and its spaces, then `|` (another group) or the end (the last, optional, segment).
    let j = i;
    if (t[j] === ':') j++;
    const dashes = j;
    while (t[j] === '-') j++;
    if (j - dashes < 3) return groups > 0 && i === t.length;
    if (t[j] === ':') j++;
    j = spaces(j);
    if (t[j] === '|') {
      groups++;
      i = spaces(j + 1);
    } else return groups > 0 && j === t.length;
  }
}
const ENUMERATED = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]*[)）]|[0-9０-９]+[.．、]|第[一二三四五六七八九十]+)/;
const ENUMERATOR_ONLY = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]*[)）])\s*$/;
const SENTENCE_END = /[。；;：:！!？?]\s*$/;
const PROSE_LENGTH = 40;

/** May `next` continue the label `prev` that was broken over lines? */
function continues(prev: string, next: string): boolean {
  const p = prev.trim();
  const n = next.trim();
  if (p === '' || n === '') return false;
  if (ENUMERATOR_ONLY.test(p)) return true;
  // Every test between here and the length test only says no: the cheap one goes first.
  if (p.length + n.length > PROSE_LENGTH) return false;
  if (looksLikeValue(p) || looksLikeValue(n)) return false;
  if (ENUMERATED.test(n)) return false;
  if (/第[一二三四五六七八九十]+条第[(（][一二三四五六七八九十]+[)）]项$/.test(p)) return false; // a complete group title
  if (SENTENCE_END.test(p)) return false;
  // A short fragment (`本年新`, `商业`, `尚未`) or an unclosed bracket or quote goes on;
  // a complete line such as a heading does not.
  return p.replace(ENUMERATED, '').length <= 6 || unbalanced(p);
}

function unbalanced(s: string): boolean {
  let depth = 0;
  let quotes = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '（') depth++;
    else if (ch === ')' || ch === '）') depth--;
    else if (ch === '“') quotes++;
    else if (ch === '”') quotes--;
  }
  return depth > 0 || quotes > 0;
}

interface Span {
  start: number;
  end: number;
}

/**
 * Splits a line's content text[start, end) (`content`) into a label and trailing
 * whitespace-separated values (PDF copies put a row on one line:
 * `一、本年新收… 5 0 0 0 0 0 5`). Null when it stays one piece.
 */
function splitTrailingValues(text: string, start: number, end: number, content: string): Span[] | null {
  // Nothing splits off unless the last token reads as a value, which its last character
  // tells for most lines (prose ends in 。, labels in a letter).
  if (end > start && !mayEndValue(text.charCodeAt(end - 1))) return null;
  if (!/\s/.test(content)) return null;
  const parts: Span[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(content))) parts.push({ start: start + m.index, end: start + m.index + m[0].length });
  let k = parts.length;
  while (k > 0 && looksLikeValue(text.slice(parts[k - 1].start, parts[k - 1].end))) k--;
  const values = parts.slice(k);
  if (values.length === 0 || (k > 0 && values.length < 2 && parts.length > 2)) return null;
  if (k === 0) return values;
  return [{ start, end: parts[k - 1].end }, ...values];
}

/** Lines of text an open pipe piece may hold before its pipe is taken for a line's end (`segment`). */
const OPEN_PIECE_LINES = 6;

/**
 * Cuts a whole document into cells. `starts` are its line starts (`lineStartsOf`);
 * `scan` (`scanDocument`) spares the searches for characters it says are absent.
 */
export function segment(text: string, starts: Int32Array = lineStartsOf(text), scan?: DocumentScan): Cell[] {
  const cells: Cell[] = [];
  const lineCount = starts.length - 1;
  // What a line holds is found by searching the whole text, each search going on
  // after the last answer, not by searching every line (most lines hold none of these).
  const dashes = new Occurrences(text, '---', scan?.hyphen ?? true);
  // A suppression comment (`<!-- nianbao-disable … -->`) needs a `<`.
  const disables = new Occurrences(text, 'nianbao-disable', scan?.lessThan ?? true);
  const halfPipes = new Occurrences(text, '|');
  const fullPipes = new Occurrences(text, '｜', scan?.fullWidthPipe ?? true);
  const tabs = new Occurrences(text, '\t');
  /** The first pipe in text[from, end), or −1. */
  const nextPipe = (from: number, end: number): number => {
    const h = halfPipes.next(from);
    const f = fullPipes.next(from);
    const p = h === -1 ? f : f === -1 ? h : Math.min(h, f);
    return p < end ? p : -1;
  };

  let pendingBreak = false;
  // The open pipe piece: text after the last pipe of a line, which may continue on
  // later lines. Its parts are text[parts[k], parts[k + 1]) for even k < partCount.
  let open = false;
  let openAfterPipe = 0;
  let openBreakBefore = false;
  const parts: number[] = [];
  let partCount = 0;
  const addPart = (s: number, e: number): void => {
    parts[partCount++] = s;
    parts[partCount++] = e;
  };

  // Cells come nearly in document order: look near the last answer before searching.
  let near = 0;
  const lineOf = (offset: number): number => {
    if (starts[near] <= offset) {
      while (near + 1 < lineCount && starts[near + 1] <= offset) near++;
      return near;
    }
    let lo = 0;
    let hi = lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    near = lo;
    return lo;
  };

  /** A cell of text[start, end); `content` is that text when the caller has it already. */
  const push = (start: number, end: number, layout: CellLayout, blank: boolean, insertAt: number, breakBefore: boolean, content?: string): void => {
    cells.push({
      text: blank ? '' : content ?? text.slice(start, end),
      start,
      end,
      insertAt,
      blank,
      layout,
      line: lineOf(start),
      breakBefore,
      value: undefined,
    });
  };

  /** The open piece's parts as cells: continuation lines joined, split where a value stands on a line of its own. */
  const emitParts = (): void => {
    let curStart = -1;
    let curEnd = -1;
    let first = true;
    for (let k = 0; k < partCount; k += 2) {
      const ps = parts[k];
      const pe = parts[k + 1];
      if (curStart !== -1 && continues(text.slice(curStart, curEnd), text.slice(ps, pe))) {
        curEnd = pe;
        continue;
      }
      if (curStart !== -1) {
        push(curStart, curEnd, 'pipe', false, curStart, first ? openBreakBefore : false);
        first = false;
      }
      curStart = ps;
      curEnd = pe;
    }
    if (curStart !== -1) push(curStart, curEnd, 'pipe', false, curStart, first ? openBreakBefore : false);
    partCount = 0;
  };

  /** Closes the open pipe piece at a pipe found at `pipeAt`. */
  const closeOpen = (pipeAt: number): void => {
    if (!open) return;
    open = false;
    if (partCount === 0) {
      // Whitespace between two pipes: a blank cell. Shown from pipe to pipe.
      const insertAt = text.charCodeAt(openAfterPipe) === 0x20 ? openAfterPipe + 1 : openAfterPipe;
      push(openAfterPipe - 1, pipeAt + 1, 'pipe', true, Math.min(insertAt, pipeAt), openBreakBefore);
      return;
    }
    emitParts();
  };

  // Tab and plain lines collect here until a line that cannot continue them.
  let lastLineCell: { layout: CellLayout; index: number } | null = null;

  // A tab row's fields as cells; a label broken inside its cell (`三、本年度办\n理结果\t…`) is joined. The label
  // ending the tab row on line tabLabelLine without values (cell tabLabel) may go on in the next row.
  let [tabLabel, tabLabelLine] = [-1, -2];
  const pushTabRow = (fields: TabField[], li: number): void => {
    const afterRow = lastLineCell?.layout !== 'plain';
    const prev = !afterRow ? cells[lastLineCell!.index] : tabLabelLine === li - 1 ? cells[tabLabel] : null;
    const joined = !!prev && !prev.blank && tabRowContinues(prev.text, text, fields, afterRow, continues);
    if (joined && prev) Object.assign(prev, { end: fields[0].end, text: text.slice(prev.start, fields[0].end), layout: 'tabrow' });
    for (let k = joined ? 1 : 0; k < fields.length; k++) push(fields[k].start, fields[k].end, 'tabrow', fields[k].blank, fields[k].insertAt, k === 0 && pendingBreak);
    [tabLabel, tabLabelLine] = endsInLabel(text, fields) ? [cells.length - 1, li] : [-1, -2];
    [pendingBreak, lastLineCell] = [false, null];
  };
  // A line ending in a pipe opens a piece that runs on to the next pipe (pipes on lines of
  // their own). When more than OPEN_PIECE_LINES lines of text follow without a pipe, the
  // pipe only ended its line (a stray `| |` above a table of another layout): the lines
  // from `reread` on are read again as lines of their own. −1: the piece began on its pipe's line.
  let [reread, openLines] = [-1, 0];
  // Tables whose cells hold paragraphs (tabs on lines of their own): read whole (tabRows.ts).
  const spread = tabs.next(0) === -1 ? [] : spreadTables(text, starts, (l) => lineEndOf(text, starts, l), continues);
  let sp = 0;
  for (let li = 0; li < lineCount; li++) {
    while (sp < spread.length && (spread[sp].startLine < li || (open && spread[sp].startLine === li))) sp++;
    if (sp < spread.length && spread[sp].startLine === li) {
      spread[sp].fields.forEach((f, k) => push(f.start, f.end, 'tabrow', f.blank, f.insertAt, k === 0 && pendingBreak));
      [li, pendingBreak, lastLineCell, tabLabelLine] = [spread[sp++].endLine, false, null, -2];
      continue;
    }
    const lineStart = starts[li];
    const lineEnd = lineEndOf(text, starts, li);
    if (dashes.within(lineStart, lineEnd) && isMarkdownRule(text.slice(lineStart, lineEnd))) continue; // `| --- | :---: |` under a markdown header
    if (disables.within(lineStart, lineEnd) && SUPPRESSION_LINE.test(text.slice(lineStart, lineEnd))) continue; // a suppression comment is no cell
    let pipe = nextPipe(lineStart, lineEnd);
    if (pipe !== -1) {
      lastLineCell = null;
      let pos = lineStart;
      // Text before the first pipe continues the open piece (or starts a cell).
      while (pipe !== -1) {
        let s = pos;
        let e = pipe;
        while (s < e && isSpace(text.charCodeAt(s))) s++;
        while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
        if (open) {
          if (e > s) addPart(s, e);
          closeOpen(pipe);
        } else if (e > s) {
          push(s, e, 'pipe', false, s, pendingBreak);
          pendingBreak = false;
        }
        open = true;
        openAfterPipe = pipe + 1;
        openBreakBefore = pendingBreak;
        pendingBreak = false;
        pos = pipe + 1;
        pipe = nextPipe(pos, lineEnd);
      }
      let s = pos;
      let e = lineEnd;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      if (e > s && open) addPart(s, e);
      reread = open && partCount === 0 ? li + 1 : -1;
      openLines = 0;
      continue;
    }

    // The line's text without surrounding whitespace: text[s, e).
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e === s) {
      // An empty line. Inside an open pipe piece it is just whitespace; a line holding
      // only a tab is a blank cell of the tab layout.
      let tab = lineStart;
      while (tab < lineEnd && text.charCodeAt(tab) !== 0x09) tab++;
      if (!open && tab < lineEnd) {
        push(tab, tab + 1, 'tab', true, tab + 1, pendingBreak);
        pendingBreak = false;
        lastLineCell = { layout: 'tab', index: cells.length - 1 };
      } else if (!open) {
        pendingBreak = true;
        lastLineCell = null;
      }
      continue;
    }

    if (open) {
      if (reread !== -1 && ++openLines > OPEN_PIECE_LINES) {
        open = false;
        partCount = 0;
        li = reread - 1;
        reread = -1;
        pendingBreak = false;
        continue;
      }
      // A line between pipes: part of the open piece (split later where it must be).
      addPart(s, e);
      continue;
    }

    const fields = tabs.within(lineStart, lineEnd) ? tabRowFields(text, lineStart, lineEnd) : null;
    if (fields) {
      pushTabRow(fields, li);
      continue;
    }
    const layout: CellLayout = tabIndented(text, lineStart, lineEnd) ? 'tab' : 'plain';
    const content = text.slice(s, e);
    // A line without a tab right after a tab cell continues that cell (`本年新\n公开数量`).
    if (lastLineCell) {
      const prev = cells[lastLineCell.index];
      const canJoin =
        !prev.blank &&
        (layout === 'plain' || lastLineCell.layout === 'plain') &&
        !(layout === 'plain' && lastLineCell.layout === 'plain' && !ENUMERATOR_ONLY.test(prev.text)) &&
        continues(prev.text, content);
      const enumOnly = !prev.blank && ENUMERATOR_ONLY.test(prev.text) && !looksLikeValue(content);
      if (canJoin || enumOnly) {
        prev.end = e;
        prev.text = text.slice(prev.start, prev.end);
        continue;
      }
    }
    const pieces = splitTrailingValues(text, s, e, content);
    if (pieces === null) push(s, e, layout, false, s, pendingBreak, content);
    else {
      let first = true;
      for (const p of pieces) {
        push(p.start, p.end, layout, false, p.start, first ? pendingBreak : false);
        first = false;
      }
    }
    pendingBreak = false;
    lastLineCell = { layout, index: cells.length - 1 };
  }
  if (open && partCount > 0) emitParts();
  return cells;
}
