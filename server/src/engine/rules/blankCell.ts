// blank-cell: a cell that should hold a number is empty. Blank is not 0: the
// identities it takes part in become unassessable (reported by those rules).

import { refKey, valueRestoring, type CellRef } from '../identities';
import { cellName, disclosureCellName, formatNumber, rowShort, writeEdit, type Finding, type Fix, type Rule } from '../findings';
import { t } from '../i18n';
import { analyse, gridTables } from '../analysis';

export const blankCell: Rule = {
  id: 'blank-cell',
  severity: 'warning',
  zh: '空白单元格',
  en: 'blank cell',
  summary: 'a cell that should hold a number is empty',
  descriptionZh: '应填数字的单元格为空白。空白不等于 0：涉及它的勾稽关系无法核对。快速修复填入 0，或填入其余数字推算出的值。',
  descriptionEn: 'A cell that should hold a number is empty. Blank is not 0: the identities it takes part in cannot be checked. The quick fix writes 0, or the value the other figures imply.',
  run(ctx) {
    const out: Finding[] = [];
    const { locale } = ctx;
    for (const table of gridTables(ctx)) {
      const a = analyse(table);
      const decl = table.decl;
      // The instances whose only unknown is a given cell, by that cell (`refKey`), in the order of
      // `a.instances`: a blank cell's value is null, so an instance that involves it and has one
      // unknown has it as that unknown. Built once per table rather than scanning every instance per blank.
      const soleUnknown = new Map<string, number[]>();
      for (let n = 0; n < a.instances.length; n++) {
        const st = a.statuses[n];
        if (st.kind !== 'unassessable' || st.unknown.length !== 1) continue;
        const k = refKey(st.unknown[0]);
        const list = soleUnknown.get(k);
        if (list) list.push(n);
        else soleUnknown.set(k, [n]);
      }
      for (const [rowKey, row] of table.rows) {
        const missing = row.cells.filter((c) => !c.source).length;
        if (missing > 0 && row.label) {
          out.push({
            code: 'blank-cell',
            severity: 'warning',
            message: t(locale, 'blank.missing', { row: rowShort(decl, rowKey), count: missing, width: decl.columns.length }),
            start: row.label.start,
            end: row.labelEnd,
            cell: { table: decl.id, row: rowKey, column: row.cells.findIndex((c) => !c.source) },
            related: [],
            fixes: [],
          });
        }
        row.cells.forEach((cell, column) => {
          if (!cell.source || cell.value.kind !== 'blank') return;
          const ref: CellRef = { row: rowKey, column };
          // Identities where this blank is the only unknown imply its value.
          const implied: { name: string; v: number }[] = [];
          for (const n of soleUnknown.get(refKey(ref)) ?? []) {
            const inst = a.instances[n];
            const v = valueRestoring(inst, ref);
            if (v !== null) implied.push({ name: locale === 'en' ? inst.decl.en : inst.decl.zh, v });
          }
          const agreed = implied.length > 0 && implied.every((x) => x.v === implied[0].v) ? implied[0].v : null;
          const usable = agreed !== null && agreed >= 0 && Number.isInteger(agreed);
          const fixes: Fix[] = [];
          const name = cellName(decl, ref, locale);
          if (usable) {
            const e = writeEdit(ctx.model.text, cell, formatNumber(agreed!));
            if (e) fixes.push({ title: t(locale, 'fix.fill', { cell: name, value: formatNumber(agreed!) }), preferred: true, edits: [e] });
          }
          if (!usable || agreed !== 0) {
            const e = writeEdit(ctx.model.text, cell, '0');
            if (e) fixes.push({ title: t(locale, 'fix.fill', { cell: name, value: 0 }), preferred: false, edits: [e] });
          }
          out.push({
            code: 'blank-cell',
            severity: 'warning',
            message: t(locale, 'blank.cell', { cell: name, implied: usable ? t(locale, 'blank.implied', { names: [...new Set(implied.map((x) => x.name))].join(t(locale, 'and')), value: formatNumber(agreed!) }) : '' }),
            start: cell.source.start,
            end: cell.source.end,
            cell: { table: decl.id, row: rowKey, column },
            expected: usable ? agreed! : undefined,
            related: [],
            fixes,
          });
        });
      }
    }
    // Table 二.
    const d = ctx.model.disclosure;
    if (d) {
      for (const row of d.rows) {
        row.cells.forEach(({ cell, column }, n) => {
          if (!cell.source || cell.value.kind !== 'blank') return;
          const display = disclosureCellName(ctx, row.label.text, row.item, column, locale);
          const e = writeEdit(ctx.model.text, cell, '0');
          out.push({
            code: 'blank-cell',
            severity: 'warning',
            message: t(locale, 'blank.cell', { cell: display, implied: '' }),
            start: cell.source.start,
            end: cell.source.end,
            cell: { table: 'disclosure', row: `${row.item}.${row.key}`, column: n },
            related: [],
            fixes: e ? [{ title: t(locale, 'fix.fill', { cell: display, value: 0 }), preferred: false, edits: [e] }] : [],
          });
        });
      }
    }
    return out;
  },
};
