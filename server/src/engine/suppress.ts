// Inline suppression comments. One syntax for .txt and .md alike — an HTML
// comment, invisible in rendered markdown and plain enough in text:
//
//   <!-- nianbao-disable-next-line carry-over, row-total -- 原因：上年数据口径不同 -->
//   <!-- nianbao-disable date -- 原因：落款日期为印发日期 -->            (whole file)
//
// Rules are named by code; `*` names every rule. The text after `--` is the reason.

import type { Finding } from './findings';
import { t, type Locale } from './i18n';
import { isSpace } from './normalize';

export { SUPPRESSION_LINE } from './text';
// The comments are those `/<!--\s*nianbao-disable(-next-line)?\s+([^>]*?)\s*(?:--\s*([^>]*?))?\s*-->/g`
// matches; `directives` finds exactly them in linear time (the regex backtracked
// cubically over a long run of spaces in an unclosed comment).

interface Directive {
  start: number;
  end: number;
  nextLine: boolean;
  /** The regex's group 2 (the rule list) and group 3 (the reason; undefined without `--`). */
  rules: string;
  reason: string | undefined;
}

function* directives(text: string): Generator<Directive> {
  let gt = -2; // the first '>' at or after the body being read (−1: none left)
  for (let p = text.indexOf('<!--'); p !== -1; ) {
    let d: Directive | null = null;
    let i = p + 4;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.startsWith('nianbao-disable', i)) {
      i += 'nianbao-disable'.length;
      const nextLine = text.startsWith('-next-line', i);
      if (nextLine) i += '-next-line'.length;
      const spaces = i;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i > spaces) {
        // The comment ends at the first '>' (nothing before it may hold one), which must close `-->`.
        if (gt !== -1 && gt < i) gt = text.indexOf('>', i);
        if (gt >= i + 2 && text[gt - 1] === '-' && text[gt - 2] === '-') {
          const body = text.slice(i, gt - 2);
          const dash = body.indexOf('--');
          d =
            dash >= 0
              ? { start: p, end: gt + 1, nextLine, rules: body.slice(0, dash).trimEnd(), reason: body.slice(dash + 2).trim() }
              : { start: p, end: gt + 1, nextLine, rules: body.trimEnd(), reason: undefined };
        }
      }
    }
    if (d) yield d;
    p = text.indexOf('<!--', d ? d.end : p + 1);
  }
}

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
  let line = 0;
  let counted = 0; // the newlines before `counted` are counted in `line`
  for (const m of directives(text)) {
    const start = m.start;
    for (let i = text.indexOf('\n', counted); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    out.push({
      line,
      start,
      end: m.end,
      target: m.nextLine ? line + 1 : null,
      rules: m.rules
        .split(/[\s,，]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      reason: (m.reason ?? '').trim(),
    });
  }
  return out;
}

/**
 * Splits findings into the reported and the suppressed. `lineOf` maps an offset to its
 * line. Each suppressed finding gets `suppression`: the reason of the first comment that silences it.
 */
export function applySuppressions(findings: Finding[], sups: Suppression[], lineOf: (offset: number) => number): { kept: Finding[]; suppressed: Finding[] } {
  if (sups.length === 0) return { kept: findings, suppressed: [] };
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const line = lineOf(f.start);
    const hit = sups.find((s) => (s.target === null || s.target === line) && (s.rules.includes('*') || s.rules.includes(f.code)));
    if (hit) {
      f.suppression = { kind: 'comment', reason: hit.reason };
      suppressed.push(f);
    } else kept.push(f);
  }
  return { kept, suppressed };
}

/** The comment the quick fix 「在此忽略……」 inserts above a finding's line. */
export function suppressionComment(code: string, locale: Locale): string {
  return `<!-- nianbao-disable-next-line ${code} -- ${t(locale, 'suppress.reason')} -->`;
}
