// Offsets ↔ zero-based line/character positions (UTF-16 code units, as in LSP).

import { TRADITIONAL_CODES } from './chinese';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * The offsets where lines start (after each `\n`), then the text's length + 1 after the
 * last: line i runs from starts[i] to starts[i + 1] − 1, its newline or the end of the text.
 */
export function lineStartsOf(text: string): Int32Array {
  let starts = new Int32Array(64 + (text.length >> 5));
  let n = 1; // starts[0] = 0
  for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', nl + 1)) {
    if (n === starts.length) {
      const grown = new Int32Array(2 * n);
      grown.set(starts);
      starts = grown;
    }
    if (nl === -1) break;
    starts[n++] = nl + 1;
  }
  starts[n] = text.length + 1;
  return starts.subarray(0, n + 1);
}

/** Where line i of text ends: before its `\n` and a `\r` before that. */
export function lineEndOf(text: string, starts: Int32Array, i: number): number {
  const start = starts[i];
  const end = starts[i + 1] - 1;
  return end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

export class LineIndex {
  /** Line starts, without lineStartsOf's last entry. */
  private starts: Int32Array;
  constructor(readonly text: string, starts: Int32Array = lineStartsOf(text)) {
    this.starts = starts.subarray(0, starts.length - 1);
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.max(this.starts[p.line], Math.min(this.starts[p.line] + p.character, next));
  }
  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Applies non-overlapping edits (offsets into `text`). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

// Per code unit, the facts of DocumentScan it bears on (bits).
const TRADITIONAL = 1;
const OTHER_BREAK = 2;
const FULL_PIPE = 4;
const HYPHEN = 8;
const LESS_THAN = 16;
const CONTROL = 32;
const SCAN_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (TRADITIONAL_CODES[c] === 1) SCAN_CLASS[c] = TRADITIONAL;
for (const c of [0x0d, 0x2028, 0x2029]) SCAN_CLASS[c] = OTHER_BREAK;
SCAN_CLASS[0xff5c] = FULL_PIPE; // ｜
SCAN_CLASS[0x2d] = HYPHEN;
SCAN_CLASS[0x3c] = LESS_THAN;
for (let c = 0; c < 0x20; c++) if (c !== 0x09 && c !== 0x0a && c !== 0x0d) SCAN_CLASS[c] = CONTROL;

export interface DocumentScan {
  /** Holds a character that exists only in Traditional script. */
  traditional: boolean;
  /** Holds a line break other than `\n` and `\r\n`: a lone `\r`, U+2028 or U+2029. */
  otherBreaks: boolean;
  /** Holds `｜`, `-`, `<` (a full-width pipe; a markdown rule or a comment can only be where these are). */
  fullWidthPipe: boolean;
  hyphen: boolean;
  lessThan: boolean;
  /** Holds a C0 control character other than tab, LF and CR (NUL, VT, FF, ESC …): read as whitespace (`blankControls`). */
  controls: boolean;
}

/** One pass over a document for the facts that decide how it is read. */
export function scanDocument(text: string): DocumentScan {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const k = SCAN_CLASS[text.charCodeAt(i)];
    if (k === 0 || (k === OTHER_BREAK && text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a)) continue;
    found |= k;
  }
  return {
    traditional: (found & TRADITIONAL) !== 0,
    otherBreaks: (found & OTHER_BREAK) !== 0,
    fullWidthPipe: (found & FULL_PIPE) !== 0,
    hyphen: (found & HYPHEN) !== 0,
    lessThan: (found & LESS_THAN) !== 0,
    controls: (found & CONTROL) !== 0,
  };
}

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL_CHARS = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/g;

/**
 * A string with its control characters written as escapes (`\n`, `\r`, `\t`, `\x1b`,
 * `\u2028`), so that it fits on one line of a terminal or a log: a file name holding a
 * newline cannot start a line of its own. Backslashes stay as they are (Windows paths).
 */
export function escapeControls(s: string): string {
  CONTROL_CHARS.lastIndex = 0;
  if (!CONTROL_CHARS.test(s)) return s;
  return s.replace(CONTROL_CHARS, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** C0 controls but tab, LF and CR. */
const C0_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/**
 * The text with every C0 control character but tab, LF and CR replaced by a space: the
 * same length, so offsets into it are offsets into the text as written (a NUL after
 * every newline, as some exports write, then no longer hides the line's label).
 */
/**
 * The offsets of the page breaks of `text`: form feeds at a line's start, where pdftotext writes
 * them between pages (`blankControls` makes them spaces). A form feed inside a line is a stray
 * control character, no sign of PDF text.
 */
export function formFeeds(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\f'); i >= 0; i = text.indexOf('\f', i + 1)) if (i === 0 || text[i - 1] === '\n') out.push(i);
  return out;
}

export function blankControls(text: string): string {
  return text.replace(C0_CONTROL, ' ');
}

/** A line holding one suppression comment and nothing else (the cells skip it; `suppress.ts` reads it). */
export const SUPPRESSION_LINE = /^[ \t\u3000]*<!--\s*nianbao-disable(?:-next-line)?\b[^\n]*?-->[ \t\u3000]*$/;
