// Text → cells with exact source ranges, whatever the layout.
//
// A report's tables arrive flattened: pipes on one line, pipes on lines of their
// own, one cell per tab-indented line, one cell per line, or space-separated values
// copied from a PDF. This module knows nothing about the templates; it only cuts the
// text into cells and keeps, for each, where it came from.

import { SUPPRESSION_LINE } from './suppress';
import { isSpace } from './normalize';
import { looksLikeValue, mayEndValue, parseValue, type CellValue } from './values';
import { lineEndOf, lineStartsOf } from './text';

export type CellLayout = 'pipe' | 'tab' | 'plain';

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
 * The pipes (`|` and `｜`) of one line, in order: two native searches, each repeated
 * only once the scan has passed its last answer.
 */
class Pipes {
  private half = -1;
  private full = -1;
  private t = '';
  reset(t: string): void {
    this.t = t;
    this.half = t.indexOf('|');
    this.full = t.indexOf('｜');
  }
  /** The first pipe at or after `from`, or −1. */
  next(from: number): number {
    if (this.half !== -1 && this.half < from) this.half = this.t.indexOf('|', from);
    if (this.full !== -1 && this.full < from) this.full = this.t.indexOf('｜', from);
    return this.half === -1 ? this.full : this.full === -1 ? this.half : Math.min(this.half, this.full);
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

/** `^[ \u3000]*\t`: a tab after nothing but spaces. */
function tabIndented(t: string): boolean {
  let i = 0;
  while (i < t.length && (t.charCodeAt(i) === 0x20 || t.charCodeAt(i) === 0x3000)) i++;
  return t.charCodeAt(i) === 0x09;
}

interface Span {
  start: number;
  end: number;
}

/** Trims whitespace (including ideographic space and NBSP) from a span of `text`. */
function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
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

/** Cuts a whole document into cells. */
export function segment(text: string, starts: Int32Array = lineStartsOf(text)): Cell[] {
  const cells: Cell[] = [];
  const lineCount = starts.length - 1;
  const pipes = new Pipes();
  let pendingBreak = false;
  // An open pipe piece: text after the last pipe of a line, which may continue on later lines.
  let open: { parts: Span[]; afterPipe: number; breakBefore: boolean } | null = null;

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

  /** Closes the open pipe piece at a pipe found at `pipeAt`. */
  const closeOpen = (pipeAt: number): void => {
    if (!open) return;
    const { parts, afterPipe, breakBefore } = open;
    open = null;
    if (parts.length === 0) {
      // Whitespace between two pipes: a blank cell. Shown from pipe to pipe.
      const insertAt = text.charCodeAt(afterPipe) === 0x20 ? afterPipe + 1 : afterPipe;
      push(afterPipe - 1, pipeAt + 1, 'pipe', true, Math.min(insertAt, pipeAt), breakBefore);
      return;
    }
    emitParts(parts, 'pipe', breakBefore);
  };

  const emitParts = (parts: Span[], layout: CellLayout, breakBefore: boolean): void => {
    // Join continuation lines; split where a value stands on a line of its own.
    let cur: Span | null = null;
    let first = true;
    for (const p of parts) {
      if (cur && continues(text.slice(cur.start, cur.end), text.slice(p.start, p.end))) {
        cur = { start: cur.start, end: p.end };
        continue;
      }
      if (cur) {
        push(cur.start, cur.end, layout, false, cur.start, first ? breakBefore : false);
        first = false;
      }
      cur = p;
    }
    if (cur) push(cur.start, cur.end, layout, false, cur.start, first ? breakBefore : false);
  };

  // Tab and plain lines collect here until a line that cannot continue them.
  let lastLineCell: { layout: CellLayout; index: number } | null = null;

  for (let li = 0; li < lineCount; li++) {
    const lineStart = starts[li];
    const lineEnd = lineEndOf(text, starts, li);
    const t = text.slice(lineStart, lineEnd);
    if (t.includes('---') && isMarkdownRule(t)) continue; // `| --- | :---: |` under a markdown header
    if (t.includes('nianbao-disable') && SUPPRESSION_LINE.test(t)) continue; // a suppression comment is no cell
    pipes.reset(t);
    let pipeIdx = pipes.next(0);
    if (pipeIdx !== -1) {
      lastLineCell = null;
      let pos = 0;
      // Text before the first pipe continues the open piece (or starts a cell).
      while (pipeIdx !== -1) {
        const abs = lineStart + pipeIdx;
        const span = trimSpan(text, lineStart + pos, abs);
        if (open) {
          if (span.end > span.start) open.parts.push(span);
          closeOpen(abs);
        } else if (span.end > span.start) {
          emitParts([span], 'pipe', pendingBreak);
          pendingBreak = false;
        }
        open = { parts: [], afterPipe: abs + 1, breakBefore: pendingBreak };
        pendingBreak = false;
        pos = pipeIdx + 1;
        pipeIdx = pipes.next(pos);
      }
      const tail = trimSpan(text, lineStart + pos, lineEnd);
      if (tail.end > tail.start && open) open.parts.push(tail);
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
      if (!open && t.includes('\t')) {
        const tab = lineStart + t.indexOf('\t');
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
      // A line between pipes: part of the open piece (split later where it must be).
      open.parts.push({ start: s, end: e });
      continue;
    }

    const layout: CellLayout = tabIndented(t) ? 'tab' : 'plain';
    const content = s === lineStart && e === lineEnd ? t : text.slice(s, e);
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
  if (open) {
    const o = open as { parts: Span[]; breakBefore: boolean };
    if (o.parts.length) emitParts(o.parts, 'pipe', o.breakBefore);
  }
  return cells;
}
