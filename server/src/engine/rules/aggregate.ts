// aggregate: a report that adds up others' (`.nianbao.jsonc`'s `aggregations`: a county's
// report over its departments' and townships'), cell by cell in tables 三 and 四, against the
// sum of its parts' reports of the same year among the files checked (aggregate.ts). Parts
// without a report are listed, and then no cell is compared: the sum would be incomplete.

import { aggregationOf, compareAggregate } from '../aggregate';
import { APPEALS, APPLICATIONS } from '../declarations';
import { cellName, formatNumber, tablePrefix, writeEdit, type Finding, type Rule } from '../findings';
import { t } from '../i18n';
import { bodyKey } from '../title';

export const aggregate: Rule = {
  id: 'aggregate',
  severity: 'error',
  zh: '汇总报告',
  en: 'aggregate report',
  summary: 'an aggregate report\'s table III/IV cell ≠ the sum of its parts\' reports (configured `aggregations`)',
  severities: ['error', 'warning'],
  descriptionZh: '配置文件 `.nianbao.jsonc` 的 `aggregations` 指明某报告汇总了哪些单位（如区县报告汇总其部门、乡镇）时，该报告表三、表四的每个单元格应等于同一年度被汇总单位报告同一单元格之和。被汇总单位的报告须在同时检查的文件中；缺少任一报告时列出缺少的单位（警告），不比较单元格；任一报告留空或未读出的单元格不予评估。',
  descriptionEn: 'When `.nianbao.jsonc`’s `aggregations` says a report adds up others’ (a county’s over its departments’ and townships’), each cell of its tables III and IV equals the sum of the same cell in its parts’ reports of the same year. The parts’ reports must be among the files checked; when any is missing, the missing bodies are listed (a warning) and no cell is compared; a cell any report left blank or unread is not assessed.',
  run(ctx) {
    const { model, locale, identity, lookup } = ctx;
    if (!lookup || !identity?.bodyKey || identity.year === null) return [];
    const agg = aggregationOf(ctx.aggregations, identity.bodyKey, ctx.aliases);
    if (!agg) return [];
    const year = identity.year;
    const parts = agg.parts.map((name) => {
      const facts = lookup(bodyKey(name), year);
      return { name, facts: facts && facts.bodyKey !== identity.bodyKey ? facts : null };
    });
    const { missing, differences } = compareAggregate(model, parts);
    const sep = t(locale, 'cli.listSeparator');
    if (missing.length > 0) {
      const table = model.applications ?? model.appeals;
      const firstLine = model.text.indexOf('\n');
      const start = table?.start ?? 0;
      const end = table ? table.headerStart : firstLine < 0 ? model.text.length : firstLine;
      return [
        {
          code: 'aggregate',
          severity: 'warning',
          message: t(locale, 'aggregate.missing', { year, count: missing.length, of: parts.length, bodies: missing.join(sep) }),
          start,
          end: Math.max(start, end),
          related: [],
          fixes: [],
        },
      ];
    }
    const out: Finding[] = [];
    for (const d of differences) {
      const table = model[d.table]!;
      const cell = table.rows.get(d.row)!.cells[d.column];
      const prefix = tablePrefix(d.table === 'applications' ? APPLICATIONS : APPEALS, locale);
      const name = cellName(table.decl, { row: d.row, column: d.column }, locale);
      const values = d.parts.map((p) => t(locale, 'aggregate.partValue', { body: p.name, value: formatNumber(p.cell.value as number) })).join(sep);
      const e = writeEdit(model.text, cell, formatNumber(d.sum));
      out.push({
        code: 'aggregate',
        severity: 'error',
        message: t(locale, 'aggregate.differs', { table: prefix, cell: name, actual: formatNumber(d.actual), sum: formatNumber(d.sum), diff: formatNumber(d.actual - d.sum), count: d.parts.length, values }),
        start: cell.source!.start,
        end: cell.source!.end,
        cell: { table: d.table, row: d.row, column: d.column },
        expected: d.sum,
        actual: d.actual,
        related: d.parts.flatMap((p) =>
          p.cell.range ? [{ start: 0, end: 0, message: t(locale, 'aggregate.partCell', { body: p.name, year, table: prefix, cell: name, value: formatNumber(p.cell.value as number) }), external: { location: p.facts.location, range: p.cell.range } }] : [],
        ),
        fixes: e ? [{ title: t(locale, 'fix.aggregateSum', { value: formatNumber(d.sum) }), preferred: false, edits: [e] }] : [],
      });
    }
    return out;
  },
};
