// Custom requests for the client's commands: the extracted tables (JSON or CSV)
// and a plain-text summary of the report.

import { exportTables, formatPercent, summarize, t, tablesToCsv, type GridTable } from '../engine';
import type { FullChecked } from '../checked';

export function exportTablesRequest(checked: FullChecked, format: 'json' | 'csv'): string {
  const { model } = checked.result;
  if (format === 'csv') return tablesToCsv(model);
  return JSON.stringify({ year: model.year, template: model.template, tables: exportTables(model) }, null, 2) + '\n';
}

export function summaryRequest(checked: FullChecked): string {
  const { findings } = checked;
  const { model } = checked.result;
  const { locale } = checked;
  const lines: string[] = [];
  lines.push(t(locale, 'summary.report', { year: model.year ?? '?', template: model.template }));
  for (const table of [model.applications, model.appeals].filter((x): x is GridTable => !!x)) {
    const s = summarize(table, locale);
    lines.push('', locale === 'en' ? table.decl.titleEn : table.decl.title);
    for (const f of s.figures) lines.push(`  ${f.label}: ${f.value ?? t(locale, 'blank')}`);
    for (const r of s.rates) lines.push(`  ${r.label} = ${r.formula} = ${formatPercent(r.value)}`);
    lines.push(`  ${t(locale, 'summary.identities', { holding: s.identities.holding, total: s.identities.total })}`);
  }
  const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
  lines.push('', t(locale, 'summary.findings', { errors: count('error'), warnings: count('warning') }));
  return lines.join('\n') + '\n';
}
