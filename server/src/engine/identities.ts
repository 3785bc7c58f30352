// Instantiates the declared identities over a parsed table and evaluates them.

import type { GridTableDecl, IdentityDecl } from './declarations';
import type { GridTable, ValueCell } from './model';

export interface CellRef {
  row: string;
  column: number;
}

export interface Term {
  ref: CellRef;
  /** +1 on the left-hand side, −1 on the right-hand side. */
  sign: 1 | -1;
}

export interface IdentityInstance {
  decl: IdentityDecl;
  table: GridTable;
  /** The column index (identities over columns) or the row key (over rows). */
  over: number | string;
  lhs: CellRef[];
  rhs: CellRef[];
  anchor: CellRef;
}

export type IdentityStatus =
  | { kind: 'holds'; left: number; right: number }
  | { kind: 'broken'; left: number; right: number }
  | { kind: 'unassessable'; unknown: CellRef[]; leftAsZero: number; rightAsZero: number };

export const refKey = (r: CellRef): string => `${r.row}:${r.column}`;

export function cellAt(table: GridTable, ref: CellRef): ValueCell | undefined {
  return table.rows.get(ref.row)?.cells[ref.column];
}

/** An instance without its table: which cells, fixed by the declaration and the rows present. */
type InstanceShape = Omit<IdentityInstance, 'table'>;

/** The shapes of each declaration's instances, by the rows present (`presentRows`). */
const shapesByDecl = new WeakMap<GridTableDecl, Map<string, InstanceShape[]>>();
/** How many sets of rows present are remembered per declaration (tables mostly have them all). */
const MAX_SHAPE_SETS = 32;

/** Which of the declared rows the table has (1), lacks (0) or did not read (2, `unread`), as a string. Identities name declared rows only. */
function presentRows(table: GridTable): string {
  let key = '';
  for (const row of table.decl.rows) key += table.rows.has(row.key) ? '1' : table.unread.includes(row.key) ? '2' : '0';
  return key;
}

/** The identities over columns that name one of the rows `unread`. */
export function identitiesNeeding(decl: GridTableDecl, unread: readonly string[]): IdentityDecl[] {
  return decl.identities.filter((id) => id.over === 'columns' && (id.lhs.some((k) => unread.includes(k)) || id.rhs.some((k) => unread.includes(k))));
}

function shapesOf(decl: GridTableDecl, present: (row: string) => boolean, unread: readonly string[]): InstanceShape[] {
  const out: InstanceShape[] = [];
  const needing = identitiesNeeding(decl, unread);
  for (const id of decl.identities) {
    // A template row that was not read leaves the identities that need it unassessable
    // (the `unread-row` rule says so): never evaluated with the row left out.
    if (needing.includes(id)) continue;
    if (id.over === 'columns') {
      const lhsRows = id.lhs.filter(present);
      const rhsRows = id.rhs.filter(present);
      // An identity whose result row is missing cannot be stated.
      if (lhsRows.length === 0 || rhsRows.length === 0 || !present(id.anchor)) continue;
      decl.columns.forEach((_, column) => {
        out.push({
          decl: id,
          over: column,
          lhs: lhsRows.map((row) => ({ row, column })),
          rhs: rhsRows.map((row) => ({ row, column })),
          anchor: { row: id.anchor, column },
        });
      });
    } else {
      const col = (k: string) => decl.columns.findIndex((c) => c.key === k);
      for (const row of decl.rows) {
        if (!present(row.key)) continue;
        out.push({
          decl: id,
          over: row.key,
          lhs: id.lhs.map((k) => ({ row: row.key, column: col(k) })),
          rhs: id.rhs.map((k) => ({ row: row.key, column: col(k) })),
          anchor: { row: row.key, column: col(id.anchor) },
        });
      }
    }
  }
  return out;
}

/**
 * Every instance of every identity the table's declaration lists, over the rows
 * present, but those that need a row the table did not read (`unread`). Their cells (`lhs`, `rhs`, `anchor`) are built once for each declaration
 * and set of rows present, and shared: read them, never change them.
 */
export function instantiate(table: GridTable): IdentityInstance[] {
  const decl = table.decl;
  let byRows = shapesByDecl.get(decl);
  if (!byRows) shapesByDecl.set(decl, (byRows = new Map()));
  const rows = presentRows(table);
  let shapes = byRows.get(rows);
  if (!shapes) {
    shapes = shapesOf(decl, (row) => table.rows.has(row), table.unread);
    if (byRows.size < MAX_SHAPE_SETS) byRows.set(rows, shapes);
  }
  return shapes.map((s) => ({ decl: s.decl, table, over: s.over, lhs: s.lhs, rhs: s.rhs, anchor: s.anchor }));
}

export function terms(inst: IdentityInstance): Term[] {
  return [...inst.lhs.map((ref) => ({ ref, sign: 1 as const })), ...inst.rhs.map((ref) => ({ ref, sign: -1 as const }))];
}

export function evaluate(inst: IdentityInstance): IdentityStatus {
  // The terms in order (`terms`), without building them: left-hand side, then right.
  let left = 0;
  let right = 0;
  let unknown: CellRef[] | null = null;
  for (const ref of inst.lhs) {
    const v = cellAt(inst.table, ref)?.value.value ?? null;
    if (v === null) (unknown ??= []).push(ref);
    else left += v;
  }
  for (const ref of inst.rhs) {
    const v = cellAt(inst.table, ref)?.value.value ?? null;
    if (v === null) (unknown ??= []).push(ref);
    else right += v;
  }
  if (unknown) return { kind: 'unassessable', unknown, leftAsZero: left, rightAsZero: right };
  return Math.abs(left - right) < 1e-9 ? { kind: 'holds', left, right } : { kind: 'broken', left, right };
}

/** The value `ref` would need for `inst` to hold, all other operands unchanged (null if unknown). */
export function valueRestoring(inst: IdentityInstance, ref: CellRef): number | null {
  let residual = 0;
  let sign = 0;
  for (const t of terms(inst)) {
    if (t.ref.row === ref.row && t.ref.column === ref.column) {
      sign = t.sign;
      continue;
    }
    const v = cellAt(inst.table, t.ref)?.value.value ?? null;
    if (v === null) return null;
    residual += t.sign * v;
  }
  if (sign === 0) return null;
  return -residual / sign;
}

export function involves(inst: IdentityInstance, ref: CellRef): boolean {
  return inst.lhs.some((r) => r.row === ref.row && r.column === ref.column) || inst.rhs.some((r) => r.row === ref.row && r.column === ref.column);
}
