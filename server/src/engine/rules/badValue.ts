// bad-value: a cell holds something that is not a valid value for it — text, a
// negative count, a fraction of a case, a signed change or an amount where a count belongs.

import type { ValueType } from '../declarations';
import { cellName, disclosureCellName, formatNumber, type Finding, type Rule, type RuleContext } from '../findings';
import { t } from '../i18n';
import type { ValueCell } from '../model';
import { gridTables } from '../analysis';

/** A cell's text for a message: a very long one (a run of thousands of digits) is cut in the middle. */
function shortText(s: string): string {
  return s.length <= 40 ? s : `${s.slice(0, 18)}…${s.slice(-18)}`;
}

/** `name`: the cell's name, asked for only when there is something to report. */
function judge(ctx: RuleContext, cell: ValueCell, type: ValueType, name: () => string): Pick<Finding, 'severity' | 'message'> | null {
  const { kind, value } = cell.value;
  const { locale } = ctx;
  const text = () => cell.source?.text.trim() ?? '';
  if (cell.value.tooLarge) return { severity: 'error', message: t(locale, 'bad.tooLarge', { cell: name(), text: shortText(text()) }) };
  if (kind === 'text') return { severity: 'warning', message: t(locale, 'bad.text', { cell: name(), text: text() }) };
  if (type === 'count') {
    if (kind === 'amount' || (kind === 'signed' && value !== null && value >= 0))
      return { severity: 'warning', message: t(locale, 'bad.kind', { cell: name(), text: text() }) };
    if (value !== null && value < 0) return { severity: 'error', message: t(locale, 'bad.negative', { cell: name(), value: formatNumber(value) }) };
    if (value !== null && !Number.isInteger(value)) return { severity: 'error', message: t(locale, 'bad.fraction', { cell: name(), value: formatNumber(value) }) };
  }
  return null;
}

export const badValue: Rule = {
  id: 'bad-value',
  severity: 'error',
  zh: '无效数值',
  en: 'invalid value',
  summary: 'text, a negative or fractional count, a number too large to read exactly (beyond 2^53), a change or amount in a count cell',
  severities: ['error', 'warning'],
  descriptionZh: '单元格内容不是该栏目的有效数值：文字、负的件数、非整数的件数、大到无法精确读取的数值，或把增减、金额写在件数栏。',
  descriptionEn: 'A cell holds something that is not a valid value for its column: text, a negative or fractional count, a number too large to read exactly, or a signed change or amount where a count belongs.',
  run(ctx) {
    const out: Finding[] = [];
    for (const table of gridTables(ctx)) {
      for (const [row, r] of table.rows) {
        r.cells.forEach((cell, column) => {
          if (!cell.source) return;
          const j = judge(ctx, cell, 'count', () => cellName(table.decl, { row, column }, ctx.locale));
          if (j) out.push({ code: 'bad-value', ...j, start: cell.source.start, end: cell.source.end, cell: { table: table.decl.id, row, column }, related: [], fixes: [] });
        });
      }
    }
    const d = ctx.model.disclosure;
    if (d) {
      for (const row of d.rows) {
        row.cells.forEach(({ cell, column, type }, n) => {
          if (!cell.source) return;
          const j = judge(ctx, cell, type, () => disclosureCellName(ctx, row.label.text, row.item, column, ctx.locale));
          if (j)
            out.push({ code: 'bad-value', ...j, start: cell.source.start, end: cell.source.end, cell: { table: 'disclosure', row: `${row.item}.${row.key}`, column: n }, related: [], fixes: [] });
        });
      }
    }
    return out;
  },
};
