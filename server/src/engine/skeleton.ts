// This year's report as a skeleton, from last year's report of the same body: the template
// in force for the new year, its six parts' headings, tables 二, 三 and 四 laid out as the
// template lays them (tableLayout.ts), in the pipe layout the parser reads. Every value cell
// is blank but those the template chains to last year's report: table 三's 上年结转 (last
// year's 结转下年度, the `carry` chains) and table 二's stock (现行有效件数, the `stock` chains).

import { APPEALS, disclosureGroupTitle, DISCLOSURE_LABEL_HEADER } from './declarations';
import type { ReportModel } from './model';
import { gridLayout, type LayoutCell } from './tableLayout';
import { templateInForce, type TemplateDecl } from './templates';

export interface Skeleton {
  text: string;
  year: number;
  template: TemplateDecl['id'];
}

const SEP = ' | ';
const BLANK = ' ';
const headLine = (cells: string[]) => cells.join(SEP) + SEP + '||||';
const rowLine = (cells: string[]) => cells.join(SEP) + SEP + '||';
const texts = (rows: LayoutCell[][]) => rows.flat().map((c) => c.text);
const show = (v: number | null | undefined) => (v === null || v === undefined ? BLANK : String(v));

/**
 * The skeleton of the `year` report (default: the year after last year's) of `body`, or null
 * when last year's report has no year and none is given, or no template is in force for it.
 */
export function reportSkeleton(last: ReportModel, body: string | null, year: number | null = null): Skeleton | null {
  const target = year ?? (last.year === null ? null : last.year + 1);
  const template = templateInForce(target);
  if (target === null || !template) return null;
  const lines: string[] = [`${body ?? ''}${target}年政府信息公开工作年度报告`, `本报告中所列数据统计期限自${target}年1月1日始，至${target}年12月31日止。`];
  for (const part of template.parts) {
    lines.push(`${part.numeral}、${part.title}`);
    if (part.numeral === '二') lines.push(...disclosureLines(last, template));
    else if (part.numeral === template.applications.decl.part) lines.push(...applicationLines(last, template));
    else if (part.numeral === '四') lines.push(...appealLines());
    else lines.push('');
  }
  return { text: lines.join('\n') + '\n', year: target, template: template.id };
}

function disclosureLines(last: ReportModel, template: TemplateDecl): string[] {
  const out: string[] = [];
  for (const g of template.disclosure.groups) {
    out.push(disclosureGroupTitle(g.item), headLine([DISCLOSURE_LABEL_HEADER, ...g.columns.map((c) => c.label)]));
    for (const r of g.rows) {
      const lastRow = last.disclosure?.rows.find((x) => x.item === g.item && x.key === r.key);
      const carried = (column: string) =>
        template.stock.some((s) => s.item === g.item && s.stock === column) ? lastRow?.cells.find((c) => c.column === column)?.cell.value.value : null;
      out.push(rowLine([r.label, ...g.columns.map((c) => show(carried(c.key)))]));
    }
  }
  return out;
}

function applicationLines(last: ReportModel, template: TemplateDecl): string[] {
  const decl = template.applications.decl;
  const layout = gridLayout(decl, template.applications.shape);
  const out = [headLine(texts(layout.header))];
  for (const line of layout.body) {
    const chain = template.carry.find((c) => c.table === 'applications' && c.row === line.row);
    const from = chain ? last.applications?.rows.get(chain.from) : undefined;
    out.push(rowLine([...line.labels.map((l) => l.text), ...line.values.map((v) => show(from?.cells[v.column]?.value.value))]));
  }
  return out;
}

/** Table 四 (the same in every template): its header cells, the last of them labelling the row of values. */
function appealLines(): string[] {
  const layout = gridLayout(APPEALS, 'n/a');
  const head = texts(layout.header);
  return [headLine(head.slice(0, -1)), rowLine([head[head.length - 1], ...layout.body[0].values.map(() => BLANK)])];
}
