// check() of two builds side by side in one process (a busy machine's speed varies too much for
// two runs to compare): the text view of each HTML page of test/corpus/generated (the forms
// bench's pages) checked by the old build and the new one back to back, in alternating order;
// per round the CPU time (REPS passes) (process.cpuUsage) of all pages for each side; the medians of the
// rounds and of the per-round ratio new/old.
//
//   mkdir -p /tmp/old && cp -r out /tmp/old/out && ln -s "$PWD/node_modules" /tmp/old/node_modules   (before the change; tsc)
//   node scripts/bench/check-ab.mjs /tmp/old/out [out] [rounds, default 60] [--locale en]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const li = args.indexOf('--locale');
const locale = li >= 0 ? args[li + 1] : undefined;
const pos = args.filter((a, i) => !a.startsWith('--') && !(li >= 0 && i === li + 1));
const [OLD, NEW = path.join(ROOT, 'out')] = pos.filter((a) => !/^\d+$/.test(a)).map((a) => path.resolve(a));
if (!OLD) {
  console.error('usage: node scripts/bench/check-ab.mjs OLD_OUT [NEW_OUT] [rounds] [--locale en]');
  process.exit(2);
}
const rounds = Number(pos.find((a) => /^\d+$/.test(a)) ?? 60);
const { READERS } = require(path.join(NEW, 'server/src/io/report.js'));
const dir = path.join(ROOT, 'test/corpus/generated');
const texts = readdirSync(dir).filter((n) => n.endsWith('.html')).map((n) => READERS.html(readFileSync(path.join(dir, n))).decoded.text);
const impls = { old: require(path.join(OLD, 'server/src/engine/index.js')).check, new: require(path.join(NEW, 'server/src/engine/index.js')).check };
// The CPU clock ticks coarsely (getrusage): a side's turn checks every view REPS times, some 100 ms.
const REPS = 8;
const once = (check) => {
  const c0 = process.cpuUsage();
  for (let k = 0; k < REPS; k++) for (const t of texts) check(t, { path: 'x.html', locale });
  const c = process.cpuUsage(c0);
  return c.user + c.system;
};
for (let i = 0; i < 10; i++) { once(impls.old); once(impls.new); }
const t = { old: [], new: [] };
const ratios = [];
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? ['old', 'new'] : ['new', 'old'];
  const got = {};
  for (const s of order) got[s] = once(impls[s]);
  t.old.push(got.old); t.new.push(got.new); ratios.push(got.new / got.old);
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length * p)]; };
const per = (us) => (us / texts.length / REPS / 1000).toFixed(3);
console.log(`${texts.length} text views (${Math.round(texts.reduce((a, x) => a + x.length, 0) / texts.length)} chars on average) × ${rounds} rounds: median CPU per check old ${per(med(t.old))} ms, new ${per(med(t.new))} ms; per-round new/old median ${med(ratios).toFixed(3)} (quartiles ${q(ratios, 0.25).toFixed(3)}–${q(ratios, 0.75).toFixed(3)})`);
