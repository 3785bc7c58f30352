// Neovim's built-in LSP client against the bundled server (dist/server.js --stdio):
// headless nvim opens seed 000 with filetype nianbao (test/neovim/diagnostics.lua)
// and must receive the four errors on line 156 at the right byte columns, and be
// offered the preferred quick fix. Needs `nvim` (scripts/neovim/setup.sh installs
// Debian's neovim) and `npm run build`; a missing nvim is a failure, not a skip.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER = path.join(REPO, 'dist', 'server.js');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SCRIPT = path.join(REPO, 'test', 'neovim', 'diagnostics.lua');
const SEED_000 = path.join('..', 'shared', 'seeds', '000_38967d40d03fbadc.txt'); // relative to the repo
const NVIM = process.env.NVIM_BIN || 'nvim';
const NEEDS = [0, 7];

function nvimVersion() {
  const r = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    assert.fail(`Neovim is not installed (${r.error?.message ?? `exit ${r.status}`}): run scripts/neovim/setup.sh (apt-get install neovim) or set NVIM_BIN`);
  const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
  assert.ok(m, `cannot read the version from: ${r.stdout.split('\n')[0]}`);
  return m.slice(1).map(Number);
}

/** Runs nvim headless with the Lua driver; resolves with its exit status and output. Killed (by its pid) after `ms`. */
function runNvim(env, ms) {
  return new Promise((resolve) => {
    const child = spawn(NVIM, ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, output });
    });
  });
}

test('Neovim (built-in LSP client) receives the seed-000 errors from the bundled server', { timeout: 60_000 }, async (t) => {
  const version = nvimVersion();
  assert.ok(version[0] > NEEDS[0] || (version[0] === NEEDS[0] && version[1] >= NEEDS[1]), `Neovim ${version.join('.')} is older than ${NEEDS.join('.')}`);
  t.diagnostic(`nvim ${version.join('.')}`);
  assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build`);
  assert.ok(existsSync(path.join(REPO, SEED_000)), `seed 000 is missing at ${SEED_000}`);

  // What the same engine says through the CLI: the findings nvim must show.
  const cli = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', SEED_000], { cwd: REPO, encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stderr);
  const expectedErrors = JSON.parse(cli.stdout).files[0].diagnostics.filter((d) => d.severity === 'error');
  assert.equal(expectedErrors.length, 4);
  const lines = readFileSync(path.join(REPO, SEED_000), 'utf8').split('\n');
  // Neovim columns are bytes of the UTF-8 line; the server speaks UTF-16 characters.
  const byteCol = (line, character) => Buffer.byteLength(lines[line].slice(0, character), 'utf8');

  const home = mkdtempSync(path.join(tmpdir(), 'nianbao-nvim-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const out = path.join(home, 'diagnostics.json');
  const run = await runNvim(
    {
      NIANBAO_NODE: process.execPath,
      NIANBAO_SERVER: SERVER,
      NIANBAO_FILE: SEED_000,
      NIANBAO_ROOT: REPO,
      NIANBAO_OUT: out,
      NIANBAO_WANT_ERRORS: '4',
      NIANBAO_TIMEOUT_MS: '10000',
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
    },
    30_000,
  );
  const lspLog = () => {
    const log = path.join(home, 'cache', 'nvim', 'lsp.log');
    const log2 = path.join(home, 'state', 'nvim', 'lsp.log');
    return [log, log2].filter(existsSync).map((f) => readFileSync(f, 'utf8')).join('\n');
  };
  const context = () => `nvim exit ${run.code} signal ${run.signal}${run.timedOut ? ' (timed out)' : ''}\n--- nvim output ---\n${run.output}\n--- lsp.log ---\n${lspLog()}`;
  assert.ok(existsSync(out), `the Lua driver wrote no result\n${context()}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(report.error, undefined, `${report.error}\n${context()}`);
  assert.equal(report.ok, true, `fewer than 4 nianbao errors arrived in 10 s: ${JSON.stringify(report.diagnostics)}\n${context()}`);
  assert.equal(run.code, 0, context());
  assert.equal(report.offset_encoding, 'utf-16');

  const errors = report.diagnostics.filter((d) => d.source === 'nianbao' && d.severity === 1);
  assert.equal(errors.length, 4, JSON.stringify(errors));
  assert.deepEqual([...new Set(errors.map((d) => d.code))].sort(), ['carry-over', 'results-total']);
  for (const d of errors) assert.equal(d.lnum, 155, `line 156 (0-based 155): ${JSON.stringify(d)}`);
  const key = (d) => `${d.code}@${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col}`;
  assert.deepEqual(
    errors.map(key).sort(),
    expectedErrors
      .map((d) =>
        key({ code: d.code, lnum: d.range.start.line, col: byteCol(d.range.start.line, d.range.start.character), end_lnum: d.range.end.line, end_col: byteCol(d.range.end.line, d.range.end.character) }),
      )
      .sort(),
  );
  // Everything else the server published is what the CLI reports too.
  assert.equal(report.diagnostics.length, JSON.parse(cli.stdout).files[0].diagnostics.length);

  // The quick fix for the first error: the CLI's preferred fix, marked preferred.
  const first = expectedErrors.find((d) => d.range.start.line === errors[0].lnum && byteCol(d.range.start.line, d.range.start.character) === errors[0].col);
  const preferred = first.fixes.find((x) => x.preferred);
  assert.ok(
    report.code_actions.some((a) => a.title === preferred.title && a.isPreferred === true && a.kind === 'quickfix'),
    `code actions ${JSON.stringify(report.code_actions)} lack “${preferred.title}”`,
  );
  assert.equal(report.stopped, true, 'the client stopped the server');
});
