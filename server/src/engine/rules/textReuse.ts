// text-reuse: a part whose text is largely last year's (内容雷同, named by 国办公开办函〔2021〕30号
// among the failings evaluators hold to account). Per part, the share of its own sentences —
// normalised (spaces, punctuation and enumerators dropped, every number one `#`: a sentence
// copied with its year and figures updated is the same), boilerplate left out (partText.ts) —
// found in the same part of the same body's report of the year before, weighted by length.
// Last year's report comes from the caller, as for cross-year (its year facts carry the
// sentence hashes of each part); a part with too little text of its own is not judged.

import { PARTS } from '../declarations';
import type { Finding, Rule, TextReuseOptions } from '../findings';
import { formatPercent } from '../format';
import { t } from '../i18n';
import { ownSentences, partTexts, sentenceHash } from '../partText';
import { templateById } from '../templates';

export type { TextReuseOptions } from '../findings';

export const DEFAULT_REUSE_THRESHOLD = 0.8;

/** A part with fewer characters (normalised) or sentences of its own says too little to be judged. */
export const MIN_PART_CHARS = 60;
export const MIN_PART_SENTENCES = 2;

/** The options' threshold when it is a share in (0, 1], else the default. */
export function reuseThreshold(options: TextReuseOptions | undefined): number {
  const v = options?.threshold;
  return typeof v === 'number' && v > 0 && v <= 1 ? v : DEFAULT_REUSE_THRESHOLD;
}

/** The share of `sentences`' characters in sentences whose hash is in `previous`. */
export function reuseRatio(sentences: string[], previous: ReadonlySet<number>): number {
  let total = 0;
  let reused = 0;
  for (const s of sentences) {
    total += s.length;
    if (previous.has(sentenceHash(s))) reused += s.length;
  }
  return total === 0 ? 0 : reused / total;
}

/** A report's location as a message names it: its file name (a URI's decoded). */
function fileName(location: string): string {
  const query = location.search(/[?#]/);
  const path = query < 0 ? location : location.slice(0, query);
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(base);
  } catch {
    return base;
  }
}

export const textReuse: Rule = {
  id: 'text-reuse',
  severity: 'warning',
  zh: '内容雷同',
  en: 'text reuse',
  summary: 'a part largely the same as in the same body\'s report of the year before (threshold configurable)',
  descriptionZh:
    '同一机关上一年度报告的同一部分与本部分内容大量相同（逐句比较：去掉空格、标点和序号，数字一律视为相同，各机关报告都有的套话不计；按字数计算比例，默认 80% 及以上提示，可在配置中设置 textReuse.threshold）。内容雷同是国办公开办函〔2021〕30号列明的问题之一。需要同一文件夹或工作区内有上一年度的报告；本部分自身文字过少时不判断。',
  descriptionEn:
    'A part largely the same as the same part of the same body’s report of the year before (sentence by sentence: spaces, punctuation and enumerators dropped, every number alike, the set phrases every report carries left out; the share by characters, 80% or more by default, configurable as textReuse.threshold). Copied content is among the failings 国办公开办函〔2021〕30号 names. Needs last year’s report in the same folder or workspace; a part with little text of its own is not judged.',
  run(ctx) {
    const { model, locale, identity, lookup } = ctx;
    if (!lookup || !identity?.bodyKey || identity.year === null || !templateById(model.template)) return [];
    const prev = lookup(identity.bodyKey, identity.year - 1);
    if (!prev?.partSentences?.length) return [];
    const threshold = reuseThreshold(ctx.textReuse);
    const out: Finding[] = [];
    for (const p of partTexts(model)) {
      const before = prev.partSentences[p.part];
      if (!before?.length) continue;
      const own = ownSentences(p.prose);
      if (own.length < MIN_PART_SENTENCES || own.reduce((n, s) => n + s.length, 0) < MIN_PART_CHARS) continue;
      const ratio = reuseRatio(own, new Set(before));
      if (ratio < threshold) continue;
      out.push({
        code: 'text-reuse',
        severity: 'warning',
        message: t(locale, 'textReuse.part', { part: `${PARTS[p.part].numeral}、${PARTS[p.part].title}`, ratio: formatPercent(ratio), year: identity.year - 1, file: fileName(prev.location) }),
        start: p.heading.numeralStart,
        end: p.heading.titleEnd,
        related: [],
        fixes: [],
      });
    }
    return out;
  },
};
