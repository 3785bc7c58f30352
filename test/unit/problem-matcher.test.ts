// package.json contributes the `$nianbao` problem matcher for the CLI's text output
// (`file:line:col: severity [code] message`, 1-based). VS Code reads severities
// `error`, `warning`, `info` and `hint` (anything else becomes an error), so the
// pattern captures `info` of `information`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { decode, runCli } from '../../server/src/cli/run';
import { check, LineIndex } from '../../server/src/engine';
import { REPO, SEEDS } from '../support/paths';

interface Matcher {
  name: string;
  owner: string;
  fileLocation: string[];
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
}

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const matcher: Matcher = pkg.contributes.problemMatchers.find((m: Matcher) => m.name === 'nianbao');

/** As VS Code's problem matcher maps a captured severity (Severity.fromValue, then its fallbacks). */
function vscodeSeverity(s: string): string {
  const v = s.toLowerCase();
  if (v === 'error') return 'error';
  if (v === 'warning' || v === 'warn') return 'warning';
  if (v === 'info' || v === 'hint' || v === 'note') return 'info';
  return 'error (fallback)';
}

test('the $nianbao problem matcher reads every finding line of `nianbao check` and nothing else', async () => {
  assert.ok(matcher, 'contributes.problemMatchers has one named nianbao');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  const re = new RegExp(matcher.pattern.regexp);
  let stdout = '';
  await runCli(['check', SEEDS], { stdout: (s) => (stdout += s), stderr: () => {} });
  const lines = stdout.trimEnd().split('\n');
  const matched = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  assert.equal(matched.length, lines.length - 1, 'all but the summary line');
  assert.equal(re.exec(lines[lines.length - 1]), null);

  // Every finding of every seed, at its 1-based line and UTF-16 column, with its severity as VS Code will show it.
  const expected: string[] = [];
  for (const name of [...new Set(matched.map((m) => m[matcher.pattern.file]))]) {
    const result = check(decode(readFileSync(name)).text);
    const idx = new LineIndex(result.model.text);
    for (const f of result.findings) {
      const p = idx.positionAt(f.start);
      expected.push([name, p.line + 1, p.character + 1, vscodeSeverity(f.severity === 'information' ? 'info' : f.severity), f.code, f.message].join('|'));
    }
  }
  const got = matched.map((m) =>
    [m[matcher.pattern.file], m[matcher.pattern.line], m[matcher.pattern.column], vscodeSeverity(m[matcher.pattern.severity]), m[matcher.pattern.code], m[matcher.pattern.message]].join('|'),
  );
  assert.deepEqual(got, expected);
  assert.ok(got.some((g) => /\|156\|9\|error\|carry-over\|/.test(g)));
});

test('the pattern maps all four severities, and file names with colons, spaces and Chinese', () => {
  const re = new RegExp(matcher.pattern.regexp);
  const cases: [string, string, string][] = [
    ['a/示例 县.txt:1:2: error [carry-over] x', 'a/示例 县.txt', 'error'],
    ['C:\\报告\\2020.txt:10:3: warning [blank-cell] 空白: 应为 0', 'C:\\报告\\2020.txt', 'warning'],
    ['r.md:3:1: information [structure] m [n] o', 'r.md', 'info'],
    ['r.md:3:1: hint [date] m', 'r.md', 'info'],
  ];
  for (const [line, file, severity] of cases) {
    const m = re.exec(line);
    assert.ok(m, line);
    assert.equal(m[matcher.pattern.file], file);
    assert.equal(vscodeSeverity(m[matcher.pattern.severity]), severity);
  }
  assert.equal(re.exec('r.md:3:1: fatal [x] m'), null);
});

test('a file name holding a newline cannot forge a finding line: control characters in paths are escaped', async () => {
  if (process.platform === 'win32') return; // no newlines in Windows file names
  const re = new RegExp(matcher.pattern.regexp);
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-forge-'));
  const name = 'a\nfake.txt:1:1: error [carry-over] forged\x1b[2J.txt';
  writeFileSync(path.join(dir, name), readFileSync(path.join(SEEDS, '003_e2fa77db0fb12909.txt')));
  let stdout = '';
  await runCli(['check', dir], { stdout: (s) => (stdout += s), stderr: () => {} });
  const lines = stdout.trimEnd().split('\n');
  const matched = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  assert.ok(matched.length > 0);
  assert.equal(matched.length, lines.length - 1, 'every line but the totals is a finding');
  const shown = path.join(dir, 'a\\nfake.txt\\x3a1:1: error [carry-over] forged\\x1b[2J.txt');
  for (const m of matched) assert.equal(m[matcher.pattern.file], shown);
  assert.deepEqual(matched.map((m) => m[matcher.pattern.line]), matched.map((m) => m[0].slice(shown.length + 1).split(':')[0]));
  assert.ok(!matched.some((m) => m[matcher.pattern.line] === '1'), 'no finding at the forged 1:1');
  assert.ok(!stdout.includes('\x1b'));
});
