// `.nianbao.jsonc` acts the same in the editor and in the CLI: the bundled server's
// diagnostics and the bundled CLI's findings on the same files, with the same configuration,
// lack the rule it turns off; a changed configuration file (workspace/didChangeWatchedFiles)
// re-checks the open documents; its problems are diagnostics on the file itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { defaultSpec, render } from '../support/generate';
import { LspTestClient, REPO_ROOT, type Publish } from './lsp-client';

const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');
const CHANGED = 2;

describe('.nianbao.jsonc in the editor and in the CLI', () => {
  // Two years of one body; the newer report's 上年结转 disagrees with the older's 结转下年度.
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'nianbao-config-')));
  // And one cell of its own is wrong (予以公开 自然人 4 → 5): findings of other rules, the same in both.
  const y2022 = render(defaultSpec({ year: 2022 }), 'pipe').replace('（一）予以公开 | 4 |', '（一）予以公开 | 5 |');
  const f2022 = path.join(dir, '示例区2022年政府信息公开工作年度报告.txt');
  writeFileSync(path.join(dir, '示例区2021年政府信息公开工作年度报告.txt'), render(defaultSpec({ year: 2021 }), 'pipe'));
  writeFileSync(f2022, y2022);
  const configFile = path.join(dir, '.nianbao.jsonc');
  const configUri = pathToFileURL(configFile).toString();
  const uri2022 = pathToFileURL(f2022).toString();
  writeFileSync(configFile, '// cross-year checks are not wanted here\n{ "rules": { "cross-year": "off" } }\n');
  let client: LspTestClient;

  /** The codes the CLI finds in the newer report, sorted. */
  const cliCodes = (): string[] => {
    const r = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', dir], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const file = JSON.parse(r.stdout).files.find((f: { path: string }) => f.path === f2022);
    return file.diagnostics.map((d: { code: string }) => d.code).sort();
  };
  const serverCodes = (p: Publish): string[] => p.diagnostics.map((d) => String(d.code)).sort();

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    // The index holds both years before the newer report is opened.
    assert.equal((await client.request<{ reports: number }>('nianbao/indexStats', {})).reports, 2);
  });
  after(async () => client.shutdown());

  test('a rule turned off: absent from the CLI’s findings and from the server’s diagnostics, the rest the same', async () => {
    await client.open(uri2022, 'nianbao', y2022, 1);
    const p = await client.waitForDiagnostics(uri2022);
    const codes = cliCodes();
    assert.ok(!codes.includes('cross-year'));
    assert.ok(codes.includes('results-total'), codes.join());
    assert.deepEqual(serverCodes(p), codes);
  });

  test('the configuration file changed: the open report is checked again, as the CLI checks it', async () => {
    const mark = client.mark();
    writeFileSync(configFile, '{ "rules": { "cross-year": "warning" } }\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CHANGED }] });
    const p = await client.waitForDiagnostics(uri2022, (x) => x.diagnostics.some((d) => d.code === 'cross-year'), 5000, mark);
    const codes = cliCodes();
    assert.ok(codes.includes('cross-year'));
    assert.deepEqual(serverCodes(p), codes);
    // Its severity set by the file: a warning.
    assert.ok(p.diagnostics.filter((d) => d.code === 'cross-year').every((d) => d.severity === 2 || d.severity === 3));
  });

  test('VS Code’s settings set explicitly win over the file', async () => {
    const mark = client.mark();
    client.settings = { ...client.settings, rules: { 'cross-year': 'off' } };
    await client.changeConfiguration();
    const p = await client.waitForDiagnostics(uri2022, (x) => !x.diagnostics.some((d) => d.code === 'cross-year'), 5000, mark);
    assert.ok(p.diagnostics.length > 0);
    const back = client.mark();
    client.settings = { ...client.settings, rules: { 'cross-year': 'default' } };
    await client.changeConfiguration();
    await client.waitForDiagnostics(uri2022, (x) => x.diagnostics.some((d) => d.code === 'cross-year'), 5000, back);
  });

  test('ignore: a document the file’s patterns name is not checked (its diagnostics are cleared)', async () => {
    const mark = client.mark();
    writeFileSync(configFile, '{ "ignore": ["*2022*"] }\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CHANGED }] });
    await client.waitForDiagnostics(uri2022, (x) => x.diagnostics.length === 0, 5000, mark);
    const r = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', dir], { encoding: 'utf8' });
    assert.ok(!JSON.parse(r.stdout).files.some((f: { path: string }) => f.path === f2022));
  });

  test('ignore: last year’s report ignored is no previous year, in the workspace index as in the CLI', async () => {
    const mark = client.mark();
    writeFileSync(configFile, '{ "ignore": ["*2021*"] }\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CHANGED }] });
    const p = await client.waitForDiagnostics(uri2022, (x) => x.diagnostics.length > 0 && !x.diagnostics.some((d) => d.code === 'cross-year'), 5000, mark);
    const codes = cliCodes();
    assert.ok(!codes.includes('cross-year'));
    assert.deepEqual(serverCodes(p), codes);
  });

  test('a mistake in the file: a diagnostic on the file itself, where it is', async () => {
    const mark = client.mark();
    writeFileSync(configFile, '{\n  "rules": { "cross-yaer": "off" }\n}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CHANGED }] });
    const p = await client.waitForDiagnostics(configUri, (x) => x.diagnostics.length > 0, 5000, mark);
    assert.equal(p.diagnostics.length, 1);
    assert.deepEqual(p.diagnostics[0].range, { start: { line: 1, character: 13 }, end: { line: 1, character: 25 } });
    assert.match(p.diagnostics[0].message, /cross-yaer/);
    const r = spawnSync(process.execPath, [CLI_JS, 'check', dir], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.nianbao\.jsonc:2:14: /);
    // Corrected: the diagnostic goes.
    const fixed = client.mark();
    writeFileSync(configFile, '{}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CHANGED }] });
    await client.waitForDiagnostics(configUri, (x) => x.diagnostics.length === 0, 5000, fixed);
  });
});
