// 「检查工作区」 reads the indexed reports through the same reader as the index and the
// CLI (io/report.ts): a report replaced by a named pipe since it was indexed is passed
// over, it does not hang the command (issue 14, item 5).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { defaultSpec, render } from '../support/generate';
import { LspTestClient } from './lsp-client';

describe('「检查工作区」 reads as the index reads', { skip: process.platform === 'win32' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-wsread-'));
  const a = path.join(dir, '甲区2022年政府信息公开工作年度报告.txt');
  const b = path.join(dir, '乙区2022年政府信息公开工作年度报告.txt');
  writeFileSync(a, render(defaultSpec({ year: 2022 }), 'pipe').replace(/示例区/g, '甲区'));
  writeFileSync(b, render(defaultSpec({ year: 2022 }), 'pipe').replace(/示例区/g, '乙区'));
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
  });
  after(async () => client.shutdown());

  test('a report that became a named pipe after indexing is passed over; the others are checked', async () => {
    const stats = await client.request<{ reports: number }>('nianbao/indexStats', {});
    assert.equal(stats.reports, 2);
    unlinkSync(b);
    assert.equal(spawnSync('mkfifo', [b]).status, 0);
    const mark = client.mark();
    const r = await client.request<{ files: number }>('workspace/executeCommand', { command: 'nianbao.server.checkWorkspace', arguments: [] }, 5000);
    assert.equal(r.files, 2);
    await client.waitForDiagnostics(pathToFileURL(a).toString(), () => true, 5000, mark);
  });
});
