// Inline suppression comments. One syntax for .txt and .md alike — an HTML
// comment, invisible in rendered markdown and plain enough in text:
//
//   <!-- nianbao-disable-next-line carry-over, row-total -- 原因：上年数据口径不同 -->
//   <!-- nianbao-disable date -- 原因：落款日期为印发日期 -->            (whole file)
//
// Rules are named by code; `*` names every rule. The text after `--` is the reason.

import type { Finding } from './findings';

export const SUPPRESSION_LINE = /^[ \t\u3000]*<!--\s*nianbao-disable(?:-next-line)?\b[^\n]*?-->[ \t\u3000]*$/;
const DIRECTIVE = /<!--\s*nianbao-disable(-next-line)?\s+([^>]*?)\s*(?:--\s*([^>]*?))?\s*-->/g;

export interface Suppression {
  /** Zero-based line the comment is on. */
  line: number;
  start: number;
  end: number;
  /** null for the whole file, else the line it silences. */
  target: number | null;
  rules: string[];
  reason: string;
}

export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('nianbao-disable')) return [];
  const out: Suppression[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const start = m.index!;
    let line = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
    out.push({
      line,
      start,
      end: start + m[0].length,
      target: m[1] ? line + 1 : null,
      rules: m[2]
        .split(/[\s,，]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      reason: (m[3] ?? '').trim(),
    });
  }
  return out;
}

/** Splits findings into the reported and the suppressed. `lineOf` maps an offset to its line. */
export function applySuppressions(findings: Finding[], sups: Suppression[], lineOf: (offset: number) => number): { kept: Finding[]; suppressed: Finding[] } {
  if (sups.length === 0) return { kept: findings, suppressed: [] };
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const line = lineOf(f.start);
    const hit = sups.some((s) => (s.target === null || s.target === line) && (s.rules.includes('*') || s.rules.includes(f.code)));
    (hit ? suppressed : kept).push(f);
  }
  return { kept, suppressed };
}

/** The comment the quick fix 「在此忽略……」 inserts above a finding's line. */
export function suppressionComment(code: string, locale: 'zh-cn' | 'en'): string {
  return `<!-- nianbao-disable-next-line ${code} -- ${locale === 'en' ? 'reason: ' : '原因：'} -->`;
}
