// The document's outline: parts → tables → rows, with ranges. Feeds document
// symbols, breadcrumbs and folding. Derived from the model and the part headings.

import { PARTS } from './declarations';
import type { RuleContext } from './findings';
import { documentLayout } from './layout';
import type { ReportModel } from './model';
import { alignParts } from './parts';

export interface OutlineNode {
  name: string;
  detail?: string;
  kind: 'part' | 'table' | 'row';
  start: number;
  end: number;
  /** The range a click selects (the heading or label). */
  selectStart: number;
  selectEnd: number;
  children: OutlineNode[];
}

function rowNode(label: { start: number; end: number; text: string }, detail: string | undefined, end: number): OutlineNode {
  return { name: label.text.replace(/\s+/g, ''), detail, kind: 'row', start: label.start, end: Math.max(label.end, end), selectStart: label.start, selectEnd: label.end, children: [] };
}

function tablesOf(model: ReportModel): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (const t of [model.applications, model.appeals]) {
    if (!t) continue;
    const rows = [...t.rows.values()].map((r) => {
      const decl = t.decl.rows.find((d) => d.key === r.key)!;
      const last = [...r.cells].reverse().find((c) => c.source)?.source;
      const start = r.label?.start ?? last?.start ?? t.start;
      return {
        name: decl.label,
        detail: r.cells.map((c) => (c.value.value === null ? '·' : String(c.value.value))).join(' '),
        kind: 'row' as const,
        start,
        end: Math.max(start, last?.end ?? r.labelEnd),
        selectStart: start,
        selectEnd: r.label ? r.labelEnd : start,
        children: [],
      };
    });
    out.push({ name: t.decl.title, kind: 'table', start: t.start, end: t.end, selectStart: t.start, selectEnd: t.start, children: rows });
  }
  if (model.disclosure) {
    const d = model.disclosure;
    out.push({
      name: '二、主动公开政府信息情况',
      detail: d.template === 'unknown' ? undefined : `${d.template}`,
      kind: 'table',
      start: d.start,
      end: d.end,
      selectStart: d.start,
      selectEnd: d.start,
      // One node per 第二十条 group, so that the sticky header names the group in view.
      children: d.groups.map((g) => ({
        name: g.label.text.replace(/\s+/g, ''),
        kind: 'table' as const,
        start: g.label.start,
        end: Math.max(g.label.end, g.end),
        selectStart: g.label.start,
        selectEnd: g.label.end,
        children: d.rows
          .filter((r) => r.item === g.item)
          .map((r) =>
            rowNode(r.label, r.cells.map((c) => (c.cell.value.value === null ? '·' : String(c.cell.value.value))).join(' '), Math.max(...r.cells.map((c) => c.cell.source?.end ?? 0))),
          ),
      })),
    });
  }
  if (model.legacy) {
    const l = model.legacy;
    out.push({
      name: '政府信息公开情况统计表',
      kind: 'table',
      start: l.start,
      end: l.end,
      selectStart: l.start,
      selectEnd: l.start,
      children: l.rows.map((r) => rowNode(r.label, r.value.value.value === null ? undefined : String(r.value.value.value), r.value.source?.end ?? 0)),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

export function outline(ctx: RuleContext): OutlineNode[] {
  const { model } = ctx;
  const layout = documentLayout(ctx);
  const tables = tablesOf(model);
  const headings = layout.headings;
  if (headings.length === 0) return tables;
  const { assigned } = headings.length ? alignParts(headings) : { assigned: [] as number[] };
  const parts: OutlineNode[] = headings.map((h, i) => {
    const next = headings[i + 1];
    const end = next ? next.line.start - 1 : model.text.length;
    const p = assigned[i];
    return {
      name: `${h.numeral}、${h.title}`,
      detail: p >= 0 && PARTS[p].title !== h.title ? PARTS[p].title : undefined,
      kind: 'part',
      start: h.line.start,
      end: Math.max(h.line.end, end),
      selectStart: h.numeralStart,
      selectEnd: h.titleEnd,
      children: [],
    };
  });
  const top: OutlineNode[] = [];
  for (const t of tables) {
    const part = parts.find((p) => t.start >= p.start && t.start <= p.end);
    if (part) {
      part.children.push(t);
      part.end = Math.max(part.end, t.end);
    } else top.push(t);
  }
  return [...parts, ...top].sort((a, b) => a.start - b.start);
}
