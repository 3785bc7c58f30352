// npm run accuracy (or npm run bench -- --accuracy) — how well nianbao reads the corpus.
//
//   node scripts/accuracy.mjs [--json] [--files] [DIR…]
//
// For every report file of test/corpus/{real,generated} (or the DIRs given), the real reading
// path: readReport (io/report.ts: the kind's reader, as the CLI reads a file) then check()
// and exportTables() (the CLI JSON's `tables`), compared with the file's truth
// (<id>.truth.json, see test/corpus/README.md). Printed per form:
//   files           report files of that form (read: how many a reader read)
//   三 cells, 四 cells  cells read as the truth has them / cells in the truth (blank = null)
//   breaks          broken identities of the truth found by an error-severity arithmetic
//                   finding of the same rule on one of its cells / broken identities in the truth
//   false errors    error-severity carry-over, results-total, row-total and appeals-total findings
//                   whose cell lies in no broken identity of the truth (where the truth holds,
//                   or is not assessable because of blank cells)
// A form without a reader yet (no entry in io/kinds.ts for its ending) counts as "no reader":
// its cells count in the totals with 0 read; once a reader lands it counts by itself.
//
// Needs the compiled TypeScript (out/); `npm run accuracy` builds it first.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { breaksOf, identities, num } from './corpus/truth.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out/server/src');
const ARITHMETIC = new Set(['carry-over', 'results-total', 'row-total', 'appeals-total']);

/** A corpus file's form, by its name (see test/corpus/README.md for the naming). */
export function formOf(file) {
  const f = file.toLowerCase();
  if (f.endsWith('.browser.txt')) return 'browser copy';
  if (f.endsWith('.layout.txt')) return 'pdftotext -layout';
  if (f.endsWith('.plain.txt')) return 'pdftotext';
  if (f.endsWith('.gbk.html')) return 'html (gbk)';
  if (f.endsWith('.html') || f.endsWith('.htm')) return 'html';
  if (f.endsWith('.docx')) return 'docx';
  if (f.endsWith('.word.pdf')) return 'pdf (from docx)';
  if (f.endsWith('.chrome.pdf')) return 'pdf (chromium)';
  if (f.endsWith('.pdf')) return 'pdf';
  if (f.endsWith('.md') || f.endsWith('.markdown')) return 'markdown';
  return 'text';
}

/** Every report file of the corpus folders with its truth: [{ set, id, file, truth }]. */
export function corpusFiles(dirs) {
  const out = [];
  for (const dir of dirs) {
    const set = path.basename(dir);
    const names = readdirSync(dir);
    for (const t of names.filter((n) => n.endsWith('.truth.json')).sort()) {
      const id = t.slice(0, -'.truth.json'.length);
      const truth = JSON.parse(readFileSync(path.join(dir, t), 'utf8'));
      const files = names.filter((n) => n.startsWith(id + '.') && !n.endsWith('.truth.json') && !n.endsWith('.source.json')).map((n) => path.join(dir, n));
      const src = path.join(dir, `${id}.source.json`);
      if (existsSync(src)) {
        // Files read in place (outside the repo, e.g. ../shared): a path or a list of paths from the repo root.
        const local = JSON.parse(readFileSync(src, 'utf8')).local;
        // A file kept outside the repo that is not there (another checkout) is left out, not failed.
        for (const l of [local ?? []].flat()) if (existsSync(path.resolve(ROOT, l))) files.push(path.resolve(ROOT, l));
      }
      for (const file of files.sort()) out.push({ set, id, file, truth });
    }
  }
  return out;
}

/** The truth's declared breaks against those computed from its values (they must agree). */
export function truthDisagreement(truth) {
  const key = (b) => JSON.stringify([b.identity, b.column ?? null, b.row ?? null, b.group ?? null]);
  const declared = new Set((truth.breaks ?? []).map(key));
  const computed = new Set(breaksOf(truth).map(key));
  const a = [...declared].filter((k) => !computed.has(k));
  const b = [...computed].filter((k) => !declared.has(k));
  return a.length || b.length ? { declaredOnly: a, computedOnly: b } : null;
}

/** Compares one file's exported tables and findings with its truth. */
export function compare(truth, tables, findings) {
  const r = { appCells: 0, appOk: 0, appealCells: 0, appealOk: 0, breaks: 0, breaksFound: 0, falseErrors: 0, wrong: [], falseFindings: [] };
  // A cell counts only when its row was read: a blank one read as null, a number as that number.
  const same = (want, got) => got !== undefined && got === want;
  if (truth.applications)
    for (const [row, cells] of Object.entries(truth.applications))
      cells.forEach((v, c) => {
        r.appCells++;
        const got = tables?.applications?.rows?.[row]?.[c];
        if (same(num(v), got)) r.appOk++;
        else r.wrong.push(`三 ${row}[${c}]: ${JSON.stringify(v)} read ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
      });
  if (truth.appeals)
    for (const [group, cells] of Object.entries(truth.appeals))
      cells.forEach((v, i) => {
        r.appealCells++;
        const got = tables?.appeals?.[group]?.[i];
        if (same(num(v), got)) r.appealOk++;
        else r.wrong.push(`四 ${group}[${i}]: ${JSON.stringify(v)} read ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
      });
  const ids = identities(truth);
  const broken = ids.filter((i) => i.verdict === 'broken');
  const errors = findings.filter((f) => f.severity === 'error' && ARITHMETIC.has(f.code));
  const hits = (f, i) => f.code === i.identity && (!f.cell || i.cells.some(([t, row, col]) => t === f.cell.table && row === f.cell.row && col === f.cell.column));
  r.breaks = broken.length;
  r.breaksFound = broken.filter((i) => errors.some((f) => hits(f, i))).length;
  for (const f of errors)
    if (!broken.some((i) => hits(f, i))) {
      r.falseErrors++;
      r.falseFindings.push(`${f.code}${f.cell ? ` at ${f.cell.table} ${f.cell.row}[${f.cell.column}]` : ''}`);
    }
  return r;
}

/** Runs the reading path over the corpus; one result per file. */
export async function measure(dirs) {
  for (const f of ['io/report.js', 'io/kinds.js', 'engine/index.js'])
    if (!existsSync(path.join(OUT, f))) throw new Error(`out/server/src/${f} is missing: run \`npx tsc -p tsconfig.json\` (npm run accuracy does)`);
  const { readReport } = require(path.join(OUT, 'io/report.js'));
  const { reportKind } = require(path.join(OUT, 'io/kinds.js'));
  const { check, exportTables } = require(path.join(OUT, 'engine/index.js'));
  const results = [];
  for (const { set, id, file, truth } of corpusFiles(dirs)) {
    const form = formOf(file);
    const base = { set, id, form, file: path.relative(ROOT, file) };
    let status = 'read';
    let tables = null;
    let findings = [];
    if (!reportKind(file)) status = 'no reader';
    else {
      const read = await readReport(file, { maxSize: 50 * 1024 * 1024, trust: 'extension' });
      if (read.skipped) status = `skipped: ${read.skipped}`;
      else {
        const result = check(read.text, { path: file, source: read.decoded });
        tables = exportTables(result.model);
        findings = result.findings;
      }
    }
    results.push({ ...base, status, ...compare(truth, tables, findings), truthDisagrees: truthDisagreement(truth) });
  }
  return results;
}

/** Sums per set and form, in a stable order. */
export function summarise(results) {
  const groups = new Map();
  for (const r of results) {
    const k = `${r.set}\u0000${r.form}`;
    const g = groups.get(k) ?? { set: r.set, form: r.form, files: 0, read: 0, noReader: 0, appCells: 0, appOk: 0, appealCells: 0, appealOk: 0, breaks: 0, breaksFound: 0, falseErrors: 0 };
    g.files++;
    if (r.status === 'read') g.read++;
    if (r.status === 'no reader') g.noReader++;
    for (const f of ['appCells', 'appOk', 'appealCells', 'appealOk', 'breaks', 'breaksFound', 'falseErrors']) g[f] += r[f];
    groups.set(k, g);
  }
  return [...groups.values()].sort((a, b) => a.set.localeCompare(b.set) || a.form.localeCompare(b.form));
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

function table(groups) {
  const head = ['set', 'form', 'files', 'read', '三 cells', '', '四 cells', '', 'breaks', 'false errors'];
  const rows = groups.map((g) => [
    g.set,
    g.form,
    String(g.files),
    g.noReader === g.files ? 'no reader' : String(g.read),
    `${g.appOk}/${g.appCells}`,
    pct(g.appOk, g.appCells),
    `${g.appealOk}/${g.appealCells}`,
    pct(g.appealOk, g.appealCells),
    `${g.breaksFound}/${g.breaks}`,
    String(g.falseErrors),
  ]);
  const t = groups.reduce((s, g) => ({ files: s.files + g.files, read: s.read + g.read, a: s.a + g.appOk, A: s.A + g.appCells, p: s.p + g.appealOk, P: s.P + g.appealCells, b: s.b + g.breaksFound, B: s.B + g.breaks, f: s.f + g.falseErrors }), { files: 0, read: 0, a: 0, A: 0, p: 0, P: 0, b: 0, B: 0, f: 0 });
  rows.push(['all', '', String(t.files), String(t.read), `${t.a}/${t.A}`, pct(t.a, t.A), `${t.p}/${t.P}`, pct(t.p, t.P), `${t.b}/${t.B}`, String(t.f)]);
  const width = (s) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const w = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (r) => r.map((c, i) => (i < 2 ? c + ' '.repeat(w[i] - width(c)) : ' '.repeat(w[i] - width(c)) + c)).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

export async function main(argv) {
  const dirs = argv.filter((a) => !a.startsWith('--'));
  const use = dirs.length ? dirs.map((d) => path.resolve(d)) : ['real', 'generated'].map((d) => path.join(ROOT, 'test/corpus', d));
  const results = await measure(use);
  const groups = summarise(results);
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ groups, files: results }, null, 1) + '\n');
    return;
  }
  console.log(table(groups));
  const bad = results.filter((r) => r.truthDisagrees);
  for (const r of bad) console.log(`truth file of ${r.id}: its declared breaks differ from its values: ${JSON.stringify(r.truthDisagrees)}`);
  if (argv.includes('--files'))
    for (const r of results) {
      console.log(`\n${r.file} [${r.form}] ${r.status}: 三 ${r.appOk}/${r.appCells}, 四 ${r.appealOk}/${r.appealCells}, breaks ${r.breaksFound}/${r.breaks}, false errors ${r.falseErrors}`);
      for (const w of r.wrong.slice(0, 12)) console.log(`  ${w}`);
      if (r.wrong.length > 12) console.log(`  … ${r.wrong.length - 12} more`);
      for (const f of r.falseFindings) console.log(`  false error: ${f}`);
    }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main(process.argv.slice(2)).catch((e) => {
    console.error(e.message ?? e);
    process.exit(2);
  });
