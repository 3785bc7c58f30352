// Runs every test file with node's built-in runner, which prints `# pass N` / `# fail N`.
// Compiled TypeScript tests live under out/test; plain .mjs tests under test/.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, re, out = []) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) find(p, re, out);
    else if (re.test(e)) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const suites = only.length ? only : ['unit', 'protocol', 'grammar', 'neovim'];
const files = [];
for (const s of suites) {
  files.push(...find(join('out', 'test', s), /\.test\.js$/));
  files.push(...find(join('test', s), /\.test\.mjs$/));
}
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const tap = join('out', 'test-results.tap');
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=' + tap, ...files], {
  stdio: 'inherit',
});
// One plain closing line for CI, from the TAP summary of the same run.
let summary = '';
try {
  summary = readFileSync(tap, 'utf8');
} catch {
  // no TAP file: the runner itself failed
}
const count = (name) => Number((summary.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
console.log(`# pass ${count('pass')}`);
console.log(`# fail ${count('fail')}`);
console.log(`${count('pass')} passed, ${count('fail')} failed`);
process.exit(r.status ?? 1);
