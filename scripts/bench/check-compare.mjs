// check() of two builds compared on every text at hand: the fixtures, the corpus and the samples
// under test/ (html, docx and pdf through io/report.js's READERS; txt, md as they are), the seeds
// in ../shared/seeds, generated reports (every layout, random specs, the workspace reports) and
// fuzz-mutated copies of them. JSON.stringify of the whole result (findings with ranges and fixes,
// suppressed, failures, model, identity) in zh-CN and en; exit 1 on any difference. Also the property
// tests' reports (seeded fast-check samples) with one to three cells changed.
//
//   mkdir -p /tmp/old && cp -r out /tmp/old/out && ln -s "$PWD/node_modules" /tmp/old/node_modules   (before the change; tsc)
//   node scripts/bench/check-compare.mjs /tmp/old/out [out] [--mutants N]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mutate } from '../fuzz/mutate.mjs';
const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const mi = args.indexOf('--mutants');
const MUTANTS = mi >= 0 ? Number(args[mi + 1]) : 3;
const pos = args.filter((a, i) => !a.startsWith('--') && !(mi >= 0 && i === mi + 1));
const [OLD, NEW = path.join(ROOT, 'out')] = pos.map((a) => path.resolve(a));
if (!OLD) {
  console.error('usage: node scripts/bench/check-compare.mjs OLD_OUT [NEW_OUT] [--mutants N]');
  process.exit(2);
}
const engine = (root) => require(path.join(root, 'server/src/engine/index.js'));
const old = engine(OLD);
const neu = engine(NEW);
const { READERS, reportKind } = require(path.join(NEW, 'server/src/io/report.js'));
const gen = require(path.join(NEW, 'test/support/generate.js'));
const corpus = require(path.join(NEW, 'test/support/corpus.js'));

const walk = (d) => readdirSync(d).flatMap((n) => { const p = path.join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
const texts = [];
for (const dir of ['test/fixtures', 'test/corpus', 'test/samples'].map((d) => path.join(ROOT, d)).filter(existsSync)) {
  for (const file of walk(dir)) {
    const kind = reportKind(file);
    if (!kind) continue;
    try {
      const r = await READERS[kind.id](readFileSync(file), {});
      if (r.skip) continue;
      texts.push({ name: path.relative(ROOT, file), text: r.decoded.text, path: file });
    } catch { /* unreadable on purpose */ }
  }
}
const seeds = path.join(ROOT, '../shared/seeds');
if (existsSync(seeds)) for (const n of readdirSync(seeds)) texts.push({ name: `seeds/${n}`, text: readFileSync(path.join(seeds, n), 'utf8'), path: n });
const files = texts.length;
for (let s = 0; s < 40; s++) for (const layout of gen.LAYOUTS) texts.push({ name: `gen ${s} ${layout}`, text: gen.render(corpus.randomSpec(s), layout), path: 'gen.txt' });
for (let n = 0; n < 60; n++) { const w = corpus.workspaceReport(n); texts.push({ name: `ws ${n}`, text: w.text, path: w.file }); }
// The property tests' reports (seeded fast-check samples) with one to three cells of 三 and 四 changed:
// arithmetic errors, culprits and repairs.
{
  const fc = require('fast-check');
  const arb = require(path.join(NEW, 'test/support/arbitraries.js'));
  const samples = fc.sample(fc.tuple(arb.reportArb, fc.array(arb.changeArb, { minLength: 1, maxLength: 3 })), { seed: 42, numRuns: 300 });
  samples.forEach(([r, changes], n) => {
    texts.push({ name: `arb ${n}`, text: r.text, path: 'arb.txt' });
    const { model } = neu.check(r.text);
    const cells = [...arb.cellsOf(model.applications, 'applications'), ...arb.cellsOf(model.appeals, 'appeals')];
    if (!cells.length) return;
    const edits = [];
    for (const { pick, delta } of changes) {
      const c = cells[pick % cells.length];
      const cell = (c.table === 'applications' ? model.applications : model.appeals).rows.get(c.row).cells[c.column];
      if (!cell.source || cell.value.value === null || edits.some((e) => e.start === cell.source.start)) continue;
      edits.push({ start: cell.source.start, end: cell.source.end, newText: String(arb.changedValue(cell.value.value, delta)) });
    }
    let t = r.text;
    for (const e of edits.sort((a, b) => b.start - a.start)) t = t.slice(0, e.start) + e.newText + t.slice(e.end);
    texts.push({ name: `arb ${n} changed`, text: t, path: 'arb.txt' });
  });
}
const base = texts.length;
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pool = texts.slice(0, base).map((t) => t.text);
for (let i = 0; i < base; i++)
  for (let m = 0; m < MUTANTS; m++) {
    let t = texts[i].text;
    const ops = [];
    for (let k = 0; k < 1 + (m % 3); k++) { const r = mutate(t, rnd, pool); t = r.text; ops.push(r.op); }
    texts.push({ name: `${texts[i].name} ~ ${ops.join(',')}`, text: t, path: texts[i].path });
  }

const run = (e, t, locale) => {
  try {
    const r = e.check(t.text, { path: t.path, locale });
    return JSON.stringify({ findings: r.findings, suppressed: r.suppressed, failures: r.failures.map((f) => f.rule), model: r.model, identity: r.identity });
  } catch (err) {
    return `threw ${err && err.message}`;
  }
};
let diffs = 0;
let findings = 0;
let errors = 0;
for (const t of texts)
  for (const locale of ['zh-CN', 'en']) {
    const a = run(old, t, locale);
    const b = run(neu, t, locale);
    if (locale === 'en') {
      findings += (a.match(/"code":/g) || []).length;
      errors += (a.match(/"severity":"error"/g) || []).length;
    }
    if (a !== b) {
      diffs++;
      if (diffs <= 10) {
        let i = 0;
        while (a[i] === b[i]) i++;
        console.log(`DIFF ${t.name} [${locale}] at ${i}:\n  old …${a.slice(Math.max(0, i - 120), i + 200)}\n  new …${b.slice(Math.max(0, i - 120), i + 200)}`);
      }
    }
  }
console.log(`${texts.length} texts (${files} files and seeds, ${base - files} generated, ${texts.length - base} mutants) × 2 locales: ${diffs} differences; ${findings} findings (${errors} errors) compared in each locale`);
process.exit(diffs ? 1 : 0);
