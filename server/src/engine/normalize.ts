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
