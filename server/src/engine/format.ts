// How numbers are shown to the user, in one place.

/**
 * A ratio as a percentage with one decimal: 0.6667 → `66.7%`. Rounds the per-mille value,
 * so a half as written in decimal rounds up (3/2000 → `0.2%`), which rounding the
 * product `ratio × 100` (0.1499999… in binary) would not.
 */
export function formatPercent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

/** A ratio as a percentage with `decimals` decimals (rounded as `formatPercent` rounds): 0.5185 → 51.85. */
export function roundPercent(ratio: number, decimals: number): number {
  const scale = 10 ** (decimals + 2);
  return Math.round(ratio * scale) / 10 ** decimals;
}

/** A ratio as a percentage with `decimals` decimals: (0.5185, 2) → `51.85%`. */
export function percentAt(ratio: number, decimals: number): string {
  return `${roundPercent(ratio, decimals).toFixed(decimals)}%`;
}

/** `51.85` → its value and decimals. */
export function readPercent(s: string): { value: number; decimals: number } {
  const ascii = s.replace(/[０-９．]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const dot = ascii.indexOf('.');
  return { value: Number(ascii), decimals: dot < 0 ? 0 : ascii.length - dot - 1 };
}

/**
 * Whether a percentage printed with `decimals` decimals may stand for `ratio` (0–1): rounded
 * (within half a unit of its last decimal) or truncated (up to one unit below).
 */
export function percentAgrees(printed: number, decimals: number, ratio: number): boolean {
  const exact = ratio * 100;
  const unit = 10 ** -decimals;
  const eps = 1e-9;
  return Math.abs(exact - printed) <= unit / 2 + eps || (exact >= printed - eps && exact < printed + unit - eps);
}
