// `nianbao check` on worker threads (--jobs N, cli/pool.ts), its progress bar (cli/progress.ts)
// and glob patterns among its paths.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { jsonEntry, jsonOutput } from '../../server/src/cli/checkFile';
import type { JsonFile } from '../../server/src/cli/json';
import { POOL_WORKER_FILE, registryOf, shareFacts, sharedLookup } from '../../server/src/cli/pool';
import type { YearFacts } from '../../server/src/engine';
import { createProgress } from '../../server/src/cli/progress';
import { workspaceReport } from '../support/corpus';
import { REPO, SEEDS } from '../support/paths';
import { cli } from '../support/cli';

/** A folder of `n` generated reports: bodies of five years each, so that the cross-year rule finds last years. */
function reports(n: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-pool-'));
  for (let i = 0; i < n; i++) {
    const { file, text } = workspaceReport(i);
    const sub = path.join(dir, i % 2 ? 'a' : 'b');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, file), text);
  }
  return dir;
}

describe('nianbao check --jobs', () => {
  test('the worker script is there for the tests (out/) as for the bundle (dist/poolWorker.js)', () => {
    assert.ok(readFileSync(POOL_WORKER_FILE, 'utf8').length > 0);
  });

  test('two workers give the JSON, text and SARIF output of one thread, byte for byte, cross-year findings included', async () => {
    const dir = reports(30);
    // Also a file skipped (not a report), one named twice, and one that does not exist: their messages in order.
    writeFileSync(path.join(dir, 'a', 'notes.txt'), 'nothing here\n');
    const paths = [dir, SEEDS, path.join(REPO, 'test/samples'), path.join(dir, 'a', 'notes.txt'), path.join(dir, 'missing.txt')];
    for (const format of ['json', 'text', 'sarif']) {
      const one = await cli(['check', '--format', format, '--jobs', '1', ...paths]);
      const two = await cli(['check', '--format', format, '--jobs', '2', ...paths]);
      assert.equal(two.stdout, one.stdout, format);
      assert.equal(two.stderr, one.stderr, format);
      assert.equal(two.code, one.code);
      assert.equal(one.code, 2); // missing.txt
      if (format === 'json') {
        const files = JSON.parse(one.stdout).files as { diagnostics: { code: string }[] }[];
        assert.ok(files.length > 30);
        assert.ok(files.some((f) => f.diagnostics.some((d) => d.code === 'cross-year')), 'some report is compared with its previous year');
      }
    }
  });

  test('the facts the workers share answer every lookup as the registry of all facts does, the same body and year written twice included', () => {
    const fact = (location: string, bodyKey: string | null, year: number | null, mark: string) =>
      ({ location, bodyKey, year, template: null, carried: null, forward: null, inForce: {}, figures: {}, partSentences: [[mark.length]], body: mark }) as unknown as YearFacts;
    const all = [fact('b/x.txt', '甲', 2022, '第一份'), fact('a/x.txt', '甲', 2022, '第二份（位置在前）'), fact('c.txt', '乙', 2021, '乙县'), fact('d.txt', null, 2021, '无名'), fact('e.txt', '丙', null, '无年')];
    const registry = registryOf(all);
    const shared = sharedLookup(shareFacts(all.map((f) => ({ json: JSON.stringify(f), location: f.location, bodyKey: f.bodyKey, year: f.year }))));
    for (const [body, year] of [['甲', 2022], ['乙', 2021], ['甲', 2021], ['丙', 2020], ['丁', 2022]] as const)
      assert.deepEqual(shared(body, year), registry.lookup(body, year), `${body} ${year}`);
    assert.equal(shared('甲', 2022)?.location, 'a/x.txt');
    assert.equal(shared('甲', 2022), shared('甲', 2022), 'parsed once');
  });

  test('the JSON output joined from entries written per file is JSON.stringify of the whole, byte for byte', () => {
    const file = (p: string): JsonFile => ({ path: p, year: 2020, template: '2019', tables: { applications: null, appeals: null }, diagnostics: [], skipped: null, suppressed: 0 });
    const files = [file('a\nb "c"\\.txt'), { ...file('x'), tables: { applications: { rows: { new: [1, 2] } }, appeals: null } } as unknown as JsonFile, file('')];
    for (const list of [files, files.slice(0, 1), []]) assert.equal(jsonOutput(list.map(jsonEntry)), JSON.stringify({ version: 1, files: list }, null, 2) + '\n');
  });

  test('--jobs needs a positive whole number', async () => {
    for (const v of ['0', 'x', '-1']) {
      const r = await cli(['check', `--jobs=${v}`, SEEDS]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /invalid --jobs/);
    }
  });
});

describe('progress bar', () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, sink: { isTTY, columns: 80, write: (s: string) => void out.push(s) } };
  };

  test('drawn on a terminal: files done of all and the rate, then cleared', () => {
    const s = sink(true);
    let clock = 0;
    const p = createProgress(s.sink, true, () => clock);
    p.step('checking', 3);
    for (let i = 0; i < 3; i++) {
      clock += 500;
      p.tick();
    }
    p.done();
    const last = s.out[s.out.length - 2];
    assert.match(last, /^\r\[#+\] checking 3\/3 · 2\.0\/s\x1b\[K$/);
    assert.equal(s.out[s.out.length - 1], '\r\x1b[K');
  });

  test('never when not a terminal, or turned off', () => {
    for (const [isTTY, enabled] of [[false, true], [true, false]]) {
      const s = sink(isTTY);
      const p = createProgress(s.sink, enabled);
      p.step('checking', 2);
      p.tick();
      p.tick();
      p.done();
      assert.deepEqual(s.out, []);
    }
  });

  test('nianbao check draws it on stderr when stderr is a terminal, not with --no-progress; the output is the same', async () => {
    const plain = await cli(['check', '--format', 'json', SEEDS]);
    const s = sink(true);
    const drawn = await cli(['check', '--format', 'json', SEEDS], { progress: s.sink });
    assert.equal(drawn.stdout, plain.stdout);
    assert.ok(s.out.some((x) => /读取 5\/5/.test(x)));
    assert.ok(s.out.some((x) => /检查 5\/5/.test(x)));
    const off = sink(true);
    await cli(['check', '--no-progress', SEEDS], { progress: off.sink });
    assert.deepEqual(off.out, []);
    const pipe = sink(false);
    await cli(['check', SEEDS], { progress: pipe.sink });
    assert.deepEqual(pipe.out, []);
  });
});

describe('glob patterns', () => {
  test('a quoted pattern is expanded (braces, **), in name order; files it matches are as if found in a folder', async () => {
    const dir = reports(6);
    writeFileSync(path.join(dir, 'a', 'readme.md'), '# not a report\n');
    const r = await cli(['check', '--format', 'json', `${dir}/**/*.{txt,md}`]);
    const files = (JSON.parse(r.stdout).files as { path: string; skipped: string | null }[]).map((f) => [path.relative(dir, f.path), f.skipped]);
    const names = files.map(([f]) => f as string);
    assert.deepEqual(names, [...names].sort());
    assert.equal(files.length, 7);
    assert.deepEqual(
      files.filter(([, s]) => s !== null),
      [[path.join('a', 'readme.md'), 'not a report']],
    );
    assert.doesNotMatch(r.stderr, /readme/); // found, not named: skipped quietly
  });

  test('a path that exists is taken as it is, even when it looks like a pattern; a pattern matching nothing is an error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-glob-'));
    const literal = path.join(dir, '[2020].txt');
    copyFileSync(path.join(REPO, 'test/samples', '示例区2020年政府信息公开工作年度报告.txt'), literal);
    writeFileSync(path.join(dir, '2.txt'), 'not a report at all\n'); // what [2020].txt would match as a pattern
    const r = await cli(['check', '--format', 'json', literal]);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string }) => f.path),
      [literal],
    );
    const none = await cli(['check', `${dir}/*.pdf`]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /\*\.pdf/);
  });

  test('nianbao fix takes the same patterns', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-glob-fix-'));
    copyFileSync(path.join(SEEDS, readSeed()), path.join(dir, 'r.txt'));
    const r = await cli(['fix', '--dry-run', `${dir}/*.txt`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /r\.txt/);
  });
});

function readSeed(): string {
  return '000_38967d40d03fbadc.txt';
}
