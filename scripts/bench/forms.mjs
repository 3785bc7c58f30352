// Reports per second by input form (HTML, DOCX, PDF): the form's reader (io/report.ts
// READERS), `check`, and for a form read with a source (HTML) the findings moved into it
// (io/source-ranges.ts resultInSource), as the CLI does, over the generated corpus
// (test/corpus/generated), on one core and on all cores (worker threads, one per core,
// every worker the whole list). `html-20kb`: the same pages with inline styles taken off,
// first to last, until each is at most 20 KB (same text, same tables: the page size the
// issue's target names). One core: the best of the rounds (each round every file once; the
// median round too), also by CPU time (process.cpuUsage: this thread's work and V8's helper
// threads'), which a busy machine inflates less than wall time.
// Part of `npm run bench` (`--only forms`); needs out/ (tsc).

import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = path.join(ROOT, 'test/corpus/generated');

/** The forms measured: a kind id of io/kinds.ts and the file endings of its corpus files. */
const FORMS = [
  { form: 'html', kind: 'html', ends: ['.html'] },
  { form: 'html-20kb', kind: 'html', ends: ['.html'], shrinkTo: 20 * 1024 },
  { form: 'docx', kind: 'docx', ends: ['.docx'] },
  { form: 'pdf', kind: 'pdf', ends: ['.pdf'] },
];

/**
 * A page with its inline `style` attributes taken off, first to last, until it is at most
 * `limit` bytes (or has none left). Bytes as latin1 text: the attributes are ASCII, and
 * every other byte (UTF-8, GBK) stays as it was.
 */
export function shrinkPage(bytes, limit) {
  let page = bytes.toString('latin1');
  const style = / style="[^"]*"/g;
  let size = page.length;
  page = page.replace(style, (m) => {
    if (size <= limit) return m;
    size -= m.length;
    return '';
  });
  return Buffer.from(page, 'latin1');
}

/** Read and check every input (a file's path, or the bytes of one) once; returns the count of reports checked. */
async function pass(inputs, kind) {
  const { READERS } = require(path.join(ROOT, 'out/server/src/io/report.js'));
  const { check } = require(path.join(ROOT, 'out/server/src/engine/index.js'));
  const { resultInSource } = require(path.join(ROOT, 'out/server/src/io/source-ranges.js'));
  let n = 0;
  for (const f of inputs) {
    const read = await READERS[kind](typeof f === 'string' ? readFileSync(f) : Buffer.from(f.buffer, f.byteOffset, f.length));
    if (read.skip) continue;
    const checked = check(read.decoded.text, { path: typeof f === 'string' ? f : 'page.html' });
    if (read.view && read.source !== undefined) resultInSource(checked, read.view, read.source);
    n++;
  }
  return n;
}

if (!isMainThread) {
  const { files, kind, rounds } = workerData;
  let n = 0;
  for (let r = 0; r < rounds; r++) n += await pass(files, kind);
  parentPort.postMessage(n);
}

/** Per form: files, bytes, reports per second on one core and on all cores; `no reader` when the kind is not declared. */
export async function formsBench({ quick = false, log = console.log } = {}) {
  const { REPORT_KINDS } = require(path.join(ROOT, 'out/server/src/io/kinds.js'));
  const names = readdirSync(CORPUS).sort();
  const rounds = quick ? 1 : 5;
  const cores = cpus().length;
  const out = [];
  for (const { form, kind, ends, shrinkTo } of FORMS) {
    const paths = names.filter((n) => ends.some((e) => n.endsWith(e))).map((n) => path.join(CORPUS, n));
    if (!REPORT_KINDS.some((k) => k.id === kind) || paths.length === 0) {
      out.push({ form, files: paths.length, reader: false });
      continue;
    }
    const files = shrinkTo ? paths.map((f) => shrinkPage(readFileSync(f), shrinkTo)) : paths;
    const bytes = files.reduce((s, f) => s + (typeof f === 'string' ? readFileSync(f).length : f.length), 0);
    // Warm-up: lazy modules, and V8's optimising tiers, which take the readers (saxes, parse5,
    // pdf.js) some ten passes over the corpus to reach (measured: DOCX from 21 to ~100 reports/s,
    // HTML from 25 to ~100, over the first ten rounds); a user's run over a folder is past them.
    for (let r = 0; r < (quick ? 1 : 10); r++) await pass(files, kind);
    // Each round timed by itself: the best round is the rate with the least interference from
    // the rest of the machine (a shared host's speed varies by half from one second to the next);
    // the median round is printed beside it.
    const wall = [];
    const cpuRates = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const n = await pass(files, kind);
      const cpu = process.cpuUsage(c0);
      wall.push(n / ((performance.now() - t0) / 1000));
      cpuRates.push(n / ((cpu.user + cpu.system) / 1e6));
    }
    const best = (xs) => Math.max(...xs);
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const single = best(wall);
    const singleMedian = median(wall);
    const singleCpu = best(cpuRates);
    // All cores: every worker reads and checks the whole list `rounds` times.
    const t0 = performance.now();
    const counts = await Promise.all(
      Array.from({ length: cores }, () =>
        new Promise((resolve, reject) => {
          const w = new Worker(fileURLToPath(import.meta.url), { workerData: { files, kind, rounds } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
      ),
    );
    const all = counts.reduce((a, b) => a + b, 0) / ((performance.now() - t0) / 1000);
    log(`  ${form}: ${files.length} files, ${(bytes / files.length / 1024).toFixed(0)} KB each: ${single.toFixed(1)} reports/s on one core (best of ${rounds} rounds; median ${singleMedian.toFixed(1)}), ${all.toFixed(1)} on ${cores} cores (one core by CPU time: ${singleCpu.toFixed(1)} reports/s)`);
    out.push({ form, files: files.length, avgKB: bytes / files.length / 1024, reader: true, perSecond: single, perSecondMedian: singleMedian, perSecondCpu: singleCpu, perSecondAllCores: all, cores });
  }
  return out;
}

if (isMainThread && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  console.log(JSON.stringify(await formsBench({ quick }), null, 1));
}
