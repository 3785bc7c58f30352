// What the grid tables' readers share: the values after a row label, a row built from
// them, header cells, and the cells holding a word spaced out (`行 政 复 议`).

import { valueOf, type Cell } from '../cells';
import type { ExtraValue, GridRow, ValueCell } from '../model';
import { isSpace, similarity, StringMemo } from '../normalize';
import { matchRow, type Cursor, type LabelMatch } from '../labels';

interface Collected {
  values: Cell[];
  next: number;
}

/**
 * Short text standing where a value belongs (`五`, `未统计`): kept as the row's
 * (bad) value rather than taken for the next label.
 */
function isStrayValue(cur: Cursor, j: number, have: number, width: number): boolean {
  const info = cur.at(j);
  if (info.key.length > 6 || info.enumerator !== '' || have >= width) return false;
  if (APPLICATION_HEADER_WORDS.includes(info.key) || isAppealHeader(cur, j)) return false;
  if (matchRow(cur, j, 0, -1)) return false;
  const next = j + 1 < cur.cells.length ? cur.cells[j + 1] : null;
  return have === width - 1 || (!!next && (next.blank || !cur.isText(j + 1)));
}

/** The value and blank cells after a label, without the placeholders of the next row's label. */
export function collectValues(cur: Cursor, i: number, width = 0): Collected {
  const cells = cur.cells;
  const values: Cell[] = [];
  let j = i + 1;
  // A pipe row whose label's line already wrote all its cells takes no stray text from the next line.
  const full = () => width > 0 && values.filter((v) => v.layout === 'pipe' && v.line === cells[i].line).length >= width;
  while (j < cells.length && (!cur.isText(j) || (!(cells[j].line !== cells[i].line && full()) && isStrayValue(cur, j, values.filter((v) => !v.blank).length, width)))) {
    values.push(cells[j]);
    j++;
  }
  // Blanks standing right before the next label are its (empty) rowspan cells.
  if (j < cells.length) {
    const next = cells[j];
    let k = values.length;
    // Pipes and tab rows write every cell, so only blanks on the next label's own line are its rowspan cells.
    if (next.layout === 'pipe' || next.layout === 'tabrow' || values[k - 1]?.layout === 'tabrow') {
      while (k > 0 && values[k - 1].blank && values[k - 1].line === next.line && values[k - 1].end <= next.start) k--;
    } else if (!next.breakBefore) {
      while (k > 0 && values[k - 1].blank) {
        k--;
        if (values[k].breakBefore) break;
      }
    }
    values.length = k;
  }
  dropSpanPadding(values, width);
  return { values, next: j };
}

/**
 * Empty cells between a label and its first value that make the row wider than the
 * table are the label's merged cells, which converters write out as empty cells
 * (`| 一、本年新收… |  |  | 26701 | …`): span padding, not values. Only pipe rows, where
 * every cell is written; trailing blanks do not count towards the width.
 */
function dropSpanPadding(values: Cell[], width: number): void {
  if (width === 0 || values.length <= width || values[0].layout !== 'pipe' || !values[0].blank) return;
  let filled = values.length;
  while (filled > 0 && values[filled - 1].blank) filled--;
  let lead = 0;
  while (lead < filled && values[lead].blank && filled - lead > width) lead++;
  if (lead > 0) values.splice(0, lead);
}

function toValueCell(c: Cell): ValueCell {
  return { source: c, value: valueOf(c), insertAt: c.insertAt };
}

export function buildRow(key: string, label: Cell | undefined, labelEnd: number, found: Cell[], width: number, glued?: LabelMatch['glued']): GridRow {
  const extras: ExtraValue[] = [];
  let list = found;
  if (glued) {
    const nonBlank = found.length;
    if (nonBlank >= width) {
      extras.push({ start: glued.start, end: glued.end, text: glued.text, glued: true });
    } else {
      // The glued number is the row's first value.
      const pseudo: Cell = {
        text: glued.text,
        start: glued.start,
        end: glued.end,
        insertAt: glued.start,
        blank: false,
        layout: label?.layout ?? 'plain',
        line: label?.line ?? 0,
        breakBefore: false,
        value: undefined,
      };
      list = [pseudo, ...found];
    }
  }
  const cells = list.slice(0, width).map(toValueCell);
  for (const c of list.slice(width)) {
    if (!c.blank) extras.push({ start: c.start, end: c.end, text: c.text, glued: false });
  }
  const lastEnd = list.length ? list[Math.min(list.length, width) - 1].end : labelEnd;
  while (cells.length < width) cells.push({ value: { kind: 'blank', value: null }, insertAt: lastEnd });
  return { key, label, labelEnd, cells, extras };
}


const APPLICATION_HEADER_WORDS = ['申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '信息内容'];

/** Column headers OCR and LLM converters give table 三 (`| 类别 | 数据1 | … | 数据6 | 总计 |`, one small table per row group). */
const CONVERTER_HEADER = /^(?:类别|项目|数据[0-9]{1,2})$/;

const APPLICATION_HEADER = new StringMemo(
  (key: string): boolean =>
    key.includes('勾稽关系') ||
    key.includes('本列数据') ||
    CONVERTER_HEADER.test(key) ||
    APPLICATION_HEADER_WORDS.some((w) => key === w || (key.length <= 12 && similarity(key, w) >= 0.8)),
);

export function isApplicationHeader(cur: Cursor, i: number): boolean {
  return APPLICATION_HEADER.get(cur.at(i).key);
}

const APPEAL_HEADER_CHARS = new Set('行政复议诉讼结果维持纠正其他尚未审结总计经直接起后'.split(''));

export function isAppealHeader(cur: Cursor, i: number, maxLength = 16): boolean {
  const { key } = cur.at(i);
  if (key.length === 0 || key.length > maxLength) return false;
  for (const ch of key) if (!APPEAL_HEADER_CHARS.has(ch)) return false;
  return true;
}

/**
 * Where an occurrence of `word` with nothing but whitespace between its characters (as
 * its labelKey, which drops whitespace, would read) starting at `i` ends, or −1.
 */
function spacedMatchEnd(text: string, i: number, word: string): number {
  let j = i + 1;
  let k = 1;
  while (k < word.length && j < text.length) {
    const c = text.charCodeAt(j);
    if (c === word.charCodeAt(k)) k++;
    else if (!isSpace(c)) break;
    j++;
  }
  return k === word.length ? j : -1;
}

/**
 * Does `text` contain `word` spaced (`spacedMatchEnd`)? Linear when the first character
 * does not recur in the word: the attempts from its occurrences then scan disjoint stretches.
 */
export function containsSpaced(text: string, word: string): boolean {
  for (let i = text.indexOf(word[0]); i !== -1; i = text.indexOf(word[0], i + 1)) if (spacedMatchEnd(text, i, word) !== -1) return true;
  return false;
}

/**
 * The cells, in order, that hold the start of a spaced occurrence of `word` in the
 * document `text` — every cell whose own text contains one, and a few more (whose
 * occurrence runs past their end). Cells are in document order, and a character
 * other than whitespace and pipes lies in one cell at most.
 */
export function cellsWithSpaced(text: string, cells: Cell[], word: string): number[] {
  const out: number[] = [];
  let i = 0;
  for (let p = text.indexOf(word[0]); p !== -1; p = text.indexOf(word[0], p + 1)) {
    if (spacedMatchEnd(text, p, word) === -1) continue;
    // The last cell starting at or before p, searched from the last answer on.
    let lo = i;
    let hi = cells.length - 1;
    if (hi < lo || cells[lo].start > p) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cells[mid].start <= p) lo = mid;
      else hi = mid - 1;
    }
    i = lo;
    if (p < cells[lo].end && out[out.length - 1] !== lo) out.push(lo);
  }
  return out;
}
