// Document-level facts shared by the structure, date and prose rules: which lines
// are tables, which lines repeat earlier ones, where the part headings are.

import { mayBeHeading, partHeadingsOf, tableSpans } from './headings';
import type { PartHeading, ReportModel, TextLine } from './model';
import { lineEndOf } from './text';
import { isSpace } from './normalize';
import { isMarkdownRule } from './cells';

export type { PartHeading, TextLine } from './model';

export interface RepeatBlock {
  /** First and last line of the repeat, and the line where the original starts. */
  from: TextLine;
  to: TextLine;
  original: TextLine;
}

export interface DocumentLayout {
  simple: string;
  /**
   * Where each line starts, and one more entry: the text's length + 1. Line i runs
   * from lineStarts[i] to lineStarts[i + 1] − 1, its newline or the end of the text.
   * Lines are offsets, not objects: most are never looked at again (`textLine`).
   * The model's `lineStarts`, shared.
   */
  lineStarts: Int32Array;
  /** Offsets covered by tables (no prose, no headings there). */
  tables: { start: number; end: number }[];
  repeats: RepeatBlock[];
  /**
   * The lines outside tables whose first character after spaces is a numeral, a digit
   * or `[` (`mayBeHeading`), in order: the only lines a part heading (or a date on a
   * line of its own) can be.
   */
  numberedLines: number[];
  headings: PartHeading[];
}

/** How many lines the document has. */
export function lineCount(layout: DocumentLayout): number {
  return layout.lineStarts.length - 1;
}

/** Where the text of line `i` ends: before its newline and a CR before that. */
export function lineTextEnd(layout: DocumentLayout, i: number): number {
  return lineEndOf(layout.simple, layout.lineStarts, i);
}

/** Line `i` of the document. */
export function textLine(layout: DocumentLayout, i: number): TextLine {
  const start = layout.lineStarts[i];
  return { index: i, start, end: layout.lineStarts[i + 1] - 1, text: layout.simple.slice(start, lineTextEnd(layout, i)) };
}

export function inTables(layout: DocumentLayout, offset: number): boolean {
  for (const t of layout.tables) if (offset >= t.start && offset <= t.end) return true;
  return false;
}

export function inRepeat(layout: DocumentLayout, offset: number): boolean {
  // Repeats are disjoint and in document order: the last one starting at or before `offset`.
  const rs = layout.repeats;
  let lo = 0;
  let hi = rs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rs[mid].from.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return rs.length > 0 && offset >= rs[lo].from.start && offset <= rs[lo].to.end;
}

// What each UTF-16 code unit is to this file: a space (`\s`, which takes in the
// ideographic space) or kept in a line's key.
const SPACE = 0;
const KEPT = 1;
const CHARS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) CHARS[c] = isSpace(c) ? SPACE : KEPT;

/** Is text[start, end) only whitespace? */
function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (CHARS[text.charCodeAt(i)] !== SPACE) return false;
  return true;
}

/**
 * Lines by their key, the line's text without its whitespace: the first line seen
 * with each key. Keys are not built: lines are found by their `keyHash` in an
 * open-addressing table (one typed array) and compared in place. Two keys with one
 * hash share a Map of the keys themselves, so crafted collisions cost what keying
 * every line by its string costs, no more.
 */
class LinesByKey {
  /**
   * Slot s is slots[2s] (its hash; 0 when empty: a remembered key is MEDIUM or LONG,
   * never 0) and slots[2s + 1] (the first line with it, or COLLIDED when the hash
   * stands for several keys).
   */
  private readonly slots: Int32Array;
  /** 32 − log2 of the number of slots. */
  private readonly shift: number;
  /** The keys of each hash that stands for several. */
  private collided: Map<number, Map<string, number>> | null = null;

  /** Room for every line of the layout at a load of one half at most. */
  constructor(private readonly layout: DocumentLayout) {
    const bits = Math.max(4, 32 - Math.clz32(2 * lineCount(layout)));
    this.slots = new Int32Array(2 << bits);
    this.shift = 32 - bits;
  }

  /** The first line seen with the key of line `i` (whose hash is `hash`), or −1 after remembering line `i` as that first line. */
  firstOrAdd(i: number, hash: number): number {
    const { slots } = this;
    const mask = (slots.length >> 1) - 1;
    // Fibonacci hashing (the high bits of hash × 2³²/φ), then linear probing.
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (slots[2 * slot] !== hash && slots[2 * slot] !== 0) slot = (slot + 1) & mask;
    if (slots[2 * slot] === 0) {
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = i;
      return -1;
    }
    const entry = slots[2 * slot + 1];
    if (entry !== COLLIDED) {
      if (this.sameKey(entry, i)) return entry;
      // A second key with this hash: from now on, the keys themselves tell them apart.
      slots[2 * slot + 1] = COLLIDED;
      (this.collided ??= new Map()).set(hash, new Map([[this.key(entry), entry], [this.key(i), i]]));
      return -1;
    }
    const byKey = this.collided!.get(hash)!;
    const key = this.key(i);
    const first = byKey.get(key);
    if (first !== undefined) return first;
    byKey.set(key, i);
    return -1;
  }

  /** Line `i`'s key. */
  private key(i: number): string {
    return textLine(this.layout, i).text.replace(/[\s\u3000]+/g, '');
  }

  /** Do lines `a` and `b` read the same once their whitespace is dropped? */
  private sameKey(a: number, b: number): boolean {
    const text = this.layout.simple;
    let i = this.layout.lineStarts[a];
    let j = this.layout.lineStarts[b];
    const aEnd = lineTextEnd(this.layout, a);
    const bEnd = lineTextEnd(this.layout, b);
    for (;;) {
      while (i < aEnd && CHARS[text.charCodeAt(i)] === SPACE) i++;
      while (j < bEnd && CHARS[text.charCodeAt(j)] === SPACE) j++;
      if (i === aEnd || j === bEnd) return i === aEnd && j === bEnd;
      if (text.charCodeAt(i) !== text.charCodeAt(j)) return false;
      i++;
      j++;
    }
  }
}

/** The first line of a hash in `LinesByKey` that stands for several keys. */
const COLLIDED = -1;

// The size of a line's key (its text without whitespace), in the low two bits of keyHash.
/** No key: a blank line. */
const EMPTY = 0;
/** Under 8 characters: never remembered. */
const SHORT = 1;
/** 8 to 19 characters: remembered, and continues a block of repeats. */
const MEDIUM = 2;
/** 20 characters or more: may start a block of repeats. */
const LONG = 3;

/** keyHash reads at most this many characters of a key from its start, and as many from its end. */
const HASHED_END = 32;

/**
 * The key of text[start, end) as a small integer: a hash of its non-space code units
 * (FNV-1a, 28 bits) above the key's size (EMPTY, SHORT, MEDIUM or LONG) in the low two
 * bits. Only the first and the last HASHED_END characters of a longer key are hashed
 * (the last ones backwards): still a function of the key, so equal keys hash alike,
 * and long lines — paragraphs — cost no more than short ones. Long keys that differ
 * only in the middle collide, which `LinesByKey` resolves by the keys themselves.
 */
function keyHash(text: string, start: number, end: number): number {
  let length = 0;
  let hash = 0x811c9dc5;
  // Branch-free: a space (k = 0) leaves the hash as it is, and text has spaces too
  // irregularly for a branch to be predicted.
  let i = start;
  for (; i < end && length < HASHED_END; i++) {
    const c = text.charCodeAt(i);
    const k = CHARS[c] & KEPT;
    length += k;
    hash = Math.imul(hash ^ (c & -k), 1 + k * (0x01000193 - 1));
  }
  // More than HASHED_END characters (LONG): the last HASHED_END of those after the first ones.
  for (let j = end, tail = 0; j > i && tail < HASHED_END; ) {
    const c = text.charCodeAt(--j);
    const k = CHARS[c] & KEPT;
    tail += k;
    hash = Math.imul(hash ^ (c & -k), 1 + k * (0x01000193 - 1));
  }
  const size = length === 0 ? EMPTY : length < 8 ? SHORT : length < 20 ? MEDIUM : LONG;
  return ((hash & 0x0fffffff) << 2) | size;
}

/** 'rule' when line `i` is a markdown table's rule line (`| --- | --- |`); its first character after spaces is looked at first. */
function markdownTableHead(layout: DocumentLayout, i: number): 'rule' | null {
  const text = layout.simple;
  let at = layout.lineStarts[i];
  const end = lineTextEnd(layout, i);
  while (at < end && CHARS[text.charCodeAt(at)] === SPACE) at++;
  const c = text.charCodeAt(at);
  if (at === end || (c !== 0x7c && c !== 0x2d && c !== 0x3a)) return null;
  return isMarkdownRule(text.slice(layout.lineStarts[i], end)) ? 'rule' : null;
}

const layouts = new WeakMap<ReportModel, DocumentLayout>();

/** The layout of the context's model, computed once per model. */
export function documentLayout(ctx: { model: ReportModel }): DocumentLayout {
  const { model } = ctx;
  const cached = layouts.get(model);
  if (cached) return cached;
  const { simple, lineStarts } = model;
  const lines = lineStarts.length - 1;
  const tables = tableSpans(model);
  const layout: DocumentLayout = { simple, lineStarts, tables, repeats: [], numberedLines: [], headings: [] };

  // One walk over the lines. Whether a line starts in a table (`inTables`) is read off
  // the tables in order of their start: lines only move forward, so a table that ends
  // before one line ends before every later one.
  const spans = [...tables].sort((x, y) => x.start - y.start);
  let span = 0;
  // Repeated paragraphs: long prose lines seen before (whitespace aside); consecutive
  // repeats form one block. Only a line whose key has 8 or more characters is
  // remembered, and only one of 20 or more starts a block.
  const seen = new LinesByKey(layout);
  let block: RepeatBlock | null = null;
  for (let i = 0; i < lines; i++) {
    const start = lineStarts[i];
    const end = lineTextEnd(layout, i);
    while (span < spans.length && spans[span].end < start) span++;
    if (span < spans.length && spans[span].start <= start) {
      // A line of a table ends a block of repeats (a blank one does not).
      if (!blank(simple, start, end)) block = null;
      continue;
    }
    if (mayBeHeading(simple, start, end)) layout.numberedLines.push(i);
    if (markdownTableHead(layout, i) || (i + 1 < lines && markdownTableHead(layout, i + 1) === 'rule')) {
      // A markdown table's rule line and the header row above it: no prose, however often converters repeat them.
      block = null;
      continue;
    }
    const hash = keyHash(simple, start, end);
    const size = hash & 3;
    if (size === EMPTY) continue;
    if (size === SHORT) {
      // Never remembered, so never found.
      block = null;
      continue;
    }
    const first = seen.firstOrAdd(i, hash);
    if (first >= 0 && (size === LONG || block)) {
      if (block) block.to = textLine(layout, i);
      else {
        const line = textLine(layout, i);
        block = { from: line, to: line, original: textLine(layout, first) };
        layout.repeats.push(block);
      }
    } else block = null;
  }

  // Part headings: the parser's (headings.ts), the hover's and the outline's too.
  layout.headings = partHeadingsOf(model);
  layouts.set(model, layout);
  return layout;
}
