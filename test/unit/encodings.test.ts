// Encodings: the CLI decodes UTF-8 (with or without BOM), UTF-16 LE and BE, GB18030 and GBK files exactly.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as iconv from 'iconv-lite';
import { decode, runCli } from '../../server/src/cli/run';
import { defaultSpec, render } from '../support/generate';

// ------------------------------------------------------------------ encodings

describe('CLI encodings', () => {
  const text = render(defaultSpec(), 'pipe');
  const cases: [string, Buffer][] = [
    ['utf-8', Buffer.from(text, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])],
    ['gb18030', iconv.encode(text, 'gb18030')],
    ['gb18030', iconv.encode(text, 'gbk')],
  ];
  for (const [encoding, bytes] of cases) {
    test(`${encoding}: decoded exactly`, () => {
      const d = decode(bytes);
      assert.equal(d.encoding, encoding);
      assert.equal(d.text, text);
    });
  }
  test('the CLI reads a GBK file and a UTF-16 file like their UTF-8 twin', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-enc-'));
    writeFileSync(path.join(dir, 'a.txt'), iconv.encode(text, 'gbk'));
    writeFileSync(path.join(dir, 'b.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    let out = '';
    const code = await runCli(['check', '--format', 'json', dir], { stdout: (s) => (out += s), stderr: () => undefined });
    assert.equal(code, 0);
    const files = JSON.parse(out).files;
    assert.equal(files.length, 2);
    for (const f of files) assert.deepEqual(f.tables.applications.rows.total, [8, 1, 0, 0, 1, 0, 10]);
  });
});
