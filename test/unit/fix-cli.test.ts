// `nianbao fix` as a batch: exit statuses as `eslint --fix` gives them, and --dry-run's unified diff.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { defaultSpec, render } from '../support/generate';
import { cli } from '../support/cli';

const temp = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'nianbao-fixcli-')));

/** A generated report with one wrong cell of table 三 (an error whose fix is certain). */
function blanked(): string {
  const spec = defaultSpec();
  spec.applications.granted[0] = 7;
  return render(spec, 'pipe');
}

/** Two cells of a row swapped: the row adds up, two columns do not, and no repair is the likely one. */
function unfixable(): string {
  const spec = defaultSpec();
  spec.applications.granted[0] = 5;
  spec.applications.granted[1] = 0;
  return render(spec, 'pipe');
}

const errors = (json: string) => (JSON.parse(json).files as { diagnostics: { severity: string; fixes?: { preferred: boolean }[] }[] }[]).flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error'));

describe('nianbao fix: a folder, exit statuses', () => {
  test('after fix, check finds no fixable error; exit 0 when none is left', async () => {
    const dir = temp();
    const file = path.join(dir, '示例区2022年政府信息公开工作年度报告.txt');
    writeFileSync(file, blanked());
    assert.equal((await cli(['check', dir])).code, 1);
    const r = await cli(['fix', '--locale', 'en', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const after = await cli(['check', '--format', 'json', dir]);
    assert.deepEqual(errors(after.stdout), []);
    assert.equal(after.code, 0);
  });

  test('an error no fix repairs: exit 1 (the fixable ones still written); a missing file: exit 2; bad usage: exit 2', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, '示例区2022年政府信息公开工作年度报告.txt'), unfixable());
    const before = await cli(['check', '--format', 'json', dir]);
    assert.ok(errors(before.stdout).length > 0);
    assert.ok(errors(before.stdout).every((d) => !(d.fixes ?? []).some((f) => f.preferred)), 'the fixture has no preferred fix');
    assert.equal((await cli(['fix', dir])).code, 1);
    assert.equal((await cli(['fix', '--dry-run', dir])).code, 1);
    assert.equal((await cli(['fix', path.join(dir, 'none.txt')])).code, 2);
    assert.equal((await cli(['fix', '--bogus', dir])).code, 2);
  });

  test('--dry-run prints a unified diff (--- a/FILE, +++ b/FILE, hunks of 3 lines of context) and writes nothing', async () => {
    const dir = temp();
    const file = path.join(dir, 'r.txt');
    const text = blanked();
    writeFileSync(file, text);
    const r = await cli(['fix', '--dry-run', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), text);
    const name = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
    assert.match(r.stdout, new RegExp(`^--- a/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.match(r.stdout, /^\+\+\+ b\//m);
    const hunk = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/m.exec(r.stdout);
    assert.ok(hunk, r.stdout);
    assert.equal(hunk[2], '7', 'three lines of context either side of the one changed line');
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length, 1);
  });
});
