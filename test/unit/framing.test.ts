// FrameGuard (server/src/transport.ts): LSP frames pass through unchanged however the
// stream cuts them; the first byte that breaks the framing stops the stream, once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameGuard } from '../../server/src/transport';

function frame(body: string, headers = ''): Buffer {
  const b = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`${headers}Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]);
}

/** Feeds `chunks`; resolves with what came out and the reasons given. */
async function run(chunks: Buffer[]): Promise<{ out: Buffer; reasons: string[] }> {
  const reasons: string[] = [];
  const guard = new FrameGuard((r) => reasons.push(r));
  const out: Buffer[] = [];
  guard.on('data', (d: Buffer) => out.push(d));
  for (const c of chunks) guard.write(c);
  guard.end();
  await new Promise((r) => guard.on('end', r));
  return { out: Buffer.concat(out), reasons };
}

const valid = Buffer.concat([
  frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'),
  frame('{"jsonrpc":"2.0","method":"x","params":{"text":"年报 Content-Length: 5\\r\\n\\r\\n"}}', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'),
  frame('{}'),
]);

test('valid frames pass unchanged, in one chunk or cut at every byte', async () => {
  for (const chunks of [[valid], [...valid].map((b) => Buffer.from([b]))]) {
    const { out, reasons } = await run(chunks);
    assert.deepEqual(reasons, []);
    assert.ok(out.equals(valid));
  }
});

test('the first broken frame stops the stream, with one reason; the frames before it pass', async () => {
  const cases: [string, RegExp][] = [
    ['Content-Length: abc\r\n\r\n{}', /not a number of bytes/],
    ['Content-Length: -2\r\n\r\n{}', /not a number of bytes/],
    ['Content-Type: x\r\n\r\n{}', /no Content-Length/],
    ['Content-Length: 2\n\n{}', /LF without CR/],
    ['Content-Length: 2\r\r\n{}', /CR without LF/],
    ['"}}Content-Length: 2\r\n\r\n{}', /header name/],
    [`Content-Length: ${2 ** 40}\r\n\r\n`, /exceeds/],
    ['X'.repeat(9000), /no end of the header/],
  ];
  for (const [bad, reason] of cases) {
    for (const cut of [false, true]) {
      const bytes = Buffer.concat([valid, Buffer.from(bad), frame('{}')]);
      const { out, reasons } = await run(cut ? [...bytes].map((b) => Buffer.from([b])) : [bytes]);
      assert.equal(reasons.length, 1, `${JSON.stringify(bad)}: ${reasons}`);
      assert.match(reasons[0], reason);
      assert.ok(out.subarray(0, valid.length).equals(valid), JSON.stringify(bad));
      assert.ok(out.length < valid.length + bad.length, JSON.stringify(bad));
    }
  }
});
