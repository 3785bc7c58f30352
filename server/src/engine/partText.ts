// The parts' prose: for each part heading aligned to one of the template's six parts
// (parts.ts), the text from its heading to the next heading, tables left out, and that
// prose cut into sentences, normalised and hashed. The `part-content` rule reads the
// prose; the `text-reuse` rule and the year facts (years.ts) read the sentence hashes.

import { PARTS } from './declarations';
import { documentLayout, inTables, lineTextEnd } from './layout';
import type { PartHeading, ReportModel } from './model';
import { alignParts } from './parts';

export interface PartText {
  /** Index into PARTS. */
  part: number;
  heading: PartHeading;
  /** From the line after the heading to the next heading's line (or the text's end). */
  start: number;
  end: number;
  /** The part's lines outside tables, joined by line breaks (Simplified characters). */
  prose: string;
}

const cache = new WeakMap<ReportModel, PartText[]>();

/** Each part found, in document order; a part whose heading is missing is absent. */
export function partTexts(model: ReportModel): PartText[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const layout = documentLayout({ model });
  const headings = layout.headings;
  const { assigned } = alignParts(headings);
  const out: PartText[] = [];
  headings.forEach((h, i) => {
    const part = assigned[i];
    if (part < 0) return;
    const start = h.line.end + 1;
    const end = i + 1 < headings.length ? headings[i + 1].line.start : model.simple.length;
    const lines: string[] = [];
    // The lines of the part: from the heading's line + 1 to the line before the next heading.
    const first = h.line.index + 1;
    const last = i + 1 < headings.length ? headings[i + 1].line.index : layout.lineStarts.length - 1;
    for (let l = first; l < last; l++) {
      const s = layout.lineStarts[l];
      if (inTables(layout, s)) continue;
      lines.push(model.simple.slice(s, lineTextEnd(layout, l)));
    }
    out.push({ part, heading: h, start: Math.min(start, end), end, prose: lines.join('\n') });
  });
  cache.set(model, out);
  return out;
}

/** The part `part` (index into PARTS) of the report, or undefined. */
export function partText(model: ReportModel, part: number): PartText | undefined {
  return partTexts(model).find((p) => p.part === part);
}

/** Shorter normalised sentences say too little to be compared. */
export const MIN_SENTENCE = 8;

/**
 * A sentence as compared across reports: letters and CJK characters only (spaces,
 * punctuation and brackets dropped), each run of digits one `#` — a sentence copied with
 * its year and figures updated is the same sentence.
 */
export function normalizeSentence(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\p{Nd}+/gu, '#')
    .replace(/[^\p{L}#]/gu, '')
    .replace(/^[一二三四五六七八九十]+/, '');
}

/**
 * Sentences every report may carry whoever wrote it, normalised: the template's own words
 * (table 三's 勾稽关系 note, the part titles, part 一's sub-headings) and the set phrases
 * that different bodies write alike. Derived from the seeds (000/栾城区, 001/博山区, 003/寻乌县,
 * 004/安居区), test/corpus/real (pingtan 2019–2024, sh-2019-office) and the samples: the
 * sentences found in the reports of more than one body, and the fee and 其他事项 formulas.
 * They never count as reuse.
 */
export const BOILERPLATE: ReadonlySet<string> = new Set(
  [
    '本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和',
    '无其他需要报告的事项',
    '本年度无其他需要报告的事项',
    '需要说明的其他事项：无',
    '本年度未收取信息处理费',
    '本年度无收取信息处理费情况',
    '2021年，无收取信息处理费情况',
    '报告中所列数据统计期限自2021年1月1日始，至2021年12月31日止',
    '本报告中所列数据统计期限自2021年1月1日始，至2021年12月31日止',
    '政府信息公开平台建设',
    '依申请公开方面',
    '主动公开方面',
    ...PARTS.map((p) => p.title),
  ].map((s) => normalizeSentence(s)),
);

/** The prose's sentences (split at 。！？；, line breaks), normalised, the short ones dropped. */
export function sentencesOf(prose: string): string[] {
  const out: string[] = [];
  for (const piece of prose.split(/[。！？!?；;\n]+/)) {
    const n = normalizeSentence(piece);
    if (n.length >= MIN_SENTENCE) out.push(n);
  }
  return out;
}

/** FNV-1a over the UTF-16 code units, folded to 30 bits (a small integer in V8). */
export function sentenceHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 2) & 0x3fffffff;
}

/** The sentences of a part that can be reused: the normalised ones, boilerplate left out. */
export function ownSentences(prose: string): string[] {
  return sentencesOf(prose).filter((s) => !BOILERPLATE.has(s));
}

/**
 * Per template part (index into PARTS), the hashes of its own sentences (`ownSentences`),
 * empty for a part not found: what a later report's `text-reuse` compares its parts with.
 */
export function partSentenceHashes(model: ReportModel): number[][] {
  const out: number[][] = PARTS.map(() => []);
  for (const p of partTexts(model)) {
    const hashes = new Set(ownSentences(p.prose).map(sentenceHash));
    out[p.part] = [...hashes];
  }
  return out;
}
