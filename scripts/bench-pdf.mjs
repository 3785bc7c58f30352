// PDF reading on one core: the fixture PDFs of test/fixtures/pdf read (pdf.js → view) and
// checked, a few rounds after a warm-up; the cells of tables 三 and 四 read against truth.json;
// CPU time besides wall time (the machine may be shared). Usage (after tsc):
//   node scripts/bench-pdf.mjs [ROUNDS]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { readPdf } = require('../out/server/src/io/pdf.js');
const { check, exportTables } = require('../out/server/src/engine/index.js');
const truth = JSON.parse(readFileSync(new URL('../test/fixtures/pdf/truth.json', import.meta.url), 'utf8'));

const names = ['seed000.chromium.pdf', 'seed000.libreoffice.pdf', 'report2021.chromium.pdf', 'report2021.libreoffice.pdf'];
const files = names.map((n) => ({ n, bytes: readFileSync(new URL(`../test/fixtures/pdf/${n}`, import.meta.url)) }));
const rounds = Number(process.argv[2] ?? 5);
for (const f of files) await readPdf(f.bytes); // warm-up: pdf.js loaded, code compiled
let cells = 0;
let right = 0;
for (const f of files) {
  const tables = exportTables(check((await readPdf(f.bytes)).decoded.text).model);
  const t = truth[f.n];
  for (const [row, values] of Object.entries(t.applications))
    values.forEach((v, i) => {
      cells++;
      if (tables.applications?.rows[row]?.[i] === v) right++;
    });
  for (const [group, values] of Object.entries(t.appeals))
    values.forEach((v, i) => {
      cells++;
      if (tables.appeals?.[group]?.[i] === v) right++;
    });
}
console.log(`cells of tables 三 and 四 read right: ${right}/${cells} (${((100 * right) / cells).toFixed(2)} %)`);
for (const f of files) {
  let cpu = 0;
  let read = 0;
  let checked = 0;
  let pages = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await readPdf(f.bytes);
    const t1 = performance.now();
    check(r.decoded.text);
    checked += performance.now() - t1;
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    read += t1 - t0;
    pages = new Set(r.view.spans.map((s) => s.origin.page)).size;
  }
  const ms = cpu / rounds;
  console.log(
    `${f.n.padEnd(28)} ${String(pages).padStart(2)} pages  wall: read ${(read / rounds).toFixed(0).padStart(5)} ms, check ${(checked / rounds).toFixed(0).padStart(4)} ms  cpu: ${ms.toFixed(0)} ms = ${(1000 / ms).toFixed(1)} PDFs/s, ${(((1000 / ms) * pages) / 5).toFixed(1)} 5-page PDFs/s`,
  );
}
