// published-total: table 二's declared bounds (2019 template: 本年新公开数量 ≤ 对外公开总数量, an error;
// 2021 template: 本年制发件数 ≤ 现行有效件数, a warning — a document issued this year and repealed
// within it is possible, but rare).

import { templateById } from '../templates';
import { disclosureColumnLabel, formatNumber, type Finding, type Fix, type Rule } from '../findings';
import { t } from '../i18n';

export const publishedTotal: Rule = {
  id: 'published-total',
  severity: 'error',
  zh: '表二数量上限',
  en: 'table II bound',
  severities: ['error', 'warning'],
  summary: 'table 二 bounds: 2019 本年新公开数量 > 对外公开总数量; 2021 本年制发件数 > 现行有效件数 (warning)',
  descriptionZh: '表二第二十条第（一）项：2019 年模板本年新公开数量不应大于对外公开总数量；2021 年模板本年制发件数不应大于现行有效件数（警告：同年制发又废止的文件可能合理地打破此关系）。',
  descriptionEn: 'Table II, item (1): in the 2019 template, newly published this year cannot exceed the total published; in the 2021 template, documents issued this year should not exceed those in force (a warning: a document issued and repealed within the year breaks it legitimately).',
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
          severity: b.severity ?? 'error',
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
