// published-total: table 二's declared bounds (2019 template: 本年新公开数量 ≤ 对外公开总数量).

import { templateById } from '../templates';
import { disclosureColumnLabel, formatNumber, type Finding, type Fix, type Rule } from '../findings';
import { t } from '../i18n';

export const publishedTotal: Rule = {
  id: 'published-total',
  severity: 'error',
  zh: '表二数量上限',
  en: 'table II bound',
  summary: '2019 table 二: 本年新公开数量 > 对外公开总数量',
  descriptionZh: '2019 年模板表二第二十条第（一）项：本年新公开数量不应大于对外公开总数量。',
  descriptionEn: 'Table II of the 2019 template, item (1): newly published this year cannot exceed the total published.',
  run(ctx) {
    const d = ctx.model.disclosure;
    if (!d || d.template === 'unknown') return [];
    const { locale } = ctx;
    const out: Finding[] = [];
    const bounds = templateById(d.template)!.disclosure.bounds;
    for (const b of bounds) {
      for (const row of d.rows.filter((r) => r.item === b.item)) {
        const l = row.cells.find((c) => c.column === b.lhs)?.cell;
        const r = row.cells.find((c) => c.column === b.rhs)?.cell;
        const lv = l?.value.value;
        const rv = r?.value.value;
        if (!l?.source || !r?.source || lv == null || rv == null || lv <= rv) continue;
        const lhsLabel = disclosureColumnLabel(ctx, b.item, b.lhs);
        const rhsLabel = disclosureColumnLabel(ctx, b.item, b.rhs);
        const rowName = row.label.text.replace(/\s+/g, '');
        const fixes: Fix[] = [
          { title: t(locale, 'fix.set', { cell: `${rowName}·${rhsLabel}`, value: formatNumber(lv) }), preferred: false, edits: [{ start: r.source.start, end: r.source.end, newText: formatNumber(lv) }] },
          { title: t(locale, 'fix.set', { cell: `${rowName}·${lhsLabel}`, value: formatNumber(rv) }), preferred: false, edits: [{ start: l.source.start, end: l.source.end, newText: formatNumber(rv) }] },
        ];
        out.push({
          code: b.rule,
          severity: 'error',
          message: t(locale, 'bound.broken', { row: rowName, name: locale === 'en' ? b.en : b.zh, lhsLabel, lhs: formatNumber(lv), rhsLabel, rhs: formatNumber(rv) }),
          start: l.source.start,
          end: l.source.end,
          cell: { table: 'disclosure', row: `${row.item}.${row.key}`, column: row.cells.findIndex((c) => c.column === b.lhs) },
          expected: rv,
          actual: lv,
          related: [{ start: r.source.start, end: r.source.end, message: `${rhsLabel} = ${formatNumber(rv)}` }],
          fixes,
        });
      }
    }
    return out;
  },
};
