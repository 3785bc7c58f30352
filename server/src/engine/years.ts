// Reports across years: the compact facts a later report is checked against (who
// reported and for which year: title.ts), and the figures of the trends view.
// Facts carry positions (line/character) so that they outlive the text they came from.

import { TEMPLATES, templateById, YEAR_FIGURES, yearFigureDecl } from './templates';
import { LineIndex } from './text';
import { partSentenceHashes } from './partText';
import { bodyKey } from './title';
import type { GridFacts, GridTable, Located, ReportIdentity, ReportModel, YearFacts } from './model';

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

/** Tables 三 and 四 cell by cell, for the aggregate report a report is a part of (aggregate.ts). */
export function gridFacts(model: ReportModel, idx: LineIndex = new LineIndex(model.text)): GridFacts {
  const of = (table: GridTable | null): Record<string, Located[]> => {
    const out: Record<string, Located[]> = {};
    for (const [key, row] of table?.rows ?? []) out[key] = row.cells.map((c) => ({ value: c.source ? c.value.value : null, range: c.source ? idx.range(c.source.start, c.source.end) : null }));
    return out;
  };
  return { applications: of(model.applications), appeals: of(model.appeals) };
}

export function yearFacts(model: ReportModel, location: string, identity: ReportIdentity): YearFacts {
  const idx = new LineIndex(model.text);
  const a = model.applications;
  const p = model.appeals;
  const inForce: YearFacts['inForce'] = {};
  // The stock chains of the template of table 二 (2021: 现行有效件数 = last year's + 制发 − 废止).
  for (const chain of templateById(model.disclosure?.template)?.stock ?? []) {
    for (const row of model.disclosure!.rows.filter((r) => r.item === chain.item)) {
      const get = (k: string): Located => {
        const c = row.cells.find((x) => x.column === k)?.cell;
        return { value: c?.value.value ?? null, range: c?.source ? idx.range(c.source.start, c.source.end) : null };
      };
      inForce[row.key] = { inForce: get(chain.stock), issued: get(chain.added), repealed: get(chain.removed) };
    }
  }
  // The carry chain (上年结转 ← last year's 结转下年度), as the cross-year rule reads it.
  const carry = (templateById(model.template) ?? TEMPLATES[0]).carry[0];
  const sum = (xs: Located[]): Located => ({ value: xs.some((x) => x.value === null) ? null : xs.reduce((s, x) => s + (x.value as number), 0), range: xs[0]?.range ?? null });
  const figures = {} as YearFacts['figures'];
  for (const { key } of YEAR_FIGURES) {
    const decl = yearFigureDecl(key);
    const table = decl.table === 'applications' ? a : p;
    const located = (cells: string[]): Located => (table ? sum(cells.map((c) => cell(table, c.split(':')[0], c.split(':')[1], idx))) : none);
    const num = located(decl.cells);
    const den = decl.denominator && located(decl.denominator);
    // A rate over 0 (or an unknown operand) says nothing.
    figures[key] = den ? { value: num.value !== null && den.value ? num.value / den.value : null, range: num.range } : num;
  }
  return {
    location,
    body: identity.body,
    bodyKey: identity.bodyKey,
    year: identity.year ?? model.year,
    template: model.template,
    carried: locatedRow(a, carry.row, idx),
    forward: locatedRow(a, carry.from, idx),
    inForce,
    figures,
    // Only reports of a template have the six parts.
    partSentences: templateById(model.template) ? partSentenceHashes(model) : [],
    grid: gridFacts(model, idx),
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

/**
 * Other spellings of bodies' names, as configured (`.nianbao.jsonc`'s `aliases`): a body's
 * name → its other names. Names written under one entry, or sharing a spelling with
 * another entry, are one body.
 */
export type BodyAliases = Readonly<Record<string, readonly string[]>>;

const groupsMemo = new WeakMap<BodyAliases, Map<string, string[]>>();

/** Every body key of `aliases` → the keys of all spellings of its body (itself first). */
export function aliasGroups(aliases: BodyAliases): Map<string, string[]> {
  let groups = groupsMemo.get(aliases);
  if (groups) return groups;
  // Union-find over the keys: an entry joins its name and its spellings.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const add = (k: string) => {
    if (!parent.has(k)) parent.set(k, k);
  };
  for (const [name, others] of Object.entries(aliases)) {
    const a = bodyKey(name);
    add(a);
    for (const other of others) {
      const b = bodyKey(other);
      add(b);
      parent.set(find(b), find(a));
    }
  }
  const members = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const r = find(k);
    members.set(r, [...(members.get(r) ?? []), k]);
  }
  groups = new Map();
  for (const keys of members.values()) for (const k of keys) groups.set(k, [k, ...keys.filter((x) => x !== k)]);
  groupsMemo.set(aliases, groups);
  return groups;
}

/** Is `a` the same body as `b`, under `aliases`? */
export function sameBody(a: string, b: string, aliases?: BodyAliases): boolean {
  return a === b || (!!aliases && (aliasGroups(aliases).get(a)?.includes(b) ?? false));
}

/** `lookup`, trying every spelling of the body's name in turn when its own finds nothing. */
export function lookupWithAliases(lookup: (bodyKey: string, year: number) => YearFacts | null, aliases: BodyAliases): (bodyKey: string, year: number) => YearFacts | null {
  return (key, year) => {
    const own = lookup(key, year);
    if (own) return own;
    for (const other of aliasGroups(aliases).get(key)?.slice(1) ?? []) {
      const f = lookup(other, year);
      if (f) return f;
    }
    return null;
  };
}
