// extra-value: a row holds more values than its table has columns — often a
// number glued to the row's label when the report was copied.

import { rowShort, type Finding, type Rule } from '../findings';
import { t } from '../i18n';
import type { ReportModel } from '../model';
import { gridTables } from '../analysis';

/** The source ranges of every value cell and row label of the report's tables. */
function takenRanges(model: ReportModel): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const table of [model.applications, model.appeals]) {
    if (!table) continue;
    for (const r of table.rows.values()) {
      // A glued label's own part only: the digits glued to it are the extra.
      if (r.label) out.push({ start: r.label.start, end: r.labelEnd });
      for (const c of r.cells) if (c.source && !c.source.blank) out.push(c.source);
    }
  }
  for (const r of model.disclosure?.rows ?? []) {
    out.push(r.label);
    for (const { cell } of r.cells) if (cell.source && !cell.source.blank) out.push(cell.source);
  }
  return out;
}

/**
 * Extras reported per row, at most: a table row has at most 15 values, so a row with more
 * extras than this is a mangled line (10⁵ numbers on one line), whose first extras say
 * enough; one finding each made checking it take seconds.
 */
const EXTRAS_REPORTED = 64;

export const extraValue: Rule = {
  id: 'extra-value',
  severity: 'warning',
  zh: '多余数值',
  en: 'extra value',
  summary: 'more values than columns (a number glued to its label)',
  descriptionZh: '某行的数值多于表格的列数，常见于复制时数字粘在行名后面。快速修复删除多余的数值。',
  descriptionEn: 'A row holds more values than the table has columns, typically a number glued to the row label in copying. The quick fix removes it.',
  run(ctx) {
    const out: Finding[] = [];
    const { locale } = ctx;
    let taken: { start: number; end: number }[] | null = null;
    for (const table of gridTables(ctx)) {
      for (const [row, r] of table.rows) {
        for (const x of r.extras.length > EXTRAS_REPORTED ? r.extras.slice(0, EXTRAS_REPORTED) : r.extras) {
          // A value another table reads (tables can run into each other in a mangled
          // copy) is not surplus: removing it would remove a real value.
          taken ??= takenRanges(ctx.model);
          if (taken.some((c) => c.start < x.end && x.start < c.end)) continue;
          const params = { row: rowShort(table.decl, row), text: x.text, width: table.decl.columns.length };
          out.push({
            code: 'extra-value',
            severity: 'warning',
            message: t(locale, x.glued ? 'extra.glued' : 'extra.cell', params),
            start: x.start,
            end: x.end,
            table: table.decl.id,
            related: r.label ? [{ start: r.label.start, end: r.labelEnd, message: rowShort(table.decl, row) }] : [],
            // Removing a glued number is unambiguous: the row's own cells are all there.
            fixes: [{ title: t(locale, 'fix.removeExtra', { text: x.text }), preferred: x.glued, edits: [{ start: x.start, end: x.end, newText: '' }] }],
          });
        }
      }
    }
    return out;
  },
};
