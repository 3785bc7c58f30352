// Server resilience over stdio (the bundled dist/server.js): broken framing (the server
// logs and exits non-zero, and the client restarts it, rather than going deaf), the LSP
// lifecycle (before initialize, after shutdown), malformed and out-of-order
// messages, a 10 MB document, 1,000 edits in one second, requests cancelled mid-way, a
// document closed while it is being validated. The server keeps answering, never
// publishes diagnostics that are not those of the version they carry (nor an older
// version after a newer one), logs instead of crashing, and never lets a rejection go
// unhandled.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { check } from '../../server/src/engine';
import { randomSpec, sizedReport } from '../support/corpus';
import { defaultSpec, render } from '../support/generate';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LspTestClient, REPO_ROOT, SERVER_JS, type Publish } from './lsp-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const uriFor = (name: string) => `file:///nianbao-resilience/${++n}-${name}.nianbao`;

/** What the engine finds in `text`, as the server should publish it (code, severity, range, message). */
function expected(text: string): string[] {
  const doc = TextDocument.create('file:///x', 'nianbao', 0, text);
  return check(text, { locale: 'zh-cn' })
    .findings.map((f) => `${f.code} ${f.severity} ${JSON.stringify([doc.positionAt(f.start), doc.positionAt(f.end)])} ${f.message}`)
    .sort();
}
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
function published(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${SEVERITY[d.severity ?? 0]} ${JSON.stringify([d.range.start, d.range.end])} ${d.message}`).sort();
}

/** Fails on any sign of a crash or an unhandled error in the server's logs and stderr. */
function assertHealthy(client: LspTestClient): void {
  assert.ok(client.alive, `server died\n${client.failureContext()}`);
  const bad = client.logs.filter((l) => /unhandled rejection|uncaught exception/i.test(l.message));
  assert.deepEqual(bad, [], client.failureContext());
  assert.doesNotMatch(client.stderr, /unhandled|uncaught|FATAL|out of memory/i, client.failureContext());
}

/**
 * The body of a report, made unique: the server pairs open reports of one body by year
 * (the cross-year rule), and these tests check each document on its own.
 */
const ownBody = (text: string) => text.split('示例区').join(`测试${++n}区`);

/** A report with a digit of table 三 to turn (the first value of （一）予以公开). */
function editableReport(bytes: number, seed: number): { text: string; line: number; character: number } {
  const text = ownBody(sizedReport(randomSpec(seed), 'pipe', bytes, seed));
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('（一）予以公开 |'));
  const character = lines[line].indexOf('（一）予以公开 |') + '（一）予以公开 | '.length;
  assert.match(lines[line][character], /[0-9]/);
  return { text, line, character };
}

describe('server resilience (bundled dist/server.js --stdio)', () => {
  let client: LspTestClient;

  before(async () => {
    // The 10 MB document of these tests is a little over nianbao.maxDocumentSize's default.
    client = await LspTestClient.start({ settings: { debounceMs: 10, maxDocumentSize: 16 } });
  });

  after(async () => {
    if (client) assertHealthy(client);
    await client?.shutdown();
  });

  test('malformed requests and notifications: answered or refused, never fatal', async () => {
    const uri = uriFor('malformed');
    const text = ownBody(render(defaultSpec(), 'pipe'));
    // Requests about a document that was never opened.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.ok(actions === null || (Array.isArray(actions) && actions.length === 0));
    // Notifications about it: ignored.
    await client.change(uri, 2, [{ text: 'x' }]);
    await client.close(uri);
    // An unknown method is refused.
    await assert.rejects(client.request('nianbao/noSuchRequest', {}), (e: { code?: number }) => e.code === -32601);
    // Malformed parameters: any answer or an error, but an answer.
    await client.open(uri, 'nianbao', text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1, 10_000);
    const odd: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -5, character: -1 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: 1e9 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 'x', character: null } }],
      ['textDocument/hover', { textDocument: null, position: null }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 9e9, character: 0 }, end: { line: -1, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: null }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [{ range: null, message: 3 }], only: 'source' } }],
      ['textDocument/documentSymbol', { textDocument: { uri: 42 } }],
      ['textDocument/foldingRange', {}],
      ['textDocument/codeLens', { textDocument: { uri } }],
      ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 0, character: 0 } } }],
      ['workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [42, null] }],
      ['workspace/executeCommand', { command: 'nianbao.server.fixAll' }],
      ['workspace/executeCommand', { command: 'no.such.command', arguments: [] }],
      ['nianbao/summary', { uri: null }],
      ['nianbao/exportTables', { uri, format: 'xml' }],
      ['nianbao/trends', {}],
    ];
    for (const [method, params] of odd) {
      await client.request(method, params, 5000).catch((e: { code?: number; message?: string }) => {
        // A JSON-RPC error is an answer; a timeout (no answer) is not.
        assert.ok(typeof e.code === 'number', `${method} ${JSON.stringify(params)}: ${e.message}`);
      });
    }
    // Malformed notifications.
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1e6, character: 0 }, end: { line: 1e6, character: 5 } }, text: '!' }] });
    await client.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: null });
    await client.notify('textDocument/didOpen', { textDocument: { uri: uriFor('no-text'), languageId: 'nianbao', version: 1 } });
    await client.notify('textDocument/didClose', {});
    await client.notify('workspace/didChangeConfiguration', { settings: { nianbao: { debounceMs: 'soon', validate: 42 } } });
    await client.notify('$/noSuchNotification', { x: 1 });
    // A frame whose body is not JSON, and one that is JSON but not JSON-RPC.
    for (const body of ['{"jsonrpc":"2.0","method":', '[1,2,3]', '{"jsonrpc":"2.0","id":"x"}', '"text"']) {
      const bytes = Buffer.from(body, 'utf8');
      client.child.stdin!.write(`Content-Length: ${bytes.length}\r\n\r\n`);
      client.child.stdin!.write(bytes);
    }
    await client.changeConfiguration(null);
    // Still answering, and right.
    const later = uriFor('after-malformed');
    const bad = text.replace(/（七）总计 \| (\d+)/, (_, d) => `（七）总计 | ${Number(d) + 1}`);
    await client.open(later, 'nianbao', bad, 1);
    const p = await client.waitForDiagnostics(later, (x) => x.version === 1, 10_000);
    assert.deepEqual(published(p.diagnostics), expected(bad));
    assert.ok(p.diagnostics.some((d) => d.severity === 1), 'the changed total is an error');
    assertHealthy(client);
  });

  test('out of order: change before open, versions going back, close before open, reopen', async () => {
    const uri = uriFor('out-of-order');
    const { text, line, character } = editableReport(20_000, 11);
    await client.change(uri, 5, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: '9' }]);
    await client.close(uri);
    const mark = client.mark();
    await client.open(uri, 'nianbao', text, 3);
    await client.waitForDiagnostics(uri, (p) => p.version === 3, 10_000, mark);
    // Versions going backwards, and a duplicate open: the server follows the latest message.
    let doc = TextDocument.create(uri, 'nianbao', 3, text);
    for (const [v, digit] of [[2, '7'], [1, '8'], [7, '6'], [7, '5']] as [number, string][]) {
      const change: TextDocumentContentChangeEvent = { range: { start: { line, character }, end: { line, character: character + 1 } }, text: digit };
      doc = TextDocument.update(doc, [change], v);
      await client.change(uri, v, [change]);
    }
    const reopened = doc.getText();
    await client.open(uri, 'nianbao', reopened, 8);
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 8, 10_000, mark);
    await sleep(200);
    const after = client.publishesFor(uri, mark);
    assert.equal(after[after.length - 1], last, `a publish came after version 8: ${after.map((p) => p.version)}`);
    assert.deepEqual(published(last.diagnostics), expected(reopened));
    assertHealthy(client);
  });

  test('a 10 MB document is checked; other documents are answered meanwhile and after', { timeout: 180_000 }, async () => {
    const big = uriFor('ten-megabytes');
    const { text, line, character } = editableReport(10 * 1024 * 1024, 12);
    const small = uriFor('small-beside-big');
    const smallText = ownBody(render(defaultSpec(), 'tab'));
    const mark = client.mark();
    const t0 = Date.now();
    await client.open(big, 'nianbao', text, 1);
    await client.open(small, 'nianbao', smallText, 1);
    const hover = client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 1 } }, 60_000);
    const first = await client.waitForDiagnostics(big, (p) => p.version === 1, 120_000, mark);
    await hover;
    await client.waitForDiagnostics(small, (p) => p.version === 1, 60_000, mark);
    const firstMs = Date.now() - t0;
    assert.ok(first.diagnostics.length < 100_000);
    // An edit of the big document publishes its new version, matching the engine.
    const change = { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '9' };
    const edited = TextDocument.update(TextDocument.create(big, 'nianbao', 1, text), [change], 2).getText();
    await client.change(big, 2, [change]);
    const second = await client.waitForDiagnostics(big, (p) => p.version === 2, 120_000, mark);
    assert.deepEqual(published(second.diagnostics), expected(edited));
    const h = await client.request('textDocument/hover', { textDocument: { uri: big }, position: { line, character } }, 60_000);
    assert.ok(h, 'a hover on the edited cell');
    await client.close(big);
    await client.close(small);
    console.log(`  10 MB document: first diagnostics after ${firstMs} ms`);
    assertHealthy(client);
  });

  test('1,000 edits in one second: publishes in version order, each that of its version, the last that of the last edit', { timeout: 120_000 }, async () => {
    const uri = uriFor('thousand-edits');
    client.settingsByUri.set(uri, { debounceMs: 5 });
    const { text, line, character } = editableReport(50_000, 13);
    const mark = client.mark();
    await client.open(uri, 'nianbao', text, 1);
    const texts = new Map<number, string>([[1, text]]);
    let doc = TextDocument.create(uri, 'nianbao', 1, text);
    const prose = text.split('\n').findIndex((l, i) => i > 3 && l.length > 30 && !l.includes('|'));
    const t0 = Date.now();
    for (let v = 2; v <= 1001; v++) {
      // Turn the table cell's digit, or type into (and out of) a line of prose.
      const change: TextDocumentContentChangeEvent =
        v % 3 === 0
          ? { range: { start: { line: prose, character: 2 }, end: { line: prose, character: 2 } }, text: '年' }
          : v % 3 === 1
            ? { range: { start: { line: prose, character: 2 }, end: { line: prose, character: 3 } }, text: '' }
            : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(v % 10) };
      doc = TextDocument.update(doc, [change], v);
      texts.set(v, doc.getText());
      void client.change(uri, v, [change]);
      if (v % 20 === 0) await sleep(Math.max(0, (v / 1000) * 1000 - (Date.now() - t0)));
    }
    const sentIn = Date.now() - t0;
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 1001, 30_000, mark);
    // A hover is answered right after, on the final text.
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } }, 5000);
    assert.ok(h);
    await sleep(300); // a late (stale) publish would arrive now
    const ps = client.publishesFor(uri, mark);
    const versions = ps.map((p) => p.version!);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, `publishes out of order: ${versions}`);
    assert.equal(ps[ps.length - 1], last, `a publish came after version 1001: ${versions.slice(-5)}`);
    for (const p of ps) {
      assert.ok(texts.has(p.version!), `version ${p.version} was never sent`);
      assert.deepEqual(published(p.diagnostics), expected(texts.get(p.version!)!), `version ${p.version}`);
    }
    // (How fast the edits went out is this test client's own speed, a busy machine's: printed, not asserted.)
    console.log(`  1,000 edits sent in ${sentIn} ms: ${ps.length} publishes, versions ${versions.slice(0, 4).join(', ')} … ${versions.slice(-3).join(', ')}`);
    assertHealthy(client);
  });

  test('requests cancelled mid-way are answered or cancelled, never lost; the server goes on', { timeout: 120_000 }, async () => {
    const uri = uriFor('cancelled');
    const { text, line, character } = editableReport(300_000, 14);
    await client.open(uri, 'nianbao', text, 1);
    let version = 1;
    let answered = 0;
    let cancelled = 0;
    const methods: [string, () => unknown][] = [
      ['textDocument/hover', () => ({ textDocument: { uri }, position: { line, character } })],
      ['textDocument/codeAction', () => ({ textDocument: { uri }, range: { start: { line, character }, end: { line, character: character + 1 } }, context: { diagnostics: [] } })],
      ['textDocument/codeAction', () => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.nianbao'] } })],
      ['textDocument/documentSymbol', () => ({ textDocument: { uri } })],
      ['textDocument/foldingRange', () => ({ textDocument: { uri } })],
      ['textDocument/codeLens', () => ({ textDocument: { uri } })],
      ['textDocument/inlayHint', () => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 400, character: 0 } } })],
    ];
    const fresh = ownBody(render(defaultSpec(), 'pipe'));
    for (let k = 0; k < 60; k++) {
      const [method, params] = methods[k % methods.length];
      // Every third round the document changes first, so the request has a fresh check to wait for.
      if (k % 3 === 0) await client.change(uri, ++version, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(k % 10) }]);
      // Every fifth, the request is about a document just opened, whose settings are still being fetched.
      let target = params();
      if (k % 5 === 4) {
        const other = uriFor(`cancelled-fresh-${k}`);
        client.configDelayMs = 20;
        await client.open(other, 'nianbao', fresh, 1);
        target = JSON.parse(JSON.stringify(target).split(uri).join(other));
      }
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(method, target, source.token);
      if (k % 4 === 0) source.cancel();
      else setTimeout(() => source.cancel(), k % 7);
      const outcome = await Promise.race([
        pending.then(
          () => 'answered',
          (e: { code?: number }) => (e.code === -32800 ? 'cancelled' : `error ${e.code}`),
        ),
        new Promise<string>((r) => setTimeout(() => r('lost'), 30_000).unref()),
      ]);
      assert.ok(outcome === 'answered' || outcome === 'cancelled', `${method} #${k}: ${outcome}\n${client.failureContext()}`);
      if (outcome === 'answered') answered++;
      else cancelled++;
      client.configDelayMs = 0;
    }
    // Afterwards a plain request is answered, for the latest version.
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } }, 30_000);
    assert.ok(h);
    await client.waitForDiagnostics(uri, (p) => p.version === version, 30_000);
    console.log(`  60 requests cancelled mid-way: ${answered} answered anyway, ${cancelled} cancelled`);
    await client.close(uri);
    assertHealthy(client);
  });

  test('a document closed while it is being validated publishes nothing after its close', { timeout: 120_000 }, async () => {
    const { text } = editableReport(2_000_000, 15);
    for (let k = 0; k < 12; k++) {
      const uri = uriFor(`closed-while-validating-${k}`);
      // Half the rounds also hold back the settings, so that the close overtakes their fetch.
      client.configDelayMs = k % 2 ? 30 : 0;
      const mark = client.mark();
      await client.open(uri, 'nianbao', text, 1);
      if (k % 3 === 1) {
        // Published once, then changed, then closed while the new version is checked.
        await client.waitForDiagnostics(uri, (p) => p.version === 1, 60_000, mark);
        await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '一' }]);
      }
      await sleep(k * 7);
      const closedAt = client.mark();
      await client.close(uri);
      await sleep(150);
      // Nothing but the empty list may come after the close, and the server answers.
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }, 60_000);
      await sleep(100);
      for (const p of client.publishesFor(uri, closedAt)) assert.deepEqual(p.diagnostics, [], `round ${k}: version ${p.version} published after the close`);
      const all = client.publishesFor(uri, mark);
      if (all.some((p) => p.diagnostics.length > 0)) assert.deepEqual(all[all.length - 1].diagnostics, [], `round ${k}: the last publish is not the close's empty list`);
    }
    client.configDelayMs = 0;
    assertHealthy(client);
  });
});

/** Resolves with `p`, or rejects after `ms` with `what` (every wait in these tests is bounded). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One LSP frame: the header, CRLF-terminated as the base protocol says, and the JSON body. */
function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };

/** dist/server.js --stdio, spoken to byte by byte; initialized before the test's bytes. */
async function rawServer() {
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const changed: (() => void)[] = [];
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    stdout += d;
    for (const f of changed.splice(0)) f();
  });
  child.stderr!.on('data', (d: string) => (stderr += d));
  // Writes after the server has gone fail with EPIPE; that is expected here.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const server = {
    child,
    exited,
    get stderr() {
      return stderr;
    },
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    /** Resolves once stdout contains `needle`. */
    output(needle: string): Promise<void> {
      return new Promise((resolve) => {
        const look = () => (stdout.includes(needle) ? resolve() : changed.push(look));
        look();
      });
    },
    write(b: Buffer | string): Promise<void> {
      return new Promise((resolve) => {
        if (!server.alive) return resolve();
        child.stdin!.write(b, () => resolve());
      });
    },
    kill(): void {
      if (server.alive && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    },
  };
  await server.write(frame(INITIALIZE));
  await within(server.output('"id":1'), 10_000, `initialize answered\n${stderr}`);
  return server;
}

describe('broken framing: the server logs and exits non-zero (the client restarts it)', () => {
  const next = frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.nianbao' }, position: { line: 0, character: 0 } } });
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} });
  const cases: [string, Buffer][] = [
    ['Content-Length: abc', Buffer.from(`Content-Length: abc\r\n\r\n${body}`)],
    ['a negative Content-Length', Buffer.from(`Content-Length: -5\r\n\r\n${body}`)],
    ['no Content-Length', Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`)],
    ['a Content-Length too short for its body', Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body) - 7}\r\n\r\n${body}`), next])],
    ['headers ending in LF alone', Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\n\n${body}`)],
    ['a Content-Length no message can have', Buffer.from(`Content-Length: 99999999999999\r\n\r\n${body}`)],
  ];
  for (const [name, bytes] of cases) {
    test(name, async () => {
      const server = await rawServer();
      try {
        await server.write(bytes);
        const { code, signal } = await within(server.exited, 10_000, `exit after ${name}\n--- stderr ---\n${server.stderr}`);
        assert.equal(signal, null);
        assert.ok(code !== null && code !== 0, `exit code ${code}`);
        assert.match(server.stderr, /malformed LSP message header.*exiting/i, server.stderr);
      } finally {
        server.kill();
      }
    });
  }

  test('fed 100 MB of garbage after a bad header, it exits instead of buffering it', async () => {
    const server = await rawServer();
    const pid = server.child.pid!;
    const rssMB = () => {
      try {
        return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
      } catch {
        return 0; // gone
      }
    };
    try {
      const before = rssMB();
      let peak = before;
      let written = 0;
      await server.write('Content-Length: 100\n\n');
      const chunk = Buffer.alloc(1024 * 1024, 'garbage ');
      const deadline = Date.now() + 60_000;
      while (server.alive && written < 100 * 1024 * 1024 && Date.now() < deadline) {
        await within(server.write(chunk), 20_000, `the server reading 1 MB of garbage (${written >> 20} MB written)`);
        written += chunk.length;
        peak = Math.max(peak, rssMB());
      }
      const { code } = await within(server.exited, 10_000, `exit while fed garbage (RSS ${before.toFixed(0)} → ${peak.toFixed(0)} MB)\n${server.stderr}`);
      assert.ok(code !== null && code !== 0, `exit code ${code}`);
      assert.ok(peak - before < 30, `RSS grew from ${before.toFixed(0)} to ${peak.toFixed(0)} MB while fed ${written >> 20} MB`);
    } finally {
      server.kill();
    }
  });
});

describe('lifecycle (LSP base protocol)', () => {
  const hover = (uri: string) => ({ textDocument: { uri }, position: { line: 0, character: 0 } });
  const errorCode = (p: Promise<unknown>) =>
    p.then(
      (r) => `answered ${JSON.stringify(r)}`,
      (e: { code?: number }) => e.code,
    );

  test('before initialize: requests get ServerNotInitialized (-32002), notifications are dropped, exit is honoured', async () => {
    const client = LspTestClient.spawn();
    try {
      const early = uriFor('before-initialize');
      const text = ownBody(render(defaultSpec(), 'pipe'));
      await client.open(early, 'nianbao', text, 1);
      assert.equal(await errorCode(client.request('textDocument/hover', hover(early))), -32002);
      assert.equal(await errorCode(client.request('nianbao/summary', { uri: early })), -32002);
      assert.equal(await errorCode(client.request('shutdown', null)), -32002);
      await client.request('initialize', client.initializeParams(), 10_000);
      await client.notify('initialized', {});
      // The didOpen sent before initialize was dropped: the document is unknown, nothing was published for it.
      assert.equal(await client.request('textDocument/hover', hover(early)), null);
      const later = uriFor('after-initialize');
      await client.open(later, 'nianbao', text.replace(/测试\d+区/g, `测试${++n}区`), 1);
      await client.waitForDiagnostics(later, (p) => p.version === 1, 10_000);
      assert.deepEqual(client.publishesFor(early), [], 'a document opened before initialize was checked');
    } finally {
      await client.shutdown();
    }
    // exit before initialize ends the process (code 1: no shutdown came first).
    const bare = LspTestClient.spawn();
    await bare.notify('exit', null);
    assert.equal((await within(bare.exit(), 10_000, 'exit before initialize')).code, 1);
    await bare.shutdown();
  });

  test('a second initialize is an error; after shutdown, requests get InvalidRequest (-32600) and exit ends with 0', async () => {
    const client = await LspTestClient.start();
    try {
      assert.equal(await errorCode(client.request('initialize', client.initializeParams())), -32600);
      const uri = uriFor('shutdown');
      await client.open(uri, 'nianbao', ownBody(render(defaultSpec(), 'pipe')), 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 10_000);
      assert.ok(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }) !== undefined);
      assert.equal(await client.request('shutdown', null), null);
      assert.equal(await errorCode(client.request('textDocument/hover', hover(uri))), -32600);
      assert.equal(await errorCode(client.request('shutdown', null)), -32600);
      assert.equal(await errorCode(client.request('initialize', client.initializeParams())), -32600);
      await client.notify('exit', null);
      assert.equal((await within(client.exit(), 10_000, 'exit after shutdown')).code, 0);
    } finally {
      await client.shutdown();
    }
  });
});

/** The server's resident set, from /proc (Linux); NaN elsewhere. */
function rssMBOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return NaN;
  }
}

describe('large documents, memory after close, re-validation order', () => {
  test('a document over nianbao.maxDocumentSize is not checked, and the status item says why', { timeout: 120_000 }, async () => {
    const client = await LspTestClient.start({ settings: { maxDocumentSize: 1 } });
    try {
      const uri = uriFor('over-the-limit');
      const { text } = editableReport(1_500_000, 21);
      await client.open(uri, 'nianbao', text, 1);
      const s = await client.waitForStatus(uri, (x) => !x.checked, 30_000);
      assert.match(s.message ?? '', /nianbao\.maxDocumentSize（1 MB）/, JSON.stringify(s));
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }), null);
      assert.ok(client.publishesFor(uri).every((p) => p.diagnostics.length === 0));
      // Under a raised limit it is checked.
      client.settings = { ...client.settings, maxDocumentSize: 2 };
      const mark = client.mark();
      await client.changeConfiguration(null);
      const p = await client.waitForDiagnostics(uri, () => true, 60_000, mark);
      assert.deepEqual(published(p.diagnostics), expected(text));
      await client.waitForStatus(uri, (x) => x.checked, 10_000);
      assertHealthy(client);
    } finally {
      await client.shutdown();
    }
  });

  test('after a 50 MB document is opened and closed, the server returns to about its earlier memory', { timeout: 180_000 }, async () => {
    const client = await LspTestClient.start();
    try {
      // Baseline: the server after one small report was checked.
      const small = uriFor('baseline');
      await client.open(small, 'nianbao', ownBody(render(defaultSpec(), 'pipe')), 1);
      await client.waitForDiagnostics(small, (p) => p.version === 1, 10_000);
      const pid = client.child.pid!;
      const baseline = rssMBOf(pid);
      const big = uriFor('fifty-megabytes');
      const { text } = editableReport(50 * 1024 * 1024, 22);
      await client.open(big, 'nianbao', text, 1);
      // Declined (over the default 10 MB) or checked: either way the server has handled it.
      await Promise.race([client.waitForStatus(big, () => true, 120_000), client.waitForDiagnostics(big, () => true, 120_000)]);
      const open = rssMBOf(pid);
      await client.close(big);
      // The close has been handled once a later request is answered.
      await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 1 } }, 30_000);
      // Memory is returned by a collection after the close: wait for it, boundedly.
      let closed = rssMBOf(pid);
      for (let k = 0; k < 50 && closed - baseline >= 80; k++) {
        await sleep(100);
        closed = rssMBOf(pid);
      }
      console.log(`  RSS: ${baseline.toFixed(0)} MB before, ${open.toFixed(0)} MB with 50 MB open, ${closed.toFixed(0)} MB after closing it`);
      assert.ok(closed - baseline < 80, `RSS ${baseline.toFixed(0)} MB before, ${closed.toFixed(0)} MB after the close (${open.toFixed(0)} MB while open)`);
      assertHealthy(client);
    } finally {
      await client.shutdown();
    }
  });

  test('after a settings change, a document opened during the re-validation backlog is checked before the backlog ends', { timeout: 180_000 }, async () => {
    const client = await LspTestClient.start();
    try {
      const OPEN = 400;
      const base = render(defaultSpec(), 'pipe').replace(/（七）总计 \| (\d+)/, (_, d) => `（七）总计 | ${Number(d) + 1}`);
      const uris: string[] = [];
      const waits: Promise<Publish>[] = [];
      for (let k = 0; k < OPEN; k++) {
        const uri = uriFor(`backlog-${k}`);
        uris.push(uri);
        await client.open(uri, 'nianbao', ownBody(base), 1);
        waits.push(client.waitForDiagnostics(uri, (p) => p.version === 1, 60_000));
      }
      await Promise.all(waits);
      // A change of locale changes every document's messages: all are re-checked and re-published.
      client.settings = { ...client.settings, locale: 'en' };
      const mark = client.mark();
      await client.changeConfiguration(null);
      const fresh = uriFor('opened-during-backlog');
      await client.open(fresh, 'nianbao', ownBody(base), 1);
      const first = await client.waitForDiagnostics(fresh, (p) => p.version === 1, 60_000, mark);
      await Promise.all(uris.map((u) => client.waitForDiagnostics(u, (p) => /does not hold/.test(p.diagnostics[0]?.message ?? ''), 120_000, mark)));
      const before = uris.filter((u) => client.publishesFor(u, mark)[0].seq < first.seq).length;
      console.log(`  ${before} of ${OPEN} backlog documents were re-published before the one opened during the backlog`);
      assert.ok(before < OPEN / 4, `${before} of ${OPEN} backlog documents came first`);
      assertHealthy(client);
    } finally {
      await client.shutdown();
    }
  });
});

describe('cancellation of long engine work', () => {
  test('a hover cancelled on a 10 MB document is answered long before its check could finish', { timeout: 300_000 }, async () => {
    const client = await LspTestClient.start({ settings: { maxDocumentSize: 16 } });
    try {
      const uri = uriFor('cancel-ten-megabytes');
      const { text, line, character } = editableReport(10 * 1024 * 1024, 31);
      await client.open(uri, 'nianbao', text, 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
      // Edits wait 5 s for their check, so that each hover finds its version unchecked.
      client.settingsByUri.set(uri, { debounceMs: 5000 });
      await client.changeConfiguration(null);
      let version = 1;
      const edit = () => client.change(uri, ++version, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(version % 10) }]);
      const position = { textDocument: { uri }, position: { line, character } };
      const outcomes: string[] = [];
      const latencies: number[] = [];
      for (let k = 0; k < 5; k++) {
        await edit();
        const source = new CancellationTokenSource();
        const pending = client.connection.sendRequest('textDocument/hover', position, source.token);
        await sleep(20);
        const cancelledAt = performance.now();
        source.cancel();
        const outcome = await within(
          pending.then(
            (r) => (r === null ? 'null' : 'answered'),
            (e: { code?: number }) => (e.code === -32800 ? 'cancelled' : `error ${e.code}`),
          ),
          120_000,
          'the cancelled hover',
        );
        latencies.push(performance.now() - cancelledAt);
        outcomes.push(outcome);
      }
      // The yardstick, in the same run: a hover on a fresh version, not cancelled, waits for the check.
      const full: number[] = [];
      for (let k = 0; k < 3; k++) {
        await edit();
        const t0 = performance.now();
        const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', position, 120_000);
        full.push(performance.now() - t0);
        assert.ok(h && /予以公开/.test(h.contents.value), JSON.stringify(h));
      }
      const median = [...latencies].sort((a, b) => a - b)[2];
      const yardstick = Math.min(...full);
      console.log(
        `  10 MB: cancelled hovers answered ${latencies.map((x) => x.toFixed(0)).join(', ')} ms after the cancel (${outcomes.join(', ')}); uncancelled ${full.map((x) => x.toFixed(0)).join(', ')} ms`,
      );
      // Cancelled (-32800), or answered anyway when the answer was ready first: never an error.
      for (const o of outcomes) assert.ok(o === 'cancelled' || o === 'null' || o === 'answered', outcomes.join(', '));
      assert.ok(median < yardstick / 2, `median ${median.toFixed(0)} ms after the cancel; an uncancelled hover takes ${yardstick.toFixed(0)} ms`);
      await client.close(uri);
      assertHealthy(client);
    } finally {
      await client.shutdown();
    }
  });
});
