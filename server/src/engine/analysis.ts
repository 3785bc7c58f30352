// The analysis of a grid table that the rules share: its identities instantiated and
// evaluated, and the culprit search over them, computed once per table (the arithmetic
// rules, blank-cell and prose-mismatch read the same result).

import { findCulprits, type CulpritResult } from './culprit';
import { evaluate, instantiate, type IdentityInstance, type IdentityStatus } from './identities';
import type { GridTable, ReportModel } from './model';

export interface TableAnalysis {
  table: GridTable;
  instances: IdentityInstance[];
  /** Each instance's `evaluate`, in the order of `instances`. */
  statuses: IdentityStatus[];
  culprits: CulpritResult;
}

const analyses = new WeakMap<GridTable, TableAnalysis>();

/** The table's analysis, computed on the first call for this table object. */
export function analyse(table: GridTable): TableAnalysis {
  let a = analyses.get(table);
  if (!a) {
    const instances = instantiate(table);
    const statuses = instances.map(evaluate);
    a = { table, instances, statuses, culprits: findCulprits(instances, statuses) };
    analyses.set(table, a);
  }
  return a;
}

/** The model's grid tables present: 三, then 四. */
export function gridTables(ctx: { model: ReportModel }): GridTable[] {
  return [ctx.model.applications, ctx.model.appeals].filter((x): x is GridTable => !!x);
}
