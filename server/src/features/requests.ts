// Custom requests for the client's commands: the extracted tables (JSON or CSV)
// and a plain-text summary of the report.

import { exportTables, summarize, tablesToCsv, type GridTable } from '../engine';
import type { FullChecked } from '../state';

export function exportTablesRequest(checked: FullChecked, format: 'json' | 'csv'): string {
  const { model } = checked.result;
  if (format === 'csv') return tablesToCsv(model);
  return JSON.stringify({ year: model.year, template: model.template, tables: exportTables(model) }, null, 2) + '\n';
}

export function summaryRequest(checked: FullChecked): string {
  const { findings } = checked;
  const { model } = checked.result;
  const en = checked.locale === 'en';
  const lines: string[] = [];
  lines.push(en ? `Report year ${model.year ?? '?'}, template ${model.template}` : `${model.year ?? '?'} 年度报告，模板 ${model.template}`);
  for (const t of [model.applications, model.appeals].filter((x): x is GridTable => !!x)) {
    const s = summarize(t, checked.locale);
    lines.push('', en ? t.decl.titleEn : t.decl.title);
    for (const f of s.figures) lines.push(`  ${f.label}: ${f.value ?? (en ? 'blank' : '空白')}`);
    for (const r of s.rates) lines.push(`  ${r.label} = ${r.formula} = ${(r.value * 100).toFixed(1)}%`);
    lines.push(`  ${en ? 'identities' : '勾稽关系'}: ${s.identities.holding}/${s.identities.total}`);
  }
  const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
  lines.push('', en ? `${count('error')} error(s), ${count('warning')} warning(s)` : `错误 ${count('error')} 处，警告 ${count('warning')} 处`);
  return lines.join('\n') + '\n';
}
