// Document-level facts shared by the structure, date and prose rules: which lines
// are tables, which lines repeat earlier ones, where the part headings are.

import { PARTS } from './declarations';
import type { RuleContext } from './findings';
import type { ReportModel } from './model';
import { isHeadingSpace, isSpace, labelKey, lazyTitle, SimilarityIndex } from './normalize';

export interface TextLine {
  index: number;
  start: number;
  end: number;
  /** Simplified text of the line (same offsets as the document). */
  text: string;
}

export interface RepeatBlock {
  /** First and last line of the repeat, and the line where the original starts. */
  from: TextLine;
  to: TextLine;
  original: TextLine;
}

export interface PartHeading {
  line: TextLine;
  numeral: string;
  numeralStart: number;
  /** End of the numeral and its separator (`二、`). */
  numeralEnd: number;
  title: string;
  titleStart: number;
  titleEnd: number;
}

export interface DocumentLayout {
  simple: string;
  lines: TextLine[];
  /** Offsets covered by tables (no prose, no headings there). */
  tables: { start: number; end: number }[];
  repeats: RepeatBlock[];
  headings: PartHeading[];
}

export function inTables(layout: DocumentLayout, offset: number): boolean {
  return layout.tables.some((t) => offset >= t.start && offset <= t.end);
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

/** The parts' titles, indexed for similarity. */
export const PART_INDEX = new SimilarityIndex(PARTS.map((p) => labelKey(p.title)));

// A part heading is `^(lead)(numeral)[ \t\u3000]*(sep)[ \t\u3000]*(title{2,32}?)[ \t\u3000。]*$`,
// the lead being spaces and image placeholders. The head (up to the separator) is a
// regex; the lazy title and its trailing run are matched by `lazyTitle` (linear).
const HEADING_HEAD = /^([ \t\u3000]*(?:(?:\[image:[^\]]*\])+[ \t\u3000]*)?)([一二三四五六七八九十]+|[0-9０-９]{1,2})[ \t\u3000]*([、.．])/;
const NOT_IN_TITLE = new Set([...'|｜。；;'].map((c) => c.charCodeAt(0)));
const isTitleChar = (c: number) => !NOT_IN_TITLE.has(c);
const isTrailChar = (c: number) => isHeadingSpace(c) || c === 0x3002; // 。

const HEAD_CHARS = new Set([...'一二三四五六七八九十0123456789０１２３４５６７８９['].map((c) => c.charCodeAt(0)));
/** Can HEADING_HEAD match: is the first character after the spaces a numeral or an image placeholder's `[`? */
function mayBeHeading(line: string): boolean {
  let i = 0;
  while (i < line.length && isHeadingSpace(line.charCodeAt(i))) i++;
  return HEAD_CHARS.has(line.charCodeAt(i));
}

/** [lead, numeral, separator, title] of a heading line, or null. */
export function matchHeading(line: string): [string, string, string, string] | null {
  const head = HEADING_HEAD.exec(line);
  if (!head) return null;
  const tail = lazyTitle(line, head[0].length, 2, 32, isTitleChar, isTrailChar, (i) => i === line.length);
  return tail ? [head[1], head[2], head[3], line.slice(tail.titleStart, tail.titleEnd)] : null;
}

/** Only whitespace (`\s`, which takes in the ideographic space)? */
function blank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function tableSpans(model: ReportModel): { start: number; end: number }[] {
  const spans = [];
  for (const t of [model.applications, model.appeals, model.disclosure, model.legacy]) if (t) spans.push({ start: t.start, end: t.end });
  return spans;
}

export function documentLayout(ctx: RuleContext): DocumentLayout {
  const memoKey = 'layout';
  const cached = ctx.memo.get(memoKey) as DocumentLayout | undefined;
  if (cached) return cached;
  const { model } = ctx;
  const simple = model.simple;
  const lines: TextLine[] = [];
  let start = 0;
  for (let i = 0; ; i++) {
    const nl = simple.indexOf('\n', start);
    const end = nl === -1 ? simple.length : nl;
    lines.push({ index: i, start, end, text: simple.slice(start, end > start && simple.charCodeAt(end - 1) === 13 ? end - 1 : end) });
    if (nl === -1) break;
    start = nl + 1;
  }
  const tables = tableSpans(model);
  const layout: DocumentLayout = { simple, lines, tables, repeats: [], headings: [] };

  // Repeated paragraphs: long prose lines seen before; consecutive repeats form one block.
  const seen = new Map<string, TextLine>();
  let block: RepeatBlock | null = null;
  for (const line of lines) {
    if (inTables(layout, line.start)) {
      // A line of a table ends a block of repeats (a blank one does not).
      if (!blank(line.text)) block = null;
      continue;
    }
    // A line shorter than 8 has a key shorter than 8: never remembered, so never found.
    if (line.text.length < 8) {
      if (!blank(line.text)) block = null;
      continue;
    }
    const key = line.text.replace(/[\s\u3000]+/g, '');
    if (key === '') continue;
    const first = seen.get(key);
    if (first && (key.length >= 20 || block)) {
      if (block) block.to = line;
      else if (key.length >= 20) {
        block = { from: line, to: line, original: first };
        layout.repeats.push(block);
      }
    } else {
      block = null;
      if (!first && key.length >= 8) seen.set(key, line);
    }
  }

  // Part headings: `一、总体情况`, `2、主动公开政府信息情况` … outside tables.
  for (const line of lines) {
    if (!mayBeHeading(line.text) || inTables(layout, line.start)) continue;
    const m = matchHeading(line.text);
    if (!m) continue;
    const [lead, numeral, sep, title] = m;
    const key = labelKey(title);
    const best = Math.max(...PART_INDEX.scores(key));
    const chinese = /^[一二三四五六七八九十]+$/.test(numeral);
    // Digits number lists as often as parts: only a title that reads like a part counts.
    if (!chinese && best < 0.6) continue;
    if (chinese && best < 0.25 && key.length > 16) continue;
    const numeralStart = line.start + lead.length;
    const titleStart = line.start + line.text.indexOf(title, lead.length + numeral.length);
    layout.headings.push({
      line,
      numeral,
      numeralStart,
      numeralEnd: line.start + line.text.indexOf(sep, lead.length + numeral.length) + sep.length,
      title,
      titleStart,
      titleEnd: titleStart + title.length,
    });
  }
  ctx.memo.set(memoKey, layout);
  return layout;
}
