// Runs every test file with node's built-in runner, which prints `# pass N` / `# fail N`.
// Compiled TypeScript tests live under out/test; plain .mjs tests under test/.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=' + join('out', 'test-results.tap'), ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
