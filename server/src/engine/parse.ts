// Cells → report model. Tables are found by their content (row labels, column
// headers), never by the number of the heading above them.

import { segment, valueOf, type Cell } from './cells';
import { convertDocument } from './chinese';
import { mayBeHeading, PART_INDEX } from './layout';
import { parseLegacy } from './legacy';
import {
  APPEALS,
  APPLICATIONS,
  DISCLOSURE_TEMPLATES,
  PARTS,
  type DisclosureGroupDecl,
  type GridTableDecl,
  type RowDecl,
  type Template,
} from './declarations';
import type { DisclosureRow, DisclosureTable, ExtraValue, GridRow, GridTable, Heading, ReportModel, ValueCell } from './model';
import { isHeadingSpace, isSpace, labelKey, lazyTitle, similarity, SimilarityIndex, stripEnumerators, StringMemo } from './normalize';
import { blankControls, lineStartsOf, scanDocument } from './text';

const MATCH_THRESHOLD = 0.72;
const GENERIC_CORE = 3;

interface CellInfo {
  key: string;
  core: string;
  enumerator: string;
  /** The label after a group label printed in the same cell (`三、本年度办理结果 （一）予以公开`). */
  inner?: { core: string; enumerator: string };
}

const GROUP_CORES = APPLICATIONS.groups.map((g) => stripEnumerators(labelKey(g.label)).core);

class Cursor {
  private info: (CellInfo | undefined)[];
  /** isText per cell: 0 not yet known, 1 text, 2 a value or blank. */
  private text: Uint8Array;
  constructor(readonly cells: Cell[]) {
    this.info = new Array(cells.length);
    this.text = new Uint8Array(cells.length);
  }
  at(i: number): CellInfo {
    let v = this.info[i];
    if (!v) {
      const key = labelKey(this.cells[i].text);
      const { core, enumerators } = stripEnumerators(key);
      v = { key, core, enumerator: enumerators[0] ?? '' };
      for (const gc of GROUP_CORES) {
        if (core.length > gc.length + 1 && core.startsWith(gc)) {
          const rest = stripEnumerators(core.slice(gc.length));
          v.inner = { core: rest.core, enumerator: rest.enumerators[0] ?? '' };
          break;
        }
      }
      this.info[i] = v;
    }
    return v;
  }
  isText(i: number): boolean {
    let v = this.text[i];
    if (v === 0) {
      const c = this.cells[i];
      this.text[i] = v = !c.blank && valueOf(c).kind === 'text' ? 1 : 2;
    }
    return v === 1;
  }
  /** Is the first non-blank cell after `i` a value (so `collectValues(i)` finds one)? */
  valueFollows(i: number): boolean {
    let j = i + 1;
    while (j < this.cells.length && this.cells[j].blank) j++;
    return j < this.cells.length && !this.isText(j);
  }
  nextText(i: number): number {
    let j = i;
    while (j < this.cells.length && !this.isText(j)) j++;
    return j;
  }
}

// ------------------------------------------------------------------ labels

/** By declaration object: rows are declared once, and a string key cost an allocation per call. */
const coreCache = new Map<RowDecl, string[]>();
/** Alternative shorter cores some reports use. */
const ALIASES: Record<string, string[]> = {
  partial: ['部分公开'],
  'denied.3': ['危及三安全一稳定'],
};

function coresOf(row: RowDecl): string[] {
  let v = coreCache.get(row);
  if (!v) {
    v = [stripEnumerators(labelKey(row.label)).core, ...(ALIASES[row.key] ?? [])];
    coreCache.set(row, v);
  }
  return v;
}

interface LabelMatch {
  row: RowDecl;
  index: number;
  score: number;
  /** Digits glued to the end of the label, as offsets in the document. */
  glued?: { start: number; end: number; text: string };
}

function scoreCore(core: string, row: RowDecl): number {
  let best = 0;
  for (const c of coresOf(row)) best = Math.max(best, similarity(core, c));
  return best;
}

/** Every core of every row of table 三 (aliases included), indexed: one pass per label instead of one per row. */
const ROW_CORES = APPLICATIONS.rows.flatMap((row, k) => coresOf(row).map((core) => ({ row: k, core })));
const ROW_INDEX = new SimilarityIndex(ROW_CORES.map((e) => e.core));
const ROW_ENDS_IN_DIGIT = APPLICATIONS.rows.map((row) => /[0-9]$/.test(coresOf(row)[0]));

/** Is a code unit at or above U+2E80 (CJK radicals on: ideographs, CJK punctuation, full-width forms, surrogates)? */
const isWide = (c: number): boolean => c >= 0x2e80;
/**
 * True when every bigram of every core of table 三 has a wide unit. Then a label whose
 * key has no wide unit shares no bigram with any row core, and scores 0 against all.
 */
const ROW_CORES_ARE_WIDE = ROW_CORES.every(({ core }) => {
  for (let i = 0; i < core.length - 1; i++) if (!isWide(core.charCodeAt(i)) && !isWide(core.charCodeAt(i + 1))) return false;
  return core.length >= 2;
});
/**
 * 1 for the code units that are wide or whose labelKey is (Cherokee capitals lowercase
 * to U+AB70…): a text without them has a key without wide units. Built on first use.
 */
let widening: Uint8Array | null = null;
function wideningUnits(): Uint8Array {
  if (!widening) {
    widening = new Uint8Array(0x10000).fill(1, 0x2e80);
    for (let c = 0; c < 0x2e80; c++) {
      const key = labelKey(String.fromCharCode(c));
      for (let i = 0; i < key.length; i++) if (isWide(key.charCodeAt(i))) widening[c] = 1;
    }
  }
  return widening;
}
/** May this cell's text match a row of table 三 at all (see ROW_CORES_ARE_WIDE)? False for dates, numbers and codes. */
export function mayBeRowLabel(text: string): boolean {
  if (!ROW_CORES_ARE_WIDE) return true;
  const units = wideningUnits();
  for (let i = 0; i < text.length; i++) if (units[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** `scoreCore(core, row)` for every row of table 三, by row index (labels repeat: remembered). */
const ROW_SCRATCH = new Float64Array(ROW_CORES.length);
const ROW_SCORES = new StringMemo((core: string): Float64Array => {
  const s = ROW_INDEX.scores(core, ROW_SCRATCH);
  const out = new Float64Array(APPLICATIONS.rows.length);
  for (let j = 0; j < ROW_CORES.length; j++) out[ROW_CORES[j].row] = Math.max(out[ROW_CORES[j].row], s[j]);
  return out;
});

/** Best match of a text cell among `rows[from..]`. */
function matchRow(cur: Cursor, i: number, rows: RowDecl[], from: number, expected: number): LabelMatch | null {
  const info = cur.at(i);
  let best = matchCore(cur, i, info.core, info.enumerator, rows, from, expected);
  if (info.inner) {
    const inner = matchCore(cur, i, info.inner.core, info.inner.enumerator, rows, from, expected);
    if (inner && (!best || inner.score > best.score)) best = inner;
  }
  // The label without its annotations (`予以公开（注：含网上申请）`, `*`, `①`), when it has any:
  // the better of the two matches, so a label that holds parentheses of its own (（二）部分公开（区分处理的…）) still scores as written.
  if (info.key.length <= 120) {
    const bare = BARE_LABELS.get(info.key);
    if (bare) {
      const m = matchCore(cur, i, bare.core, info.enumerator || bare.enumerator, rows, from, expected);
      if (m && (!best || m.score > best.score)) best = m;
    }
  }
  return best;
}

/** Footnote marks: * ＊ ※ † ‡ #, circled and parenthesised numbers ① ⑴, superscript digits. */
function isFootnoteMark(c: number): boolean {
  return (
    c === 0x2a || c === 0x203b || c === 0x2020 || c === 0x2021 || c === 0x23 || (c >= 0x2460 && c <= 0x249b) || c === 0xb9 || c === 0xb2 || c === 0xb3 || (c >= 0x2070 && c <= 0x2079)
  );
}

/**
 * A label key (labelKey) without the annotations around it — footnote marks before or
 * after it, a parenthesised note at its end (`(注:…)`, `(含…)`), a trailing `注:…` —
 * as core and enumerator (stripEnumerators), or null when it has none.
 */
export function bareLabel(key: string): { core: string; enumerator: string } | null {
  let s = key;
  let from = 0;
  while (from < s.length && isFootnoteMark(s.charCodeAt(from))) from++;
  s = s.slice(from);
  for (let round = 0; round < 4; round++) {
    const before = s;
    let end = s.length;
    while (end > 0 && isFootnoteMark(s.charCodeAt(end - 1))) end--;
    s = s.slice(0, end);
    // A balanced parenthesised group at the end, not the whole label.
    if (s.endsWith(')')) {
      let depth = 0;
      let k = s.length - 1;
      for (; k >= 0; k--) {
        const c = s.charCodeAt(k);
        if (c === 0x29) depth++;
        else if (c === 0x28 && --depth === 0) break;
      }
      if (k > 0) s = s.slice(0, k);
    }
    // A trailing note: 注:… or 备注:… (labelKey made the colon half-width).
    const note = s.indexOf('注:');
    if (note > 0) s = s.slice(0, s.charCodeAt(note - 1) === 0x5907 /* 备 */ && note > 1 ? note - 1 : note);
    if (s === before) break;
  }
  if (s === key || s.length < 2) return null;
  const { core, enumerators } = stripEnumerators(s);
  return core.length < 2 ? null : { core, enumerator: enumerators[0] ?? '' };
}

/** `bareLabel`, remembered (labels repeat across cells and reports). */
const BARE_LABELS = new StringMemo(bareLabel);

/** Digits at the end of a label (`3.危及“三安全一稳定”0`); a try starts only where a run of digits starts (linear). */
export const GLUED_DIGITS = /(?<![0-9０-９])([0-9０-９]+)\s*$/;
/** Does the text end in a digit, before trailing whitespace (a necessary condition of GLUED_DIGITS)? */
function endsInDigit(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && isSpace(s.charCodeAt(i))) i--;
  const c = s.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}
export const TRAILING_DIGITS = /(?<![0-9])[0-9]+$/;

function matchCore(cur: Cursor, i: number, core: string, enumerator: string, rows: RowDecl[], from: number, expected: number): LabelMatch | null {
  if (core.length === 0 || core.length > 80) return null;
  const cell = cur.cells[i];
  // Table 三's rows (the only rows matched here) are scored once per distinct core.
  const indexed = rows === APPLICATIONS.rows;
  // A label no row can reach the threshold with (prose, dates, document titles) is no
  // row — unless digits glued to its end hide a label that can.
  const coreMayMatch = !indexed || ROW_INDEX.mayMatch(core, MATCH_THRESHOLD);
  if (!coreMayMatch && !endsInDigit(cell.text)) return null;
  const gluedM = GLUED_DIGITS.exec(cell.text);
  const stripped = gluedM ? core.replace(TRAILING_DIGITS, '') : '';
  if (!coreMayMatch && !(gluedM && ROW_INDEX.mayMatch(stripped, MATCH_THRESHOLD))) return null;
  const scores = indexed ? ROW_SCORES.get(core) : null;
  const strippedScores = indexed && gluedM ? ROW_SCORES.get(stripped) : null;
  let best: LabelMatch | null = null;
  for (let k = from; k < rows.length; k++) {
    const row = rows[k];
    let score = scores ? scores[k] : scoreCore(core, row);
    let glued: LabelMatch['glued'];
    if (gluedM && !(indexed ? ROW_ENDS_IN_DIGIT[k] : /[0-9]$/.test(coresOf(row)[0]))) {
      const s2 = strippedScores ? strippedScores[k] : scoreCore(stripped, row);
      if (s2 > score) {
        score = s2;
        const start = cell.start + gluedM.index;
        glued = { start, end: start + gluedM[1].length, text: gluedM[1] };
      }
    }
    if (score < MATCH_THRESHOLD) continue;
    const generic = coresOf(row)[0].length <= GENERIC_CORE;
    if (generic) {
      const enumOk = enumerator === row.enumerator || ((enumerator === '()' || enumerator === '') && k === expected);
      if (!enumOk) continue;
    }
    // Prefer the nearest row among equally good matches (sub-rows repeat enumerators).
    if (!best || score > best.score + 1e-9) best = { row, index: k, score, glued };
  }
  return best;
}

/** The cores of a table's group labels, indexed, by declaration. */
const GROUP_INDEXES = new Map<GridTableDecl, SimilarityIndex>();

function matchesGroup(cur: Cursor, i: number, decl: GridTableDecl): string | null {
  let index = GROUP_INDEXES.get(decl);
  if (!index) GROUP_INDEXES.set(decl, (index = new SimilarityIndex(decl.groups.map((g) => stripEnumerators(labelKey(g.label)).core))));
  const scores = index.scoresOf(cur.at(i).core);
  for (let n = 0; n < decl.groups.length; n++) if (scores[n] >= 0.8) return decl.groups[n].key;
  return null;
}

// ------------------------------------------------------------------ values

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
  if (matchRow(cur, j, APPLICATIONS.rows, 0, -1)) return false;
  const next = j + 1 < cur.cells.length ? cur.cells[j + 1] : null;
  return have === width - 1 || (!!next && (next.blank || !cur.isText(j + 1)));
}

/** The value and blank cells after a label, without the placeholders of the next row's label. */
function collectValues(cur: Cursor, i: number, width = 0): Collected {
  const cells = cur.cells;
  const values: Cell[] = [];
  let j = i + 1;
  while (j < cells.length && (!cur.isText(j) || isStrayValue(cur, j, values.filter((v) => !v.blank).length, width))) {
    values.push(cells[j]);
    j++;
  }
  // Blanks standing right before the next label are its (empty) rowspan cells.
  if (j < cells.length) {
    const next = cells[j];
    let k = values.length;
    if (next.layout === 'pipe') {
      while (k > 0 && values[k - 1].blank && values[k - 1].line === next.line && values[k - 1].end <= next.start) k--;
    } else if (!next.breakBefore) {
      while (k > 0 && values[k - 1].blank) {
        k--;
        if (values[k].breakBefore) break;
      }
    }
    values.length = k;
  }
  return { values, next: j };
}

function toValueCell(c: Cell): ValueCell {
  return { source: c, value: valueOf(c), insertAt: c.insertAt };
}

function buildRow(key: string, label: Cell | undefined, labelEnd: number, found: Cell[], width: number, glued?: LabelMatch['glued']): GridRow {
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

// ------------------------------------------------------------------ table 三

const APPLICATION_HEADER_WORDS = ['申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '信息内容'];

const APPLICATION_HEADER = new StringMemo(
  (key: string): boolean =>
    key.includes('勾稽关系') || key.includes('本列数据') || APPLICATION_HEADER_WORDS.some((w) => key === w || (key.length <= 12 && similarity(key, w) >= 0.8)),
);

function isApplicationHeader(cur: Cursor, i: number): boolean {
  return APPLICATION_HEADER.get(cur.at(i).key);
}

/** How many starts of table 三 are tried before giving up (each bounded by its strays: linear). */
const MAX_TABLE_STARTS = 64;

export function parseApplications(cells: Cell[], cur: Cursor): GridTable | null {
  // The table starts at the first distinctive row label followed by values. A start
  // from which fewer than three rows are read — such a label with a figure in the prose
  // above the table — gives way to the next one.
  // The cells the failed starts read may not exceed the document's (linear however many starts fail).
  let from = 0;
  let spent = 0;
  for (let tries = 0; tries < MAX_TABLE_STARTS && spent <= cells.length; tries++) {
    const s = applicationsStart(cells, cur, from);
    if (!s) return null;
    const read = readApplications(cells, cur, s.start, s.row);
    if (read.table) return read.table;
    spent += read.reached - s.start;
    from = s.start + 1;
  }
  return null;
}

/** The first cell from `from` on that can start table 三: a distinctive row label followed by values. */
function applicationsStart(cells: Cell[], cur: Cursor, from: number): { start: number; row: number } | null {
  const rows = APPLICATIONS.rows;
  for (let i = from; i < cells.length; i++) {
    if (!cur.isText(i)) continue;
    // Only a label followed by a value (or ending in digits) can start the table: most
    // text cells (prose) are followed by more text, and are not matched at all.
    if (!cur.valueFollows(i) && !endsInDigit(cells[i].text)) continue;
    if (!mayBeRowLabel(cells[i].text)) continue;
    const m = matchRow(cur, i, rows, 0, 0);
    if (!m || coresOf(m.row)[0].length < 6 || m.score < 0.8) continue;
    const { values } = collectValues(cur, i);
    if (values.some((v) => !v.blank) || m.glued) return { start: i, row: m.index };
  }
  return null;
}

/**
 * Table 三 read from the row label at cell `start` (row `startRow` of the template), or
 * null when fewer than three rows are; `reached`: the cell the reading stopped at.
 */
function readApplications(cells: Cell[], cur: Cursor, start: number, startRow: number): { table: GridTable | null; reached: number } {
  const decl = APPLICATIONS;
  const rows = decl.rows;
  // Header cells before the first row belong to the table too (hover shows the summary there).
  let headerStart = cells[start].start;
  for (let h = start - 1; h >= 0 && h >= start - 30; h--) {
    if (cells[h].blank || (cur.isText(h) && isApplicationHeader(cur, h))) headerStart = cells[h].start;
    else if (!cur.isText(h)) continue;
    else break;
  }

  const found = new Map<string, GridRow>();
  let shape: GridTable['shape'] = 'single-other';
  let expected = startRow;
  let end = cells[start].end;
  let strays = 0;
  let i = start;
  for (; i < cells.length && expected < rows.length; ) {
    if (!cur.isText(i)) {
      i++;
      continue;
    }
    const m = matchRow(cur, i, rows, expected, expected);
    if (m) {
      const row = m.row;
      // （六）其他处理 is a value row (2019) or the header of three sub-rows (2021).
      if (row.key === 'other') {
        const n = cur.nextText(i + 1);
        const sub = rows.find((x) => x.key === 'other.1')!;
        if (n < cells.length && scoreCore(cur.at(n).core, sub) >= MATCH_THRESHOLD) {
          shape = 'split-other';
          expected = rows.indexOf(sub);
          i++;
          continue;
        }
      }
      if (row.key.startsWith('other.')) shape = 'split-other';
      const { values, next } = collectValues(cur, i, decl.columns.length);
      const hasValues = values.some((v) => !v.blank) || !!m.glued;
      const distinctive = coresOf(row)[0].length > GENERIC_CORE;
      if (hasValues || (distinctive && values.length === 0 && cur.isText(next))) {
        const label = cells[i];
        const labelEnd = m.glued ? m.glued.start : label.end;
        found.set(row.key, buildRow(row.key, label, labelEnd, values, decl.columns.length, m.glued));
        end = Math.max(end, values.length ? values[values.length - 1].end : label.end);
        expected = rows.indexOf(row) + 1;
        while (expected < rows.length && rows[expected].shape && rows[expected].shape !== shape) expected++;
        strays = 0;
        i = next;
        continue;
      }
    }
    if (matchesGroup(cur, i, decl) || isApplicationHeader(cur, i)) {
      i++;
      continue;
    }
    // Unrecognised text: a heading or prose ends the table.
    const key = cur.at(i).key;
    if (/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]*\))$/.test(key)) {
      // An enumerator on a line of its own (`三、` above `本年度办理结果`).
      i++;
      continue;
    }
    if (key.length > 40 || /^[一二三四五六七八九十]+[、.]/.test(key) || ++strays > 6) break;
    i++;
  }
  if (found.size < 3) return { table: null, reached: i };
  // The rows of the template (in this shape: （六）其他处理 is one row or three) that were not found.
  const unread = rows.filter((row) => (!row.shape || row.shape === shape) && !found.has(row.key)).map((row) => row.key);
  return { table: { decl, rows: found, shape, start: headerStart, end, headerStart, unread }, reached: i };
}

// ------------------------------------------------------------------ table 四

const APPEAL_HEADER_CHARS = new Set('行政复议诉讼结果维持纠正其他尚未审结总计经直接起后'.split(''));

function isAppealHeader(cur: Cursor, i: number, maxLength = 16): boolean {
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
function cellsWithSpaced(text: string, cells: Cell[], word: string): number[] {
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

/** `traditional` false promises that no cell holds a Traditional character (so 议 must be written as such). */
export function parseAppeals(cells: Cell[], cur: Cursor, text: string, traditional = true): GridTable | null {
  const decl = APPEALS;
  // Without Traditional characters, an anchor holds 行政复议 as written: only cells that
  // hold one are tried (found by searching the text, not every cell).
  const candidates = traditional ? null : cellsWithSpaced(text, cells, '行政复议');
  let next = 0;
  for (let a = 0; a < cells.length; a++) {
    if (candidates) {
      while (next < candidates.length && candidates[next] < a) next++;
      if (next === candidates.length) break;
      a = candidates[next];
    }
    // The anchor: a cell `行政复议`, or a whole header line of a PDF copy starting with it.
    if (!traditional && !containsSpaced(cells[a].text, '行政复议')) continue;
    if (!cur.isText(a) || !cur.at(a).core.startsWith('行政复议') || !isAppealHeader(cur, a, 120)) continue;
    // Header cells, then 15 values.
    let i = a + 1;
    const labels: Record<string, Cell> = { review: cells[a] };
    // Header cells; a PDF copy stacks the headers one character per token (`结 结 其 尚`).
    while (i < cells.length && (cells[i].blank || (cur.isText(i) && isAppealHeader(cur, i, 60)))) {
      const k = cur.at(i).core;
      if (!cells[i].blank && k === '未经复议直接起诉') labels.litigationDirect = cells[i];
      if (!cells[i].blank && k === '复议后起诉') labels.litigationAfterReview = cells[i];
      i++;
    }
    // An anchor among these header cells would read the same cells from `i` on and fail
    // the same way: go on after them (linear on thousands of repeated headers).
    const headerEnd = i;
    if (i >= cells.length || cur.isText(i)) {
      a = headerEnd - 1;
      continue;
    }
    const values: Cell[] = [];
    while (i < cells.length && !cur.isText(i) && values.length < 15 + 8) {
      values.push(cells[i]);
      i++;
    }
    while (values.length && values[values.length - 1].blank) values.pop();
    if (values.filter((v) => !v.blank).length < 3) {
      a = headerEnd - 1;
      continue;
    }
    const rows = new Map<string, GridRow>();
    decl.rows.forEach((row, g) => {
      const slice = values.slice(g * 5, g * 5 + 5);
      const r = buildRow(row.key, labels[row.key], (labels[row.key] ?? cells[a]).end, slice, 5);
      rows.set(row.key, r);
    });
    const last = rows.get('litigationAfterReview')!;
    for (const extra of values.slice(15)) if (!extra.blank) last.extras.push({ start: extra.start, end: extra.end, text: extra.text, glued: false });
    return { decl, rows, shape: 'n/a', start: cells[a].start, end: values[values.length - 1].end, headerStart: cells[a].start, unread: [] };
  }
  return null;
}

// ------------------------------------------------------------------ table 二

const ITEM = /第二十条第[(（]([一二三四五六七八九十]+)[)）]项/;

export function parseDisclosure(cells: Cell[], cur: Cursor, text: string, stopAt = Infinity): DisclosureTable | null {
  const groups: { item: string; at: number }[] = [];
  // A group label holds 第二十条第 (whitespace aside): only cells that hold one are read.
  for (const i of cellsWithSpaced(text, cells, '第二十条第')) {
    if (cells[i].start >= stopAt) break;
    if (!cur.isText(i) || cells[i].text.length >= 30) continue;
    const m = ITEM.exec(cells[i].text.replace(/\s+/g, ''));
    if (m) groups.push({ item: m[1], at: i });
  }
  if (groups.length === 0) return null;

  // Vote on the template from the column headers present.
  const votes: Record<Template, number> = { '2019': 0, '2021': 0 };
  const evidence: Cell[] = [];
  const spans = groups.map((g, n) => ({ ...g, until: n + 1 < groups.length ? groups[n + 1].at : Math.min(cells.length, g.at + 60) }));
  for (const g of spans) {
    for (let i = g.at + 1; i < g.until; i++) {
      if (!cur.isText(i)) continue;
      const cellVotes = COLUMN_VOTES.get(`${g.item}\n${cells[i].text}`);
      for (const t of DISCLOSURE_TEMPLATES) {
        votes[t.template] += cellVotes[t.template];
        for (let k = 0; k < cellVotes[t.template]; k++) evidence.push(cells[i]);
      }
    }
  }
  const template: Template | 'unknown' = votes['2019'] > votes['2021'] ? '2019' : votes['2021'] > votes['2019'] ? '2021' : 'unknown';
  const decl = DISCLOSURE_TEMPLATES.find((t) => t.template === (template === 'unknown' ? '2019' : template))!;

  const rows: DisclosureRow[] = [];
  let end = cells[groups[0].at].end;
  for (const g of spans) {
    const grp = decl.groups.find((x) => x.item === g.item) ?? DISCLOSURE_TEMPLATES.map((t) => t.groups.find((x) => x.item === g.item)).find(Boolean);
    if (!grp) continue;
    for (let i = g.at + 1; i < g.until; i++) {
      if (!cur.isText(i)) continue;
      const row = matchDisclosureRow(cur, i, grp);
      if (!row) continue;
      const { values, next } = collectValues(cur, i, grp.columns.length);
      if (!values.some((v) => !v.blank)) continue;
      const built = buildRow(row.key, cells[i], cells[i].end, values, grp.columns.length);
      rows.push({
        item: g.item,
        key: row.key,
        label: cells[i],
        cells: grp.columns.map((col, n) => ({ column: col.key, type: col.type, cell: built.cells[n] })),
      });
      end = Math.max(end, values.length ? values[values.length - 1].end : cells[i].end);
      i = next - 1;
    }
  }
  const groupSpans = groups.map((g) => {
    const mine = rows.filter((r) => r.item === g.item);
    const last = mine.length ? Math.max(...mine.flatMap((r) => r.cells.map((c) => c.cell.source?.end ?? r.label.end))) : cells[g.at].end;
    return { item: g.item, label: cells[g.at], end: last };
  });
  return { template, rows, groups: groupSpans, start: cells[groups[0].at].start, end, evidence };
}

/**
 * The votes of one cell under group `item` (the memo's key is `item\ntext`): for each
 * template, how many of its columns of that group the cell's words name (a PDF copy
 * puts the whole header on one line: each word votes), counting only words the other
 * template's columns do not have.
 */
const COLUMN_VOTES = new StringMemo((itemAndText: string): Record<Template, number> => {
  const cut = itemAndText.indexOf('\n');
  const item = itemAndText.slice(0, cut);
  const votes: Record<Template, number> = { '2019': 0, '2021': 0 };
  for (const key of itemAndText.slice(cut + 1).split(/[\s\u3000]+/).map(labelKey).filter(Boolean))
    for (const t of DISCLOSURE_TEMPLATES) {
      const grp = t.groups.find((x) => x.item === item);
      if (!grp) continue;
      const scores = indexOf(grp.columns).scoresOf(key);
      for (let n = 0; n < grp.columns.length; n++) if (scores[n] >= 0.8 && !otherTemplateHas(t.template, key)) votes[t.template]++;
    }
  return votes;
});

/** Column keys of each template's table 二. */
const COLUMN_KEYS = new Map(DISCLOSURE_TEMPLATES.map((t) => [t.template, new Set(t.groups.flatMap((g) => g.columns.map((c) => labelKey(c.label))))]));

function otherTemplateHas(template: Template, key: string): boolean {
  const other = DISCLOSURE_TEMPLATES.find((t) => t.template !== template)!;
  return COLUMN_KEYS.get(other.template)!.has(key);
}

/** A similarity index over the labelKeys of declared labels (table 二's columns or rows), built once per list. */
const INDEXES = new Map<readonly { label: string }[], SimilarityIndex>();
function indexOf(list: readonly { label: string }[]): SimilarityIndex {
  let v = INDEXES.get(list);
  if (!v) INDEXES.set(list, (v = new SimilarityIndex(list.map((x) => labelKey(x.label)))));
  return v;
}

function matchDisclosureRow(cur: Cursor, i: number, grp: DisclosureGroupDecl): { key: string } | null {
  const { core } = cur.at(i);
  let best: { key: string; score: number } | null = null;
  const scores = indexOf(grp.rows).scoresOf(core);
  for (let n = 0; n < grp.rows.length; n++) {
    const s = scores[n];
    if (s >= 0.75 && (!best || s > best.score)) best = { key: grp.rows[n].key, score: s };
  }
  return best;
}

// ------------------------------------------------------------------ year, headings, template

const TITLE_YEAR = /((?:19|20)[0-9]{2})\s*年度?\s*(?:政府信息公开|政府信息公開|政务公开|政務公開|政府信息與政務公開|政府信息与政务公开)/;
const PERIOD_YEAR = /统计期限自\s*((?:19|20)[0-9]{2})\s*年/;
const ANY_YEAR = /((?:19|20)[0-9]{2})\s*年/;

export function detectYear(text: string): { year: number | null; start?: number; end?: number } {
  const head = text.slice(0, 3000);
  for (const re of [TITLE_YEAR, PERIOD_YEAR, ANY_YEAR]) {
    const m = re.exec(head);
    if (m) return { year: Number(m[1]), start: m.index, end: m.index + m[1].length };
  }
  return { year: null };
}

// `^[ \t\u3000]*(numeral)[、.．][ \t\u3000]*([^\n]{2,40}?)[ \t\u3000]*$` over the whole text,
// multiline: the head is a sticky regex tried at each line start, the lazy title and
// its trailing spaces are matched by `lazyTitle` (linear; the regex was quadratic on a
// long run of spaces after the separator).
const HEADING_HEAD = /[ \t\u3000]*([一二三四五六七八九十]+|[0-9０-９]+)[、.．]/y;
/** Line terminators, where a multiline `^` and `$` hold. */
const isTerminator = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const notNewline = (c: number) => c !== 0x0a;
const TERMINATOR = /[\n\r\u2028\u2029]/g;

/**
 * The part headings of `text`. With the text's `lineStarts` (`lineStartsOf`) and the
 * promise that no line break but `\n` (and `\r\n`) occurs in it, only those line
 * starts are tried; otherwise every line start that `^` of a multiline regex knows.
 */
export function findHeadings(text: string, lineStarts?: Int32Array, otherBreaks = true): Heading[] {
  const out: Heading[] = [];
  if (lineStarts && !otherBreaks) {
    // A heading lies within its line (up to its `\n`): lines are read one by one, and
    // the same lines recur (table rows such as `一、本年新收…`), so their answers are kept.
    for (let i = 0; i < lineStarts.length - 1; i++) {
      const p = lineStarts[i];
      if (!mayBeHeading(text, p, text.length)) continue;
      const end = lineStarts[i + 1] - 1;
      // Long lines (prose starting with a year) are read in place, not remembered.
      const h = end - p <= HEADING_LINE_MEMO_LENGTH ? HEADING_LINES.get(text.slice(p, end)) : headingAt(text, p);
      if (h?.part) out.push({ numeral: h.numeral, title: h.title, start: p + h.start, end: p + h.end, line: i });
    }
    return out;
  }
  // Line numbers are counted from the last heading on, so only headings pay for them.
  let line = 0;
  let countedTo = 0;
  for (let p = 0; p <= text.length; ) {
    if (p === 0 || isTerminator(text.charCodeAt(p - 1))) {
      const h = headingAt(text, p);
      if (h) {
        if (h.part) {
          for (let k = text.indexOf('\n', countedTo); k !== -1 && k < p; k = text.indexOf('\n', k + 1)) line++;
          countedTo = p;
          out.push({ numeral: h.numeral, title: h.title, start: p + h.start, end: p + h.end, line });
        }
        p += h.next;
        continue;
      }
    }
    // On to the next line start.
    TERMINATOR.lastIndex = p;
    p = TERMINATOR.test(text) ? TERMINATOR.lastIndex : text.length + 1;
  }
  return out;
}

/**
 * The heading shape at line start `p` of `text`, offsets relative to `p`: the numeral
 * and the title, whether the title reads like a part's (`part`), and where the match
 * ends (`next`), or null.
 */
function headingAt(text: string, p: number): { numeral: string; title: string; start: number; end: number; next: number; part: boolean } | null {
  if (!mayBeHeading(text, p, text.length)) return null;
  HEADING_HEAD.lastIndex = p;
  const head = HEADING_HEAD.exec(text);
  const tail = head && lazyTitle(text, HEADING_HEAD.lastIndex, 2, 40, notNewline, isHeadingSpace, (i) => i === text.length || isTerminator(text.charCodeAt(i)));
  if (!head || !tail) return null;
  const numeral = head[1];
  const title = text.slice(tail.titleStart, tail.titleEnd);
  const whole = text.slice(p, tail.end);
  const part = PART_INDEX.scoresOf(labelKey(title)).some((s) => s >= 0.6);
  return { numeral, title, start: whole.indexOf(numeral), end: whole.trimEnd().length, next: tail.end - p, part };
}

/** `headingAt(line, 0)` for a whole line up to its `\n`, remembered for lines up to this long. */
const HEADING_LINE_MEMO_LENGTH = 64;
const HEADING_LINES = new StringMemo((line: string) => headingAt(line, 0));

const LEGACY = /统\s*计\s*指\s*标|統\s*計\s*指\s*標|政府信息公[开開]情[况況]统[计計]表|政府信息公[开開]情[况況]統[计計]表/;

export interface ParseOptions {
  /** False skips the part headings (left empty): the workspace index reads only the tables and the year. */
  headings?: boolean;
}

export function parse(text: string, options: ParseOptions = {}): ReportModel {
  // Parse a Simplified copy (same offsets); findings and edits apply to `text` as written.
  const scan = scanDocument(text);
  const { traditional, otherBreaks } = scan;
  // C0 controls (NUL, ESC …) are read as spaces, in place: offsets do not move.
  const converted = traditional ? convertDocument(text) : text;
  const simple = scan.controls ? blankControls(converted) : converted;
  const lineStarts = lineStartsOf(simple);
  // (The scan read `text`; a converted text is searched in full.)
  const cells = segment(simple, lineStarts, traditional ? undefined : scan);
  const cur = new Cursor(cells);
  const applications = parseApplications(cells, cur);
  const appeals = parseAppeals(cells, cur, simple, traditional);
  const disclosure = parseDisclosure(cells, cur, simple, applications ? applications.start : Infinity);
  // The legacy table starts at a cell whose key starts with 统计指标: without those four
  // characters (whitespace between them aside) in the text there is none to look for.
  const legacy = traditional || containsSpaced(simple, '统计指标') ? parseLegacy(cells, (i) => cur.at(i).key, traditional) : null;
  const y = detectYear(simple);
  let template: ReportModel['template'] = 'unknown';
  if (disclosure && disclosure.template !== 'unknown') template = disclosure.template;
  else if (applications) template = applications.shape === 'split-other' ? '2021' : '2019';
  else if (legacy || LEGACY.test(simple)) template = 'legacy';
  return {
    text,
    simple,
    year: y.year,
    yearEvidence: y.start !== undefined ? { start: y.start, end: y.end! } : undefined,
    template,
    applications,
    appeals,
    disclosure,
    legacy,
    headings: options.headings === false ? [] : findHeadings(simple, lineStarts, otherBreaks),
    cells,
    lineStarts,
  };
}
