// npm run bench — performance of the engine and the language server, measured in one
// run on this machine (not part of the test run). Prints a table and one summary line.
//
//   node scripts/bench.mjs [--quick] [--profile] [--skip-server] [--only PART,…] [--json FILE]
//   (parts: engine, forms, cli, keystroke, index, memory, cancel, close)
//   node scripts/bench.mjs --accuracy [--json] [--files]  — the corpus accuracy instead (scripts/accuracy.mjs)
//
// Needs the bundle (dist/server.js) and the compiled TypeScript (out/); `npm run bench`
// builds both first. --only engine,keystroke,index,memory measures those parts alone
// (the summary line then names only them). --quick uses a smaller corpus and fewer rounds (a smoke run);
// --profile samples the engine pass with the V8 profiler and prints where time goes.
//
// What is measured:
//  1. engine throughput (parse + all rules, `check`) over a generated corpus: every
//     layout, documents of 5 KB to 1 MB; MB/s = bytes / time summed over the corpus;
//  2. the ratio of that time to a bare pass over the same bytes (one global regex scan
//     for digits), the two measured alternately document by document — the figure that
//     stays comparable across machines;
//  3. p50/p95 latency of one `check` by document size;
//  4. keystroke → diagnostics over stdio against dist/server.js: a 50 KB report, 200
//     single-character edits, time from didChange to the publishDiagnostics of that
//     version (nianbao.debounceMs set to 0: the debounce, 150 ms by default, is excluded);
//  5. cold indexing of a workspace of 5,000 generated reports (nianbao/indexStats);
//  6. the server's resident memory with 200 reports open;
//  7. cancellation: a hover on a 10 MB report just edited (its check not yet done) is
//     cancelled 20 ms after it was sent; time from the cancel to the answer, 5 rounds;
//  8. RSS after closing large documents: a 10 MB report (checked, in the check worker) and
//     a 50 MB one (over nianbao.maxDocumentSize), before, while open, and after closing them.
//  9. reports per second by input form (HTML, DOCX, PDF; scripts/bench/forms.mjs): the
//     form's reader, `check` and (HTML) the findings moved into the source, over
//     test/corpus/generated (and its pages cut to 20 KB), on one core (the best round, and
//     the median round) and on all cores;
// 10. `nianbao check` as a process (scripts/bench/cli.mjs): 10,000 generated text reports and
//     the generated PDFs, with --jobs 1 and one job per core (wall time, speed-up, PDFs/s);

import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out');
// `npm run bench -- --accuracy`: the corpus accuracy measurement instead (scripts/accuracy.mjs).
if (process.argv.includes('--accuracy')) {
  const accuracy = await import('./accuracy.mjs');
  await accuracy.main(process.argv.slice(2).filter((a) => a !== '--accuracy'));
  process.exit(0);
}
for (const f of ['dist/server.js', 'out/server/src/engine/index.js', 'out/test/support/corpus.js', 'out/test/protocol/lsp-client.js'])
  if (!existsSync(path.join(ROOT, f))) {
    console.error(`bench: ${f} is missing — run \`node scripts/build.mjs && npx tsc -p tsconfig.json\` (npm run bench does both)`);
    process.exit(2);
  }
const engine = require(path.join(OUT, 'server/src/engine/index.js'));
const corpus = require(path.join(OUT, 'test/support/corpus.js'));
const { LAYOUTS } = require(path.join(OUT, 'test/support/generate.js'));
const { LspTestClient } = require(path.join(OUT, 'test/protocol/lsp-client.js'));

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const PROFILE = args.includes('--profile');
const SKIP_SERVER = args.includes('--skip-server');
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const ONLY = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',')) : null;
const wanted = (part) => !ONLY || ONLY.has(part);

const TARGETS = { cliTextSeconds: 60, mbps: 50, ratio: 5, keystrokeP95: 10, indexSeconds: 5, rssMB: 80, cancelMs: 50, formsPerSecond: { html: 200, 'html-20kb': 200, docx: 200, pdf: 20 } };

// ------------------------------------------------------------------ helpers

const now = () => performance.now();
function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const kb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(b % 1e6 ? 1 : 0)} MB` : `${Math.round(b / 1000)} KB`);
const mark = (ok) => (ok === null ? '' : ok ? ' ✓' : ' ✗');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function log(s) {
  process.stdout.write(s + '\n');
}
function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The bare pass: one global regex scan for digit runs over the text. */
function barePass(text) {
  const re = /[0-9]+/g;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

// ------------------------------------------------------------------ 1–3: the engine

const SIZES = [5_000, 20_000, 50_000, 200_000, 1_000_000];
/** Documents per layout and size: more of the small ones, so that each size has enough samples. */
const PER_LAYOUT = QUICK ? { 5000: 1, 20000: 1, 50000: 1, 200000: 1, 1000000: 1 } : { 5000: 4, 20000: 3, 50000: 2, 200000: 2, 1000000: 1 };
const ROUNDS = QUICK ? 2 : 4;

function buildCorpus() {
  const docs = [];
  let n = 0;
  for (const size of SIZES)
    for (const layout of LAYOUTS)
      for (let k = 0; k < PER_LAYOUT[size]; k++, n++) {
        const text = corpus.sizedReport(corpus.randomSpec(9000 + n), layout, size, 77 + n);
        docs.push({ size, layout, text, bytes: Buffer.byteLength(text) });
      }
  return docs;
}

async function engineBench() {
  const t0 = now();
  const docs = buildCorpus();
  const bytes = docs.reduce((a, d) => a + d.bytes, 0);
  log(`corpus: ${docs.length} documents, ${LAYOUTS.length} layouts × ${SIZES.map(kb).join(' / ')}, ${(bytes / 1e6).toFixed(1)} MB (generated in ${fmt((now() - t0) / 1000)} s)`);
  // Warm-up: one pass, so that the JIT has compiled what it will compile.
  for (const d of docs) {
    engine.check(d.text);
    barePass(d.text);
  }
  let engineMs = 0;
  let bareMs = 0;
  let failures = 0;
  const latency = new Map(SIZES.map((s) => [s, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which of the two goes first, document by document and round by round.
    const order = docs.map((_, i) => i).sort((a, b) => ((a * 7919 + round * 104729) % 1009) - ((b * 7919 + round * 104729) % 1009));
    order.forEach((i, k) => {
      const d = docs[i];
      const engineFirst = (k + round) % 2 === 0;
      let a = 0;
      let b = 0;
      if (!engineFirst) {
        const s = now();
        barePass(d.text);
        b = now() - s;
      }
      const s = now();
      const r = engine.check(d.text);
      a = now() - s;
      if (engineFirst) {
        const s2 = now();
        barePass(d.text);
        b = now() - s2;
      }
      failures += r.failures.length;
      engineMs += a;
      bareMs += b;
      latency.get(d.size).push(a);
    });
  }
  const mbps = (bytes * ROUNDS) / 1e6 / (engineMs / 1000);
  const bareMbps = (bytes * ROUNDS) / 1e6 / (bareMs / 1000);
  const bySize = SIZES.map((size) => {
    const xs = latency.get(size);
    const sizeBytes = docs.filter((d) => d.size === size).reduce((a, d) => a + d.bytes, 0);
    return { size, n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), mbps: (sizeBytes * ROUNDS) / 1e6 / (xs.reduce((a, b) => a + b, 0) / 1000) };
  });
  let profile = null;
  if (PROFILE) profile = await profileEngine(docs);
  return { docs: docs.length, bytes, rounds: ROUNDS, mbps, bareMbps, ratio: engineMs / bareMs, bySize, failures, profile };
}

/** Samples one engine pass over the corpus; returns the functions with the most self time. */
async function profileEngine(docs) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  for (let k = 0; k < 2; k++) for (const d of docs) engine.check(d.text);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    const f = n.callFrame;
    // The profiler's own frames (the inspector session's dispatch) and idle time are not the engine's.
    if (f.functionName === '(idle)' || f.functionName === '(program)' || (!f.url && f.functionName !== '(garbage collector)' && !f.functionName.startsWith('RegExp:'))) return;
    const where = f.url ? `${path.relative(ROOT, f.url.startsWith('file:') ? fileURLToPath(f.url) : f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([fn, t]) => ({ fn, share: t / total }));
}

// ------------------------------------------------------------------ 4: keystroke → diagnostics

async function keystrokeBench() {
  const client = await LspTestClient.start({ settings: { debounceMs: 0, locale: 'zh-cn' } });
  try {
    const spec = corpus.randomSpec(4242);
    const text = corpus.sizedReport(spec, 'pipe', 50_000, 4242);
    const uri = 'file:///bench/keystroke-50k.nianbao';
    const first = client.mark();
    await client.open(uri, 'nianbao', text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1, 20_000, first);
    // Edits: alternately retype a digit of table 三 (which changes the findings) and
    // type a character into the prose of part 一, then take it back out.
    const lines = text.split('\n');
    const rowLine = lines.findIndex((l) => l.startsWith('（一）予以公开') || l.includes('| （一）予以公开 |'));
    const valueCol = lines[rowLine].search(/\| [0-9]/) + 2;
    const proseLine = lines.findIndex((l, i) => i > 3 && l.length > 40 && !l.includes('|'));
    const samples = [];
    let version = 1;
    let digit = lines[rowLine][valueCol];
    let inserted = false;
    const warm = 10;
    for (let k = 0; k < 200 + warm; k++) {
      let change;
      if (k % 2 === 0) {
        digit = digit === '9' ? '1' : String(Number(digit) + 1);
        change = { range: { start: { line: rowLine, character: valueCol }, end: { line: rowLine, character: valueCol + 1 } }, text: digit };
      } else if (!inserted) {
        change = { range: { start: { line: proseLine, character: 5 }, end: { line: proseLine, character: 5 } }, text: '年' };
        inserted = true;
      } else {
        change = { range: { start: { line: proseLine, character: 5 }, end: { line: proseLine, character: 6 } }, text: '' };
        inserted = false;
      }
      version++;
      const since = client.mark();
      const v = version;
      const t0 = now();
      await client.change(uri, v, [change]);
      await client.waitForDiagnostics(uri, (p) => p.version === v, 10_000, since);
      if (k >= warm) samples.push(now() - t0);
    }
    return { bytes: Buffer.byteLength(text), edits: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
  } finally {
    await client.shutdown();
  }
}

// ------------------------------------------------------------------ 5: cold indexing

async function indexBench() {
  const REPORTS = QUICK ? 500 : 5_000;
  // Does the server index workspaces at all? (nianbao/indexStats, or an engine export.)
  const probe = await LspTestClient.start({});
  let implemented = true;
  try {
    await probe.request('nianbao/indexStats', {}, 5000);
  } catch (e) {
    if (/-32601|Unhandled method|not found/i.test(String(e?.code ?? '') + String(e?.message ?? ''))) implemented = false;
    else throw e;
  } finally {
    await probe.shutdown();
  }
  if (!implemented && typeof engine.indexWorkspace !== 'function') return { implemented: false };

  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-ws-'));
  try {
    const t0 = now();
    let bytes = 0;
    let parseMs = 0;
    for (let n = 0; n < REPORTS; n++) {
      const { file, text } = corpus.workspaceReport(n);
      writeFileSync(path.join(dir, file), text);
      bytes += Buffer.byteLength(text);
      // What the index spends in the engine, measured here on the same texts.
      const p0 = now();
      engine.parse(text);
      parseMs += now() - p0;
    }
    const genS = (now() - t0) / 1000;
    const started = now();
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    try {
      const stats = await client.request('nianbao/indexStats', {}, 120_000);
      const wall = (now() - started) / 1000;
      return { implemented: true, reports: REPORTS, bytes, genS, wallS: wall, stats, parseS: parseMs / 1000, rssMB: rssOf(client.child.pid) };
    } finally {
      await client.shutdown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ 6: memory with 200 open

async function memoryBench() {
  const OPEN = 200;
  const client = await LspTestClient.start({ settings: { debounceMs: 0 } });
  try {
    await sleep(300);
    const idle = rssOf(client.child.pid);
    let bytes = 0;
    const waits = [];
    for (let n = 0; n < OPEN; n++) {
      const { text } = corpus.workspaceReport(10_000 + n);
      bytes += Buffer.byteLength(text);
      const uri = `file:///bench/open/${n}.nianbao`;
      const since = client.mark();
      await client.open(uri, 'nianbao', text, 1);
      waits.push(client.waitForDiagnostics(uri, (p) => p.version === 1, 60_000, since));
      if (waits.length >= 20) await Promise.all(waits.splice(0));
    }
    await Promise.all(waits);
    await sleep(1000);
    const rss = rssOf(client.child.pid);
    return { open: OPEN, bytes, idleMB: idle, rssMB: rss };
  } finally {
    await client.shutdown();
  }
}

// ------------------------------------------------------------------ 7: cancellation

async function cancelBench() {
  const { CancellationTokenSource } = require(path.join(ROOT, 'node_modules/vscode-jsonrpc/node'));
  const client = await LspTestClient.start({ settings: { maxDocumentSize: 16 } });
  try {
    const text = corpus.sizedReport(corpus.randomSpec(31), 'pipe', 10 * 1024 * 1024, 31);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('（一）予以公开 |'));
    const character = lines[line].indexOf('（一）予以公开 |') + '（一）予以公开 | '.length;
    const uri = 'file:///bench/cancel-10mb.nianbao';
    await client.open(uri, 'nianbao', text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
    // Edits are checked 5 s later: each hover finds its version unchecked.
    client.settingsByUri.set(uri, { debounceMs: 5000 });
    await client.changeConfiguration(null);
    const position = { textDocument: { uri }, position: { line, character } };
    const samples = [];
    const outcomes = [];
    let version = 1;
    for (let k = 0; k < 5; k++) {
      version++;
      await client.change(uri, version, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(version % 10) }]);
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('textDocument/hover', position, source.token).then(
        (r) => (r === null ? 'null' : 'answered'),
        (e) => (e.code === -32800 ? 'cancelled' : `error ${e.code}`),
      );
      await sleep(20);
      const t0 = now();
      source.cancel();
      outcomes.push(await pending);
      samples.push(now() - t0);
    }
    version++;
    await client.change(uri, version, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(version % 10) }]);
    const t0 = now();
    await client.request('textDocument/hover', position, 120_000);
    return { bytes: Buffer.byteLength(text), samples, outcomes, p50: percentile(samples, 50), max: Math.max(...samples), uncancelledMs: now() - t0 };
  } finally {
    await client.shutdown();
  }
}

// ------------------------------------------------------------------ 8: memory after closing large documents

async function closeBench() {
  const client = await LspTestClient.start({ settings: { maxDocumentSize: 16 } });
  try {
    const pid = client.child.pid;
    const small = 'file:///bench/close/small.nianbao';
    await client.open(small, 'nianbao', corpus.workspaceReport(1).text, 1);
    await client.waitForDiagnostics(small, (p) => p.version === 1, 20_000);
    await sleep(300);
    const before = rssOf(pid);
    const ten = 'file:///bench/close/10mb.nianbao';
    const fifty = 'file:///bench/close/50mb.nianbao';
    await client.open(ten, 'nianbao', corpus.sizedReport(corpus.randomSpec(8), 'pipe', 10 * 1024 * 1024, 8), 1);
    await client.waitForDiagnostics(ten, (p) => p.version === 1, 120_000);
    await client.open(fifty, 'nianbao', corpus.sizedReport(corpus.randomSpec(9), 'pipe', 50 * 1024 * 1024, 9), 1);
    await client.waitForStatus(fifty, () => true, 120_000);
    const open = rssOf(pid);
    await client.close(ten);
    await client.close(fifty);
    await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 1 } }, 30_000);
    // The collection after the close: RSS after it settles (at most 5 s).
    let after = rssOf(pid);
    for (let k = 0; k < 10; k++) {
      await sleep(500);
      const x = rssOf(pid);
      if (Math.abs(x - after) < 1) break;
      after = x;
    }
    return { beforeMB: before, openMB: open, afterMB: after };
  } finally {
    await client.shutdown();
  }
}

// ------------------------------------------------------------------ main

const started = now();
log(`nianbao bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const results = {};
if (wanted('engine')) results.engine = await engineBench();
const e = results.engine;
if (wanted('forms')) {
  const { formsBench } = await import('./bench/forms.mjs');
  log('');
  log('input forms: reader + check() (+ findings into the source, HTML) per report, test/corpus/generated');
  results.forms = await formsBench({ quick: QUICK, log });
}
if (wanted('cli')) {
  const { cliBench } = await import('./bench/cli.mjs');
  log('');
  log('nianbao check (dist/cli.js) over many files, --format json');
  results.cli = await cliBench({ quick: QUICK, log });
}
if (!SKIP_SERVER) {
  if (wanted('keystroke')) results.keystroke = await keystrokeBench();
  if (wanted('index')) results.index = await indexBench();
  if (wanted('memory')) results.memory = await memoryBench();
  if (wanted('cancel')) results.cancel = await cancelBench();
  if (wanted('close')) results.close = await closeBench();
}

log('');
if (e) log('engine: check() = parse + all rules, one document at a time');
if (e) log('  size      docs  samples  p50 ms   p95 ms   MB/s');
if (e) for (const s of e.bySize) log(`  ${kb(s.size).padEnd(8)} ${String(s.n / e.rounds).padStart(5)} ${String(s.n).padStart(8)} ${fmt(s.p50, 2).padStart(7)}  ${fmt(s.p95, 2).padStart(7)}  ${fmt(s.mbps).padStart(6)}`);
log('');
log('  measure                                   value        target');
const row = (name, value, target, ok) => log(`  ${name.padEnd(40)} ${value.padEnd(12)} ${target}${mark(ok)}`);
if (e) {
  row('engine throughput (whole corpus)', `${fmt(e.mbps)} MB/s`, `≥ ${TARGETS.mbps} MB/s`, e.mbps >= TARGETS.mbps);
  row('bare pass (/[0-9]+/g scan), same bytes', `${fmt(e.bareMbps, 0)} MB/s`, '', null);
  row('engine ÷ bare pass (time)', `${fmt(e.ratio)}×`, `≤ ${TARGETS.ratio}×`, e.ratio <= TARGETS.ratio);
}
for (const f of results.forms ?? []) {
  if (!f.reader) row(`${f.form} reports per second`, 'no reader', '', null);
  else {
    const target = TARGETS.formsPerSecond[f.form];
    row(`${f.form} reports/s, one core (${fmt(f.avgKB, 0)} KB)`, fmt(f.perSecond), target ? `≥ ${target}` : '', target ? f.perSecond >= target : null);
    row(`  median round`, fmt(f.perSecondMedian), '', null);
    row(`  one core by CPU time`, fmt(f.perSecondCpu), '', null);
    row(`  on all ${f.cores} cores`, fmt(f.perSecondAllCores), '', null);
  }
}
if (results.cli) {
  const { text: x, pdf: p, cores } = results.cli;
  row(`check ${x.files.toLocaleString('en')} text reports, --jobs 1`, `${fmt(x.oneS)} s`, `< ${TARGETS.cliTextSeconds} s`, x.oneS < TARGETS.cliTextSeconds);
  row(`  --jobs ${cores} (speed-up)`, `${fmt(x.allS)} s (${fmt(x.speedup, 2)}×)`, `< ${TARGETS.cliTextSeconds} s`, x.allS < TARGETS.cliTextSeconds);
  row(`check PDFs/s, --jobs 1 (${p.files} files)`, fmt(p.perSecond), '', null);
  row(`  --jobs ${cores} (speed-up)`, `${fmt(p.perSecondAllCores)} (${fmt(p.speedup, 2)}×)`, '', null);
}
if (results.keystroke) {
  const k = results.keystroke;
  row(`keystroke → diagnostics p50 (${kb(k.bytes)}, ${k.edits} edits)`, `${fmt(k.p50, 2)} ms`, '', null);
  row('keystroke → diagnostics p95 (debounce 0)', `${fmt(k.p95, 2)} ms`, `≤ ${TARGETS.keystrokeP95} ms`, k.p95 <= TARGETS.keystrokeP95);
}
if (results.index) {
  const x = results.index;
  if (!x.implemented) row('cold indexing, 5,000 reports', 'not implemented', `< ${TARGETS.indexSeconds} s`, null);
  else {
    row(`cold indexing, ${x.reports.toLocaleString('en')} reports (${fmt(x.bytes / 1e6, 0)} MB)`, `${fmt(x.wallS, 2)} s`, `< ${TARGETS.indexSeconds} s`, x.wallS < TARGETS.indexSeconds);
    row('  of which the scan itself (indexStats.ms)', `${fmt(x.stats.ms / 1000, 2)} s`, `${x.stats.reports} reports found`, null);
    row('  parse() of the same texts, in-process', `${fmt(x.parseS, 2)} s`, '', null);
  }
}
if (results.memory) {
  const m = results.memory;
  row('server RSS, idle', `${fmt(m.idleMB, 0)} MB`, '', null);
  row(`server RSS, ${m.open} reports open (${fmt(m.bytes / 1e6, 1)} MB)`, `${fmt(m.rssMB, 0)} MB`, `≤ ${TARGETS.rssMB} MB`, m.rssMB <= TARGETS.rssMB);
}
if (results.cancel) {
  const c = results.cancel;
  row(`cancelled hover → answer, ${kb(c.bytes)} (p50 of 5)`, `${fmt(c.p50)} ms`, `≤ ${TARGETS.cancelMs} ms`, c.p50 <= TARGETS.cancelMs);
  row('  each (outcome)', c.samples.map((x, i) => `${fmt(x, 0)} ${c.outcomes[i]}`).join(', '), '', null);
  row('  the same hover, not cancelled', `${fmt(c.uncancelledMs, 0)} ms`, '', null);
}
if (results.close) {
  const c = results.close;
  row('server RSS before large documents', `${fmt(c.beforeMB, 0)} MB`, '', null);
  row('  with 10 MB (checked) + 50 MB (over the limit) open', `${fmt(c.openMB, 0)} MB`, '', null);
  row('  after closing them', `${fmt(c.afterMB, 0)} MB`, '', null);
}
if (e?.failures) log(`  (${e.failures} rule failures during the run)`);
if (e?.profile) {
  log('');
  log('profile of the engine pass (self time):');
  for (const p of e.profile) log(`  ${(p.share * 100).toFixed(1).padStart(5)} %  ${p.fn}`);
}
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));

log('');
const parts = e ? [`engine ${fmt(e.mbps)} MB/s (≥ ${TARGETS.mbps})`, `ratio ${fmt(e.ratio)}× (≤ ${TARGETS.ratio})`] : [];
for (const f of results.forms ?? []) if (f.reader) parts.push(`${f.form} ${fmt(f.perSecond)}/s (${f.cores} cores ${fmt(f.perSecondAllCores)}/s)`);
if (results.cli) parts.push(`check ${results.cli.text.files} text reports ${fmt(results.cli.text.oneS)} s one job, ${fmt(results.cli.text.allS)} s ${results.cli.cores} jobs (< ${TARGETS.cliTextSeconds}); PDFs ${fmt(results.cli.pdf.perSecond)}/s (${fmt(results.cli.pdf.perSecondAllCores)}/s)`);
if (results.keystroke) parts.push(`keystroke p95 ${fmt(results.keystroke.p95, 1)} ms (≤ ${TARGETS.keystrokeP95}, debounce excluded)`);
if (results.index) parts.push(results.index.implemented ? `index ${results.index.reports} reports ${fmt(results.index.wallS, 2)} s (< ${TARGETS.indexSeconds})` : 'index not implemented');
if (results.memory) parts.push(`RSS ${results.memory.open} open ${fmt(results.memory.rssMB, 0)} MB (≤ ${TARGETS.rssMB})`);
if (results.cancel) parts.push(`cancel p50 ${fmt(results.cancel.p50)} ms (≤ ${TARGETS.cancelMs})`);
if (results.close) parts.push(`RSS after closing 60 MB ${fmt(results.close.afterMB, 0)} MB (${fmt(results.close.beforeMB, 0)} before)`);
log(`bench: ${parts.join(' · ')} — ${QUICK ? 'quick run, ' : ''}${fmt((now() - started) / 1000, 0)} s`);
