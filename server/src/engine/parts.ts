// The part headings aligned to the template's six parts by an order-preserving
// alignment (edit distance over headings × parts): the structure rule's and the
// outline's one reading of which heading is which part.

import { PARTS } from './declarations';
import { PART_INDEX } from './headings';
import type { PartHeading } from './model';
import { labelKey } from './normalize';

const SKIP = 0.75;

const sims = new WeakMap<PartHeading, Float64Array>();
/** The heading's title's similarity to each part's (PART_INDEX's scores: read, never written). */
export function partScores(h: PartHeading): Float64Array {
  let v = sims.get(h);
  if (!v) sims.set(h, (v = PART_INDEX.scoresOf(labelKey(h.title))));
  return v;
}

/** Alignment of headings to parts: for each heading, the part it stands for, or −1. */
export function alignParts(headings: PartHeading[]): { assigned: number[]; missing: number[] } {
  const n = headings.length;
  const m = PARTS.length;
  const scores = headings.map(partScores);
  // (n + 1) × (m + 1) tables, row by row in one typed array each: cell (i, j) at i × w + j.
  const w = m + 1;
  const cost = new Float64Array((n + 1) * w);
  const move = new Uint8Array((n + 1) * w);
  for (let i = 1; i <= n; i++) (cost[i * w] = i * SKIP), (move[i * w] = 1);
  for (let j = 1; j <= m; j++) (cost[j] = j * SKIP), (move[j] = 2);
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      // The cheapest of match (0), skip the heading (1), skip the part (2); the first on a tie.
      let best = cost[(i - 1) * w + j - 1] + (1 - scores[i - 1][j - 1]);
      let k = 0;
      const skipHeading = cost[(i - 1) * w + j] + SKIP;
      if (skipHeading < best) {
        best = skipHeading;
        k = 1;
      }
      const skipPart = cost[i * w + j - 1] + SKIP;
      if (skipPart < best) {
        best = skipPart;
        k = 2;
      }
      cost[i * w + j] = best;
      move[i * w + j] = k;
    }
  const assigned = new Array(n).fill(-1);
  const missing: number[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const k = move[i * w + j];
    if (i > 0 && j > 0 && k === 0) {
      assigned[i - 1] = j - 1;
      i--;
      j--;
    } else if (i > 0 && (j === 0 || k === 1)) i--;
    else {
      missing.unshift(j - 1);
      j--;
    }
  }
  return { assigned, missing };
}
