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

/**
 * The fields of the line text[lineStart, lineEnd) when it is a tab row, else null. A tab
 * row holds a tab and either two fields with text, or one field with text followed by
 * two tabs or more (a row whose values are all blank). A line holding one field after
 * its tabs is the one-cell-per-line tab layout (`\t一、本年新收…`), not a row.
 */
export function tabRowFields(text: string, lineStart: number, lineEnd: number): TabField[] | null {
  let tabs = 0;
  for (let i = lineStart; i < lineEnd; i++) if (text.charCodeAt(i) === 0x09) tabs++;
  if (tabs === 0) return null;
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
