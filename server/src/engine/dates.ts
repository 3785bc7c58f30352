// The dates a report is signed or filled in on: labelled dates (`填报日期：2017年1月11日`)
// and dates on a line of their own (the signature's). Read by the `date` rule (a date
// before the period ended) and the `deadline` rule (a date after the publication deadline).

import { inRepeat, lineTextEnd, textLine, type DocumentLayout } from './layout';
import { isHeadingSpace } from './normalize';

const LABELLED = /(填报日期|报告日期|报送日期|发布日期|编制日期|日期)\s*[:：]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const STANDALONE = /^[ \t\u3000]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t\u3000]*$/;

/**
 * The matches of a global regex over `text`, its sticky copy `sticky` tried only at
 * the positions `starts` yields — ascending, and every position a match can start at
 * among them: the same matches, in the same order, as the regex scanning the whole
 * text, which is mostly prose without a date.
 */
export function* matchesAt(sticky: RegExp, text: string, starts: Iterable<number>): Generator<RegExpExecArray> {
  let from = 0; // where the global scan would resume
  for (const at of starts) {
    if (at < from) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (m) {
      yield m;
      from = at + m[0].length;
    }
  }
}

/** Where `word` occurs in `text`, ascending. */
export function occurrences(text: string, word: string): number[] {
  const at: number[] = [];
  for (let p = text.indexOf(word); p !== -1; p = text.indexOf(word, p + 1)) at.push(p);
  return at;
}

const QI = 0x671f; // 期

/**
 * LABELLED's matches: every label ends in 日期, so a match starts at a 日期 or two
 * characters before one. `days`: where 日 occurs in `text`, the 日期 among them.
 */
function labelledDates(text: string, days: number[]): Generator<RegExpExecArray> {
  const starts: number[] = [];
  // Occurrences of 日期 do not overlap: p − 2 of the next is never before p of this one.
  for (const p of days)
    if (text.charCodeAt(p + 1) === QI) starts.push(p - 2, p);
  return matchesAt(new RegExp(LABELLED.source, 'y'), text, starts);
}

/** Can STANDALONE match text[start, end): is its first character after the spaces a 1 or a 2? */
function mayBeStandalone(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isHeadingSpace(text.charCodeAt(i))) i++;
  const c = i < end ? text.charCodeAt(i) : -1;
  return c === 0x31 || c === 0x32;
}

/** Does the date exist? */
export function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export interface SignedDate {
  /** Where the date (from its year) starts, and its length. */
  at: number;
  len: number;
  y: number;
  mo: number;
  d: number;
  /** The label (`填报日期`), or '' for a date on a line of its own. */
  label: string;
}

/**
 * The labelled dates, then the dates on lines of their own (outside tables and repeated
 * paragraphs), each list in document order. `days`: where 日 occurs in the layout's text.
 */
export function signedDates(layout: DocumentLayout, days: number[] = occurrences(layout.simple, '日')): SignedDate[] {
  const text = layout.simple;
  const signed: SignedDate[] = [];
  for (const m of labelledDates(text, days)) signed.push({ at: m.index! + m[0].indexOf(m[2]), len: m[0].length - m[0].indexOf(m[2]), y: +m[2], mo: +m[3], d: +m[4], label: m[1] });
  // A date on a line of its own starts with a digit: a numbered line, outside tables.
  for (const i of layout.numberedLines) {
    if (!mayBeStandalone(text, layout.lineStarts[i], lineTextEnd(layout, i))) continue;
    const line = textLine(layout, i);
    const m = STANDALONE.exec(line.text);
    if (m) {
      const at = line.start + line.text.indexOf(m[1]);
      signed.push({ at, len: m[0].trim().length, y: +m[1], mo: +m[2], d: +m[3], label: '' });
    }
  }
  return signed.filter((s) => !inRepeat(layout, s.at));
}
