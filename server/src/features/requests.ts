// Custom requests for the client's commands: the extracted tables (JSON or CSV)
// and a plain-text summary of the report.

import { exportTables, formatPercent, reportSkeleton, summarize, t, tablesToCsv, type GridTable } from '../engine';
import { VIEW_SCHEME, type NewReportResult } from '../protocol';
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

/** This year's report skeleton from the document, last year's report (engine/skeleton.ts). */
export function newReportRequest(uri: string, checked: FullChecked, year: number | undefined): NewReportResult | null {
  const { model } = checked.result;
  const skeleton = reportSkeleton(model, checked.identity.body, year ?? null);
  if (!skeleton) return null;
  const dropExtension = (name: string) => name.replace(/\.[^.]+$/, '');
  const name = dropExtension(decodeURIComponent(uri.replace(/[?#].*$/, '').replace(/^.*\//, '')));
  // A text view's name is its source file's with `.nianbao` added (protocol.ts, VIEW_SCHEME).
  const base = uri.startsWith(`${VIEW_SCHEME}:`) ? dropExtension(name) : name;
  const named = model.year !== null && base.includes(String(model.year)) ? base.split(String(model.year)).join(String(skeleton.year)) : `${checked.identity.body ?? ''}${skeleton.year}年政府信息公开工作年度报告`;
  return { text: skeleton.text, year: skeleton.year, fileName: `${named}.txt` };
}
