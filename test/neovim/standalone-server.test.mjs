// The standalone language server for editors other than VS Code: package.json's
// bin `nianbao-language-server` is the bundled dist/server.js, runnable as a program
// (shebang, executable), and once installed with npm it speaks LSP over --stdio.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const BIN = PKG.bin?.['nianbao-language-server'];
const SEED_000 = path.resolve(REPO, '..', 'shared', 'seeds', '000_38967d40d03fbadc.txt');

/** Starts `command --stdio`, opens seed 000 as an editor would, and returns the errors published for it. */
async function seedErrors(command, t) {
  const child = spawn(command, ['--stdio'], { cwd: tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => undefined);
  const uri = pathToFileURL(SEED_000).href;
  const diagnostics = new Promise((resolve) =>
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      if (p.uri === uri && p.diagnostics.filter((d) => d.severity === 1).length >= 4) resolve(p.diagnostics);
    }),
  );
  conn.listen();
  const init = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  assert.ok(init.capabilities.textDocumentSync, 'initialize result has capabilities');
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nianbao', version: 1, text: readFileSync(SEED_000, 'utf8') } });
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no diagnostics in 10 s\n${stderr}`)), 10_000)));
  const got = await Promise.race([diagnostics, timeout]);
  clearTimeout(timer);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  assert.equal(await exited, 0, `exit status after shutdown/exit\n${stderr}`);
  conn.dispose();
  return got.filter((d) => d.severity === 1);
}

function assertSeedErrors(errors) {
  assert.equal(errors.length, 4);
  for (const d of errors) {
    assert.ok(['carry-over', 'results-total'].includes(d.code), d.code);
    assert.equal(d.source, 'nianbao');
    assert.equal(d.range.start.line, 155);
  }
}

describe('nianbao-language-server (bin)', () => {
  test('package.json bin points at the bundled server, which has a shebang and is executable', () => {
    assert.equal(BIN, 'dist/server.js');
    const file = path.join(REPO, BIN);
    assert.ok(existsSync(file), `${file} is missing: run npm run build`);
    assert.match(readFileSync(file, 'utf8').slice(0, 40), /^#!\/usr\/bin\/env node\n/);
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
  });

  test('run directly as a program with --stdio, it publishes the seed-000 errors', { timeout: 30_000 }, async (t) => {
    const file = path.join(REPO, BIN);
    assertSeedErrors(await seedErrors(process.platform === 'win32' ? process.execPath : file, t));
  });

  test('installed with `npm install -g` (into a temporary prefix), the command on PATH works', { timeout: 120_000 }, async (t) => {
    if (process.platform === 'win32') return;
    const prefix = mkdtempSync(path.join(tmpdir(), 'nianbao-prefix-'));
    t.after(() => rmSync(prefix, { recursive: true, force: true }));
    const npm = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
    const r = spawnSync(npm[0], [...npm[1], 'install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', REPO], { encoding: 'utf8' });
    assert.equal(r.status, 0, `npm install -g failed\n${r.stdout}\n${r.stderr}`);
    const installed = path.join(prefix, 'bin', 'nianbao-language-server');
    assert.ok(existsSync(installed), `${installed} was not created`);
    assertSeedErrors(await seedErrors(installed, t));
  });
});
