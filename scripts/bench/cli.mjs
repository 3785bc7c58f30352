// `nianbao check` over many files (part of `npm run bench`, `--only cli`): the bundled CLI
// (dist/cli.js) run as a process, as people run it, on
//  - 10,000 generated text reports (test/support/corpus.ts `workspaceReport`, 5–30 KB each,
//    five years of 2,000 bodies, so the cross-year rule finds last years) written to a
//    temporary folder: wall time with --jobs 1 and with one job per core, and the speed-up;
//  - the PDFs of test/corpus/generated and test/fixtures/pdf, copied REPEAT times into a
//    temporary folder: reports per second with --jobs 1 and one job per core.
// Each run is checked to give the same JSON output with --jobs 1 and all cores.

import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

/** Runs `nianbao check --format json --no-progress --jobs J DIR`; wall seconds and a hash of stdout. */
function runCli(dir, jobs) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', '--no-progress', '--jobs', String(jobs), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const hash = createHash('sha256');
    let stderr = '';
    child.stdout.on('data', (b) => hash.update(b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`nianbao check exited with ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ seconds: (performance.now() - t0) / 1000, hash: hash.digest('hex') });
    });
  });
}

async function measure(dir, files, cores, log, what) {
  const one = await runCli(dir, 1);
  log(`  ${what}, --jobs 1: ${one.seconds.toFixed(1)} s`);
  const all = await runCli(dir, cores);
  log(`  ${what}, --jobs ${cores}: ${all.seconds.toFixed(1)} s`);
  if (one.hash !== all.hash) throw new Error(`${what}: the JSON output differs between --jobs 1 and --jobs ${cores}`);
  return { files, oneS: one.seconds, allS: all.seconds, speedup: one.seconds / all.seconds, perSecond: files / one.seconds, perSecondAllCores: files / all.seconds };
}

export async function cliBench({ quick = false, log = console.log } = {}) {
  const corpus = require(path.join(ROOT, 'out/test/support/corpus.js'));
  const cores = availableParallelism();
  const REPORTS = quick ? 1_000 : 10_000;
  const REPEAT = quick ? 2 : 5;
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-cli-'));
  try {
    const textDir = path.join(dir, 'text');
    const pdfDir = path.join(dir, 'pdf');
    for (const d of [textDir, pdfDir]) rmSync(d, { recursive: true, force: true });
    require('node:fs').mkdirSync(textDir);
    require('node:fs').mkdirSync(pdfDir);
    let bytes = 0;
    for (let n = 0; n < REPORTS; n++) {
      const { file, text } = corpus.workspaceReport(n);
      writeFileSync(path.join(textDir, file), text);
      bytes += Buffer.byteLength(text);
    }
    log(`  ${REPORTS.toLocaleString('en')} text reports, ${(bytes / 1e6).toFixed(0)} MB, ${cores} cores`);
    const text = { ...(await measure(textDir, REPORTS, cores, log, `${REPORTS.toLocaleString('en')} text reports`)), bytes };
    let pdfs = 0;
    for (const src of [path.join(ROOT, 'test/corpus/generated'), path.join(ROOT, 'test/fixtures/pdf')])
      for (const f of readdirSync(src).filter((x) => x.endsWith('.pdf')))
        for (let k = 0; k < REPEAT; k++, pdfs++) copyFileSync(path.join(src, f), path.join(pdfDir, `${k}-${path.basename(src)}-${f}`));
    const pdf = await measure(pdfDir, pdfs, cores, log, `${pdfs} PDFs`);
    return { cores, text, pdf };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
