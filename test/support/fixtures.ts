// Fixtures with inline expectations: a report file states what the checker must find in it,
// so a new case is a new file. The comments (one a line, anywhere; by convention at the end):
//   <!-- expect: CODE@ROW:COLUMN -->        a finding of CODE on the cell (CHECK-JSON row key, 0-based column)
//   <!-- expect: CODE@TABLE/ROW:COLUMN -->  the same, naming the table (applications, appeals, disclosure)
//   <!-- expect: CODE -->                   a finding of CODE anywhere
//   <!-- expect: CODE@ROW:COLUMN severity=error expected=5 -->   and its severity / expected value
//   <!-- expect: CODE says=TEXT -->         and its message holds TEXT (no spaces; the default locale's); lacks=TEXT: does not
//   <!-- expect-none: CODE -->              no finding of CODE at all (any severity)
//   <!-- expect-loose -->                   allow error/warning findings beyond the expected ones
// By default a fixture is exact: every error or warning finding must be expected (notes and
// hints are free unless named by expect-none). The engine reads these lines as text (only
// `<!-- nianbao-disable … -->` lines are special), so put them after the report, each line
// different: a repeated line is a repeated paragraph to `structure`, and a comment line inside
// a one-cell-per-line table is a cell. The runner checks the findings are the same with the
// comment lines and without them, so a comment that is not inert fails its fixture.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { check, yearFacts, type CheckOptions, type Finding, type YearFacts } from '../../server/src/engine';

export interface Expectation {
  code: string;
  table?: string;
  row?: string;
  column?: number;
  severity?: string;
  expected?: number;
  /** Text its message holds. */
  says?: string;
  /** Text its message does not hold. */
  lacks?: string;
  /** The comment as written, for messages. */
  source: string;
}

export interface FixtureSpec {
  expect: Expectation[];
  none: string[];
  loose: boolean;
}

const COMMENT = /^[ \t]*<!--\s*(expect(?:-none|-loose)?)\s*(?::\s*([^>]*?))?\s*-->[ \t]*$/gm;

export function parseExpectations(text: string): FixtureSpec {
  const spec: FixtureSpec = { expect: [], none: [], loose: false };
  for (const m of text.matchAll(COMMENT)) {
    const [source, kind, body = ''] = m;
    if (kind === 'expect-loose') {
      spec.loose = true;
      continue;
    }
    if (kind === 'expect-none') {
      if (!/^[a-z-]+$/.test(body)) throw new Error(`bad expectation: ${source}`);
      spec.none.push(body);
      continue;
    }
    const [target, ...attrs] = body.split(/\s+/);
    const t = /^([a-z-]+)(?:@(?:([a-z]+)\/)?([\w.-]+):(\d+))?$/.exec(target);
    if (!t) throw new Error(`bad expectation: ${source}`);
    const e: Expectation = { code: t[1], source: source.trim() };
    if (t[3] !== undefined) {
      e.table = t[2];
      e.row = t[3];
      e.column = Number(t[4]);
    }
    for (const a of attrs) {
      const kv = /^(severity|expected|says|lacks)=(.+)$/.exec(a);
      if (!kv) throw new Error(`bad expectation attribute ${a} in ${source}`);
      if (kv[1] === 'severity') e.severity = kv[2];
      else if (kv[1] === 'says') e.says = kv[2];
      else if (kv[1] === 'lacks') e.lacks = kv[2];
      else e.expected = Number(kv[2]);
    }
    spec.expect.push(e);
  }
  return spec;
}

/** The text with its expectation comment lines emptied (line count and offsets before them kept). */
export function withoutExpectations(text: string): string {
  return text.replace(COMMENT, '');
}

function matches(e: Expectation, f: Finding): boolean {
  if (f.code !== e.code) return false;
  if (e.row !== undefined && (f.cell?.row !== e.row || f.cell?.column !== e.column)) return false;
  if (e.table !== undefined && f.cell?.table !== e.table) return false;
  if (e.severity !== undefined && f.severity !== e.severity) return false;
  if (e.expected !== undefined && f.expected !== e.expected) return false;
  if (e.says !== undefined && !f.message.includes(e.says)) return false;
  if (e.lacks !== undefined && f.message.includes(e.lacks)) return false;
  return true;
}

export function describeFinding(f: Finding): string {
  const at = f.cell ? `@${f.cell.table}/${f.cell.row}:${f.cell.column}` : '';
  const exp = f.expected !== undefined ? ` expected=${f.expected}` : '';
  return `${f.code}${at} severity=${f.severity}${exp}`;
}

const shape = (fs: Finding[]) => fs.map((f) => `${describeFinding(f)} ${f.message}`).sort();

/** Checks one fixture text against its own expectations; returns the mismatches (empty: it passes). */
export function checkFixture(text: string, run: (text: string) => Finding[] = (t) => check(t).findings): string[] {
  const spec = parseExpectations(text);
  const problems: string[] = [];
  if (spec.expect.length === 0 && spec.none.length === 0) problems.push('the fixture states no expectation');
  const findings = run(text);
  const bare = run(withoutExpectations(text));
  if (JSON.stringify(shape(findings)) !== JSON.stringify(shape(bare))) {
    problems.push('the expectation comments change the findings');
  }
  const used = new Set<Finding>();
  for (const e of spec.expect) {
    const hit = findings.find((f) => !used.has(f) && matches(e, f)) ?? findings.find((f) => matches(e, f));
    if (hit) used.add(hit);
    else problems.push(`missing: ${e.source}`);
  }
  for (const code of spec.none) {
    for (const f of findings.filter((f) => f.code === code)) problems.push(`unexpected (expect-none): ${describeFinding(f)}`);
  }
  if (!spec.loose) {
    for (const f of findings) {
      if (used.has(f) || (f.severity !== 'error' && f.severity !== 'warning')) continue;
      if (spec.expect.some((e) => matches(e, f))) continue;
      problems.push(`unexpected: ${describeFinding(f)} — ${f.message}`);
    }
  }
  return problems;
}

/**
 * How the fixtures of one folder are checked: as the CLI checks a folder, each report sees the
 * others' figures for its year-to-year checks (cross-year), by issuer and year.
 */
export function folderRun(files: { path: string; text: string }[], options: Pick<CheckOptions, 'aggregations' | 'aliases'> = {}): (text: string) => Finding[] {
  const facts: YearFacts[] = files.map((f) => {
    const r = check(f.text, { path: f.path });
    return yearFacts(r.model, f.path, r.identity);
  });
  const lookup = (bodyKey: string, year: number) => facts.find((x) => x.bodyKey === bodyKey && x.year === year) ?? null;
  return (text) => check(text, { lookup, ...options }).findings;
}

/** Every fixture file (.txt, .md) under a folder, sorted. */
export function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.(txt|md)$/.test(e)) out.push(p);
  }
  return out;
}

export const readFixture = (p: string) => readFileSync(p, 'utf8');
