// The Word reader of two builds side by side in one process (a busy machine's speed varies too
// much for two runs to compare): each .docx of the corpus and fixtures read by the old build and
// the new one back to back, in alternating order, CPU time (process.cpuUsage) per read; the
// medians of each side and of the per-pair ratio new/old, and the ratio of the totals.
// `--check`: each read and then checked (check(), as the forms bench does).
//
//   mkdir -p /tmp/old && cp -r out /tmp/old/out && ln -s "$PWD/node_modules" /tmp/old/node_modules   (before the change; tsc)
//   node scripts/bench/docx-ab.mjs /tmp/old/out [out] [rounds, default 40] [--check]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const [OLD, NEW = path.join(ROOT, 'out')] = args.filter((a) => !/^\d+$/.test(a)).map((a) => path.resolve(a));
if (!OLD) {
  console.error('usage: node scripts/bench/docx-ab.mjs OLD_OUT [NEW_OUT] [rounds] [--check]');
  process.exit(2);
}
const withCheck = process.argv.includes('--check');
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 40);
const dirs = ['test/corpus/generated', 'test/corpus/real', 'test/fixtures/docx'].map((d) => path.join(ROOT, d));
const files = dirs.flatMap((d) => readdirSync(d).filter((n) => n.endsWith('.docx')).map((n) => readFileSync(path.join(d, n))));
const load = (root) => ({ read: require(path.join(root, 'server/src/io/docx.js')).readDocx, check: require(path.join(root, 'server/src/engine/index.js')).check });
const impls = { old: load(OLD), new: load(NEW) };
const once = (impl, f) => {
  const c0 = process.cpuUsage();
  const r = impl.read(f);
  if (withCheck && !r.skip) impl.check(r.decoded.text, { path: 'x.docx' });
  const c = process.cpuUsage(c0);
  return c.user + c.system;
};
for (let i = 0; i < 5; i++) for (const f of files) { once(impls.old, f); once(impls.new, f); }
const t = { old: [], new: [] };
const ratios = [];
let k = 0;
for (let r = 0; r < rounds; r++)
  for (const f of files) {
    const order = k++ % 2 ? ['old', 'new'] : ['new', 'old'];
    const got = {};
    for (const s of order) got[s] = once(impls[s], f);
    t.old.push(got.old); t.new.push(got.new); ratios.push(got.new / got.old);
  }
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length * p)]; };
const sum = (a) => a.reduce((x, y) => x + y, 0);
console.log(`mean CPU per read old ${(sum(t.old) / t.old.length).toFixed(0)} µs, new ${(sum(t.new) / t.new.length).toFixed(0)} µs: ratio ${(sum(t.new) / sum(t.old)).toFixed(3)}`);
console.log(`${files.length} files × ${rounds} rounds${withCheck ? ', read+check' : ', read only'}: median CPU per read old ${med(t.old).toFixed(0)} µs, new ${med(t.new).toFixed(0)} µs (${(1e6 / med(t.old)).toFixed(0)} → ${(1e6 / med(t.new)).toFixed(0)} /s); per-pair new/old median ${med(ratios).toFixed(3)} (quartiles ${q(ratios, 0.25).toFixed(3)}–${q(ratios, 0.75).toFixed(3)})`);
