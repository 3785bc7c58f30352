// A self-check of the template declarations: every reference between them resolves.
//
// The declarations name rows, columns, groups and items by key; a typo in a key
// (`'granted:totl'`) would otherwise read as a blank cell and go unnoticed. The unit tests
// run this on the real declarations (no problem allowed) and on broken copies.

import type { DisclosureTemplateDecl, GridTableDecl } from './declarations';

export interface Declarations {
  grids: readonly GridTableDecl[];
  disclosures: readonly DisclosureTemplateDecl[];
  parts: readonly { numeral: string; title: string }[];
}

const NUMERALS = [...'一二三四五六七八九十'];

/** The enumerator of a label in labelKey form: full-width parentheses and full stop as ASCII. */
function enumeratorForm(label: string): string {
  return label.replace(/（/g, '(').replace(/）/g, ')').replace(/．/g, '.');
}

/** Every problem found, one line each (`applications.figures.denied: no row "denied.9"`); [] when sound. */
export function validateDeclarations(decls: Declarations, ruleIds: readonly string[]): string[] {
  const problems: string[] = [];
  const rules = new Set(ruleIds);
  const duplicates = (where: string, what: string, keys: readonly string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) problems.push(`${where}: ${what} "${k}" declared twice`);
      seen.add(k);
    }
  };
  const nonEmpty = (where: string, fields: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(fields)) if (typeof value !== 'string' || value.trim() === '') problems.push(`${where}: empty ${name}`);
  };

  const partNumerals = new Map(decls.parts.map((p) => [p.numeral, p.title]));
  duplicates('parts', 'numeral', decls.parts.map((p) => p.numeral));
  for (const p of decls.parts) nonEmpty(`parts.${p.numeral}`, { title: p.title });

  duplicates('tables', 'id', decls.grids.map((t) => t.id));
  for (const table of decls.grids) {
    const at = table.id;
    nonEmpty(at, { title: table.title, titleEn: table.titleEn });
    const partTitle = partNumerals.get(table.part);
    if (partTitle === undefined) problems.push(`${at}: no part "${table.part}"`);
    else if (table.title !== `${table.part}、${partTitle}`) problems.push(`${at}: title "${table.title}" is not part ${table.part}'s "${partTitle}"`);

    const rows = new Set(table.rows.map((x) => x.key));
    const columns = new Set(table.columns.map((x) => x.key));
    const groups = new Map(table.groups.map((g) => [g.key, g]));
    duplicates(`${at}.rows`, 'row', table.rows.map((x) => x.key));
    duplicates(`${at}.columns`, 'column', table.columns.map((x) => x.key));
    duplicates(`${at}.groups`, 'group', table.groups.map((x) => x.key));
    duplicates(`${at}.identities`, 'rule', table.identities.map((x) => x.rule));
    duplicates(`${at}.figures`, 'figure', table.figures.map((x) => x.key));
    duplicates(`${at}.rates`, 'rate', table.rates.map((x) => x.key));
    if (table.rows.length === 0) problems.push(`${at}: no rows`);
    if (table.columns.length === 0) problems.push(`${at}: no columns`);

    for (const c of table.columns) nonEmpty(`${at}.columns.${c.key}`, { key: c.key, label: c.label, en: c.en });
    for (const g of table.groups) nonEmpty(`${at}.groups.${g.key}`, { key: g.key, label: g.label, short: g.short });

    // The numerals of the table's headings (`一、` … and `(一)` …, a group's at its first row)
    // rise in declaration order; a row of one shape may repeat the other shape's numeral.
    const last = { top: 0, paren: 0 };
    const seenGroups = new Set<string>();
    const numeral = (where: string, enumerator: string, alternative: boolean) => {
      const m = /^(?:([一二三四五六七八九十])、|[（(]([一二三四五六七八九十])[）)])/.exec(enumeratorForm(enumerator));
      if (!m) return;
      const level = m[1] ? 'top' : 'paren';
      const value = NUMERALS.indexOf(m[1] ?? m[2]) + 1;
      if (value < last[level] || (value === last[level] && !alternative)) problems.push(`${where}: "${enumerator}" out of order (after ${NUMERALS[last[level] - 1]})`);
      last[level] = value;
    };
    for (const row of table.rows) {
      if (row.group !== undefined && !seenGroups.has(row.group)) {
        seenGroups.add(row.group);
        const group = groups.get(row.group);
        if (group) numeral(`${at}.groups.${group.key}`, group.label, row.shape !== undefined);
      }
      numeral(`${at}.rows.${row.key}`, row.enumerator, row.shape !== undefined);
    }

    // Rows under a group with numbered enumerators (`1.` `2.` …) count from 1 in declaration
    // order, and are named by the group's short name and their number: （三）1, （三）2 …
    const numbered = new Map<string, number>();
    for (const row of table.rows) {
      const rat = `${at}.rows.${row.key}`;
      nonEmpty(rat, { key: row.key, label: row.label, short: row.short, en: row.en });
      if (row.enumerator !== '' && !enumeratorForm(row.label).startsWith(row.enumerator))
        problems.push(`${rat}: label "${row.label}" does not start with its enumerator "${row.enumerator}"`);
      if (row.group !== undefined) {
        const group = groups.get(row.group);
        if (!group) problems.push(`${rat}: no group "${row.group}"`);
        const n = /^(\d+)\.$/.exec(row.enumerator);
        if (n && group) {
          const expected = (numbered.get(row.group) ?? 0) + 1;
          if (Number(n[1]) !== expected) problems.push(`${rat}: enumerator "${row.enumerator}" out of order in group ${row.group} (expected ${expected}.)`);
          numbered.set(row.group, Number(n[1]));
          if (row.short !== `${group.short}${n[1]}`) problems.push(`${rat}: short "${row.short}" is not "${group.short}${n[1]}"`);
        }
      }
    }

    for (const id of table.identities) {
      const iat = `${at}.identities.${id.rule}`;
      if (!rules.has(id.rule)) problems.push(`${iat}: no rule "${id.rule}"`);
      nonEmpty(iat, { zh: id.zh, en: id.en, descriptionZh: id.descriptionZh, descriptionEn: id.descriptionEn });
      // Over columns, the identity holds in every column between rows; over rows, between columns.
      const operands = id.over === 'columns' ? rows : columns;
      const kind = id.over === 'columns' ? 'row' : 'column';
      if (id.lhs.length === 0 || id.rhs.length === 0) problems.push(`${iat}: an empty side`);
      for (const k of [...id.lhs, ...id.rhs]) if (!operands.has(k)) problems.push(`${iat}: no ${kind} "${k}"`);
      duplicates(iat, kind, [...id.lhs, ...id.rhs]);
      if (!id.lhs.includes(id.anchor) && !id.rhs.includes(id.anchor)) problems.push(`${iat}: anchor "${id.anchor}" is not an operand`);
    }

    const cell = (where: string, ref: string) => {
      const m = /^([^:]+):([^:]+)$/.exec(ref);
      if (!m) return problems.push(`${where}: "${ref}" is not a row:column reference`);
      if (!rows.has(m[1])) problems.push(`${where}: no row "${m[1]}" (in "${ref}")`);
      if (!columns.has(m[2])) problems.push(`${where}: no column "${m[2]}" (in "${ref}")`);
    };
    for (const f of table.figures) {
      const fat = `${at}.figures.${f.key}`;
      nonEmpty(fat, { key: f.key, zh: f.zh, en: f.en });
      if (f.cells.length === 0) problems.push(`${fat}: no cells`);
      for (const ref of f.cells) cell(fat, ref);
      duplicates(fat, 'cell', f.cells);
    }
    for (const r of table.rates) {
      const rat = `${at}.rates.${r.key}`;
      nonEmpty(rat, { key: r.key, zh: r.zh, en: r.en });
      if (r.numerator.length === 0 || r.denominator.length === 0) problems.push(`${rat}: an empty numerator or denominator`);
      for (const ref of [...r.numerator, ...r.denominator]) cell(rat, ref);
      duplicates(`${rat}.numerator`, 'cell', r.numerator);
      duplicates(`${rat}.denominator`, 'cell', r.denominator);
    }
  }

  duplicates('disclosure templates', 'template', decls.disclosures.map((t) => t.template));
  for (const tpl of decls.disclosures) {
    const at = `table 二 (${tpl.template})`;
    duplicates(at, 'item', tpl.groups.map((g) => g.item));
    for (const g of tpl.groups) {
      const gat = `${at}.${g.item}`;
      nonEmpty(gat, { item: g.item });
      if (g.columns.length === 0) problems.push(`${gat}: no columns`);
      if (g.rows.length === 0) problems.push(`${gat}: no rows`);
      duplicates(gat, 'column', g.columns.map((c) => c.key));
      duplicates(gat, 'row', g.rows.map((x) => x.key));
      for (const c of g.columns) nonEmpty(`${gat}.columns.${c.key}`, { key: c.key, label: c.label });
      for (const x of g.rows) nonEmpty(`${gat}.rows.${x.key}`, { key: x.key, label: x.label });
    }
    for (const b of tpl.bounds) {
      const bat = `${at}.bounds.${b.item}`;
      if (!rules.has(b.rule)) problems.push(`${bat}: no rule "${b.rule}"`);
      nonEmpty(bat, { zh: b.zh, en: b.en });
      const group = tpl.groups.find((g) => g.item === b.item);
      if (!group) {
        problems.push(`${bat}: no item "${b.item}"`);
        continue;
      }
      for (const k of [b.lhs, b.rhs]) if (!group.columns.some((c) => c.key === k)) problems.push(`${bat}: no column "${k}" in item ${b.item}`);
      if (b.lhs === b.rhs) problems.push(`${bat}: bounds column "${b.lhs}" by itself`);
    }
  }
  return problems;
}
