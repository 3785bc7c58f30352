// Text normalisation shared by label matching and value parsing.
// Pure functions; no knowledge of the templates.

import { simplify, TRADITIONAL_CODES } from './chinese';

const FULLWIDTH_OFFSET = 0xfee0;

/** Full-width ASCII (！-～) to half-width, ideographic space to space. */
export function toHalfWidth(s: string): string {
  // Copies the runs between replaced characters (Chinese text has full-width punctuation everywhere).
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += s.slice(from, i) + String.fromCharCode(c - FULLWIDTH_OFFSET);
    else if (c === 0x3000) out += s.slice(from, i) + ' ';
    else continue;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Canonical form for comparing labels: half-width, simplified, no whitespace, unified punctuation. */
export function labelKey(s: string): string {
  // One pass over the code units; a text with Traditional characters takes the general path.
  let out = '';
  let from = 0;
  let cased = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (TRADITIONAL_CODES[c] === 1) return labelKeyOf(s);
    const m = KEY_CHAR[c];
    if (m !== c) {
      out += s.slice(from, i);
      if (m !== DROP) out += String.fromCharCode(m);
      from = i + 1;
    }
    if (m !== DROP && !caseless(m)) cased = true;
  }
  const key = from === 0 ? s : out + s.slice(from);
  return cased ? key.toLowerCase() : key;
}

/** labelKey, step by step (the definition; `labelKey` is its one-pass form). */
export function labelKeyOf(s: string): string {
  return simplify(toHalfWidth(s))
    .replace(/[\s\u00a0]+/g, '')
    .replace(/[“”"「」『』]/g, '"')
    .replace(/[，]/g, ',')
    .replace(/[：]/g, ':')
    .replace(/[．。]/g, '.')
    .toLowerCase();
}

/** Is this UTF-16 code unit matched by the regex `\s` (which takes in NBSP and the ideographic space)? */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const DROP = -1;
/** What labelKeyOf does to one code unit, before lower-casing: itself, another, or DROP. */
const KEY_CHAR = new Int32Array(0x10000);
for (let c = 0; c < 0x10000; c++) KEY_CHAR[c] = c;
for (let c = 0xff01; c <= 0xff5e; c++) KEY_CHAR[c] = c - FULLWIDTH_OFFSET;
for (let c = 0; c < 0x10000; c++) if (isSpace(c)) KEY_CHAR[c] = DROP;
for (const ch of '“”「」『』＂') KEY_CHAR[ch.charCodeAt(0)] = 0x22;
for (const ch of '．。') KEY_CHAR[ch.charCodeAt(0)] = 0x2e;

/** Code units that toLowerCase leaves alone for sure: ASCII but A–Z, CJK punctuation and ideographs, half- and full-width forms. */
function caseless(c: number): boolean {
  return c < 0x41 || (c > 0x5a && c < 0x80) || (c >= 0x3000 && c <= 0x303f) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef);
}

const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]*\)|[0-9]+[、.,]?(?=[^0-9.])|第[一二三四五六七八九十]+[项部分条]?)\s*/;

/** Removes leading enumerators such as 一、 (一) () 1. so that the core of a label remains. */
export function stripEnumerators(key: string): { core: string; enumerators: string[] } {
  const enumerators: string[] = [];
  let core = key;
  for (let i = 0; i < 3; i++) {
    const m = ENUMERATOR.exec(core);
    if (!m || m[0].length === core.length) break;
    enumerators.push(m[0]);
    core = core.slice(m[0].length);
  }
  return { core, enumerators };
}

/** Sørensen–Dice similarity of character bigrams; 1 for identical strings. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let hits = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g);
    if (n) {
      hits++;
      grams.set(g, n - 1);
    }
  }
  return (2 * hits) / (a.length - 1 + b.length - 1);
}

/**
 * A pure function of a string, remembered for up to `limit` distinct arguments and
 * forgotten all at once when full: labels repeat within a report and across reports,
 * and memory stays bounded. Results are shared: read them, never change them.
 */
export class StringMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly fn: (s: string) => V,
    private readonly limit = 512,
  ) {}
  get(s: string): V {
    let v = this.map.get(s);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(s, (v = this.fn(s)));
    }
    return v;
  }
}

/**
 * `similarity(query, target)` against a fixed list of targets at once, through an
 * inverted index of the targets' bigrams: one pass over the query instead of one per
 * target. The scores are exactly those `similarity` gives (same hits, same division).
 */
export class SimilarityIndex {
  /** Bigram (two UTF-16 units as one int32) → flat [target, count, target, count, …]. */
  private readonly postings = new Map<number, number[]>();
  /** The code units some target's bigram starts with, as a bit set (most of a query's are not). */
  private readonly firsts = new Uint32Array(0x10000 >> 5);
  /** Every bigram of every target. */
  private readonly grams = new Set<number>();
  /** Distinct lengths of the targets. */
  private readonly lengths: number[];
  private readonly hits: Int32Array;

  constructor(readonly targets: readonly string[]) {
    this.hits = new Int32Array(targets.length);
    this.lengths = [...new Set(targets.map((t) => t.length))];
    targets.forEach((t, j) => {
      const counts = bigramCounts(t);
      for (let i = 0; i < t.length - 1; i++) this.firsts[t.charCodeAt(i) >> 5] |= 1 << (t.charCodeAt(i) & 31);
      for (const [g, n] of counts) {
        this.grams.add(g);
        const p = this.postings.get(g);
        if (p) p.push(j, n);
        else this.postings.set(g, [j, n]);
      }
    });
  }

  /**
   * False when no target can score `threshold` against `query`: a cheaper test than
   * `scores` for the many queries (prose, dates, document titles) that match nothing.
   * Every hit of any target is an occurrence in the query of a bigram some target
   * holds, so with H such occurrences, `similarity(query, t) ≤ 2·min(H, b) / (a + b)`
   * (a, b the bigram counts), computed as `scores` computes it: the bound is exact.
   */
  mayMatch(query: string, threshold: number): boolean {
    if (query.length < 2) return true;
    const a = query.length - 1;
    let h = 0;
    for (let i = 0; i < a; i++) if (hasBit(this.firsts, query.charCodeAt(i)) && this.grams.has(bigram(query, i))) h++;
    for (const length of this.lengths) {
      if (length < 2) continue;
      const b = length - 1;
      if ((2 * Math.min(h, a, b)) / (a + b) >= threshold) return true;
    }
    return false;
  }

  private readonly memo = new StringMemo((query: string) => this.scores(query));

  /** `scores(query)`, remembered (`StringMemo`): a shared array, not to be written. */
  scoresOf(query: string): Float64Array {
    return this.memo.get(query);
  }

  /** `out[j] = similarity(query, targets[j])` for every target. */
  scores(query: string, out = new Float64Array(this.targets.length)): Float64Array {
    const { targets, hits } = this;
    if (query.length < 2) {
      for (let j = 0; j < targets.length; j++) out[j] = query === targets[j] ? 1 : 0;
      return out;
    }
    hits.fill(0);
    // hits[j] = Σ over bigrams g of min(count in query, count in target j): the k-th
    // occurrence of g in the query hits every target holding g at least k times.
    const n = query.length - 1;
    if (n > SHORT_QUERY) {
      for (const [g, count] of bigramCounts(query)) {
        const p = this.postings.get(g);
        if (p) for (let k = 0; k < p.length; k += 2) hits[p[k]] += Math.min(count, p[k + 1]);
      }
    } else {
      const grams = GRAMS;
      const firsts = this.firsts;
      for (let i = 0; i < n; i++) {
        const g = bigram(query, i);
        grams[i] = g;
        if (!hasBit(firsts, query.charCodeAt(i))) continue;
        const p = this.postings.get(g);
        if (!p) continue;
        let occurrence = 1;
        for (let k = 0; k < i; k++) if (grams[k] === g) occurrence++;
        for (let k = 0; k < p.length; k += 2) if (occurrence <= p[k + 1]) hits[p[k]]++;
      }
    }
    for (let j = 0; j < targets.length; j++) {
      const t = targets[j];
      out[j] = query === t ? 1 : t.length < 2 ? 0 : (2 * hits[j]) / (query.length - 1 + t.length - 1);
    }
    return out;
  }
}

/** Queries up to this many bigrams count repeats by scanning back (no allocation); longer ones use a map. */
const SHORT_QUERY = 128;
const GRAMS = new Int32Array(SHORT_QUERY);

/** Bit `c` of a bit set over the UTF-16 code units (8 KB; every index had a 64 KB byte table). */
const hasBit = (bits: Uint32Array, c: number): boolean => (bits[c >> 5] & (1 << (c & 31))) !== 0;

/** Two UTF-16 code units as one int32. */
const bigram = (s: string, i: number): number => (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);

function bigramCounts(s: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = bigram(s, i);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/**
 * The tail `[ \t\u3000]*(T{min,max}?)R*$` of a heading pattern, matched from `from`
 * exactly as the backtracking regex does — spaces before the title given back one at
 * a time, the shortest title first — but in time linear in the line: the regex
 * re-scanned the trailing run for every split, quadratic on a long run of spaces.
 * `isTitle` is T's class, `isTrail` R's, `atEnd(i)` whether `$` holds at i.
 * Returns where the title starts and ends and where the trailing run ends (the match's end).
 */
export function lazyTitle(
  s: string,
  from: number,
  min: number,
  max: number,
  isTitle: (c: number) => boolean,
  isTrail: (c: number) => boolean,
  atEnd: (i: number) => boolean,
): { titleStart: number; titleEnd: number; end: number } | null {
  let spaces = 0;
  while (from + spaces < s.length && isHeadingSpace(s.charCodeAt(from + spaces))) spaces++;
  // runEnd[i - from]: where the run of R starting at i ends, for every i a title can end at.
  const last = Math.min(s.length, from + spaces + max);
  let tail = last;
  while (tail < s.length && isTrail(s.charCodeAt(tail))) tail++;
  const runEnd = new Int32Array(last - from + 1);
  runEnd[last - from] = tail;
  for (let i = last - 1; i >= from; i--) runEnd[i - from] = isTrail(s.charCodeAt(i)) ? runEnd[i + 1 - from] : i;
  for (let k = spaces; k >= 0; k--) {
    const start = from + k;
    for (let t = 1; t <= max && start + t <= s.length; t++) {
      if (!isTitle(s.charCodeAt(start + t - 1))) break;
      if (t < min) continue;
      const end = runEnd[start + t - from];
      if (atEnd(end)) return { titleStart: start, titleEnd: start + t, end };
    }
  }
  return null;
}

/** `[ \t\u3000]`, the spaces of a heading line. */
export function isHeadingSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000;
}
