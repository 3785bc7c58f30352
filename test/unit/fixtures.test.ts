// Fixtures by subject: every report under test/fixtures/rules/<rule>/ and test/fixtures/layouts/
// states its expected findings inline (test/support/fixtures.ts); one test per file.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { check } from '../../server/src/engine';
import { RULES } from '../../server/src/engine/rules';
import { checkFixture, fixtureFiles, folderRun, parseExpectations, readFixture, withoutExpectations } from '../support/fixtures';
import { defaultSpec, render } from '../support/generate';
import { REPO } from '../support/paths';
import { existsSync, readFileSync } from 'node:fs';
import { parseConfig } from '../../server/src/config';

/** What a fixture folder's own `.nianbao.jsonc` gives `check` (aggregations, aliases); nothing without one. */
function folderOptions(dir: string) {
  const file = path.join(dir, '.nianbao.jsonc');
  if (!existsSync(file)) return {};
  const { config, problems } = parseConfig(readFileSync(file, 'utf8'), 'en');
  assert.deepEqual(problems, [], file);
  return { aggregations: config!.aggregations, aliases: config!.aliases };
}

const ROOT = path.join(REPO, 'test', 'fixtures');
const files = [...fixtureFiles(path.join(ROOT, 'rules')), ...fixtureFiles(path.join(ROOT, 'layouts'))];

describe('fixtures', () => {
  // The reports of one folder are checked together, as the CLI checks a folder.
  const folders = new Map<string, { path: string; text: string }[]>();
  for (const file of files) {
    const dir = path.dirname(file);
    if (!folders.has(dir)) folders.set(dir, []);
    folders.get(dir)!.push({ path: file, text: readFixture(file) });
  }
  for (const file of files) {
    const name = path.relative(REPO, file).split(path.sep).join('/');
    test(name, () => {
      const folder = folders.get(path.dirname(file))!;
      const problems = checkFixture(readFixture(file), folderRun(folder, folderOptions(path.dirname(file))));
      assert.deepEqual(problems, [], `${name}:\n  ${problems.join('\n  ')}`);
    });
  }
});

describe('the fixture runner', () => {
  const base = render(defaultSpec({ shape: 'split-other' }), 'pipe');
  const broken = base.replace(/(本年新收政府信息公开申请数量 \| )(\d+)/, (_, a, n) => a + String(Number(n) + 1));

  test('a wrong expectation is reported: a finding that is absent', () => {
    assert.deepEqual(checkFixture(base + '<!-- expect: carry-over@total:0 -->\n'), ['missing: <!-- expect: carry-over@total:0 -->']);
  });

  test('a finding nobody expected is reported; expect-loose allows it; expect-none forbids it even then', () => {
    // 一·自然人 9 → 10: its column's carry-over and its row's total both break, at that cell.
    assert.notEqual(broken, base);
    assert.deepEqual(
      checkFixture(broken + '<!-- expect-none: date -->\n').map((p) => p.split(' ')[1]),
      ['carry-over@applications/new:0', 'row-total@applications/new:0'],
    );
    assert.deepEqual(checkFixture(broken + '<!-- expect-loose -->\n<!-- expect-none: date -->\n'), []);
    const none = checkFixture(broken + '<!-- expect-loose -->\n<!-- expect-none: carry-over -->\n');
    assert.deepEqual(none.map((p) => p.split(' ').slice(0, 3).join(' ')), ['unexpected (expect-none): carry-over@applications/new:0']);
  });

  test('a comment that is not inert fails its fixture: a repeated line is a repeated paragraph to structure', () => {
    const twice = base + '<!-- expect-none: carry-over -->\n<!-- expect-none: carry-over -->\n';
    const p = checkFixture(twice);
    assert.equal(p[0], 'the expectation comments change the findings');
    assert.ok(p.slice(1).every((x) => x.startsWith('unexpected: structure')), p.join('\n'));
    // Through a stand-in engine that sees the comments, the comparison alone.
    const seesComments = (text: string) => (text.includes('<!--') ? check(broken).findings : []);
    assert.equal(checkFixture(base + '<!-- expect-loose -->\n<!-- expect-none: date -->\n', seesComments)[0], 'the expectation comments change the findings');
  });

  test('a wrong severity or expected value is a mismatch', () => {
    const p = checkFixture(broken + '<!-- expect: carry-over@new:0 severity=error expected=999 -->\n<!-- expect-loose -->\n');
    assert.deepEqual(p, ['missing: <!-- expect: carry-over@new:0 severity=error expected=999 -->']);
  });

  test('a fixture without expectations fails; a malformed one throws', () => {
    assert.deepEqual(checkFixture(base), ['the fixture states no expectation']);
    assert.throws(() => parseExpectations('<!-- expect: carry-over@total -->'), /bad expectation/);
    assert.throws(() => parseExpectations('<!-- expect: carry-over@total:0 wrong=1 -->'), /bad expectation attribute/);
  });

  test('every fixture holds expectation comments (checkFixture checks they change no finding)', () => {
    for (const file of files) {
      const text = readFixture(file);
      assert.notEqual(withoutExpectations(text), text, file);
    }
  });

  test('every rule has a folder of fixtures', () => {
    const covered = new Set(fixtureFiles(path.join(ROOT, 'rules')).map((f) => path.relative(path.join(ROOT, 'rules'), f).split(path.sep)[0]));
    const missing = RULES.map((r) => r.id).filter((id) => !covered.has(id));
    assert.deepEqual(missing, []);
  });
});
