// unread-row: a row of the template that the parser did not find in a table. The
// identities that need it are not instantiated (identities.ts), so no arithmetic
// finding is ever computed with the row silently left out; this rule says so, once
// per table, naming the rows and the identities that could not be checked.

import type { GridTableDecl, RowDecl } from '../declarations';
import { tablePrefix, type Finding, type Rule } from '../findings';
import { t, type Locale } from '../i18n';
import { identitiesNeeding } from '../identities';
import { gridTables } from '../analysis';
import { TEMPLATES, templateById } from '../templates';

/**
 * A row as the template writes it, under its group's label for a sub-row
 * (（三）不予公开 3.危及“三安全一稳定”): in every locale, as cells are named.
 */
function rowName(decl: GridTableDecl, row: RowDecl): string {
  const group = row.group && row.group !== 'results' ? decl.groups.find((g) => g.key === row.group) : undefined;
  return group ? `${group.label} ${row.label}` : row.label;
}

export const unreadRow: Rule = {
  id: 'unread-row',
  severity: 'information',
  zh: '未读到的行',
  en: 'row not read',
  summary: 'a row of the template not found in table 三 (label not recognised, or missing): the identities that need it are not checked, never computed without it; a row of table 二 whose cells PDF text could not give with certainty',
  descriptionZh: '表格中找不到模板规定的某一行（行名无法识别或该行缺失）。需要该行的勾稽关系无法核对，也不会在缺少该行的情况下计算。PDF 文本中表二某行的单元格无法确定读出（值的位置上是文字或页码）时，该行不读，也在此说明。',
  descriptionEn: 'A row the template prescribes was not found in the table (its label was not recognised, or the row is missing). The identities that need it cannot be checked, and are never computed without it. A row of table 二 in PDF text whose cells cannot be read with certainty (a word or a page mark where a value stands) is not read, and said so here.',
  run(ctx) {
    const out: Finding[] = [];
    const { locale } = ctx;
    for (const table of gridTables(ctx)) {
      if (table.unread.length === 0) continue;
      const decl = table.decl;
      const rows = table.unread.map((k) => decl.rows.find((r) => r.key === k)).filter((r): r is RowDecl => !!r);
      const names = [...identitiesNeeding(decl, table.unread), ...decl.identities.filter((id) => id.over === 'rows')].map((id) =>
        locale === 'en' ? id.en : id.zh,
      );
      // Where the first missing row would stand: the label of the next row found, else of the last one.
      const first = decl.rows.findIndex((r) => r.key === table.unread[0]);
      const next = decl.rows.slice(first + 1).find((r) => table.rows.get(r.key)?.label);
      const found = [...table.rows.values()].filter((r) => r.label);
      const at = (next ? table.rows.get(next.key) : found[found.length - 1])?.label;
      out.push({
        code: 'unread-row',
        severity: 'information',
        message: t(locale, 'unread.rows', {
          table: tablePrefix(decl, locale),
          count: rows.length,
          rows: rows.map((r) => rowName(decl, r)).join(t(locale, 'and')),
          identities: [...new Set(names)].join(t(locale, 'and')),
        }),
        start: at ? at.start : table.start,
        end: at ? at.end : table.start,
        related: [],
        fixes: [],
      });
    }
    // Table 二's rows found in PDF text whose cells could not be read with certainty.
    const d = ctx.model.disclosure;
    for (const u of d?.unread ?? []) {
      const grp = (templateById(d!.template) ?? TEMPLATES[0]).disclosure.groups.find((g) => g.item === u.item);
      const row = grp?.rows.find((r) => r.key === u.key)?.label ?? u.label.text.replace(/\s+/g, '');
      out.push({
        code: 'unread-row',
        severity: 'information',
        message: t(locale, 'unread.disclosureRow', { row }),
        start: u.label.start,
        end: u.label.end,
        related: [],
        fixes: [],
      });
    }
    return out;
  },
};
