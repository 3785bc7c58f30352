// The culprit search: the smallest sets of cells whose change (to whole,
// non-negative numbers) makes every assessable identity of a table hold.
//
// A single wrong cell of a complete table 三 breaks its row's row-total and its
// column's carry-over or results-total, and no other cell sits in both, so it is
// always found alone. Larger sets are searched up to MAX_SIZE cells.

import { cellAt, evaluate, refKey, terms, type CellRef, type IdentityInstance, type IdentityStatus } from './identities';

export interface Repair {
  cells: { ref: CellRef; from: number; to: number }[];
}

/**
 * What the repair says about how the break came about (`patternOf`):
 * - `wrong-column`: two cells of one row off by −amount and +amount, the row's total holding —
 *   applications counted under column `from` that belong under `to` (when the row is not known,
 *   every repair listed is such a pair of the same columns);
 * - `swapped-digits`: one cell whose value has the expected value's digits in another order (36 for 63);
 * - `stale-row` / `stale-column`: every cell of the repair in one row (column), each off by the same amount.
 */
export type CulpritPattern =
  | { kind: 'wrong-column'; row?: string; from: number; to: number; amount: number }
  | { kind: 'swapped-digits'; ref: CellRef; from: number; to: number }
  | { kind: 'stale-row'; row: string; amount: number }
  | { kind: 'stale-column'; column: number; amount: number };

export interface CulpritResult {
  /** Every minimal repair found (all of the same size), at most MAX_LISTED. */
  repairs: Repair[];
  /** True when exactly one minimal repair exists. */
  unique: boolean;
  /** The identities that are broken. */
  broken: IdentityInstance[];
  /** The pattern the repairs show, or null. */
  pattern: CulpritPattern | null;
}

const MAX_SIZE = 3;
const MAX_LISTED = 6;
/** Beyond this many candidate cells, sets of three are not tried (the search stays fast). */
const MAX_CANDIDATES_FOR_TRIPLES = 90;

/** `statuses`: each instance's `evaluate`, when the caller has them. */
export function findCulprits(instances: IdentityInstance[], statuses: IdentityStatus[] = instances.map(evaluate)): CulpritResult {
  const broken = instances.filter((_, n) => statuses[n].kind === 'broken');
  if (broken.length === 0) return { repairs: [], unique: false, broken, pattern: null };
  const assessable = instances.filter((_, n) => statuses[n].kind !== 'unassessable');

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

  const repairs: Repair[] = [];
  let total = 0;
  const maxSize = candidates.length > MAX_CANDIDATES_FOR_TRIPLES ? 2 : MAX_SIZE;
  const system = new Systems(assessable, candidates);
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
      const solved = system.solve(idx);
      if (!solved) return;
      total++;
      if (repairs.length < MAX_LISTED) repairs.push(solved);
    });
  }
  return { repairs, unique: total === 1, broken, pattern: patternOf(repairs, total === 1) };
}

/** The pattern the minimal repairs show (see `CulpritPattern`), read from the repairs alone. */
export function patternOf(repairs: Repair[], unique: boolean): CulpritPattern | null {
  if (repairs.length === 0) return null;
  const delta = (c: Repair['cells'][number]) => c.to - c.from;
  // A pair in one row, −d and +d: the row's total (not in the repair) still holds.
  const pairs = repairs.map((r) => {
    const [a, b] = r.cells;
    if (r.cells.length !== 2 || a.ref.row !== b.ref.row || delta(a) !== -delta(b)) return null;
    const [from, to] = delta(a) < 0 ? [a, b] : [b, a];
    return { row: a.ref.row, from: from.ref.column, to: to.ref.column, amount: delta(to) };
  });
  const first = pairs[0];
  if (first && pairs.every((p) => p && p.from === first.from && p.to === first.to && p.amount === first.amount))
    return { kind: 'wrong-column', ...(unique ? { row: first.row } : {}), from: first.from, to: first.to, amount: first.amount };
  if (!unique) return null;
  const cells = repairs[0].cells;
  if (cells.length === 1) {
    const [c] = cells;
    const digits = (v: number) => [...String(v)].sort().join('');
    if (c.from >= 10 && c.from !== c.to && digits(c.from) === digits(c.to)) return { kind: 'swapped-digits', ref: c.ref, from: c.from, to: c.to };
    return null;
  }
  const d = delta(cells[0]);
  if (!cells.every((c) => delta(c) === d)) return null;
  if (cells.every((c) => c.ref.row === cells[0].ref.row)) return { kind: 'stale-row', row: cells[0].ref.row, amount: Math.abs(d) };
  if (cells.every((c) => c.ref.column === cells[0].ref.column)) return { kind: 'stale-column', column: cells[0].ref.column, amount: Math.abs(d) };
  return null;
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
 * The identities as linear equations over the candidate cells, read once: each
 * instance's residual (Σ sign × value, summed in term order) and its coefficient for
 * each candidate. Instances and candidates are numbered (their index in the lists
 * given), so that solving the many sets tried builds no keys and looks nothing up.
 */
class Systems {
  /** residual[q]: the residual of instance q. */
  private readonly residual: Float64Array;
  /** coefficient[q × candidates + c]: the coefficient of candidate c in instance q (its signs summed). */
  private readonly coefficient: Float64Array;
  /** memberOf[c]: the instances candidate c takes part in, in order. */
  private readonly memberOf: number[][];
  /** The stamp of the last `solve` that took instance q (`seen[q]`). */
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    instances: IdentityInstance[],
    private readonly candidates: { ref: CellRef; value: number }[],
  ) {
    const n = candidates.length;
    // Candidates by row key, then column (no key string built per term).
    const candidateOf = new Map<string, Map<number, number>>();
    for (let k = 0; k < n; k++) {
      const { row, column } = candidates[k].ref;
      let byColumn = candidateOf.get(row);
      if (!byColumn) candidateOf.set(row, (byColumn = new Map()));
      byColumn.set(column, k);
    }
    this.residual = new Float64Array(instances.length);
    this.coefficient = new Float64Array(instances.length * n);
    this.memberOf = candidates.map(() => []);
    this.seen = new Int32Array(instances.length);
    instances.forEach((inst, q) => {
      let residual = 0;
      // The terms in order (`terms`), without building them: left-hand side (+1), then right (−1).
      const term = (ref: CellRef, sign: 1 | -1): void => {
        const c = candidateOf.get(ref.row)?.get(ref.column);
        if (c !== undefined) {
          this.coefficient[q * n + c] += sign;
          const members = this.memberOf[c];
          if (members[members.length - 1] !== q) members.push(q);
        }
        residual += sign * (cellAt(inst.table, ref)?.value.value ?? 0);
      };
      for (const ref of inst.lhs) term(ref, 1);
      for (const ref of inst.rhs) term(ref, -1);
      this.residual[q] = residual;
    });
  }

  /**
   * Solves for the changes of the candidates `set` (indices) that make every identity
   * they take part in hold. Returns null unless the solution is unique, whole,
   * non-negative and changes every cell.
   */
  solve(set: readonly number[]): Repair | null {
    const n = this.candidates.length;
    const stamp = ++this.stamp;
    // Rows: Σ coefficient·delta = −residual, one for each instance the set takes part
    // in, in the order the set's cells first name them.
    const rows: number[][] = [];
    for (const c of set)
      for (const q of this.memberOf[c]) {
        if (this.seen[q] === stamp) continue;
        this.seen[q] = stamp;
        const row = new Array<number>(set.length + 1);
        for (let at = 0; at < set.length; at++) row[at] = this.coefficient[q * n + set[at]];
        row[set.length] = -this.residual[q];
        rows.push(row);
      }
    const deltas = gauss(rows, set.length);
    if (!deltas) return null;
    const cells: Repair['cells'] = [];
    for (let i = 0; i < set.length; i++) {
      const { ref, value } = this.candidates[set[i]];
      const d = deltas[i];
      const to = value + d;
      if (Math.abs(d) < 1e-9) return null; // not minimal
      if (Math.abs(to - Math.round(to)) > 1e-9 || to < -1e-9) return null;
      cells.push({ ref, from: value, to: Math.round(to) });
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
