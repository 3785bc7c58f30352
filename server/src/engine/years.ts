// Reports across years: who reported (the body) and for which year, the compact
// facts a later report is checked against, and the figures of the trends view.
// Facts carry positions (line/character) so that they outlive the text they came from.

import { simplifyDocument } from './chinese';
import { summarize } from './summary';
import { LineIndex } from './text';
import type { GridTable, Located, ReportIdentity, ReportModel, YearFacts } from './model';

const TITLE = /^[ \t\u3000]*(?:关于)?([^\s，。,;；:：|]{2,40}?)[ \t\u3000]*((?:19|20)\d{2})[ \t\u3000]*年度?[ \t\u3000]*(?:政府信息公开|政务公开|政府信息与政务公开)(?:工作)?(?:年度)?报告/m;

export function bodyKey(body: string): string {
  return simplifyDocument(body).replace(/[\s\u3000]+/g, '').replace(/人民政府$|政府$/, '');
}

/** The body and year from the title in the first lines, else from the file name. */
export function identifyReport(text: string, fileName?: string, fallbackYear: number | null = null): ReportIdentity {
  // The first 15 lines of the first 2000 characters.
  const first = simplifyDocument(text.slice(0, 2000));
  let end = first.indexOf('\n'); // the end of line 1, then of line n
  for (let n = 1; n < 15 && end !== -1; n++) end = first.indexOf('\n', end + 1);
  const head = end === -1 ? first : first.slice(0, end);
  for (const source of [head, fileName ? simplifyDocument(fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')) : '']) {
    const m = TITLE.exec(source);
    if (m) {
      const body = m[1].replace(/^[\d_\-\s]+/, '');
      if (body.length >= 2) return { body, bodyKey: bodyKey(body), year: Number(m[2]) };
    }
  }
  return { body: null, bodyKey: null, year: fallbackYear };
}


function locatedRow(table: GridTable | null, row: string, idx: LineIndex): Located[] | null {
  const r = table?.rows.get(row);
  if (!r) return null;
  return r.cells.map((c) => ({ value: c.value.value, range: c.source ? idx.range(c.source.start, c.source.end) : null }));
}

function cell(table: GridTable | null, row: string, column: string, idx: LineIndex): Located {
  const col = table ? table.decl.columns.findIndex((c) => c.key === column) : -1;
  const c = table?.rows.get(row)?.cells[col];
  return { value: c?.value.value ?? null, range: c?.source ? idx.range(c.source.start, c.source.end) : null };
}

const none: Located = { value: null, range: null };

export function yearFacts(model: ReportModel, location: string, identity: ReportIdentity): YearFacts {
  const idx = new LineIndex(model.text);
  const a = model.applications;
  const p = model.appeals;
  const inForce: YearFacts['inForce'] = {};
  if (model.disclosure?.template === '2021') {
    for (const row of model.disclosure.rows.filter((r) => r.item === '一')) {
      const get = (k: string): Located => {
        const c = row.cells.find((x) => x.column === k)?.cell;
        return { value: c?.value.value ?? null, range: c?.source ? idx.range(c.source.start, c.source.end) : null };
      };
      inForce[row.key] = { inForce: get('inForce'), issued: get('issued'), repealed: get('repealed') };
    }
  }
  const rate = a ? summarize(a, 'zh-cn').rates.find((r) => r.formula.includes('（一）')) : undefined;
  const sum = (xs: Located[]): Located => ({ value: xs.some((x) => x.value === null) ? null : xs.reduce((s, x) => s + (x.value as number), 0), range: xs[0]?.range ?? null });
  return {
    location,
    body: identity.body,
    bodyKey: identity.bodyKey,
    year: identity.year ?? model.year,
    template: model.template,
    carried: locatedRow(a, 'carried', idx),
    forward: locatedRow(a, 'forward', idx),
    inForce,
    figures: {
      received: a ? cell(a, 'new', 'total', idx) : none,
      carried: a ? cell(a, 'carried', 'total', idx) : none,
      handled: a ? cell(a, 'total', 'total', idx) : none,
      disclosureRate: { value: rate ? rate.value : null, range: a ? cell(a, 'granted', 'total', idx).range : null },
      reviews: p ? cell(p, 'review', 'total', idx) : none,
      reviewCorrected: p ? cell(p, 'review', 'corrected', idx) : none,
      lawsuits: p ? sum([cell(p, 'litigationDirect', 'total', idx), cell(p, 'litigationAfterReview', 'total', idx)]) : none,
      lawsuitCorrected: p ? sum([cell(p, 'litigationDirect', 'corrected', idx), cell(p, 'litigationAfterReview', 'corrected', idx)]) : none,
    },
  };
}

/** Facts of many reports, looked up by body and year (the CLI's files, the server's workspace). */
export class YearRegistry {
  private byKey = new Map<string, YearFacts[]>();
  private byLocation = new Map<string, YearFacts>();

  add(f: YearFacts): void {
    this.remove(f.location);
    this.byLocation.set(f.location, f);
    if (!f.bodyKey || f.year === null) return;
    const k = `${f.bodyKey}|${f.year}`;
    const list = this.byKey.get(k) ?? [];
    list.push(f);
    this.byKey.set(k, list);
  }

  remove(location: string): void {
    const old = this.byLocation.get(location);
    if (!old) return;
    this.byLocation.delete(location);
    if (!old.bodyKey || old.year === null) return;
    const k = `${old.bodyKey}|${old.year}`;
    const list = (this.byKey.get(k) ?? []).filter((x) => x.location !== location);
    if (list.length) this.byKey.set(k, list);
    else this.byKey.delete(k);
  }

  get(location: string): YearFacts | undefined {
    return this.byLocation.get(location);
  }

  /** The report of `bodyKey` for `year`; with several, the first by location (deterministic). */
  lookup = (bodyKey: string, year: number): YearFacts | null => {
    const list = this.byKey.get(`${bodyKey}|${year}`);
    if (!list || list.length === 0) return null;
    return [...list].sort((a, b) => (a.location < b.location ? -1 : 1))[0];
  };

  /** Every report of one body, by year. */
  ofBody(bodyKey: string): YearFacts[] {
    return [...this.byLocation.values()].filter((f) => f.bodyKey === bodyKey).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  }

  get size(): number {
    return this.byLocation.size;
  }

  all(): YearFacts[] {
    return [...this.byLocation.values()];
  }
}
