// Text normalisation shared by label matching and value parsing.
// Pure functions; no knowledge of the templates.

import { simplify } from './chinese';

const FULLWIDTH_OFFSET = 0xfee0;

/** Full-width ASCII (！-～) to half-width, ideographic space to space. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - FULLWIDTH_OFFSET);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Canonical form for comparing labels: half-width, simplified, no whitespace, unified punctuation. */
export function labelKey(s: string): string {
  return simplify(toHalfWidth(s))
    .replace(/[\s\u00a0]+/g, '')
    .replace(/[“”"「」『』]/g, '"')
    .replace(/[，]/g, ',')
    .replace(/[：]/g, ':')
    .replace(/[．。]/g, '.')
    .toLowerCase();
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
 * `similarity(query, target)` against a fixed list of targets at once, through an
 * inverted index of the targets' bigrams: one pass over the query instead of one per
 * target. The scores are exactly those `similarity` gives (same hits, same division).
 */
export class SimilarityIndex {
  /** Bigram (two UTF-16 units as one number) → flat [target, count, target, count, …]. */
  private readonly postings = new Map<number, number[]>();
  private readonly hits: Int32Array;

  constructor(readonly targets: readonly string[]) {
    this.hits = new Int32Array(targets.length);
    targets.forEach((t, j) => {
      const counts = bigramCounts(t);
      for (const [g, n] of counts) {
        const p = this.postings.get(g);
        if (p) p.push(j, n);
        else this.postings.set(g, [j, n]);
      }
    });
  }

  /** `out[j] = similarity(query, targets[j])` for every target. */
  scores(query: string, out = new Float64Array(this.targets.length)): Float64Array {
    const { targets, hits } = this;
    if (query.length < 2) {
      for (let j = 0; j < targets.length; j++) out[j] = query === targets[j] ? 1 : 0;
      return out;
    }
    hits.fill(0);
    for (const [g, n] of bigramCounts(query)) {
      const p = this.postings.get(g);
      if (!p) continue;
      for (let k = 0; k < p.length; k += 2) hits[p[k]] += Math.min(n, p[k + 1]);
    }
    for (let j = 0; j < targets.length; j++) {
      const t = targets[j];
      out[j] = query === t ? 1 : t.length < 2 ? 0 : (2 * hits[j]) / (query.length - 1 + t.length - 1);
    }
    return out;
  }
}

function bigramCounts(s: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}
