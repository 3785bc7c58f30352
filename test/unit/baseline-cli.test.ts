// `nianbao check --update-baseline / --baseline / --include-baselined`: reviewed findings
// recorded in .nianbao-baseline.json are counted, not shown, and do not fail the run.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { defaultSpec, render } from '../support/generate';
import { cli as runCliCaptured } from '../support/cli';

/** The CLI run from `cwd` (the working folder put back after). */
async function cli(args: string[], cwd?: string) {
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    return await runCliCaptured(args);
  } finally {
    process.chdir(before);
  }
}

const BASE = render(defaultSpec({ year: 2022 }), 'pipe');
// 一·总计 written 12 instead of 11: two errors (row-total, carry-over) on that cell.
const BROKEN = BASE.replace(/^(一、本年新收政府信息公开申请数量 \| 9 \| 1 \| 0 \| 0 \| 1 \| 0 \| )11/m, '$112');
const NAME = '示例区2022年政府信息公开工作年度报告.txt';

function workspace(): { dir: string; report: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-baseline-'));
  mkdirSync(path.join(dir, 'reports'));
  const report = path.join(dir, 'reports', NAME);
  writeFileSync(report, BROKEN);
  return { dir, report };
}

const totals = (stdout: string) => stdout.trim().split('\n').pop()!;

describe('nianbao check with a baseline', () => {
  test('--update-baseline writes every finding (in the current folder when none is found); then they are counted, not shown, and the exit status is 0', async () => {
    const { dir, report } = workspace();
    const first = await cli(['check', report], dir);
    assert.equal(first.code, 1);
    assert.match(totals(first.stdout), /2 error\(s\)/);
    assert.doesNotMatch(totals(first.stdout), /基线/);

    const up = await cli(['check', '--update-baseline', '--reason', '已与统计口径核对', report], dir);
    assert.equal(up.code, 0);
    assert.match(up.stderr, /基线 .*\.nianbao-baseline\.json：已核实 2 条（新增 2 条，保留 0 条，移除 0 条）/);
    const file = path.join(dir, '.nianbao-baseline.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(json.version, 1);
    assert.deepEqual(json.entries.map((e: { rule: string }) => e.rule).sort(), ['carry-over', 'row-total']);
    for (const e of json.entries) {
      assert.deepEqual(e.cell, { table: 'applications', row: 'new', column: '总计' });
      assert.equal(e.body, '示例区');
      assert.equal(e.year, 2022);
      assert.equal(e.why, '已与统计口径核对');
      assert.equal(typeof e.who, 'string');
      assert.match(e.when, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(e.start, undefined); // no offsets
    }

    // Found upward from the report's folder, from anywhere.
    const again = await cli(['check', report]);
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stdout, /\[row-total\]|\[carry-over\]/);
    assert.match(totals(again.stdout), /0 error\(s\).*，已核实 2 条（基线）/);
    const en = await cli(['check', '--locale', 'en', report]);
    assert.match(totals(en.stdout), /, 2 baselined$/);

    const j = JSON.parse((await cli(['check', '--format', 'json', report])).stdout);
    assert.equal(j.files[0].baselined, 2);
    assert.equal(j.files[0].suppressed, 2);
    assert.deepEqual(j.files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error'), []);
    const listed = JSON.parse((await cli(['check', '--format', 'json', '--include-baselined', report])).stdout).files[0].diagnostics.filter((d: { baselined?: boolean }) => d.baselined);
    assert.equal(listed.length, 2);
    for (const d of listed) assert.deepEqual([d.suppressed, d.suppression], [true, { kind: 'baseline', reason: '已与统计口径核对' }]);

    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', report])).stdout);
    const results = sarif.runs[0].results as { ruleId: string; baselineState: string; suppressions?: { kind: string; justification?: string }[] }[];
    const reviewed = results.filter((r) => r.ruleId === 'row-total' || r.ruleId === 'carry-over');
    assert.equal(reviewed.length, 2);
    for (const r of reviewed) {
      assert.equal(r.baselineState, 'unchanged');
      assert.deepEqual(r.suppressions, [{ kind: 'external', status: 'accepted', justification: '已与统计口径核对' }]);
    }
    assert.ok(results.filter((r) => !reviewed.includes(r)).every((r) => r.baselineState === 'new' && !r.suppressions));
  });

  test('a changed value brings the finding back; --update-baseline then drops the stale entries and keeps the reviews still found', async () => {
    const { dir, report } = workspace();
    await cli(['check', '--update-baseline', '--reason', 'first review', report], dir);
    // An edit elsewhere: still baselined.
    writeFileSync(report, BROKEN.replace('一、总体情况\n', '一、总体情况\n新增的说明段落。\n'));
    assert.equal((await cli(['check', report])).code, 0);
    // 一·总计 12 → 13: both findings are back.
    writeFileSync(report, BROKEN.replace(/^(一、本年新收政府信息公开申请数量 \| 9 \| 1 \| 0 \| 0 \| 1 \| 0 \| )12/m, '$113'));
    const back = await cli(['check', report]);
    assert.equal(back.code, 1);
    assert.match(back.stdout, /\[row-total\]/);
    assert.doesNotMatch(totals(back.stdout), /基线/);
    const up = await cli(['check', '--update-baseline', report], dir);
    assert.match(up.stderr, /新增 2 条，保留 0 条，移除 2 条/);
    const entries = JSON.parse(readFileSync(path.join(dir, '.nianbao-baseline.json'), 'utf8')).entries as { why: string; actual: number }[];
    assert.deepEqual(entries.map((e) => [e.why, e.actual]), [['', 13], ['', 13]]);
  });

  test('--baseline FILE names the baseline; a missing or broken one is an error (exit 2)', async () => {
    const { dir, report } = workspace();
    const file = path.join(dir, 'reviews.json');
    assert.equal((await cli(['check', `--baseline=${file}`, report])).code, 2);
    assert.equal((await cli(['check', '--baseline', file, '--update-baseline', report])).code, 0);
    assert.equal((await cli(['check', '--baseline', file, report])).code, 0);
    // Not found upward without --baseline: the findings show.
    assert.equal((await cli(['check', report])).code, 1);
    writeFileSync(file, '{ not json');
    const broken = await cli(['check', '--baseline', file, report]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /无法读取基线/);
  });

  test('without a baseline file the output has no baseline fields', async () => {
    const { report } = workspace();
    const j = JSON.parse((await cli(['check', '--format', 'json', report])).stdout);
    assert.equal('baselined' in j.files[0], false);
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', report])).stdout);
    assert.ok(sarif.runs[0].results.every((r: object) => !('baselineState' in r)));
  });
});
