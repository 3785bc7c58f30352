// The arithmetic rules (carry-over, results-total, row-total, appeals-total): one
// implementation, driven by the identities declared for each table. A table's
// culprit search runs once and serves all of its rules.

import { analyse, gridTables, type TableAnalysis } from '../analysis';
import { GRID_TABLES, type RuleId } from '../declarations';
import type { CulpritPattern } from '../culprit';
import {
  cellName,
  cellRange,
  columnLabel,
  rowShort,
  equationText,
  formatNumber,
  relatedCells,
  tablePrefix,
  whereText,
  writeEdit,
  type Finding,
  type Fix,
  type Rule,
  type RuleContext,
} from '../findings';
import { cellAt, involves, refKey, terms, valueRestoring, type CellRef, type IdentityInstance } from '../identities';
import { t } from '../i18n';
import type { GridTable } from '../model';

function setFix(ctx: RuleContext, table: GridTable, changes: { ref: CellRef; to: number }[], preferred: boolean): Fix | null {
  const edits = [];
  for (const c of changes) {
    const cell = cellAt(table, c.ref);
    const e = cell && writeEdit(ctx.model.text, cell, formatNumber(c.to));
    if (!e) return null;
    edits.push(e);
  }
  const { locale } = ctx;
  const title =
    changes.length === 1
      ? t(locale, 'fix.set', { cell: cellName(table.decl, changes[0].ref, locale), value: formatNumber(changes[0].to) })
      : t(locale, 'fix.setMany', {
          changes: changes.map((c) => `${cellName(table.decl, c.ref, locale)} → ${formatNumber(c.to)}`).join(t(locale, 'and')),
        });
  return { title, preferred, edits };
}

/** The sentence naming the pattern behind a break (`CulpritPattern`), appended to its message. */
function patternText(ctx: RuleContext, table: GridTable, p: CulpritPattern): string {
  const { locale } = ctx;
  const decl = table.decl;
  const amount = formatNumber(p.kind === 'swapped-digits' ? 0 : p.amount);
  switch (p.kind) {
    case 'wrong-column': {
      const columns = { from: columnLabel(decl, p.from), to: columnLabel(decl, p.to), amount };
      return p.row ? t(locale, 'pattern.wrongColumn', { row: rowShort(decl, p.row), ...columns }) : t(locale, 'pattern.wrongColumnSomeRow', columns);
    }
    case 'swapped-digits':
      return t(locale, 'pattern.swappedDigits', { from: formatNumber(p.from), to: formatNumber(p.to) });
    case 'stale-row':
      return t(locale, 'pattern.staleRow', { row: rowShort(decl, p.row), amount });
    case 'stale-column':
      return t(locale, 'pattern.staleColumn', { column: columnLabel(decl, p.column), amount });
  }
}

function brokenFindings(ctx: RuleContext, a: TableAnalysis, inst: IdentityInstance): Finding[] {
  const { locale } = ctx;
  const table = a.table;
  const decl = table.decl;
  const head = t(locale, 'identity.broken', {
    table: tablePrefix(decl, locale),
    where: whereText(inst, locale),
    name: locale === 'en' ? inst.decl.en : inst.decl.zh,
    equation: equationText(inst, locale),
  });
  const operands = terms(inst).map((x) => x.ref);
  const { repairs, unique, pattern } = a.culprits;
  const named = pattern ? { text: patternText(ctx, table, pattern), kind: pattern.kind } : null;

  if (unique) {
    const repair = repairs[0];
    // The repair is one fix, whatever its size: applying one of its cells alone would
    // leave the others' identities broken (and break new ones). It is preferred on every
    // finding it explains; a cell's own change is offered beside it, not preferred.
    const whole = setFix(ctx, table, repair.cells.map((c) => ({ ref: c.ref, to: c.to })), true);
    return repair.cells
      .filter((c) => involves(inst, c.ref))
      .map((c) => {
        const others = repair.cells.filter((o) => refKey(o.ref) !== refKey(c.ref));
        let message = head + t(locale, 'identity.culprit', { cell: cellName(decl, c.ref, locale), expected: formatNumber(c.to) });
        if (others.length)
          message += t(locale, 'identity.culpritAlso', {
            others: others.map((o) => `${cellName(decl, o.ref, locale)} → ${formatNumber(o.to)}`).join(t(locale, 'and')),
          });
        if (named) message += named.text;
        const related = relatedCells(table, operands.filter((r) => refKey(r) !== refKey(c.ref)), locale);
        for (const o of others) {
          const rg = cellRange(table, o.ref);
          related.unshift({ ...rg, message: t(locale, 'related.culprit', { cell: cellName(decl, o.ref, locale), value: formatNumber(o.to) }) });
        }
        const fixes: Fix[] = whole ? [whole] : [];
        if (repair.cells.length > 1) {
          const alone = setFix(ctx, table, [{ ref: c.ref, to: c.to }], false);
          if (alone) fixes.push(alone);
        }
        return {
          code: inst.decl.rule,
          severity: 'error' as const,
          message,
          ...cellRange(table, c.ref),
          cell: { table: decl.id, row: c.ref.row, column: c.ref.column },
          expected: c.to,
          actual: c.from,
          ...(named ? { pattern: named.kind } : {}),
          related,
          fixes,
        };
      });
  }

  const anchor = inst.anchor;
  const restoring = valueRestoring(inst, anchor);
  let message = head;
  const fixes: Fix[] = [];
  if (repairs.length > 1) {
    const options = repairs.map((r) => r.cells.map((c) => `${cellName(decl, c.ref, locale)} → ${formatNumber(c.to)}`).join(t(locale, 'and')));
    message += t(locale, 'identity.ambiguous', { count: repairs.length, options: options.join(t(locale, 'or')) });
    if (named) message += named.text;
    for (const r of repairs) {
      const f = setFix(ctx, table, r.cells.map((c) => ({ ref: c.ref, to: c.to })), false);
      if (f) fixes.push(f);
    }
  } else {
    message += t(locale, 'identity.noRepair');
    if (restoring !== null && restoring >= 0 && Number.isInteger(restoring)) {
      const f = setFix(ctx, table, [{ ref: anchor, to: restoring }], false);
      if (f) fixes.push(f);
    }
  }
  return [
    {
      code: inst.decl.rule,
      severity: 'error',
      message,
      ...cellRange(table, anchor),
      cell: { table: decl.id, row: anchor.row, column: anchor.column },
      expected: restoring ?? undefined,
      actual: cellAt(table, anchor)?.value.value ?? undefined,
      ...(named && repairs.length > 1 ? { pattern: named.kind } : {}),
      related: relatedCells(table, operands.filter((r) => refKey(r) !== refKey(anchor)), locale),
      fixes,
    },
  ];
}

function unassessableFinding(ctx: RuleContext, a: TableAnalysis, inst: IdentityInstance, unknown: CellRef[]): Finding {
  const { locale } = ctx;
  const decl = a.table.decl;
  const names = unknown.slice(0, 3).map((r) => cellName(decl, r, locale));
  const blanks = names.join(t(locale, 'and')) + (unknown.length > 3 ? t(locale, 'andMore') : '');
  const eq = equationText(inst, locale, true);
  const holds = !eq.includes('≠');
  const asZero = t(locale, holds ? 'identity.asZeroHolds' : 'identity.asZeroBreaks', { equation: eq });
  const anchor = cellAt(a.table, inst.anchor)?.source ? inst.anchor : unknown[0];
  // The range's two fields written out (an object spread is the slow, generic copy; the order of the fields stays).
  const range = cellRange(a.table, anchor);
  return {
    code: inst.decl.rule,
    severity: 'information',
    message: t(locale, 'identity.unassessable', {
      table: tablePrefix(decl, locale),
      where: whereText(inst, locale),
      name: locale === 'en' ? inst.decl.en : inst.decl.zh,
      blanks,
      asZero,
    }),
    start: range.start,
    end: range.end,
    cell: { table: decl.id, row: anchor.row, column: anchor.column },
    related: relatedCells(a.table, unknown, locale),
    fixes: [],
  };
}

/** A rule for one arithmetic rule id, over every table that declares it. */
/** README's one-line summary of each identity rule. */
const SUMMARIES: Partial<Record<RuleId, string>> = {
  'carry-over': '一 + 二 ≠ （七）总计 + 四 in a column of table 三',
  'results-total': '（七）总计 ≠ the sum of the result rows in a column',
  'row-total': 'the 总计 column ≠ the six applicant columns in a row',
  'appeals-total': 'a table 四 group\'s 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结',
};

export function identityRule(id: RuleId): Rule {
  const owner = GRID_TABLES.flatMap((tb) => tb.identities)
    .find((x) => x.rule === id)!;
  return {
    id,
    severity: 'error',
    zh: owner.zh,
    en: owner.en,
    summary: SUMMARIES[id] ?? owner.en,
    descriptionZh: owner.descriptionZh,
    descriptionEn: owner.descriptionEn,
    run(ctx) {
      const out: Finding[] = [];
      for (const table of gridTables(ctx)) {
        const a = analyse(table);
        for (let n = 0; n < a.instances.length; n++) {
          const inst = a.instances[n];
          if (inst.decl.rule !== id) continue;
          const st = a.statuses[n];
          if (st.kind === 'broken') out.push(...brokenFindings(ctx, a, inst));
          else if (st.kind === 'unassessable') out.push(unassessableFinding(ctx, a, inst, st.unknown));
        }
      }
      return out;
    },
  };
}
