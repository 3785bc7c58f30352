// How numbers are shown to the user, in one place.

/**
 * A ratio as a percentage with one decimal: 0.6667 → `66.7%`. Rounds the per-mille value,
 * so a half as written in decimal rounds up (3/2000 → `0.2%`), which rounding the
 * product `ratio × 100` (0.1499999… in binary) would not.
 */
export function formatPercent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}
