// `nianbao check URL...` and `summary --urls`: pages fetched from a local server (127.0.0.1 only).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { urlList } from '../../server/src/cli/summary';
import { attachmentLinks } from '../../server/src/io/html';
import { reportKindOfResponse } from '../../server/src/io/kinds';
import { REPO } from '../support/paths';
import { cli } from '../support/cli';

const FIX = path.join(REPO, 'test', 'fixtures');
const temp = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'nianbao-fetch-test-')));

// The GBK page with its <meta charset> taken out: the charset is only in the header.
const gbk = Buffer.from(readFileSync(path.join(FIX, 'html', 'template-2019-gbk.html')).toString('latin1').replace(/<meta http-equiv="Content-Type"[^>]*>/i, ''), 'latin1');
const pdf = readFileSync(path.join(FIX, 'pdf', 'report2021.libreoffice.pdf'));
const linking = Buffer.from('<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body><p>2021年政府信息公开工作年度报告</p><p><a href="/files/report.pdf">附件：年度报告</a></p></body></html>');

/** Requests as the server saw them: path, start and end (ms). */
let log: { path: string; start: number; end: number }[] = [];
let server: Server;
let base = '';
const hanging: import('node:http').ServerResponse[] = [];

before(async () => {
  server = createServer((req, res) => {
    const entry = { path: req.url ?? '', start: Date.now(), end: 0 };
    log.push(entry);
    res.on('close', () => (entry.end = Date.now()));
    const send = (status: number, type: string, body: Buffer | string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/gbk') send(200, 'text/html; charset=gbk', gbk);
    else if (req.url === '/page.html') send(200, 'text/html; charset=utf-8', linking);
    else if (req.url === '/files/report.pdf') send(200, 'application/pdf', pdf);
    else if (req.url === '/old') {
      res.writeHead(302, { location: '/gbk' });
      res.end();
    } else if (req.url === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (req.url === '/hang') hanging.push(res);
    else send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const r of hanging) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const findings = (stdout: string) =>
  (JSON.parse(stdout).files as { path: string; skipped: string | null; diagnostics: { code: string; range: unknown; message: string }[] }[]).map((f) => ({
    skipped: f.skipped,
    diagnostics: f.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`),
  }));

describe('nianbao check URL', () => {
  test('a GBK page with its charset only in the header; a redirect followed; findings name the address', async () => {
    log = [];
    const r = await cli(['check', '--format', 'json', '--delay', '0', `${base}/gbk`, `${base}/old`]);
    const files = JSON.parse(r.stdout).files;
    assert.deepEqual(files.map((f: { path: string }) => f.path), [`${base}/gbk`, `${base}/old`], r.stderr);
    for (const f of files) {
      assert.equal(f.skipped, null, r.stderr);
      assert.equal(f.source.format, 'html');
      assert.equal(f.source.encoding, 'gb18030');
    }
    assert.deepEqual(findings(r.stdout)[0], findings(r.stdout)[1]);
    assert.ok(log.some((l) => l.path === '/old') && log.filter((l) => l.path === '/gbk').length === 2);
  });

  test('a page that only links its report: the PDF attachment is fetched and checked, said on stderr', async () => {
    const r = await cli(['check', '--format', 'json', '--locale', 'en', '--delay', '0', `${base}/page.html`]);
    const [f] = JSON.parse(r.stdout).files;
    assert.equal(f.path, `${base}/files/report.pdf`);
    assert.equal(f.source.format, 'pdf');
    assert.equal(f.skipped, null);
    assert.match(r.stderr, /page\.html is not a report itself; checking the attachment it links: .*report\.pdf/);
  });

  test('a 404, a server that never answers, a redirect loop: unreachable, a line on stderr each, exit 2', async () => {
    const r = await cli(['check', '--format', 'json', '--locale', 'en', '--delay', '0', '--timeout', '300', `${base}/missing`, `${base}/hang`, `${base}/loop`]);
    assert.equal(r.code, 2);
    const files = JSON.parse(r.stdout).files;
    assert.deepEqual(files.map((f: { skipped: string }) => f.skipped), ['unreachable', 'unreachable', 'unreachable']);
    assert.match(r.stderr, /missing.*could not be fetched.*HTTP 404/);
    assert.match(r.stderr, /hang.*could not be fetched.*no answer within 300 ms/);
    assert.match(r.stderr, /loop.*could not be fetched.*redirects/);
    const text = await cli(['check', '--delay', '0', `${base}/missing`]);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /无法获取/);
  });

  test('--save DIR keeps a file per address and index.json; checking DIR offline gives the same findings', async () => {
    const dir = temp();
    const online = await cli(['check', '--format', 'json', '--delay', '0', '--save', dir, `${base}/gbk`, `${base}/page.html`]);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    assert.deepEqual(Object.keys(index).sort(), [`${base}/files/report.pdf`, `${base}/gbk`, `${base}/page.html`].sort());
    assert.equal(index[`${base}/gbk`].contentType, 'text/html; charset=gbk');
    assert.ok(!Number.isNaN(Date.parse(index[`${base}/gbk`].fetchedAt)));
    for (const e of Object.values(index) as { file: string }[]) assert.ok(readdirSync(dir).includes(e.file));
    assert.ok(index[`${base}/files/report.pdf`].file.endsWith('.pdf'));
    const offline = await cli(['check', '--format', 'json', dir]);
    // The linking page is no report: left out of the folder's files; the others in the same order (by name) with the same findings.
    const on = findings(online.stdout);
    const off = findings(offline.stdout).filter((f) => f.skipped === null);
    const byName = (o: typeof on) => o.map((f) => JSON.stringify(f)).sort();
    assert.deepEqual(byName(off), byName(on));
    assert.equal(offline.code, online.code);
  });

  test('one request at a time per host, --delay between them', async () => {
    log = [];
    const r = await cli(['check', '--format', 'json', '--delay', '200', `${base}/gbk`, `${base}/missing`, `${base}/old`]);
    assert.equal(JSON.parse(r.stdout).files.length, 3);
    assert.equal(log.length, 4);
    const sorted = [...log].sort((a, b) => a.start - b.start);
    // No two overlap, and each starts (about) the delay after the one before ended: a generous bound for a busy machine.
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end + 150, JSON.stringify(sorted));
  });
});

describe('summary --urls', () => {
  test('a list of addresses, comments and blank lines left out', async () => {
    assert.deepEqual(urlList('# reports\nhttp://a/1.html\n\n  http://b/2.pdf  # the PDF\n'), ['http://a/1.html', 'http://b/2.pdf']);
    const dir = temp();
    const list = path.join(dir, 'list.txt');
    writeFileSync(list, `# two\n${base}/gbk\n${base}/missing\n`);
    const csv = path.join(dir, 'out.csv');
    const r = await cli(['summary', '--delay', '0', '--urls', list, '--csv', csv]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(readFileSync(csv, 'utf8'), new RegExp(`${base}/gbk`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  });
});

describe('kinds and links of fetched files', () => {
  test('the kind from the Content-Type, else the address', () => {
    assert.equal(reportKindOfResponse('application/pdf', 'http://x/view?id=1')?.id, 'pdf');
    assert.equal(reportKindOfResponse('text/html; charset=gbk', 'http://x/a.pdf')?.id, 'html');
    assert.equal(reportKindOfResponse('application/octet-stream', 'http://x/a.docx')?.id, 'docx');
    assert.equal(reportKindOfResponse(undefined, 'http://x/view?id=1'), undefined);
  });
  test('attachment links: .pdf/.docx/.doc or 附件/下载 text, absolute, no repeats', () => {
    const page = '<a href="a.pdf">x</a><a href="/b.doc#p">y</a><a href="/dl?id=3">下载</a><a href="/x.html">更多</a><a href="a.pdf">again</a><a href="mailto:a@b">附件</a>';
    assert.deepEqual(attachmentLinks(page, 'http://h/dir/p.html'), ['http://h/dir/a.pdf', 'http://h/b.doc', 'http://h/dl?id=3']);
  });
});
