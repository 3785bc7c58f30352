// extra-value: a row holds more values than its table has columns — often a
// number glued to the row's label when the report was copied.

import { rowShort, type Finding, type Rule } from '../findings';
import { t } from '../i18n';
import { gridTables } from './arithmetic';

export const extraValue: Rule = {
  id: 'extra-value',
  severity: 'warning',
  zh: '多余数值',
  en: 'extra value',
  descriptionZh: '某行的数值多于表格的列数，常见于复制时数字粘在行名后面。快速修复删除多余的数值。',
  descriptionEn: 'A row holds more values than the table has columns, typically a number glued to the row label in copying. The quick fix removes it.',
  run(ctx) {
    const out: Finding[] = [];
    const { locale } = ctx;
    for (const table of gridTables(ctx)) {
      for (const [row, r] of table.rows) {
        for (const x of r.extras) {
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
