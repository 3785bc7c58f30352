// Row labels of table 三 scored against the template (typos, lost enumerators, annotations,
// digits glued to a label), and the cursor that reads each cell's label key once.

import { valueOf, type Cell } from './cells';
import { APPLICATIONS, type GridTableDecl, type RowDecl } from './declarations';
import { isSpace, labelKey, similarity, SimilarityIndex, stripEnumerators, StringMemo } from './normalize';

export const MATCH_THRESHOLD = 0.72;
export const GENERIC_CORE = 3;

interface CellInfo {
  key: string;
  core: string;
  enumerator: string;
  /** The label after a group label printed in the same cell (`三、本年度办理结果 （一）予以公开`). */
  inner?: { core: string; enumerator: string };
  /** `bareLabel` of the key and of the inner label's core, read on the first match of the cell (null: none). */
  bare?: { core: string; enumerator: string } | null;
  bareInner?: { core: string; enumerator: string } | null;
}

const GROUP_CORES = APPLICATIONS.groups.map((g) => stripEnumerators(labelKey(g.label)).core);

export class Cursor {
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
      v = { key, core, enumerator: enumeratorForm(enumerators[0] ?? '') };
      for (const gc of GROUP_CORES) {
        if (core.length > gc.length + 1 && core.startsWith(gc)) {
          const rest = stripEnumerators(core.slice(gc.length));
          v.inner = { core: rest.core, enumerator: enumeratorForm(rest.enumerators[0] ?? '') };
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

/** A sub-row's enumerator as the template writes it: `1、` and `1,` (（六）其他处理's `1、2、3、` in real reports) are `1.`. */
export function enumeratorForm(e: string): string {
  const last = e.charCodeAt(e.length - 1);
  return e.length > 1 && (last === 0x3001 || last === 0x2c) && e.charCodeAt(0) >= 0x30 && e.charCodeAt(0) <= 0x39 ? e.slice(0, -1) + '.' : e;
}

/** By declaration object: rows are declared once, and a string key cost an allocation per call. */
const coreCache = new Map<RowDecl, string[]>();
/** A row's label cores: the template's label and its declared variants (`RowDecl.variants`). */
export function coresOf(row: RowDecl): string[] {
  let v = coreCache.get(row);
  if (!v) {
    v = [stripEnumerators(labelKey(row.label)).core, ...(row.variants ?? [])];
    coreCache.set(row, v);
  }
  return v;
}

export interface LabelMatch {
  row: RowDecl;
  index: number;
  score: number;
  /** Digits glued to the end of the label, as offsets in the document. */
  glued?: { start: number; end: number; text: string };
}

export function scoreCore(core: string, row: RowDecl): number {
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

/** Best match of a text cell among table 三's rows from `from` on (`expected`: the row due next). */
export function matchRow(cur: Cursor, i: number, from: number, expected: number): LabelMatch | null {
  const info = cur.at(i);
  let best = matchCore(cur, i, info.core, info.enumerator, from, expected);
  if (info.inner) {
    const inner = matchCore(cur, i, info.inner.core, info.inner.enumerator, from, expected);
    if (inner && (!best || inner.score > best.score)) best = inner;
  }
  // The label without its annotations (`予以公开（注：含网上申请）`, `*`, `①`), when it has any:
  // the better of the two matches, so a label that holds parentheses of its own (（二）部分公开（区分处理的…）) still scores as written.
  if (info.key.length <= 120) {
    const bare = info.bare !== undefined ? info.bare : (info.bare = BARE_LABELS.get(info.key));
    if (bare) {
      const m = matchCore(cur, i, bare.core, info.enumerator || bare.enumerator, from, expected);
      if (m && (!best || m.score > best.score)) best = m;
    }
    // And the label after a group label, without its annotations (`三、本年度办理结果 (一)予以公开（注：含网上申请）`).
    const bareInner = info.inner && (info.bareInner !== undefined ? info.bareInner : (info.bareInner = BARE_LABELS.get(info.inner.core)));
    if (bareInner) {
      const m = matchCore(cur, i, bareInner.core, info.inner!.enumerator || bareInner.enumerator, from, expected);
      if (m && (!best || m.score > best.score)) best = m;
    }
  }
  return best;
}

/**
 * A row label broken over two cells `i` and `j` (`1、申请人无正当理由逾期不补正、` /
 * `行政机关不再处理其政府信息公开申请`): their keys joined, matched as one label. Digits glued
 * to the end are looked for in cell `j`.
 */
export function matchSplitLabel(cur: Cursor, i: number, j: number, from: number, expected: number): LabelMatch | null {
  const key = cur.at(i).key + cur.at(j).key;
  if (key.length > 120) return null;
  const { core, enumerators } = stripEnumerators(key);
  return matchCore(cur, j, core, enumeratorForm(enumerators[0] ?? ''), from, expected);
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
  return core.length < 2 ? null : { core, enumerator: enumeratorForm(enumerators[0] ?? '') };
}

/** `bareLabel`, remembered (labels repeat across cells and reports). */
const BARE_LABELS = new StringMemo(bareLabel);

/** Digits at the end of a label (`3.危及“三安全一稳定”0`); a try starts only where a run of digits starts (linear). */
export const GLUED_DIGITS = /(?<![0-9０-９])([0-9０-９]+)\s*$/;
/** Does the text end in a digit, before trailing whitespace (a necessary condition of GLUED_DIGITS)? */
export function endsInDigit(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && isSpace(s.charCodeAt(i))) i--;
  const c = s.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}
export const TRAILING_DIGITS = /(?<![0-9])[0-9]+$/;

/** Best match of a label's core among table 三's rows from `from` on; its scores are read once per distinct core (`ROW_SCORES`). */
function matchCore(cur: Cursor, i: number, core: string, enumerator: string, from: number, expected: number): LabelMatch | null {
  if (core.length === 0 || core.length > 80) return null;
  const cell = cur.cells[i];
  const rows = APPLICATIONS.rows;
  // A label no row can reach the threshold with (prose, dates, document titles) is no
  // row — unless digits glued to its end hide a label that can.
  const coreMayMatch = ROW_INDEX.mayMatch(core, MATCH_THRESHOLD);
  if (!coreMayMatch && !endsInDigit(cell.text)) return null;
  const gluedM = GLUED_DIGITS.exec(cell.text);
  const stripped = gluedM ? core.replace(TRAILING_DIGITS, '') : '';
  if (!coreMayMatch && !(gluedM && ROW_INDEX.mayMatch(stripped, MATCH_THRESHOLD))) return null;
  const scores = ROW_SCORES.get(core);
  const strippedScores = gluedM ? ROW_SCORES.get(stripped) : null;
  let best: LabelMatch | null = null;
  for (let k = from; k < rows.length; k++) {
    const row = rows[k];
    let score = scores[k];
    let glued: LabelMatch['glued'];
    if (gluedM && strippedScores && !ROW_ENDS_IN_DIGIT[k]) {
      const s2 = strippedScores[k];
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

const GROUP_KEYS = APPLICATIONS.groups.map((g) => labelKey(g.label));

/**
 * Is the cell the start of one of table 三's group labels, the rest of which went on in
 * another cell (`三、本年` / `度办理` / `结果\t（一）予以公开\t…`, a rowspan label broken inside
 * its cell)? Such a fragment is no heading and does not end the table.
 */
export function isGroupLabelStart(cur: Cursor, i: number): boolean {
  const { key } = cur.at(i);
  return key.length >= 3 && GROUP_KEYS.some((g) => g.length > key.length && g.startsWith(key));
}

/** The cores of a table's group labels, indexed, by declaration. */
const GROUP_INDEXES = new Map<GridTableDecl, SimilarityIndex>();

export function matchesGroup(cur: Cursor, i: number, decl: GridTableDecl): string | null {
  let index = GROUP_INDEXES.get(decl);
  if (!index) GROUP_INDEXES.set(decl, (index = new SimilarityIndex(decl.groups.map((g) => stripEnumerators(labelKey(g.label)).core))));
  const scores = index.scoresOf(cur.at(i).core);
  for (let n = 0; n < decl.groups.length; n++) if (scores[n] >= 0.8) return decl.groups[n].key;
  return null;
}
