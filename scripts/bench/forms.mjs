// Reports per second by input form (HTML, DOCX, PDF): the form's reader (io/report.ts
// READERS) and `check` over the generated corpus (test/corpus/generated), on one core and
// on all cores (worker threads, one per core, the files shared out between them).
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
  { form: 'docx', kind: 'docx', ends: ['.docx'] },
  { form: 'pdf', kind: 'pdf', ends: ['.pdf'] },
];

/** Read and check every file once; returns the count of reports checked. */
async function pass(files, kind) {
  const { READERS } = require(path.join(ROOT, 'out/server/src/io/report.js'));
  const { check } = require(path.join(ROOT, 'out/server/src/engine/index.js'));
  let n = 0;
  for (const f of files) {
    const read = await READERS[kind](readFileSync(f));
    if (read.skip) continue;
    check(read.decoded.text, { path: f });
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
  for (const { form, kind, ends } of FORMS) {
    const files = names.filter((n) => ends.some((e) => n.endsWith(e))).map((n) => path.join(CORPUS, n));
    if (!REPORT_KINDS.some((k) => k.id === kind) || files.length === 0) {
      out.push({ form, files: files.length, reader: false });
      continue;
    }
    const bytes = files.reduce((s, f) => s + readFileSync(f).length, 0);
    await pass(files, kind); // warm-up: lazy modules, JIT
    let t0 = performance.now();
    let n = 0;
    for (let r = 0; r < rounds; r++) n += await pass(files, kind);
    const single = n / ((performance.now() - t0) / 1000);
    // All cores: every worker reads and checks the whole list `rounds` times.
    t0 = performance.now();
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
    log(`  ${form}: ${files.length} files, ${(bytes / files.length / 1024).toFixed(0)} KB each: ${single.toFixed(1)} reports/s on one core, ${all.toFixed(1)} on ${cores} cores`);
    out.push({ form, files: files.length, avgKB: bytes / files.length / 1024, reader: true, perSecond: single, perSecondAllCores: all, cores });
  }
  return out;
}

if (isMainThread && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  console.log(JSON.stringify(await formsBench({ quick }), null, 1));
}
