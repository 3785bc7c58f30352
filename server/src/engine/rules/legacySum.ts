// legacy-sum: the sums of a legacy statistics table — a row equals its numbered
// sub-rows; a 其中 breakdown of three or more rows equals its parent; a shorter 其中
// group never exceeds it. Rows whose unit is —— are headings, not sums.

import { formatNumber, type Finding, type Rule } from '../findings';
import { t } from '../i18n';
import type { LegacyRow } from '../model';

const name = (r: LegacyRow) => withoutExclusions(r.label.text.replace(/\s+/g, ''));

/**
 * Removes `(不…)` and `（不…）` notes, as `.replace(/\(不[^)]*\)|（不[^）]*）/g, '')` does,
 * in linear time (the regex rescanned to the end for every unclosed `(不`).
 */
export function withoutExclusions(s: string): string {
  let out = '';
  let from = 0;
  // Where the next `)` and `）` are (−1: none left, so no later note can close either).
  let close = -2;
  let closeWide = -2;
  for (let i = 0; i + 1 < s.length; i++) {
    const open = s[i];
    if ((open !== '(' && open !== '（') || s[i + 1] !== '不') continue;
    let end: number;
    if (open === '(') {
      if (close !== -1 && close < i + 2) close = s.indexOf(')', i + 2);
      end = close;
    } else {
      if (closeWide !== -1 && closeWide < i + 2) closeWide = s.indexOf('）', i + 2);
      end = closeWide;
    }
    if (end < 0) continue;
    out += s.slice(from, i);
    from = end + 1;
    i = end;
  }
  return from === 0 ? s : out + s.slice(from);
}

export const legacySum: Rule = {
  id: 'legacy-sum',
  severity: 'error',
  zh: '统计表合计',
  en: 'legacy table sum',
  summary: 'a sum of a legacy (≤ 2018) statistics table',
  descriptionZh: '2018 年及以前的统计表中：一行等于其编号子行之和（如 收到申请数 = 当面 + 传真 + 网络 + 信函）；三行以上的“其中”细分之和等于上级行；较少的“其中”行不超过上级行。单位为“——”的行是标题，不作合计。',
  descriptionEn: 'In legacy statistics tables (up to 2018) a row equals the sum of its numbered sub-rows; a 其中 breakdown of three or more rows equals its parent; shorter 其中 groups never exceed it. Rows whose unit is —— are headings, not sums.',
  run(ctx) {
    const table = ctx.model.legacy;
    if (!table) return [];
    const { locale } = ctx;
    const out: Finding[] = [];
    const rows = table.rows;
    // Each row's children, in order (one pass, not a filter per row).
    const kidsOf = new Map<number, LegacyRow[]>();
    for (const r of rows) {
      const list = kidsOf.get(r.parent);
      if (list) list.push(r);
      else kidsOf.set(r.parent, [r]);
    }
    rows.forEach((parent, p) => {
      const pv = parent.value.value.value;
      if (pv === null || parent.unit === '——' || parent.unit === '—' || !parent.value.source) return;
      const kids = kidsOf.get(p) ?? [];
      const numbered = kids.filter((k) => k.level < 4);
      const qizhong = kids.filter((k) => k.level === 4);
      const src = parent.value.source;
      const check = (group: LegacyRow[], kind: 'sum' | 'bound') => {
        if (group.some((k) => k.value.value.value === null || (k.unit && parent.unit && k.unit !== parent.unit))) return;
        const vals = group.map((k) => k.value.value.value as number);
        const sum = vals.reduce((a, b) => a + b, 0);
        const terms = group.map((k) => `${name(k)} ${formatNumber(k.value.value.value as number)}`).join(' + ');
        const related = group.filter((k) => k.value.source).map((k) => ({ start: k.value.source!.start, end: k.value.source!.end, message: `${name(k)} = ${formatNumber(k.value.value.value as number)}` }));
        if (kind === 'sum' && Math.abs(sum - pv) > 1e-9) {
          out.push({
            code: 'legacy-sum',
            table: 'legacy',
            severity: 'error',
            message: t(locale, 'legacy.sum', { parent: name(parent), value: formatNumber(pv), terms, sum: formatNumber(sum) }),
            start: src.start,
            end: src.end,
            expected: sum,
            actual: pv,
            related,
            fixes: [{ title: t(locale, 'fix.set', { cell: name(parent), value: formatNumber(sum) }), preferred: false, edits: [{ start: src.start, end: src.end, newText: formatNumber(sum) }] }],
          });
        }
        if (kind === 'bound') {
          for (const k of group) {
            const kv = k.value.value.value as number;
            if (kv > pv && k.value.source)
              out.push({
                code: 'legacy-sum',
                table: 'legacy',
                severity: 'error',
                message: t(locale, 'legacy.bound', { child: name(k), value: formatNumber(kv), parent: name(parent), parentValue: formatNumber(pv) }),
                start: k.value.source.start,
                end: k.value.source.end,
                related: [{ start: src.start, end: src.end, message: `${name(parent)} = ${formatNumber(pv)}` }],
                fixes: [],
              });
          }
        }
      };
      if (numbered.length >= 2) check(numbered, 'sum');
      if (qizhong.length >= 3) check(qizhong, 'sum');
      else if (qizhong.length > 0) check(qizhong, 'bound');
    });
    return out;
  },
};
