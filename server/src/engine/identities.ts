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

/** Every instance of every identity the table's declaration lists, over the rows present. */
export function instantiate(table: GridTable): IdentityInstance[] {
  const decl: GridTableDecl = table.decl;
  const out: IdentityInstance[] = [];
  const present = (row: string) => table.rows.has(row);
  for (const id of decl.identities) {
    if (id.over === 'columns') {
      const lhsRows = id.lhs.filter(present);
      const rhsRows = id.rhs.filter(present);
      // An identity whose result row is missing cannot be stated.
      if (lhsRows.length === 0 || rhsRows.length === 0 || !present(id.anchor)) continue;
      decl.columns.forEach((_, column) => {
        out.push({
          decl: id,
          table,
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
          table,
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

export function terms(inst: IdentityInstance): Term[] {
  return [...inst.lhs.map((ref) => ({ ref, sign: 1 as const })), ...inst.rhs.map((ref) => ({ ref, sign: -1 as const }))];
}

export function evaluate(inst: IdentityInstance): IdentityStatus {
  let left = 0;
  let right = 0;
  const unknown: CellRef[] = [];
  for (const t of terms(inst)) {
    const v = cellAt(inst.table, t.ref)?.value.value ?? null;
    if (v === null) unknown.push(t.ref);
    else if (t.sign === 1) left += v;
    else right += v;
  }
  if (unknown.length) return { kind: 'unassessable', unknown, leftAsZero: left, rightAsZero: right };
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
