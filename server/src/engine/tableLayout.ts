// A grid table as the template draws it: header cells merged as the template merges them
// and row labels spanning their groups, derived from the declarations (`header`, `groups`,
// `rows`). The table view and the skeleton of a new report read it; no label is spelled here.

import type { GridTableDecl, HeaderNodeDecl } from './declarations';

export interface LayoutCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/** A value cell of the model: the row key and the index of the column in `decl.columns`. */
export interface ValueSlot {
  row: string;
  column: number;
}

export interface LayoutRow {
  /** The label cells that start on this row (a group's spans the rows below it). */
  labels: LayoutCell[];
  /** The model's row of this line (null: the values come from several rows, as in table 四). */
  row: string | null;
  values: ValueSlot[];
}

export interface GridLayout {
  /** How many columns the row labels take (0: the table has no label column). */
  labelColumns: number;
  /** The header rows, top first; the corner cell (when labelColumns > 0) opens the first. */
  header: LayoutCell[][];
  body: LayoutRow[];
}

const depth = (n: HeaderNodeDecl): number => ('children' in n ? 1 + Math.max(0, ...n.children.map(depth)) : 1);

/** The leaves of the header, left to right, with the row a `row` node gives them. */
function leaves(nodes: HeaderNodeDecl[], row: string | null = null): { row: string | null; column: string }[] {
  return nodes.flatMap((n) => ('column' in n ? [{ row, column: n.column }] : leaves(n.children, 'row' in n ? n.row : row)));
}

function nodeText(decl: GridTableDecl, n: HeaderNodeDecl): string {
  if ('column' in n) return decl.columns.find((c) => c.key === n.column)?.label ?? n.column;
  if ('row' in n) return decl.rows.find((r) => r.key === n.row)?.short ?? n.row;
  return n.label;
}

/** The layout of a grid table of the given shape of table 三 (`n/a` for table 四). */
export function gridLayout(decl: GridTableDecl, shape: 'single-other' | 'split-other' | 'n/a'): GridLayout {
  const nodes = decl.header.nodes;
  const height = Math.max(1, ...nodes.map(depth));
  const header: LayoutCell[][] = Array.from({ length: height }, () => []);
  const leafCount = (n: HeaderNodeDecl): number => ('children' in n ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1);
  const walk = (list: HeaderNodeDecl[], level: number) => {
    for (const n of list) {
      const children = 'children' in n && n.children.length ? n.children : null;
      // A `row` node whose leaves are all columns still spans one header row of its own.
      header[level].push({ text: nodeText(decl, n), colspan: leafCount(n), rowspan: children ? 1 : height - level });
      if (children) walk(children, level + 1);
    }
  };
  walk(nodes, 0);
  const slots = leaves(nodes);
  const columnIndex = (key: string) => decl.columns.findIndex((c) => c.key === key);

  // Table 四: the values of several rows side by side in one line, under their row's group.
  if (slots.some((s) => s.row !== null)) {
    return { labelColumns: 0, header, body: [{ labels: [], row: null, values: slots.map((s) => ({ row: s.row!, column: columnIndex(s.column) })) }] };
  }

  const rows = decl.rows.filter((r) => !r.shape || shape === 'n/a' || r.shape === shape);
  const chainOf = (group: string | undefined): string[] => {
    const out: string[] = [];
    for (let g = group; g; g = decl.groups.find((x) => x.key === g)?.within) out.unshift(g);
    return out;
  };
  const chains = rows.map((r) => chainOf(r.group));
  const labelColumns = 1 + Math.max(0, ...chains.map((c) => c.length));
  if (decl.header.corner !== undefined || labelColumns > 0) header[0].unshift({ text: decl.header.corner ?? '', colspan: labelColumns, rowspan: height });
  const values = slots.map((s) => columnIndex(s.column));
  const seen = new Set<string>();
  const body = rows.map((r, i): LayoutRow => {
    const labels: LayoutCell[] = [];
    for (const g of chains[i]) {
      if (seen.has(g)) continue;
      seen.add(g);
      const span = chains.filter((c) => c.includes(g)).length;
      labels.push({ text: decl.groups.find((x) => x.key === g)!.label, colspan: 1, rowspan: span });
    }
    labels.push({ text: r.label, colspan: labelColumns - chains[i].length, rowspan: 1 });
    return { labels, row: r.key, values: values.map((column) => ({ row: r.key, column })) };
  });
  return { labelColumns, header, body };
}
