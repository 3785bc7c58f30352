// The part headings (`一、总体情况`, `2、主动公开政府信息情况` …): the one finder. The
// parser keeps its answer on the model (`ReportModel.headings`); the layout (and so the
// structure rule and the outline) and the hover's summary read that same list.

import { GRID_TABLES, PARTS } from './declarations';
import type { PartHeading, ReportModel } from './model';
import { isHeadingSpace, labelKey, lazyTitle, SimilarityIndex } from './normalize';
import { lineEndOf } from './text';

/** The parts' titles, indexed for similarity. */
export const PART_INDEX = new SimilarityIndex(PARTS.map((p) => labelKey(p.title)));

/**
 * The labels of table rows and groups numbered as parts are (`一、本年新收政府信息公开申请数量`,
 * `三、本年度办理结果`, `四、结转下年度继续办理`), without their numeral: as declared. Where a
 * table could not be read (PDF text whose rows are columns of values), its lines are not
 * inside a table span, and such a label is no part heading.
 */
const PART_LIKE_ROWS = new SimilarityIndex(
  GRID_TABLES.flatMap((t) => [...t.rows, ...t.groups])
    .map((r) => /^[一二三四五六七八九十]+、/.exec(r.label))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => labelKey(m.input.slice(m[0].length))),
);

/**
 * A numbered group's label cut or whole, glued to the label of its first row on one line
 * (`三、本年度 （一）予以公开`, `三、本年 （一）予以公开`: PDF text of table 三's rowspan cell): each
 * as declared, keyed — the group's label without its numeral, and its rows' labels.
 */
const GROUP_WITH_ROW = GRID_TABLES.flatMap((t) =>
  t.groups.flatMap((g) => {
    const m = /^[一二三四五六七八九十]+、/.exec(g.label);
    if (!m) return [];
    return [{ group: labelKey(g.label.slice(m[0].length)), rows: t.rows.filter((r) => r.group === g.key).map((r) => labelKey(r.label)) }];
  }),
);

/**
 * Is `key` a numbered group's label (a start of one character or more: a narrow rowspan cell wraps
 * `三、本年度办理结果` after `三、本`) followed by one of its rows' labels?
 */
function isGroupWithRow(key: string): boolean {
  return GROUP_WITH_ROW.some(({ group, rows }) =>
    rows.some((row) => key.length > row.length && key.endsWith(row) && group.startsWith(key.slice(0, key.length - row.length))),
  );
}

// A part heading is `^(lead)(numeral)[ \t\u3000]*(sep)[ \t\u3000]*(title{2,32}?)[ \t\u3000。]*$`,
// the lead being spaces and image placeholders. The head (up to the separator) is a
// regex; the lazy title and its trailing run are matched by `lazyTitle` (linear).
const HEADING_HEAD = /^([ \t\u3000]*(?:(?:\[image:[^\]]*\])+[ \t\u3000]*)?)([一二三四五六七八九十]+|[0-9０-９]{1,2})[ \t\u3000]*([、.．])/;
const NOT_IN_TITLE = new Set([...'|｜。；;'].map((c) => c.charCodeAt(0)));
const isTitleChar = (c: number) => !NOT_IN_TITLE.has(c);
const isTrailChar = (c: number) => isHeadingSpace(c) || c === 0x3002; // 。

/** The characters a heading starts with (after its spaces): numerals, digits, `[`. */
const HEAD_CHARS = new Uint8Array(0x10000);
for (const c of '一二三四五六七八九十0123456789０１２３４５６７８９[') HEAD_CHARS[c.charCodeAt(0)] = 1;

/**
 * Can a heading start at text[start, end): is its first character after the spaces a
 * numeral or an image placeholder's `[`? The cheap pre-test of HEADING_HEAD, and the
 * layout's `numberedLines`.
 */
export function mayBeHeading(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isHeadingSpace(text.charCodeAt(i))) i++;
  return i < end && HEAD_CHARS[text.charCodeAt(i)] === 1;
}

const OPEN_BRACKET = 0x5b; // [
const isSeparator = (c: number) => c === 0x3001 || c === 0x2e || c === 0xff0e; // 、 . ．

/**
 * Can HEADING_HEAD match text[start, end), a line that `mayBeHeading`: does it go on,
 * after its numerals or digits and spaces, with a separator (or start with an image
 * placeholder, left to the regex)? Most such lines are list items and table rows.
 */
function mayBeHeadingHead(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isHeadingSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === OPEN_BRACKET) return true;
  while (i < end && HEAD_CHARS[text.charCodeAt(i)] === 1) i++;
  while (i < end && isHeadingSpace(text.charCodeAt(i))) i++;
  return i < end && isSeparator(text.charCodeAt(i));
}

/** [lead, numeral, separator, title] of a heading line, or null. */
export function matchHeading(line: string): [string, string, string, string] | null {
  const head = HEADING_HEAD.exec(line);
  if (!head) return null;
  const tail = lazyTitle(line, head[0].length, 2, 32, isTitleChar, isTrailChar, (i) => i === line.length);
  return tail ? [head[1], head[2], head[3], line.slice(tail.titleStart, tail.titleEnd)] : null;
}

/** Where the model's tables lie (no prose, no headings there). */
export function tableSpans(model: Pick<ReportModel, 'applications' | 'appeals' | 'disclosure' | 'legacy'>): { start: number; end: number }[] {
  const spans = [];
  for (const t of [model.applications, model.appeals, model.disclosure, model.legacy]) if (t) spans.push({ start: t.start, end: t.end });
  return spans;
}

/**
 * The part headings of `simple` (lines from `lineStarts`, `lineStartsOf`'s), outside
 * the tables: a numeral (or at most two digits), a separator, a title of 2 to 32
 * characters. A title after digits must read like a part's (score ≥ 0.6); after a
 * numeral, a long one (over 16 characters) must score at least 0.25.
 */
export function findPartHeadings(simple: string, lineStarts: Int32Array, tables: { start: number; end: number }[]): PartHeading[] {
  const out: PartHeading[] = [];
  // Whether a line starts in a table is read off the tables in order of their start:
  // lines only move forward, so a table that ends before one line ends before every later one.
  const spans = [...tables].sort((x, y) => x.start - y.start);
  let span = 0;
  for (let i = 0; i < lineStarts.length - 1; i++) {
    const start = lineStarts[i];
    const end = lineEndOf(simple, lineStarts, i);
    if (!mayBeHeading(simple, start, end)) continue;
    while (span < spans.length && spans[span].end < start) span++;
    if (span < spans.length && spans[span].start <= start) continue;
    if (!mayBeHeadingHead(simple, start, end)) continue;
    const text = simple.slice(start, end);
    const m = matchHeading(text);
    if (!m) continue;
    const [lead, numeral, sep, title] = m;
    const key = labelKey(title);
    const best = Math.max(...PART_INDEX.scoresOf(key));
    const chinese = /^[一二三四五六七八九十]+$/.test(numeral);
    // Digits number lists as often as parts: only a title that reads like a part counts.
    if (!chinese && best < 0.6) continue;
    if (chinese && best < 0.25 && key.length > 16) continue;
    if (chinese && Math.max(...PART_LIKE_ROWS.scoresOf(key)) > Math.max(0.8, best)) continue;
    if (chinese && isGroupWithRow(key)) continue;
    const titleStart = start + text.indexOf(title, lead.length + numeral.length);
    out.push({
      line: { index: i, start, end: lineStarts[i + 1] - 1, text },
      numeral,
      numeralStart: start + lead.length,
      numeralEnd: start + text.indexOf(sep, lead.length + numeral.length) + sep.length,
      title,
      titleStart,
      titleEnd: titleStart + title.length,
    });
  }
  return out;
}

/** The model's part headings: the parser's, or read now when it skipped them. */
export function partHeadingsOf(model: ReportModel): PartHeading[] {
  return model.headings ?? (model.headings = findPartHeadings(model.simple, model.lineStarts, tableSpans(model)));
}
