// An aggregate report (`.nianbao.jsonc`'s `aggregations`) open in the editor follows its
// parts' reports: a part edited while open, changed, deleted or created on disk, opened or
// closed re-checks the open aggregate, whose diagnostics are republished without waiting for
// an edit of its own; a large aggregate (checked in the worker thread) never publishes a
// result read from a part's facts that changed while it was being checked.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { aggregateFolder, PARTS } from '../support/aggregate';
import { padding, rng } from '../support/corpus';
import { LspTestClient, type Publish } from './lsp-client';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;
const ERROR = 1;
const WARNING = 2;

/**
 * A server on the workspace `dir`, started before the suite's tests (its index holding the
 * aggregate and its three parts before anything is opened) and shut down after them, the
 * folder removed.
 */
function serverOn(dir: string): { client: LspTestClient } {
  const server = {} as { client: LspTestClient };
  before(async () => {
    server.client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    assert.equal((await server.client.request<{ reports: number }>('nianbao/indexStats', {})).reports, 4);
  });
  after(async () => {
    await server.client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}

describe('an open aggregate report is re-checked when a part’s report changes', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'nianbao-aggregate-')));
  // The county writes 8 in 予以公开's 商业企业 cell; its three departments' reports have 1, 2 and 3 there.
  const { aggregate, parts } = aggregateFolder(dir, { offBy: { row: 'granted', column: 1, by: 2 } });
  const uri = pathToFileURL(aggregate).toString();
  const partUris = parts.map((p) => pathToFileURL(p).toString());
  const partTexts = parts.map((p) => readFileSync(p, 'utf8'));
  /** A part's text with its 予以公开 商业企业 cell `from` → `to` (the part's own totals left as they are). */
  const granted = (text: string, from: number, to: number): string => {
    const out = text.replace(new RegExp(`(\\| （一）予以公开 \\| \\d+ \\| )${from}( \\|)`), `$1${to}$2`);
    assert.notEqual(out, text);
    return out;
  };
  const errors = (p: Publish) => p.diagnostics.filter((d) => d.code === 'aggregate' && d.severity === ERROR);
  const missing = (p: Publish) => p.diagnostics.filter((d) => d.code === 'aggregate' && d.severity === WARNING);
  const line = (p: Publish) => readFileSync(aggregate, 'utf8').split('\n')[errors(p)[0].range.start.line];
  const server = serverOn(dir);

  test('the aggregate, open: one error on the cell that is not its parts’ sum', async () => {
    await server.client.open(uri, 'nianbao', readFileSync(aggregate, 'utf8'), 1);
    const p = await server.client.waitForDiagnostics(uri, (x) => errors(x).length > 0);
    assert.equal(errors(p).length, 1, JSON.stringify(p.diagnostics));
    assert.match(errors(p)[0].message, /汇总报告填 8，3 个被汇总单位之和为 6/);
    assert.match(line(p), /\| （一）予以公开 \| 18 \| 8 \|/);
  });

  test('a part edited while open (didChange) so that the sums hold: the aggregate’s error is withdrawn', async () => {
    await server.client.open(partUris[0], 'nianbao', partTexts[0], 1);
    const mark = server.client.mark();
    await server.client.change(partUris[0], 2, [{ text: granted(partTexts[0], 1, 3) }]);
    const p = await server.client.waitForDiagnostics(uri, (x) => errors(x).length === 0, 5000, mark);
    assert.deepEqual(missing(p), []);
  });

  test('a part changed on disk only (didChangeWatchedFiles): the aggregate is checked against it', async () => {
    const mark = server.client.mark();
    writeFileSync(parts[1], granted(partTexts[1], 2, 4));
    await server.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: partUris[1], type: CHANGED }] });
    const p = await server.client.waitForDiagnostics(uri, (x) => errors(x).length > 0, 5000, mark);
    // 3 (the open part's live text) + 4 (the file) + 3.
    assert.match(errors(p)[0].message, /汇总报告填 8，3 个被汇总单位之和为 10/);
  });

  test('a part’s report deleted, opened, closed, created: the missing part is listed, then not', async () => {
    let mark = server.client.mark();
    unlinkSync(parts[2]);
    await server.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: partUris[2], type: DELETED }] });
    let p = await server.client.waitForDiagnostics(uri, (x) => missing(x).length > 0, 5000, mark);
    assert.match(missing(p)[0].message, /（1\/3）：示例县生态环境局/);
    assert.deepEqual(errors(p), []);

    // Opened in the editor (no file on disk): the part is there again.
    mark = server.client.mark();
    await server.client.open(partUris[2], 'nianbao', partTexts[2], 1);
    p = await server.client.waitForDiagnostics(uri, (x) => missing(x).length === 0, 5000, mark);
    assert.equal(errors(p).length, 1);

    // Closed: it is missing again.
    mark = server.client.mark();
    await server.client.close(partUris[2]);
    await server.client.waitForDiagnostics(uri, (x) => missing(x).length > 0, 5000, mark);

    // Written back to disk: found again.
    mark = server.client.mark();
    writeFileSync(parts[2], partTexts[2]);
    await server.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: partUris[2], type: CREATED }] });
    p = await server.client.waitForDiagnostics(uri, (x) => missing(x).length === 0, 5000, mark);
    assert.equal(errors(p).length, 1);
  });
});

describe('a part named by another spelling (`aliases`) re-checks its aggregate too', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'nianbao-aggregate-alias-')));
  const { aggregate, parts } = aggregateFolder(dir);
  // The education bureau's report is titled by its other name; the configuration says both are one body.
  const renamed = path.join(dir, '2023年示例县教育体育局政府信息公开工作年度报告.txt');
  const partText = readFileSync(parts[0], 'utf8').split('示例县教育局').join('示例县教育体育局');
  unlinkSync(parts[0]);
  writeFileSync(renamed, partText);
  writeFileSync(path.join(dir, '.nianbao.jsonc'), JSON.stringify({ aggregations: [{ report: '示例县', parts: PARTS }], aliases: { 示例县教育局: ['示例县教育体育局'] } }));
  const uri = pathToFileURL(aggregate).toString();
  const partUri = pathToFileURL(renamed).toString();
  const aggregateFindings = (p: Publish) => p.diagnostics.filter((d) => d.code === 'aggregate');
  const server = serverOn(dir);

  test('the sums hold under the alias; the part edited so that one does not: the aggregate says so', async () => {
    await server.client.open(uri, 'nianbao', readFileSync(aggregate, 'utf8'), 1);
    const first = await server.client.waitForDiagnostics(uri);
    assert.deepEqual(aggregateFindings(first), []);
    await server.client.open(partUri, 'nianbao', partText, 1);
    const mark = server.client.mark();
    const edited = partText.replace(/(\| （一）予以公开 \| 3 \| )1( \|)/, '$13$2');
    assert.notEqual(edited, partText);
    await server.client.change(partUri, 2, [{ text: edited }]);
    const p = await server.client.waitForDiagnostics(uri, (x) => aggregateFindings(x).length > 0, 5000, mark);
    assert.match(aggregateFindings(p)[0].message, /汇总报告填 6，3 个被汇总单位之和为 8/);
  });
});

describe('a large aggregate, checked in the worker: a part changed during its check is never published from the old facts', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'nianbao-aggregate-large-')));
  const { aggregate, parts } = aggregateFolder(dir, { offBy: { row: 'granted', column: 1, by: 2 } });
  // Over checkWorker.ts's WORKER_CHARS (1,000,000): 3 MB of prose in part 一, so that its check takes a while.
  const text = readFileSync(aggregate, 'utf8');
  const one = text.indexOf('一、总体情况\n') + '一、总体情况\n'.length;
  const large = text.slice(0, one) + padding(rng(7), 'pipe', 3 * 1024 * 1024) + '\n' + text.slice(one);
  const uri = pathToFileURL(aggregate).toString();
  const partUri = pathToFileURL(parts[0]).toString();
  const partText = readFileSync(parts[0], 'utf8');
  const errors = (p: Publish) => p.diagnostics.filter((d) => d.code === 'aggregate' && d.severity === ERROR);
  const server = serverOn(dir);

  test('the part edited so that the sums hold while the aggregate’s edit is being checked: no publish shows the old error', { timeout: 240_000 }, async () => {
    await server.client.open(partUri, 'nianbao', partText, 1);
    await server.client.waitForDiagnostics(partUri);
    await server.client.open(uri, 'nianbao', large, 1);
    const first = await server.client.waitForDiagnostics(uri, (p) => p.version === 1, 200_000);
    assert.equal(errors(first).length, 1, 'the county’s 8 in 予以公开 · 商业企业 against its parts’ 1 + 2 + 3');
    // An edit of the aggregate's prose starts a check in the worker; the first part's 1 becomes 3 meanwhile.
    const mark = server.client.mark();
    await server.client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    const edited = partText.replace(/(\| （一）予以公开 \| \d+ \| )1( \|)/, '$13$2');
    assert.notEqual(edited, partText);
    await server.client.change(partUri, 2, [{ text: edited }]);
    await server.client.waitForDiagnostics(partUri, (p) => p.version === 2, 30_000, mark);
    // Settled: the aggregate published from the new facts (no aggregate error); none before it showed the old one.
    await server.client.waitForDiagnostics(uri, (p) => p.version === 2 && errors(p).length === 0, 120_000, mark);
    const shown = server.client.publishesFor(uri, mark);
    assert.deepEqual(
      shown.filter((p) => errors(p).length > 0).map((p) => errors(p)[0].message),
      [],
      'a publish read the first part’s facts from before its edit',
    );
  });
});
