// The culprit search: the smallest sets of cells whose change (to whole,
// non-negative numbers) makes every assessable identity of a table hold.
//
// A single wrong cell of a complete table 三 breaks its row's row-total and its
// column's carry-over or results-total, and no other cell sits in both, so it is
// always found alone. Larger sets are searched up to MAX_SIZE cells.

import { cellAt, evaluate, refKey, terms, type CellRef, type IdentityInstance } from './identities';

export interface Repair {
  cells: { ref: CellRef; from: number; to: number }[];
}

export interface CulpritResult {
  /** Every minimal repair found (all of the same size), at most MAX_LISTED. */
  repairs: Repair[];
  /** True when exactly one minimal repair exists. */
  unique: boolean;
  /** The identities that are broken. */
  broken: IdentityInstance[];
}

const MAX_SIZE = 3;
const MAX_LISTED = 6;
/** Beyond this many candidate cells, sets of three are not tried (the search stays fast). */
const MAX_CANDIDATES_FOR_TRIPLES = 90;

export function findCulprits(instances: IdentityInstance[]): CulpritResult {
  const assessable = instances.filter((i) => evaluate(i).kind !== 'unassessable');
  const broken = assessable.filter((i) => evaluate(i).kind === 'broken');
  if (broken.length === 0) return { repairs: [], unique: false, broken };

  // Candidates: numeric cells of the broken identities. Each carries the set of
  // broken identities it sits in, as a bit mask over `broken` (few identities break).
  const byKey = new Map<string, { ref: CellRef; mask: bigint; value: number }>();
  broken.forEach((inst, n) => {
    for (const t of terms(inst)) {
      const v = cellAt(inst.table, t.ref)?.value.value;
      if (v === null || v === undefined) continue;
      const k = refKey(t.ref);
      const e = byKey.get(k) ?? { ref: t.ref, mask: 0n, value: v };
      e.mask |= 1n << BigInt(n);
      byKey.set(k, e);
    }
  });
  const candidates = [...byKey.values()];
  const all = (1n << BigInt(broken.length)) - 1n;
  // The same masks as numbers when they fit in 31 bits (BigInt arithmetic is slow in the loop below).
  const small = broken.length <= 31;
  const masks = small ? candidates.map((c) => Number(c.mask)) : [];
  const allSmall = small ? Number(all) : 0;
  // No set of `size` cells can cover more than `size` × the most identities one cell breaks.
  const mostPerCell = Math.max(0, ...candidates.map((c) => bitCount(c.mask)));

  // Identities each candidate takes part in (assessable ones only).
  const memberOf = new Map<string, IdentityInstance[]>();
  for (const inst of assessable) {
    for (const t of terms(inst)) {
      const k = refKey(t.ref);
      if (!byKey.has(k)) continue;
      const list = memberOf.get(k) ?? [];
      list.push(inst);
      memberOf.set(k, list);
    }
  }

  const repairs: Repair[] = [];
  let total = 0;
  const maxSize = candidates.length > MAX_CANDIDATES_FOR_TRIPLES ? 2 : MAX_SIZE;
  const system = new Systems(assessable);
  for (let size = 1; size <= maxSize && total === 0; size++) {
    if (size * mostPerCell < broken.length) continue; // no set this small covers them all
    forEachSubset(candidates.length, size, (idx) => {
      if (small) {
        let mask = 0;
        for (const i of idx) mask |= masks[i];
        if (mask !== allSmall) return;
      } else {
        let mask = 0n;
        for (const i of idx) mask |= candidates[i].mask;
        if (mask !== all) return;
      }
      const set = idx.map((i) => candidates[i]);
      const solved = system.solve(set, memberOf);
      if (!solved) return;
      total++;
      if (repairs.length < MAX_LISTED) repairs.push(solved);
    });
  }
  return { repairs, unique: total === 1, broken };
}

function forEachSubset(n: number, k: number, visit: (idx: number[]) => void): void {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    visit(idx);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

function bitCount(mask: bigint): number {
  let n = 0;
  for (let m = mask; m > 0n; m >>= 1n) if (m & 1n) n++;
  return n;
}

/**
 * The identities as linear equations, read once: each instance's residual (Σ sign ×
 * value, summed in term order as before) and its coefficient for each cell.
 */
class Systems {
  private readonly residual = new Map<IdentityInstance, number>();
  private readonly coefficients = new Map<IdentityInstance, Map<string, number>>();

  constructor(instances: IdentityInstance[]) {
    for (const inst of instances) {
      let residual = 0;
      const coef = new Map<string, number>();
      for (const t of terms(inst)) {
        const k = refKey(t.ref);
        coef.set(k, (coef.get(k) ?? 0) + t.sign);
        residual += t.sign * (cellAt(inst.table, t.ref)?.value.value ?? 0);
      }
      this.residual.set(inst, residual);
      this.coefficients.set(inst, coef);
    }
  }

  /**
   * Solves for the changes of `set` that make every identity they take part in hold.
   * Returns null unless the solution is unique, whole, non-negative and changes every cell.
   */
  solve(set: { ref: CellRef; value: number }[], memberOf: Map<string, IdentityInstance[]>): Repair | null {
    const keys = set.map((s) => refKey(s.ref));
    const insts = new Set<IdentityInstance>();
    for (const k of keys) for (const i of memberOf.get(k) ?? []) insts.add(i);
    // Rows: Σ coefficient·delta = −residual.
    const rows: number[][] = [];
    for (const inst of insts) {
      const coef = new Array(set.length + 1).fill(0);
      const of = this.coefficients.get(inst)!;
      keys.forEach((k, at) => (coef[at] = of.get(k) ?? 0));
      coef[set.length] = -this.residual.get(inst)!;
      rows.push(coef);
    }
    const deltas = gauss(rows, set.length);
    if (!deltas) return null;
    const cells: Repair['cells'] = [];
    for (let i = 0; i < set.length; i++) {
      const d = deltas[i];
      const to = set[i].value + d;
      if (Math.abs(d) < 1e-9) return null; // not minimal
      if (Math.abs(to - Math.round(to)) > 1e-9 || to < -1e-9) return null;
      cells.push({ ref: set[i].ref, from: set[i].value, to: Math.round(to) });
    }
    return { cells };
  }
}

/** Gaussian elimination, in place (the caller's rows are its own); the unique solution, or null when none or many. */
function gauss(m: number[][], n: number): number[] | null {
  const a = m;
  let row = 0;
  const pivots: number[] = [];
  for (let col = 0; col < n; col++) {
    let p = -1;
    for (let r = row; r < a.length; r++) if (Math.abs(a[r][col]) > 1e-12) { p = r; break; }
    if (p < 0) return null; // a free variable: many solutions
    [a[row], a[p]] = [a[p], a[row]];
    const pv = a[row][col];
    for (let c = col; c <= n; c++) a[row][c] /= pv;
    for (let r = 0; r < a.length; r++) {
      if (r === row || Math.abs(a[r][col]) < 1e-12) continue;
      const f = a[r][col];
      for (let c = col; c <= n; c++) a[r][c] -= f * a[row][c];
    }
    pivots.push(col);
    row++;
  }
  for (let r = row; r < a.length; r++) if (Math.abs(a[r][n]) > 1e-9) return null; // inconsistent
  return pivots.map((_, i) => a[i][n]);
}
