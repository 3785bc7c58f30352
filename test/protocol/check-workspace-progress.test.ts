// 「检查工作区内全部年报」 (nianbao.server.checkWorkspace) reports its progress as LSP work-done
// progress — on the token the client sent (the VS Code client's cancellable notification), or
// on one the server creates — and stops when cancelled, answering with the files checked so far.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { workspaceReport } from '../support/corpus';
import { LspTestClient } from './lsp-client';

const REPORTS = 60;

describe('「检查工作区」: progress and cancellation', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-wsprogress-'));
  for (let n = 0; n < REPORTS; n++) {
    const { file, text } = workspaceReport(n);
    writeFileSync(path.join(dir, file), text);
  }
  const clients: LspTestClient[] = [];
  const start = async (workDoneProgress: boolean) => {
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()], workDoneProgress });
    clients.push(client);
    assert.equal((await client.request<{ reports: number }>('nianbao/indexStats', {}, 60_000)).reports, REPORTS);
    // Each file's settings are asked for: answered slowly, the command is still running when it is cancelled.
    // (the settings the index read are cached: a configuration change drops them)
    client.configDelayMs = 50;
    await client.changeConfiguration();
    return client;
  };
  after(async () => {
    for (const c of clients) await c.shutdown();
  });

  test('on the client’s token: begin (cancellable), reports of files done, then cancelled by the request’s cancellation', { timeout: 120_000 }, async () => {
    const client = await start(false);
    const token = 'check-workspace-1';
    const cancel = new CancellationTokenSource();
    const answer = client.connection.sendRequest<{ files: number; cancelled?: boolean }>('workspace/executeCommand', { command: 'nianbao.server.checkWorkspace', arguments: [], workDoneToken: token }, cancel.token);
    const begin = await client.waitForProgress((p) => p.token === token && p.value.kind === 'begin');
    assert.equal(begin.value.cancellable, true);
    assert.equal(begin.value.title, '检查工作区内全部年报');
    assert.equal(begin.value.message, `0/${REPORTS} 个文件`);
    const report = await client.waitForProgress((p) => p.token === token && p.value.kind === 'report');
    assert.match(report.value.message ?? '', new RegExp(`^\\d+/${REPORTS} 个文件$`));
    cancel.cancel();
    const r = await answer;
    assert.equal(r.cancelled, true);
    assert.ok(r.files >= 1 && r.files < REPORTS, `stopped after ${r.files} of ${REPORTS}`);
    await client.waitForProgress((p) => p.token === token && p.value.kind === 'end');
    assert.deepEqual(client.progressCreated, []);
  });

  test('without a token, on progress the server creates; cancelled from the client’s progress (window/workDoneProgress/cancel)', { timeout: 120_000 }, async () => {
    const client = await start(true);
    const answer = client.request<{ files: number; cancelled?: boolean }>('workspace/executeCommand', { command: 'nianbao.server.checkWorkspace', arguments: [] }, 120_000);
    const report = await client.waitForProgress((p) => p.value.kind === 'report');
    assert.deepEqual(client.progressCreated, [report.token]);
    await client.notify('window/workDoneProgress/cancel', { token: report.token });
    const r = await answer;
    assert.equal(r.cancelled, true);
    assert.ok(r.files < REPORTS);
  });

  test('run to the end: the last report is 100 %, and every file is counted', { timeout: 120_000 }, async () => {
    const client = await start(false);
    client.configDelayMs = 0;
    const token = 'check-workspace-all';
    const r = await client.request<{ files: number; cancelled?: boolean }>('workspace/executeCommand', { command: 'nianbao.server.checkWorkspace', arguments: [], workDoneToken: token }, 120_000);
    assert.equal(r.files, REPORTS);
    assert.equal(r.cancelled, undefined);
    const mine = client.progress.filter((p) => p.token === token).map((p) => p.value);
    assert.equal(mine[0].kind, 'begin');
    assert.equal(mine[mine.length - 1].kind, 'end');
    assert.deepEqual(mine[mine.length - 2], { kind: 'report', percentage: 100, message: `${REPORTS}/${REPORTS} 个文件` });
  });
});
