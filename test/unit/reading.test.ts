// Reading files (issue 13): damaged bytes, files that are not reports, special files,
// sizes, links, control characters; and what the output says about them — escaped
// file names, CSV cells, suppressed findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseSize } from '../../server/src/cli/run';
import { check, csvCell, escapeControls, parse, tablesToCsv } from '../../server/src/engine';
import { decode, invalidLimit, mostlyUtf8, scanUtf8 } from '../../server/src/io/decode';
import { defaultSpec, render } from '../support/generate';
import { REPO, SEED } from '../support/paths';
import { cli } from '../support/cli';

/** The bundled CLI in a child process with a time limit (a hang or a runaway read must not take the test run with it). */
function cliProcess(args: string[], timeout = 15_000) {
  return spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout });
}

const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), `nianbao-${prefix}-`));
const seed000 = readFileSync(SEED.s000);
const errorsOf = (file: { diagnostics: { severity: string }[] }) => file.diagnostics.filter((d) => d.severity === 'error').length;

/** Seed 000 with a stray Windows-1252 byte (a curly quote, 0x93) at the end of its 5th line. */
function withStrayByte(): Buffer {
  let nl = -1;
  for (let i = 0; i < 5; i++) nl = seed000.indexOf(0x0a, nl + 1);
  return Buffer.concat([seed000.subarray(0, nl), Buffer.from([0x93]), seed000.subarray(nl)]);
}

// ------------------------------------------------------------------ 1. damaged files

describe('decoding damaged UTF-8', () => {
  test('seed 000 without its last byte is UTF-8 with one replacement at the end', () => {
    const original = seed000.toString('utf8');
    const d = decode(seed000.subarray(0, seed000.length - 1));
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.text, original.slice(0, -1) + '\uFFFD');
    assert.deepEqual(d.replaced, [d.text.length - 1]);
  });
  test('seed 000 with a stray cp1252 byte is UTF-8 with the byte replaced where it was', () => {
    const d = decode(withStrayByte());
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.replaced.length, 1);
    assert.equal(d.text[d.replaced[0]], '\uFFFD');
    assert.equal(d.text.slice(0, d.replaced[0]) + d.text.slice(d.replaced[0] + 1), seed000.toString('utf8'));
  });
  test('GB18030 text is not taken for damaged UTF-8', () => {
    const d = decode(Buffer.from(require('iconv-lite').encode(seed000.toString('utf8'), 'gb18030')));
    assert.equal(d.encoding, 'gb18030');
    assert.equal(d.text, seed000.toString('utf8'));
    assert.deepEqual(d.replaced, []);
  });
  test('property: valid UTF-8 round-trips with nothing replaced', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        fc.pre(!s.startsWith('\uFEFF'));
        const d = decode(Buffer.from(s, 'utf8'));
        assert.equal(d.text, s);
        assert.deepEqual(d.replaced, []);
      }),
      { numRuns: 300 },
    );
  });
  test('property: a report cut anywhere inside a multi-byte character still decodes as UTF-8', () => {
    const text = render(defaultSpec(), 'pipe');
    const bytes = Buffer.from(text, 'utf8');
    fc.assert(
      fc.property(fc.integer({ min: bytes.length >> 1, max: bytes.length - 1 }), (cut) => {
        const d = decode(bytes.subarray(0, cut));
        assert.equal(d.encoding, 'utf-8');
        const inside = (bytes[cut] & 0xc0) === 0x80; // the cut splits a character
        assert.equal(d.replaced.length, inside ? 1 : 0);
        if (inside) assert.equal(d.replaced[0], d.text.length - 1);
      }),
      { numRuns: 300 },
    );
  });
  test('property: a few stray bytes (at most 1 % of the characters) still decode as UTF-8, each listed', () => {
    const bytes = Buffer.from(seed000);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: bytes.length - 1 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0x80, max: 0xff }), (positions, byte) => {
        // Insert the byte before the start of a character (not inside one), at each position.
        const starts = [...new Set(positions.map((p) => { while (p > 0 && (bytes[p] & 0xc0) === 0x80) p--; return p; }))].sort((a, b) => a - b);
        const parts: Buffer[] = [];
        let from = 0;
        for (const p of starts) parts.push(bytes.subarray(from, p), Buffer.from([byte])), (from = p);
        parts.push(bytes.subarray(from));
        const d = decode(Buffer.concat(parts));
        assert.equal(d.encoding, 'utf-8');
        assert.ok(d.replaced.length >= 1 && d.replaced.length <= 2 * starts.length);
        for (const o of d.replaced) assert.equal(d.text[o], '\uFFFD');
      }),
      { numRuns: 200 },
    );
  });
  test('property: scanUtf8 lists exactly the U+FFFD that TextDecoder writes for invalid bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        const bytes = raw.map((b) => (b === 0xef ? 0xee : b)); // no EF: U+FFFD cannot be in the bytes themselves
        const text = new TextDecoder('utf-8').decode(bytes);
        const offsets: number[] = [];
        for (let i = 0; i < text.length; i++) if (text[i] === '\uFFFD') offsets.push(i);
        assert.deepEqual(scanUtf8(bytes).replaced, offsets);
      }),
      { numRuns: 500 },
    );
  });
  test('mostlyUtf8: one cut-off sequence at the end is damage, not another encoding', () => {
    assert.equal(mostlyUtf8(scanUtf8(Buffer.from([0x61, 0xe4, 0xb8]))), true);
    assert.equal(mostlyUtf8(scanUtf8(Buffer.from([0x61, 0xc4, 0xe3, 0x62]))), false);
  });
  test('text in another encoding is given up on early: past invalidLimit it cannot be mostly UTF-8', () => {
    const gb = Buffer.from(require('iconv-lite').encode(seed000.toString('utf8').repeat(20), 'gb18030'));
    const scan = scanUtf8(gb, invalidLimit(gb.length));
    assert.equal(scan.stopped, true);
    assert.ok(scan.invalid === invalidLimit(gb.length) + 1);
    assert.equal(mostlyUtf8(scan), false);
    // The limit is exact: a file at 1 % damage is still below it.
    const full = scanUtf8(seed000);
    assert.ok(full.multibyte / 99 <= invalidLimit(seed000.length));
  });
});

describe('the encoding rule', () => {
  test('a replaced byte gives one warning on its line, at the replacement', () => {
    const d = decode(withStrayByte());
    const r = check(d.text, { source: d });
    const f = r.findings.filter((x) => x.code === 'encoding');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.deepEqual([f[0].start, f[0].end], [d.replaced[0], d.replaced[0] + 1]);
    assert.match(f[0].message, /UTF-8/);
  });
  test('a U+FFFD already in the text (the editor decodes files itself): one warning on its line, lost characters', () => {
    const lines = seed000.toString('utf8').split('\n');
    lines[3] += '\uFFFD\uFFFD';
    const text = lines.join('\n');
    const f = check(text, { locale: 'en' }).findings.filter((x) => x.code === 'encoding');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), '\uFFFD\uFFFD');
    assert.match(f[0].message, /2 replacement character\(s\) �: characters were lost here/);
  });
  test('no source, or a clean one: no finding', () => {
    const text = seed000.toString('utf8');
    assert.deepEqual(check(text).findings.filter((x) => x.code === 'encoding'), []);
    assert.deepEqual(check(text, { source: { encoding: 'utf-8', replaced: [] } }).findings.filter((x) => x.code === 'encoding'), []);
  });
});

describe('the CLI on damaged and non-report files', () => {
  test('seed 000 truncated by one byte, named explicitly: its four errors and an encoding warning, exit 1', async () => {
    const dir = tmp('trunc');
    const file = path.join(dir, '000.txt');
    writeFileSync(file, seed000.subarray(0, seed000.length - 1));
    const r = await cli(['check', '--format', 'json', file]);
    assert.equal(r.code, 1, r.stderr);
    const f = JSON.parse(r.stdout).files[0];
    assert.equal(errorsOf(f), 4);
    assert.deepEqual(f.source, { format: 'text', encoding: 'utf-8', textView: false });
    assert.equal(f.skipped, null);
    const enc = f.diagnostics.filter((d: { code: string }) => d.code === 'encoding');
    assert.equal(enc.length, 1);
    assert.equal(enc[0].range.start.line, seed000.toString('utf8').split('\n').length - 1);
  });
  test('seed 000 with a stray byte, in a folder: found and checked, four errors', async () => {
    const dir = tmp('stray');
    writeFileSync(path.join(dir, '000.txt'), withStrayByte());
    const r = await cli(['check', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /000\.txt:5:\d+: warning \[encoding\]/);
    assert.match(r.stdout, /^1 file\(s\): 4 error\(s\)/m);
  });
  test('a file named explicitly that is not a report: not a pass — stderr and exit 2; the other files are still checked', async () => {
    const dir = tmp('notreport');
    const notes = path.join(dir, 'notes.txt');
    writeFileSync(notes, 'shopping list: milk, eggs\n');
    const r = await cli(['check', '--locale', 'en', notes, SEED.s003]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /notes\.txt: not checked: not a report/);
    assert.match(r.stdout, /^1 file\(s\): 0 error\(s\)/m);
    assert.match(r.stdout, /skipped 1 file\(s\): 1 not a report\n$/);
    const json = JSON.parse((await cli(['check', '--format', 'json', notes])).stdout);
    assert.equal(json.files[0].skipped, 'not a report');
  });
  test('a folder run ends with how many files it skipped as not reports', async () => {
    const dir = tmp('folder');
    writeFileSync(path.join(dir, 'a.txt'), 'not a report');
    writeFileSync(path.join(dir, 'b.md'), '# readme');
    writeFileSync(path.join(dir, 'report.txt'), seed000);
    const r = await cli(['check', '--locale', 'en', dir]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[lines.length - 2], /^1 file\(s\): 4 error\(s\)/);
    assert.equal(lines[lines.length - 1], 'skipped 2 file(s): 2 not a report');
    const zh = await cli(['check', dir]);
    assert.match(zh.stdout, /跳过 2 个文件：不是年报 2 个\n$/);
  });
});

// ------------------------------------------------------------------ 2. control characters

describe('control characters', () => {
  test('C0 controls other than tab, LF, CR and form feed (a PDF page break): one warning per line holding them', () => {
    const lines = seed000.toString('utf8').split('\n');
    lines[10] = lines[10] + '\u0000\u0000';
    lines[20] = '\u001b' + lines[20] + '\f';
    lines[30] = lines[30] + '\t\r';
    lines[40] = '\f' + lines[40]; // pdftotext's page break: no finding
    const text = lines.join('\n');
    const f = check(text, { locale: 'en' }).findings.filter((x) => x.code === 'encoding');
    assert.equal(f.length, 2);
    const at = (o: number) => text.slice(0, o).split('\n').length - 1;
    assert.deepEqual(f.map((x) => at(x.start)), [10, 20]);
    assert.match(f[0].message, /2 control character\(s\) \(U\+0000\)/);
    assert.match(f[1].message, /\(U\+001B\)/);
    assert.equal(text.slice(f[1].start, f[1].end), '\u001b');
  });
});

// ------------------------------------------------------------------ 4. special files and size

describe('special files and size', () => {
  const fifoSupported = process.platform !== 'win32';
  test('a named pipe on the command line: skipped at once, exit 2', { skip: !fifoSupported }, () => {
    const dir = tmp('fifo');
    const fifo = path.join(dir, 'pipe.txt');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const r = cliProcess(['check', '--locale', 'en', fifo, SEED.s003]);
    assert.equal(r.signal, null, 'the CLI hung on the pipe');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pipe\.txt: not checked: not a regular file \(named pipe\)/);
    assert.match(r.stdout, /^1 file\(s\)/m);
  });
  test('a named pipe in a folder: skipped and counted, the folder still checked', { skip: !fifoSupported }, () => {
    const dir = tmp('fifodir');
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]).status, 0);
    writeFileSync(path.join(dir, 'r.txt'), readFileSync(SEED.s003));
    const r = cliProcess(['check', '--locale', 'en', dir]);
    assert.equal(r.signal, null, 'the CLI hung on the pipe');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /skipped 1 file\(s\): 1 not a regular file\n$/);
  });
  test('/dev/zero: never read', { skip: process.platform === 'win32' }, () => {
    const r = cliProcess(['check', '--locale', 'en', '/dev/zero']);
    assert.equal(r.signal, null);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\/dev\/zero: not checked: not a regular file \(character device\)/);
  });
  test('a file over the limit (default 20 MB) is skipped before it is read; --max-size changes the limit', async () => {
    const dir = tmp('size');
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 21 * 1024 * 1024); // sparse: no disk, no memory
    const r = await cli(['check', '--locale', 'en', big]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /big\.txt: not checked: too large \(22020096 > 20971520 bytes\)/);
    const small = await cli(['check', '--locale', 'en', '--max-size', '1K', SEED.s003]);
    assert.equal(small.code, 2);
    assert.match(small.stderr, /too large/);
    assert.equal((await cli(['check', '--max-size=20KB', SEED.s003])).code, 0);
    const inFolder = path.join(dir, 'sub');
    mkdirSync(inFolder);
    writeFileSync(path.join(inFolder, 'r.txt'), seed000);
    const folder = await cli(['check', '--format', 'json', '--max-size', '4k', inFolder]);
    assert.equal(folder.code, 0, 'a folder’s file over the limit is skipped, not an error of the command');
    assert.equal(JSON.parse(folder.stdout).files[0].skipped, 'too large');
    assert.equal((await cli(['check', '--max-size', 'lots', SEED.s003])).code, 2);
  });
  test('parseSize: bytes and K, M, G suffixes (binary)', () => {
    assert.equal(parseSize('1000'), 1000);
    assert.equal(parseSize('20MB'), 20 * 1024 * 1024);
    assert.equal(parseSize('512k'), 512 * 1024);
    assert.equal(parseSize('1.5G'), 1.5 * 1024 ** 3);
    assert.equal(parseSize('2MiB'), 2 * 1024 * 1024);
    for (const bad of ['', '0', '-1', 'MB', '1TB', '1 0']) assert.equal(parseSize(bad), null, bad);
  });
});

// ------------------------------------------------------------------ 5. symbolic links

describe('symbolic links in folders', () => {
  test('a link to a report elsewhere is followed; a link loop ends; a broken link is listed as skipped', async () => {
    const outside = tmp('outside');
    writeFileSync(path.join(outside, 'real.txt'), seed000);
    const dir = tmp('links');
    symlinkSync(path.join(outside, 'real.txt'), path.join(dir, 'linked.txt'));
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    symlinkSync(path.join(dir, 'missing.txt'), path.join(dir, 'broken.txt'));
    const r = await cli(['check', '--format', 'json', dir]);
    assert.equal(r.code, 1);
    const files = JSON.parse(r.stdout).files as { path: string; skipped: string | null; diagnostics: { severity: string }[] }[];
    const linked = files.find((f) => f.path.endsWith('linked.txt'));
    assert.ok(linked, 'the linked report is checked');
    assert.equal(linked.skipped, null);
    assert.equal(errorsOf(linked), 4);
    assert.equal(files.find((f) => f.path.endsWith('broken.txt'))?.skipped, 'broken link');
    assert.equal(files.length, 2);
  });
  test('a report reached twice (the file and a link to it) is checked once, under its own name', async () => {
    const dir = tmp('dup');
    writeFileSync(path.join(dir, 'b-report.txt'), seed000);
    symlinkSync(path.join(dir, 'b-report.txt'), path.join(dir, 'a-link.txt'));
    const files = JSON.parse((await cli(['check', '--format', 'json', dir])).stdout).files as { path: string; skipped: string | null }[];
    assert.deepEqual(files.map((f) => [path.basename(f.path), f.skipped]), [['a-link.txt', 'duplicate'], ['b-report.txt', null]]);
  });
});

// ------------------------------------------------------------------ 10. control characters in paths

describe('file names in text output', () => {
  test('escapeControls: one line whatever the name holds', () => {
    assert.equal(escapeControls('a\nb\rc\td\x1be\u0085f\u2028'), 'a\\nb\\rc\\td\\x1be\\x85f\\u2028');
    assert.equal(escapeControls('C:\\报告\\2020.txt'), 'C:\\报告\\2020.txt');
  });
});

// ------------------------------------------------------------------ 11. CSV injection

describe('CSV export', () => {
  const LEGACY = (rows: string[]) => ['示例县2017年政府信息公开工作年度报告', '附件：政府信息公开情况统计表', '统 计 指 标 | 单位 | 统计数 |', ...rows, '联系电话：0000-0000000'].join('\n');
  test('a legacy label that a spreadsheet would run as a formula is neutralised with a leading quote', () => {
    const text = LEGACY(['一、主动公开情况 | —— | |', '(一)主动公开政府信息数 | 条 | 428 |', '=1+2 | 条 | 72 |', '@SUM(A1) | 条 | 3 |']);
    const csv = tablesToCsv(parse(text));
    assert.ok(csv.includes("legacy,'=1+2,条,72\n"), csv);
    assert.ok(csv.includes("legacy,'@SUM(A1),条,3\n"), csv);
    assert.ok(!/(^|,)[=+\-@]/m.test(csv.replace(/^table,.*$/gm, '')), csv);
  });
  test('csvCell: OWASP’s triggers get a quote, RFC 4180 quoting still applies, numbers stay numbers', () => {
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-82'), "'-82");
    assert.equal(csvCell('@x'), "'@x");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('普通'), '普通');
    assert.equal(csvCell(-82), '-82'); // a value of 本年增/减: a number, not a formula
    assert.equal(csvCell(3.5), '3.5');
    assert.equal(csvCell(null), '');
  });
  test('negative 本年增/减 values in table 二 are written as numbers', () => {
    const text = render(defaultSpec({ shape: 'single-other' }), 'pipe').replace('减5', '-5');
    const csv = tablesToCsv(parse(text));
    assert.match(csv, /^disclosure,[^\n]*,-5$/m);
  });
});

// ------------------------------------------------------------------ 12. suppressed findings

describe('suppressed findings', () => {
  const suppressedSeed = () => {
    const dir = tmp('suppressed');
    const file = path.join(dir, '000.txt');
    writeFileSync(file, '<!-- nianbao-disable carry-over, results-total -- 原因：口径调整 -->\n' + seed000.toString('utf8'));
    return file;
  };
  test('text: the totals line counts them (zh-CN and English)', async () => {
    const file = suppressedSeed();
    const en = await cli(['check', '--locale', 'en', file]);
    assert.equal(en.code, 0);
    assert.match(en.stdout, /^1 file\(s\): 0 error\(s\), \d+ warning\(s\), \d+ note\(s\), 4 suppressed \(nianbao-disable\)\n$/m);
    const zh = await cli(['check', file]);
    assert.match(zh.stdout, /，已忽略 4 条（nianbao-disable）\n$/);
    // Nothing suppressed: the line is as it always was.
    assert.match((await cli(['check', SEED.s003])).stdout, /note\(s\)\n$/);
  });
  test('JSON: the count always, the findings with their reason when asked', async () => {
    const file = suppressedSeed();
    const plain = JSON.parse((await cli(['check', '--format', 'json', file])).stdout).files[0];
    assert.equal(plain.suppressed, 4);
    assert.equal(plain.diagnostics.filter((d: { suppressed?: boolean }) => d.suppressed).length, 0);
    const all = JSON.parse((await cli(['check', '--format', 'json', '--include-suppressed', file])).stdout).files[0];
    const sup = all.diagnostics.filter((d: { suppressed?: boolean }) => d.suppressed);
    assert.equal(sup.length, 4);
    for (const d of sup) {
      assert.ok(['carry-over', 'results-total'].includes(d.code));
      assert.deepEqual(d.suppression, { kind: 'comment', reason: '原因：口径调整' });
    }
    assert.equal(all.diagnostics.length, plain.diagnostics.length + 4);
  });
  test('SARIF: suppressed results carry suppressions with the reason', async () => {
    const file = suppressedSeed();
    const r = await cli(['check', '--format', 'sarif', file]);
    assert.equal(r.code, 0);
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; suppressions?: unknown[] }[];
    const sup = results.filter((x) => x.suppressions);
    assert.equal(sup.length, 4);
    assert.deepEqual(sup[0].suppressions, [{ kind: 'inSource', status: 'accepted', justification: '原因：口径调整' }]);
  });
});
