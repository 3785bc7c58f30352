// npm run fuzz [-- --seconds 60] [--seed N] [--out DIR] [--no-audit] [--no-cli]
//
// Time-bounded mutation fuzzing of the seeds and of generated reports, through the
// engine (in a worker thread, stopped and replaced when an input hangs) and through the
// CLI (dist/cli.js on batches of files in several encodings, raw bytes included).
// Alongside, the regex audit proves every regular expression of the engine linear on
// adversarial input (scripts/fuzz/regex-audit.mjs).
//
// An input fails when the engine throws, a rule throws (reported, never fatal, but a
// bug), a finding or fix points outside the text, fix-all edits overlap or a second
// fix-all would still change something, the CLI exits
// with 2 or a stack trace, or checking takes longer than 100 ms per 100 KB (the budget
// scales with the size: 100 ms up to 100 KB, 1 s for 1 MB, 10 s for a 10 MB line).
// The answer check: one iteration in three, a mutation confined to the text before and
// after table 三 must leave the table's values and its arithmetic findings (carry-over,
// results-total, row-total: cells, expected, actual, message) unchanged; a change is a failure.
// Failing inputs are written to out/fuzz-failures/ with what was done to them.
// Exits 1 when anything failed.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { mutate, mutateOutside } from './mutate.mjs';
import { auditAll, describe as describeRegex, engineRegexes, superLinear } from './regex-audit.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return dflt;
  return args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
};
const SECONDS = Number(opt('--seconds', 60));
const SEED = Number(opt('--seed', Date.now() % 1_000_000));
const OUT = path.resolve(opt('--out', path.join(ROOT, 'out', 'fuzz-failures')));
const AUDIT = !args.includes('--no-audit');
const CLI = !args.includes('--no-cli');

for (const f of ['out/server/src/engine/index.js', 'out/test/support/corpus.js', 'dist/cli.js'])
  if (!existsSync(path.join(ROOT, f))) {
    console.error(`fuzz: ${f} is missing — run \`node scripts/build.mjs && npx tsc -p tsconfig.json\` (npm run fuzz does both)`);
    process.exit(2);
  }
const corpus = require(path.join(ROOT, 'out/test/support/corpus.js'));
const generate = require(path.join(ROOT, 'out/test/support/generate.js'));
const iconv = require('iconv-lite');

const started = performance.now();
const deadline = started + SECONDS * 1000;
const left = () => deadline - performance.now();
const log = (s) => process.stdout.write(s + '\n');
const rnd = corpus.rng(SEED);
const int = (n) => Math.floor(rnd() * n);

/** The time an input may take: 100 ms up to 100 KB, then 1 ms per KB (UTF-8). */
const budgetMs = (bytes) => 100 * Math.max(1, bytes / 100_000);

// ------------------------------------------------------------------ inputs

function pool() {
  const docs = [];
  const dirs = [path.resolve(ROOT, '../shared/seeds'), path.join(ROOT, 'test/samples'), path.join(ROOT, 'test/e2e/fixtures')];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) if (/\.(txt|md|nianbao)$/.test(f)) docs.push({ name: f, text: readFileSync(path.join(d, f), 'utf8') });
  }
  const seeds = docs.length;
  for (let n = 0; n < 42; n++) {
    const layout = generate.LAYOUTS[n % generate.LAYOUTS.length];
    const spec = corpus.randomSpec(SEED * 100 + n);
    const text = n % 3 === 2 ? corpus.sizedReport(spec, layout, 10_000 + int(60_000), n) : generate.render(spec, layout);
    docs.push({ name: `generated-${layout}-${n}`, text });
  }
  return { docs, seeds };
}

// ------------------------------------------------------------------ failures

const failures = [];
function fail(kind, message, input) {
  const n = failures.length + 1;
  mkdirSync(OUT, { recursive: true });
  const base = path.join(OUT, `${String(n).padStart(3, '0')}-${kind}`);
  if (input) {
    if (typeof input.text === 'string') writeFileSync(base + '.txt', input.text);
    else if (input.bytes) writeFileSync(base + '.bin', input.bytes);
    writeFileSync(base + '.json', JSON.stringify({ kind, message, seed: SEED, base: input.base, ops: input.ops }, null, 2));
  }
  failures.push({ kind, message, file: input ? base : null });
  log(`  FAIL ${kind}: ${message.split('\n')[0].slice(0, 200)}${input ? ` (${path.relative(ROOT, base)}.*)` : ''}`);
}

// ------------------------------------------------------------------ the engine worker

class EngineWorker {
  constructor() {
    this.start();
  }
  start() {
    this.worker = new Worker(path.join(HERE, 'worker.mjs'));
    this.worker.unref();
    this.pending = null;
    this.worker.on('message', (m) => {
      const p = this.pending;
      this.pending = null;
      if (p) {
        clearTimeout(p.timer);
        p.resolve(m);
      }
    });
    this.worker.on('error', (e) => {
      const p = this.pending;
      this.pending = null;
      if (p) {
        clearTimeout(p.timer);
        p.resolve({ ok: false, error: `worker died: ${e?.stack ?? e}` });
      }
      this.start();
    });
  }
  run(text, { deep = false, repeat = 1, timeoutMs, mode }) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        void this.worker.terminate();
        this.start();
        resolve({ ok: false, hang: true });
      }, timeoutMs);
      this.pending = { resolve, timer };
      this.worker.postMessage({ id: 0, text, deep, seed: int(1e9), repeat, mode });
    });
  }
  stop() {
    return this.worker.terminate();
  }
}

// ------------------------------------------------------------------ the CLI

function runCli(argv, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Every line of stderr says a file was not checked because it is not a report (the CLI's default locale is zh-CN). */
function notReportOnly(stderr) {
  const lines = stderr.split('\n').filter(Boolean);
  return lines.length > 0 && lines.every((l) => /^nianbao: .*(：未检查：不是年报|: not checked: not a report)/.test(l));
}

const stats = { engine: 0, deep: 0, bytes: 0, large: 0, cliRuns: 0, cliFiles: 0, ops: new Map(), worst: [], answers: 0, answerOps: new Map() };

async function cliBatch(inputs, batchNo) {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-fuzz-cli-'));
  try {
    const files = [];
    const encodings = ['utf8', 'utf8', 'utf8', 'utf8-bom', 'utf16le-bom', 'gb18030', 'bytes'];
    inputs.forEach((input, i) => {
      const enc = encodings[i % encodings.length];
      let bytes;
      if (enc === 'utf8') bytes = Buffer.from(input.text, 'utf8');
      else if (enc === 'utf8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(input.text, 'utf8')]);
      else if (enc === 'utf16le-bom') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(input.text, 'utf16le')]);
      else if (enc === 'gb18030') bytes = iconv.encode(input.text, 'gb18030');
      else {
        bytes = Buffer.from(input.text, 'utf8');
        for (let k = 0; k < 1 + int(40); k++) bytes[int(bytes.length)] = int(256);
      }
      const file = path.join(dir, `${String(i).padStart(2, '0')}-${enc}-年度报告.txt`);
      writeFileSync(file, bytes);
      files.push({ file, bytes, input, enc });
    });
    const format = ['json', 'sarif', 'text'][batchNo % 3];
    const t0 = performance.now();
    const r = await runCli(['check', '--format', format, ...files.map((f) => f.file)], 120_000);
    const ms = performance.now() - t0;
    stats.cliRuns++;
    stats.cliFiles += files.length;
    const totalBytes = files.reduce((a, f) => a + f.bytes.length, 0);
    const keep = () => ({ bytes: Buffer.concat(files.map((f) => Buffer.concat([Buffer.from(`\n=== ${path.basename(f.file)}\n`), f.bytes]))), ops: files.map((f) => `${path.basename(f.file)}: ${f.input.ops.join('; ')}`), base: files.map((f) => f.input.base) });
    if (r.signal) fail('cli-killed', `the CLI was killed (${r.signal}) after ${ms.toFixed(0)} ms on ${files.length} files`, keep());
    // 2 is right when a file named on the command line is not a report (a mutation can destroy one), and then only.
    else if (r.code !== 0 && r.code !== 1 && !(r.code === 2 && notReportOnly(r.stderr))) fail('cli-exit', `the CLI exited ${r.code} (${format}): ${r.stderr.slice(0, 400)}`, keep());
    else if (/\n\s+at |TypeError|RangeError|ReferenceError|SyntaxError/.test(r.stderr)) fail('cli-stderr', `the CLI wrote an error (${format}): ${r.stderr.slice(0, 400)}`, keep());
    else if (format !== 'text') {
      let doc;
      try {
        doc = JSON.parse(r.stdout);
      } catch (e) {
        fail('cli-json', `the CLI's ${format} output does not parse: ${e.message}`, keep());
      }
      const count = doc?.files?.length;
      if (doc && format === 'json' && count !== files.length) fail('cli-files', `the CLI reported ${count} files of ${files.length}`, keep());
    }
    // The CLI's startup is not the engine's: the budget is the engine's plus a second.
    if (ms > 1000 + 3 * budgetMs(totalBytes) * files.length) fail('cli-slow', `the CLI took ${ms.toFixed(0)} ms for ${files.length} files (${(totalBytes / 1e6).toFixed(2)} MB)`, keep());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ answers

/** Each input's table 三 and arithmetic findings (`answers` in worker.mjs), by index in the pool. */
const baseAnswers = new Map();

/**
 * The answer check: a mutation confined to the lines before and after table 三 (with a
 * line of margin: mutateOutside) must leave the table's values and its carry-over,
 * results-total and row-total findings as they were. Every OUTSIDE mutator takes part:
 * none changes the table's text, so none may change its answers. Inputs whose table 三
 * is not read in full (rows unread) are left out: the parser then goes on looking for
 * the missing rows past the table, where these mutations are.
 */
async function answerCheck(index) {
  const base = docs[index];
  let before = baseAnswers.get(index);
  if (!before) {
    const r = await engine.run(base.text, { mode: 'answers', timeoutMs: 30_000 });
    before = r.ok ? r.answers : { table: null };
    baseAnswers.set(index, before);
  }
  if (!before.table || before.table.unread.length) return;
  const m = mutateOutside(base.text, rnd, before.span);
  if (!m) return;
  stats.answers++;
  for (const k of m.kinds) stats.answerOps.set(k, (stats.answerOps.get(k) ?? 0) + 1);
  const input = { text: m.text, ops: m.ops, base: base.name };
  const r = await engine.run(m.text, { mode: 'answers', timeoutMs: 30_000 });
  if (!r.ok) {
    fail(r.hang ? 'hang' : 'exception', r.error ?? 'no answer', input);
    return;
  }
  const after = r.answers;
  const what = [];
  if (!after.table) what.push('table 三 is no longer found');
  else {
    if (JSON.stringify(after.table) !== JSON.stringify(before.table)) what.push(`table 三 reads differently: ${diffRows(before.table, after.table)}`);
    const a = JSON.stringify(before.findings);
    const b = JSON.stringify(after.findings);
    if (a !== b) what.push(`arithmetic findings ${summarise(before.findings)} became ${summarise(after.findings)}`);
  }
  if (what.length) fail('answer', `${what.join('; ')} — after ${m.ops.join('; ')}`, input);
}

const summarise = (fs) => `[${fs.map((f) => `${f.code}@${f.cell?.row}:${f.cell?.column} ${f.severity} ${f.expected ?? ''}/${f.actual ?? ''}`).join(', ')}]`;

function diffRows(a, b) {
  const out = [];
  const keys = new Set([...Object.keys(a.rows?.rows ?? {}), ...Object.keys(b.rows?.rows ?? {})]);
  for (const k of keys) {
    const x = JSON.stringify(a.rows?.rows?.[k]);
    const y = JSON.stringify(b.rows?.rows?.[k]);
    if (x !== y) out.push(`${k} ${x} → ${y}`);
  }
  if (JSON.stringify(a.unread) !== JSON.stringify(b.unread)) out.push(`unread ${JSON.stringify(a.unread)} → ${JSON.stringify(b.unread)}`);
  return out.slice(0, 4).join(', ');
}

// ------------------------------------------------------------------ main

log(`nianbao fuzz — seed ${SEED}, ${SECONDS} s, budget 100 ms per 100 KB, failures to ${path.relative(ROOT, OUT) || '.'}`);
rmSync(OUT, { recursive: true, force: true });
const { docs, seeds } = pool();
log(`inputs: ${seeds} seeds and samples, ${docs.length - seeds} generated reports (every layout, both templates, the 23-row variant)`);

// The regex audit runs in its own worker, alongside the fuzzing.
let auditResult = null;
const auditDone = AUDIT
  ? (async () => {
      const list = engineRegexes();
      const t0 = performance.now();
      const results = await auditAll(list, { timeoutMs: 20_000 });
      const bad = results.filter((r) => superLinear(r.result));
      auditResult = { count: list.length, bad, seconds: (performance.now() - t0) / 1000, worst: results.filter((r) => !superLinear(r.result)).sort((a, b) => b.result.exponent - a.result.exponent)[0] };
      for (const r of bad) fail('regex', `super-linear regex: ${describeRegex(r)}`, null);
    })()
  : Promise.resolve();

const engine = new EngineWorker();
// Warm the worker's JIT before anything is timed.
for (const d of docs.slice(0, 12)) await engine.run(d.text, { timeoutMs: 30_000 });

let iteration = 0;
let nextCli = performance.now() + 3000;
let cliBatchNo = 0;
const recent = [];
while (left() > 0) {
  iteration++;
  // One iteration in three also checks answers: a mutation outside table 三 keeps its findings.
  if (iteration % 3 === 1) await answerCheck(int(docs.length));
  const base = docs[int(docs.length)];
  // About one input in 25 is large (a 10 MB line, thousands of repeated headings, a report repeated).
  const large = iteration % 25 === 7 && left() > 15_000;
  const { text, ops, kinds } = mutate(base.text, rnd, docs.map((d) => d.text), large);
  const bytes = Buffer.byteLength(text);
  const budget = budgetMs(bytes);
  const deep = iteration % 4 === 0 && bytes < 2_000_000;
  const input = { text, ops, base: base.name };
  for (const k of kinds) stats.ops.set(k, (stats.ops.get(k) ?? 0) + 1);
  let r = await engine.run(text, { deep, timeoutMs: Math.max(15_000, 30 * budget) });
  stats.engine++;
  stats.bytes += bytes;
  if (large) stats.large++;
  if (deep) stats.deep++;
  if (r.hang) {
    fail('hang', `no answer in ${Math.max(15_000, 30 * budget) / 1000} s for ${(bytes / 1e6).toFixed(2)} MB (${ops.join('; ')})`, input);
    continue;
  }
  if (!r.ok) {
    fail('exception', r.error, input);
    continue;
  }
  if (r.ms > budget) {
    // Timing under load is noisy: the best of three runs decides.
    r = { ...r, ...(await engine.run(text, { repeat: 3, timeoutMs: Math.max(15_000, 60 * budget) })) };
    if (r.ok && r.ms > budget) fail('slow', `${r.ms.toFixed(0)} ms for ${(bytes / 1000).toFixed(0)} KB (budget ${budget.toFixed(0)} ms): ${ops.join('; ')}`, input);
  }
  if (r.problems?.length) fail('invalid', r.problems.slice(0, 3).join('\n'), input);
  stats.worst.push({ perBudget: r.ms / budget, ms: r.ms, bytes, ops, text });
  if (stats.worst.length > 50) stats.worst = stats.worst.sort((a, b) => b.perBudget - a.perBudget).slice(0, 10);
  if (bytes < 400_000 && !large) recent.push(input);
  if (recent.length > 60) recent.shift();
  if (CLI && performance.now() > nextCli && recent.length >= 14 && left() > 5000) {
    await cliBatch(recent.splice(0, 14), cliBatchNo++);
    nextCli = performance.now() + 10_000;
  }
}
if (CLI && stats.cliRuns === 0 && recent.length) await cliBatch(recent.splice(0, Math.min(14, recent.length)), cliBatchNo++);
await auditDone;
await engine.stop();

// ------------------------------------------------------------------ summary

const worst = stats.worst.sort((a, b) => b.perBudget - a.perBudget)[0];
log('');
log(`engine: ${stats.engine} inputs (${(stats.bytes / 1e6).toFixed(1)} MB), ${stats.large} large, ${stats.deep} also through fix-all, hover, outline and export`);
log(`answers: ${stats.answers} mutations outside table 三 checked to keep its values and arithmetic findings (${[...stats.answerOps].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')})`);
log(`mutations: ${[...stats.ops].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
if (worst) {
  // Kept for a look with --cpu-prof: out/fuzz-slowest.txt.
  mkdirSync(path.join(ROOT, 'out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'out', 'fuzz-slowest.txt'), worst.text);
  log(`slowest against the budget: ${worst.ms.toFixed(1)} ms for ${(worst.bytes / 1000).toFixed(0)} KB (${(worst.perBudget * 100).toFixed(0)} % of the budget; out/fuzz-slowest.txt) — ${worst.ops.join('; ')}`);
}
if (CLI) log(`CLI: ${stats.cliRuns} runs over ${stats.cliFiles} files (UTF-8, UTF-8 BOM, UTF-16LE BOM, GB18030, corrupted bytes; json, sarif, text)`);
if (auditResult)
  log(
    `regex audit: ${auditResult.count} regexes of the engine in ${auditResult.seconds.toFixed(1)} s, ${auditResult.bad.length} super-linear` +
      (auditResult.worst ? `; steepest of the rest: exponent ${auditResult.worst.result.exponent.toFixed(2)} (${auditResult.worst.file}:${auditResult.worst.line})` : ''),
  );
log(`fuzz: ${failures.length === 0 ? 'no failure' : `${failures.length} failure(s), inputs in ${path.relative(ROOT, OUT)}`} — seed ${SEED}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failures.length ? 1 : 0);
