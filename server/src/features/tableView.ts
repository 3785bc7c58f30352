// The table view's model: tables 二, 三 and 四 as the template draws them (engine/tableLayout.ts
// for 三 and 四, the template's groups for 二), each value cell with its text as written (blank,
// 0 and "/" distinct), where it stands in the document, and what the findings say of it: the
// cells of a broken identity, the culprit with the value it should hold (the culprit search's
// preferred fix), unread rows. The client only draws it.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  APPEALS,
  APPLICATIONS,
  disclosureGroupTitle,
  DISCLOSURE_LABEL_HEADER,
  gridLayout,
  PARTS,
  templateById,
  type Finding,
  type GridTable,
  type ValueCell,
} from '../engine';
import type { FullChecked } from '../checked';
import type { TableViewCell, TableViewData, TableViewGrid, TableViewTable } from '../protocol';

const IDENTITY_RULES = new Set<string>([...APPLICATIONS.identities, ...APPEALS.identities].map((i) => i.rule));
const RANK = { error: 3, warning: 2, information: 1, hint: 0 } as const;

export function tableView(doc: TextDocument, checked: FullChecked): TableViewData | null {
  const { model } = checked.result;
  if (!model.applications && !model.appeals && !model.disclosure) return null;
  const findings = checked.result.findings.filter((f) => !f.suppression);
  const range = (start: number, end: number) => ({ start: doc.positionAt(start), end: doc.positionAt(end) });

  // What the findings say of the cell at [start, end) (a blank's insertion point when empty).
  const about = (start: number, end: number): Pick<TableViewCell, 'broken' | 'culprit' | 'expected' | 'severity' | 'message'> => {
    const out: Pick<TableViewCell, 'broken' | 'culprit' | 'expected' | 'severity' | 'message'> = {};
    const hits = (a: number, b: number) => (a === b ? a >= start && a <= end : a < Math.max(end, start + 1) && b > start);
    for (const f of findings) {
      const own = hits(f.start, f.end);
      const related = f.related.some((r) => !r.external && hits(r.start, r.end));
      if (!own && !related) continue;
      if (IDENTITY_RULES.has(f.code) && f.severity === 'error') {
        out.broken = true;
        // The culprit search's answer: its repair is the finding's preferred fix.
        if (own && f.expected !== undefined && f.fixes.some((x) => x.preferred)) [out.culprit, out.expected] = [true, f.expected];
      }
      if (own && (!out.severity || RANK[f.severity] > RANK[out.severity])) [out.severity, out.message] = [f.severity, f.message];
    }
    return out;
  };

  const valueCell = (c: ValueCell | undefined): TableViewCell => {
    if (!c) return { kind: 'value', text: '', state: 'unread' };
    const src = c.source;
    const state: TableViewCell['state'] = !src ? 'missing' : c.value.kind === 'blank' ? 'blank' : c.value.value === 0 ? 'zero' : c.value.kind === 'marker' ? 'marker' : c.value.kind === 'text' ? 'text' : 'number';
    const [start, end] = src ? [src.start, src.end] : [c.insertAt, c.insertAt];
    return { kind: 'value', text: src && state !== 'blank' ? model.text.slice(src.start, src.end).trim() : '', state, range: range(start, end), ...about(start, end) };
  };

  const head = (text: string, colspan = 1, rowspan = 1): TableViewCell => ({ kind: 'head', text, colspan, rowspan });
  const gridOf = (table: GridTable): TableViewGrid => {
    const layout = gridLayout(table.decl, table.shape);
    const rows: TableViewCell[][] = layout.header.map((r) => r.map((c) => head(c.text, c.colspan, c.rowspan)));
    for (const line of layout.body) {
      const unread = line.row !== null && table.unread.includes(line.row);
      const labels = line.labels.map((c): TableViewCell => ({ kind: 'label', text: c.text, colspan: c.colspan, rowspan: c.rowspan, ...(unread ? { state: 'unread' as const } : {}) }));
      const label = line.row ? table.rows.get(line.row)?.label : undefined;
      if (label && labels.length) labels[labels.length - 1].range = range(label.start, label.end);
      rows.push([...labels, ...line.values.map((v) => valueCell(table.rows.get(v.row)?.cells[v.column]))]);
    }
    return { headerRows: layout.header.length, rows };
  };

  const tables: TableViewTable[] = [];
  const locale = checked.locale;
  if (model.disclosure) {
    const d = model.disclosure;
    const grids: TableViewGrid[] = d.groups.map((g) => {
      const mine = d.rows.filter((r) => r.item === g.item);
      const columns = mine[0]?.cells.map((c) => c.column) ?? [];
      const templateGroup = (templateById(d.template)?.disclosure.groups ?? []).find((x) => x.item === g.item);
      const labelOf = (key: string) => templateGroup?.columns.find((c) => c.key === key)?.label ?? key;
      return {
        caption: disclosureGroupTitle(g.item),
        headerRows: 1,
        rows: [
          [head(DISCLOSURE_LABEL_HEADER), ...columns.map((c) => head(labelOf(c)))],
          ...mine.map((r) => [{ kind: 'label' as const, text: r.label.text.trim(), range: range(r.label.start, r.label.end) }, ...r.cells.map((c) => valueCell(c.cell))]),
        ],
      };
    });
    const part = PARTS.find((p) => p.numeral === '二')!;
    tables.push({ id: 'disclosure', title: `${part.numeral}、${part.title}`, grids });
  }
  for (const table of [model.applications, model.appeals]) {
    if (table) tables.push({ id: table.decl.id, title: table.decl.title, grids: [gridOf(table)] });
  }
  return { uri: doc.uri, version: checked.version, locale, tables, counts: countOf(findings) };
}

function countOf(findings: Finding[]): TableViewData['counts'] {
  return { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length };
}
