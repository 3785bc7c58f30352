// The summary as one self-contained HTML page: the sheets as tables (sorted by a click on a
// header, filtered by a text box), and charts drawn here as inline SVG. No network: the CSS
// and the script are inline, nothing is fetched.

import { APPLICATIONS, formatPercent, t, type Locale } from '../../engine';
import type { Sheet, SheetValue, SummaryData } from './data';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cellHtml(v: SheetValue, format: Sheet['columns'][number]['format']): string {
  if (v === null) return '<td></td>';
  if (typeof v === 'number') {
    const shown = format === 'percent' ? formatPercent(v) : String(v);
    return `<td class="n" data-v="${v}">${escapeHtml(shown)}</td>`;
  }
  return `<td>${escapeHtml(v)}</td>`;
}

function tableHtml(sheet: Sheet, locale: Locale): string {
  const head = sheet.columns.map((c, i) => `<th data-col="${i}" title="${escapeHtml(t(locale, 'summary.html.sort'))}">${escapeHtml(c.header)}</th>`).join('');
  const body = sheet.rows
    .map((row, i) => {
      const tone = sheet.tones?.[i];
      return `<tr${tone ? ` class="${tone}"` : ''}>${row.map((v, j) => cellHtml(v, sheet.columns[j].format)).join('')}</tr>`;
    })
    .join('\n');
  return `<section class="sheet" id="sheet-${sheet.id}">
<h2>${escapeHtml(sheet.name)} <span class="count" data-total="${sheet.rows.length}">${sheet.rows.length}</span></h2>
<input type="search" class="filter" placeholder="${escapeHtml(t(locale, 'summary.html.filter'))}" aria-label="${escapeHtml(t(locale, 'summary.html.filter'))}">
<div class="scroll"><table><thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>
</section>`;
}

const COLORS = { error: '#c0392b', warning: '#d68910', received: '#2e86c1', handled: '#e67e22', bar: '#5d6d7e' };

/** A horizontal bar chart: one bar per label, errors and the rest stacked. */
function barChart(id: string, title: string, items: { label: string; errors: number; others: number }[], locale: Locale): string {
  const rowH = 20;
  const labelW = Math.min(260, 40 + Math.max(4, ...items.map((x) => x.label.length)) * 13);
  const barW = 420;
  const max = Math.max(1, ...items.map((x) => x.errors + x.others));
  const height = 30 + items.length * rowH + 10;
  const width = labelW + barW + 60;
  const bars = items
    .map((x, i) => {
      const y = 30 + i * rowH;
      const we = (x.errors / max) * barW;
      const wo = (x.others / max) * barW;
      const tip = escapeHtml(`${x.label}: ${t(locale, 'summary.findingCounts', { errors: x.errors, others: x.others })}`);
      return `<g><title>${tip}</title><text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(x.label)}</text>` +
        `<rect class="bar-error" x="${labelW}" y="${y + 3}" width="${we.toFixed(1)}" height="${rowH - 6}" fill="${COLORS.error}"/>` +
        `<rect class="bar-other" x="${(labelW + we).toFixed(1)}" y="${y + 3}" width="${wo.toFixed(1)}" height="${rowH - 6}" fill="${COLORS.warning}"/>` +
        `<text x="${(labelW + we + wo + 4).toFixed(1)}" y="${y + 14}">${x.errors + x.others}</text></g>`;
    })
    .join('');
  const legend = `<g class="legend"><rect x="${labelW}" y="6" width="12" height="12" fill="${COLORS.error}"/><text x="${labelW + 16}" y="16">${escapeHtml(t(locale, 'summary.col.errors'))}</text>` +
    `<rect x="${labelW + 90}" y="6" width="12" height="12" fill="${COLORS.warning}"/><text x="${labelW + 106}" y="16">${escapeHtml(t(locale, 'summary.chart.others'))}</text></g>`;
  return `<figure class="chart" id="${id}"><figcaption>${escapeHtml(title)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${legend}${bars}</svg></figure>`;
}

/** One small chart per body: received and handled (table 三's declared figures) over the years. */
function yearCharts(data: SummaryData): string {
  const { locale } = data;
  const name = (key: string) => {
    const f = APPLICATIONS.figures.find((x) => x.key === key)!;
    return locale === 'en' ? f.en : f.zh;
  };
  const byBody = new Map<string, Map<number, { received: number | null; handled: number | null }>>();
  for (const r of data.reports) {
    if (r.skipped || r.year === null) continue;
    const body = r.body ?? t(locale, 'summary.unknownBody');
    const years = byBody.get(body) ?? new Map();
    years.set(r.year, { received: r.figures.received ?? null, handled: r.figures.handled ?? null });
    byBody.set(body, years);
  }
  const W = 220;
  const H = 120;
  const pad = { l: 34, r: 18, t: 8, b: 20 };
  const charts = [...byBody]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([body, years]) => {
      const ys = [...years.keys()].sort((a, b) => a - b);
      const lo = ys[0];
      const hi = ys[ys.length - 1];
      const values = ys.flatMap((y) => [years.get(y)!.received, years.get(y)!.handled]).filter((v): v is number => v !== null);
      const max = Math.max(1, ...values);
      const x = (y: number) => pad.l + (hi === lo ? (W - pad.l - pad.r) / 2 : ((y - lo) / (hi - lo)) * (W - pad.l - pad.r));
      const yPos = (v: number) => pad.t + (1 - v / max) * (H - pad.t - pad.b);
      const series = (key: 'received' | 'handled') => {
        const pts = ys.filter((y) => years.get(y)![key] !== null).map((y) => [x(y), yPos(years.get(y)![key]!), y, years.get(y)![key]!] as const);
        const line = pts.length > 1 ? `<polyline class="line-${key}" fill="none" stroke="${COLORS[key]}" stroke-width="2" points="${pts.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ')}"/>` : '';
        const dots = pts.map((p) => `<circle class="dot-${key}" cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="3" fill="${COLORS[key]}"><title>${escapeHtml(`${body} ${p[2]} ${name(key)}: ${p[3]}`)}</title></circle>`).join('');
        return line + dots;
      };
      const axis = ys.map((y) => `<text x="${x(y).toFixed(1)}" y="${H - 5}" text-anchor="middle">${y}</text>`).join('');
      return `<figure class="mini"><figcaption>${escapeHtml(body)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(body)}">` +
        `<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#999"/><text x="${pad.l - 4}" y="${pad.t + 8}" text-anchor="end">${max}</text><text x="${pad.l - 4}" y="${H - pad.b}" text-anchor="end">0</text>` +
        `${axis}${series('received')}${series('handled')}</svg></figure>`;
    })
    .join('\n');
  const title = t(locale, 'summary.chart.receivedHandled', { received: name('received'), handled: name('handled') });
  const legend = `<p class="legend"><span style="color:${COLORS.received}">●</span> ${escapeHtml(name('received'))} <span style="color:${COLORS.handled}">●</span> ${escapeHtml(name('handled'))}</p>`;
  return `<section class="chart" id="chart-years"><h2>${escapeHtml(title)}</h2>${legend}<div class="minis">${charts}</div></section>`;
}

const CSS = `
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:16px 24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin:20px 0 6px}
.count{font-weight:normal;color:#777;font-size:13px}
.scroll{max-height:480px;overflow:auto;border:1px solid #ddd}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #e3e3e3;padding:2px 6px;white-space:nowrap;text-align:left}
th{position:sticky;top:0;background:#f4f6f7;cursor:pointer;user-select:none}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.error td{background:#fdecea}tr.warning td{background:#fff6dc}tr.skipped td{background:#eee;color:#666}
.filter{margin:4px 0;padding:3px 6px;width:280px}
figure{margin:8px 0}figcaption{font-weight:bold;margin-bottom:4px}
svg text{font-size:11px;fill:#333}
.minis{display:flex;flex-wrap:wrap;gap:8px}.mini{border:1px solid #eee;padding:4px;margin:0}.mini figcaption{font-size:12px}
.legend{font-size:12px}
`;

/** Sorting by a header (numbers by value, a second click reverses) and filtering by text, per table. */
const SCRIPT = `
document.querySelectorAll('section.sheet').forEach(function (sec) {
  var tbody = sec.querySelector('tbody'), count = sec.querySelector('.count'), total = count.getAttribute('data-total');
  sec.querySelectorAll('th').forEach(function (th) {
    th.addEventListener('click', function () {
      var col = +th.getAttribute('data-col'), asc = !th.classList.contains('asc');
      sec.querySelectorAll('th').forEach(function (h) { h.classList.remove('asc', 'desc'); });
      th.classList.add(asc ? 'asc' : 'desc');
      var key = function (tr) { var td = tr.children[col]; var v = td.getAttribute('data-v'); return v === null ? td.textContent : +v; };
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === '' && y !== '') return 1; if (y === '' && x !== '') return -1;
        var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
        return asc ? c : -c;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
  sec.querySelector('.filter').addEventListener('input', function (e) {
    var q = e.target.value.trim().toLowerCase(), shown = 0;
    Array.prototype.forEach.call(tbody.rows, function (tr) {
      var ok = !q || tr.textContent.toLowerCase().indexOf(q) >= 0;
      tr.hidden = !ok; if (ok) shown++;
    });
    count.textContent = q ? shown + ' / ' + total : total;
  });
});
`;

export function writeHtml(data: SummaryData, sheets: Sheet[]): string {
  const { locale } = data;
  const byRule = [...new Set(data.findings.map((f) => f.code))]
    .map((rule) => {
      const of = data.findings.filter((f) => f.code === rule);
      const errors = of.filter((f) => f.severity === 'error').length;
      return { label: rule, errors, others: of.length - errors };
    })
    .sort((a, b) => b.errors + b.others - (a.errors + a.others));
  const bodies = new Map<string, { errors: number; others: number }>();
  for (const f of data.findings) {
    const body = f.body ?? t(locale, 'summary.unknownBody');
    const b = bodies.get(body) ?? { errors: 0, others: 0 };
    if (f.severity === 'error') b.errors++;
    else b.others++;
    bodies.set(body, b);
  }
  const byBody = [...bodies].map(([label, c]) => ({ label, ...c })).sort((a, b) => b.errors + b.others - (a.errors + a.others) || (a.label < b.label ? -1 : 1));
  const checked = data.reports.filter((r) => !r.skipped);
  const title = t(locale, 'summary.html.title');
  const stats = t(locale, 'summary.stats', {
    reports: checked.length,
    failing: checked.filter((r) => r.errors > 0).length,
    errors: checked.reduce((s, r) => s + r.errors, 0),
    warnings: checked.reduce((s, r) => s + r.warnings, 0),
  });
  return `<!DOCTYPE html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="stats">${escapeHtml(stats)}</p>
${barChart('chart-rules', t(locale, 'summary.chart.byRule'), byRule, locale)}
${barChart('chart-bodies', t(locale, 'summary.chart.byBody'), byBody, locale)}
${yearCharts(data)}
${sheets.map((s) => tableHtml(s, locale)).join('\n')}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
