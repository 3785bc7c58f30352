// The CLI: JSON exactly as CHECK-JSON.md, compiler-style text, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { defaultSpec, render } from '../support/generate';
import { REPO, SEED, SEEDS } from '../support/paths';
import { cli } from '../support/cli';

describe('nianbao check --format json', () => {
  test('the seeds folder: seed 000 has the two culprit cells with expected 5 and a preferred fix', async () => {
    const r = await cli(['check', '--format', 'json', SEEDS]);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.files.length, 5);
    const f0 = out.files.find((f: { path: string }) => f.path.endsWith('000_38967d40d03fbadc.txt'));
    assert.equal(f0.year, 2020);
    assert.equal(f0.template, '2019');
    assert.deepEqual(f0.tables.applications.rows.new, [5, 0, 0, 0, 0, 0, 5]);
    assert.equal(Object.keys(f0.tables.applications.rows).length, 23);
    assert.deepEqual(f0.tables.appeals.review, [0, 0, 0, 0, 0]);
    const errs = f0.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    assert.equal(errs.length, 4);
    for (const d of errs) {
      assert.ok(['carry-over', 'results-total'].includes(d.code));
      assert.equal(d.cell.table, 'applications');
      assert.equal(d.cell.row, 'total');
      assert.ok([0, 6].includes(d.cell.column));
      assert.equal(d.expected, 5);
      assert.equal(d.actual, 0);
      // The preferred fix is the whole repair (both cells); the cell's own edit is among its edits.
      const fix = d.fixes.find((x: { preferred: boolean }) => x.preferred);
      assert.equal(fix.edits.length, 2);
      assert.ok(fix.edits.every((e: { newText: string }) => e.newText === '5'));
      assert.ok(fix.edits.some((e: { range: unknown }) => JSON.stringify(e.range) === JSON.stringify(d.range)));
    }
    const f1 = out.files.find((f: { path: string }) => f.path.endsWith('001_25f0704815ae6a25.txt'));
    assert.deepEqual(f1.tables.applications.rows.total, [22, null, null, null, null, null, 22]);
    for (const f of out.files.filter((x: { path: string }) => !x.path.endsWith('000_38967d40d03fbadc.txt')))
      assert.deepEqual(f.diagnostics.filter((d: { severity: string }) => d.severity === 'error'), [], f.path);
  });

  test('2021 reports list （六） as three sub-rows, 2019 reports as one', async () => {
    const out = JSON.parse((await cli(['check', '--format=json', SEED.s004, SEED.s003])).stdout);
    const rows = (i: number) => Object.keys(out.files[i].tables.applications.rows);
    assert.ok(rows(0).includes('other.1') && !rows(0).includes('other'));
    assert.ok(rows(1).includes('other') && !rows(1).includes('other.1'));
    assert.equal(out.files[0].tables.appeals.litigationAfterReview.length, 5);
  });

  test('ranges are zero-based lines and UTF-16 characters', async () => {
    const out = JSON.parse((await cli(['check', '--format', 'json', SEED.s000])).stdout);
    const d = out.files[0].diagnostics.find((x: { code: string }) => x.code === 'carry-over');
    // Line 156 (1-based) is `(七)总计 | 0 | …`; the 自然人 cell starts at character 8.
    assert.deepEqual(d.range, { start: { line: 155, character: 8 }, end: { line: 155, character: 9 } });
  });
});

describe('nianbao check (text)', () => {
  test('file:line:col: severity [code] message, 1-based', async () => {
    const r = await cli(['check', SEED.s000]);
    assert.match(r.stdout, /000_38967d40d03fbadc\.txt:156:9: error \[carry-over\] 表三“自然人”列结转关系不成立：一 5 \+ 二 0 = 5 ≠ （七）总计 0 \+ 四 0 = 0/);
    assert.match(r.stdout, /5 file\(s\)|1 file\(s\): 4 error\(s\)/);
  });
  test('English messages with --locale en', async () => {
    const r = await cli(['check', '--locale', 'en', SEED.s000]);
    assert.match(r.stdout, /error \[carry-over\] Table III column “自然人”: carry-over does not hold/);
  });
});

describe('exit status', () => {
  test('0 when no file has an error', async () => {
    assert.equal((await cli(['check', SEED.s003, SEED.s004])).code, 0);
  });
  test('2 for bad arguments or an unreadable path', async () => {
    assert.equal((await cli(['check', '--format', 'xml', SEED.s003])).code, 2);
    assert.equal((await cli(['check'])).code, 2);
    assert.equal((await cli(['lint', SEED.s003])).code, 2);
    const r = await cli(['check', path.join(SEEDS, 'does-not-exist.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read/);
  });
  test('folders are searched recursively; files in them that are not reports are skipped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cli-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', '2022年报.txt'), render(defaultSpec(), 'tab'));
    writeFileSync(path.join(dir, 'notes.txt'), 'shopping list: milk, eggs');
    const out = JSON.parse((await cli(['check', '--format', 'json', dir])).stdout);
    // Skipped files are listed with the reason (CHECK-JSON "Additions"); one file is checked.
    const checked = out.files.filter((f: { skipped: string | null }) => f.skipped === null);
    assert.equal(checked.length, 1);
    assert.match(checked[0].path, /2022年报\.txt$/);
    assert.deepEqual(
      out.files.filter((f: { skipped: string | null }) => f.skipped !== null).map((f: { path: string; skipped: string }) => [path.basename(f.path), f.skipped]),
      [['notes.txt', 'not a report']],
    );
  });
});

test('the bundled CLI runs as a program (after npm run build)', () => {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'check', '--format', 'json', SEED.s000], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error').length, 4);
});

describe('cross-year among the files given', () => {
  test('a folder with two years of one body: the newer report’s 上年结转 against the older’s 结转下年度', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-years-'));
    writeFileSync(path.join(dir, '示例区2021年政府信息公开工作年度报告.txt'), render(defaultSpec({ year: 2021 }), 'pipe'));
    writeFileSync(path.join(dir, '示例区2022年政府信息公开工作年度报告.txt'), render(defaultSpec({ year: 2022 }), 'pipe'));
    const r = await cli(['check', '--format', 'json', dir]);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    const newer = out.files.find((f: { year: number }) => f.year === 2022);
    const older = out.files.find((f: { year: number }) => f.year === 2021);
    const cross = newer.diagnostics.filter((d: { code: string; severity: string }) => d.code === 'cross-year' && d.severity === 'error');
    assert.deepEqual(cross.map((d: { cell: { column: number } }) => d.cell.column), [0, 6]);
    assert.equal(cross[0].expected, 2);
    assert.equal(cross[0].related[0].path, older.path);
    assert.equal(older.diagnostics.filter((d: { code: string }) => d.code === 'cross-year').length, 0);
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', dir])).stdout);
    const res = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'cross-year');
    assert.match(res.relatedLocations[0].physicalLocation.artifactLocation.uri, /2021/);
  });
});
