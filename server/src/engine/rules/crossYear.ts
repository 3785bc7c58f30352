// cross-year: this year's 二、上年结转 against last year's 四、结转下年度继续办理, in
// all seven columns; and, for two 2021 tables 二, 现行有效件数 = last year's 现行有效件数
// + 本年制发件数 − 本年废止件数 (a warning: cleaning-up and changes of scope break it
// legitimately). Last year's report comes from the caller (workspace index, CLI). The
// chains are the template's (templates.ts: `carry`, `stock`).

import { APPLICATIONS } from '../declarations';
import { formatNumber, writeEdit, type Finding, type Rule } from '../findings';
import { t } from '../i18n';
import { TEMPLATES, templateById } from '../templates';

export const crossYear: Rule = {
  id: 'cross-year',
  severity: 'error',
  zh: '跨年度衔接',
  en: 'across years',
  summary: 'this year\'s 上年结转 ≠ last year\'s 结转下年度; 2021 现行有效件数 chain',
  severities: ['error', 'warning'],
  descriptionZh: '本年度“二、上年结转”的每一列应等于同一机关上一年度报告“四、结转下年度继续办理”的同一列；2021 年模板表二的现行有效件数应等于上年现行有效件数 + 本年制发件数 − 本年废止件数（清理、口径调整等可能合理地打破此关系，故为警告）。需要同一文件夹或工作区内有上一年度的报告。',
  descriptionEn: 'This year’s II (carried over) equals, column by column, the same body’s IV (carried forward) of last year; with the 2021 table II, in force = last year’s in force + issued − repealed (a warning: clean-ups and changes of scope break it legitimately). Needs last year’s report in the same folder or workspace.',
  run(ctx) {
    const { model, locale, identity, lookup } = ctx;
    if (!lookup || !identity?.bodyKey || identity.year === null) return [];
    const prev = lookup(identity.bodyKey, identity.year - 1);
    if (!prev) return [];
    const out: Finding[] = [];
    const lastYear = identity.year - 1;
    // Every template carries 结转下年度 over to 上年结转; an undetected template carries as the first does.
    for (const chain of (templateById(model.template) ?? TEMPLATES[0]).carry) {
      const carried = model.applications?.rows.get(chain.row);
      if (!carried || !prev.forward) continue;
      carried.cells.forEach((cell, c) => {
        const was = prev.forward![c];
        const now = cell.value.value;
        if (!cell.source || now === null || was.value === null || now === was.value) return;
        const column = APPLICATIONS.columns[c].label;
        const e = writeEdit(model.text, cell, formatNumber(was.value));
        out.push({
          code: 'cross-year',
          severity: 'error',
          message: t(locale, 'cross.carried', { column, now: formatNumber(now), year: lastYear, was: formatNumber(was.value) }),
          start: cell.source.start,
          end: cell.source.end,
          cell: { table: 'applications', row: chain.row, column: c },
          expected: was.value,
          actual: now,
          related: was.range
            ? [{ start: 0, end: 0, message: t(locale, 'cross.lastYearCell', { year: lastYear, column, value: formatNumber(was.value) }), external: { location: prev.location, range: was.range } }]
            : [],
          fixes: e ? [{ title: t(locale, 'fix.lastYear', { value: formatNumber(was.value) }), preferred: false, edits: [e] }] : [],
        });
      });
    }
    const d = model.disclosure;
    for (const chain of templateById(d?.template)?.stock ?? []) {
      for (const row of d!.rows.filter((r) => r.item === chain.item)) {
        const last = prev.inForce[row.key];
        const get = (k: string) => row.cells.find((x) => x.column === k)?.cell;
        const inForce = get(chain.stock);
        const issued = get(chain.added)?.value.value;
        const repealed = get(chain.removed)?.value.value;
        const now = inForce?.value.value;
        if (!last || !inForce?.source || now == null || issued == null || repealed == null || last.inForce.value === null) continue;
        const expected = last.inForce.value + issued - repealed;
        if (expected === now) continue;
        const label = row.label.text.replace(/\s+/g, '');
        out.push({
          code: 'cross-year',
          severity: 'warning',
          message: t(locale, 'cross.inForce', { row: label, now: formatNumber(now), year: lastYear, was: formatNumber(last.inForce.value), issued: formatNumber(issued), repealed: formatNumber(repealed), expected: formatNumber(expected) }),
          start: inForce.source.start,
          end: inForce.source.end,
          cell: { table: 'disclosure', row: `一.${row.key}`, column: row.cells.findIndex((x) => x.column === chain.stock) },
          expected,
          actual: now,
          related: last.inForce.range
            ? [{ start: 0, end: 0, message: t(locale, 'cross.lastYearInForce', { year: lastYear, value: formatNumber(last.inForce.value) }), external: { location: prev.location, range: last.inForce.range } }]
            : [],
          fixes: [],
        });
      }
    }
    return out;
  },
};
