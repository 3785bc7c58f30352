// The trends view of one body over the years: one row per year and an SVG chart of
// applications received against handled. Pure: data in, data and markup out.

import { formatPercent } from './format';
import type { Locale } from './i18n';
import type { Located, YearFacts } from './model';
import { YEAR_FIGURES, yearFigureDecl, type YearFigure } from './templates';

export interface TrendCell {
  value: number | null;
  /** Where the figure stands, for links back to the cell. */
  location: string;
  range: Located['range'];
}

export type TrendKey = YearFigure;

/** One year of one body: a cell per declared year figure (templates.ts, `YEAR_FIGURES`). */
export type TrendRow = { year: number; location: string } & Record<TrendKey, TrendCell>;

export const TREND_COLUMNS: { key: TrendKey; rate?: boolean }[] = YEAR_FIGURES.map((f) => ('rate' in f ? { key: f.key, rate: true } : { key: f.key }));

/** A trend column's name: the declared figure's or rate's, as the hover's summary names it. */
export function trendLabel(key: TrendKey, locale: Locale): string {
  const decl = yearFigureDecl(key);
  return locale === 'en' ? decl.en : decl.zh;
}

export function trendRows(facts: YearFacts[]): TrendRow[] {
  const rows: TrendRow[] = [];
  const byYear = new Map<number, YearFacts>();
  for (const f of facts) if (f.year !== null && !byYear.has(f.year)) byYear.set(f.year, f);
  for (const [year, f] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const row = { year, location: f.location } as TrendRow;
    for (const { key } of YEAR_FIGURES) row[key] = { value: f.figures[key].value, location: f.location, range: f.figures[key].range };
    rows.push(row);
  }
  return rows;
}

export function formatTrend(cell: TrendCell, rate = false): string {
  if (cell.value === null) return '—';
  return rate ? formatPercent(cell.value) : String(Math.round(cell.value * 100) / 100);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A line chart of received against handled, one point per year. */
export function trendSvg(rows: TrendRow[], locale: Locale): string {
  const W = 560;
  const H = 260;
  const pad = { l: 48, r: 16, t: 28, b: 36 };
  const series = [
    { key: 'received' as const, label: trendLabel('received', locale), color: '#1f77b4' },
    { key: 'handled' as const, label: trendLabel('handled', locale), color: '#d62728' },
  ];
  const values = rows.flatMap((r) => series.map((s) => r[s.key].value ?? 0));
  const max = Math.max(1, ...values);
  const x = (i: number) => pad.l + (rows.length <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (rows.length - 1));
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(series.map((s) => s.label).join(' / '))}">`,
    `<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="currentColor" stroke-opacity="0.5"/>`,
    `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="currentColor" stroke-opacity="0.5"/>`,
  ];
  for (const tick of [0, 0.5, 1]) {
    const v = Math.round(max * tick);
    parts.push(`<text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="currentColor">${v}</text>`);
  }
  rows.forEach((r, i) => parts.push(`<text x="${x(i)}" y="${H - pad.b + 16}" text-anchor="middle" font-size="11" fill="currentColor">${r.year}</text>`));
  series.forEach((s, k) => {
    const pts = rows.map((r, i) => (r[s.key].value === null ? null : `${x(i).toFixed(1)},${y(r[s.key].value!).toFixed(1)}`)).filter(Boolean);
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.join(' ')}"/>`);
    rows.forEach((r, i) => {
      const v = r[s.key].value;
      if (v === null) return;
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${s.color}"><title>${r.year} ${esc(s.label)}: ${v}</title></circle>`);
    });
    parts.push(`<rect x="${pad.l + 8 + k * 140}" y="8" width="12" height="12" fill="${s.color}"/>`);
    parts.push(`<text x="${pad.l + 26 + k * 140}" y="18" font-size="12" fill="currentColor">${esc(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
