// Table 三 from pdftotext's text without options of a Chromium-made PDF whose page prints each
// row's first columns after its label and the other columns as blocks after the page's last row
// (engine/pdfTails.ts). Read only where the counts agree and each row's identity confirms it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { APPLICATIONS } from '../../server/src/engine/declarations';
import { REPO } from '../support/paths';
import { errors, run, values } from '../support/util';

const LAYOUTS = path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf-plain');
const GENERATED = path.join(REPO, 'test', 'corpus', 'generated');
const truthOf = (id: string) => (JSON.parse(readFileSync(path.join(GENERATED, `${id}.truth.json`), 'utf8')) as { applications: Record<string, number[]> }).applications;
const TEXT = readFileSync(path.join(LAYOUTS, 'chromium-tails.txt'), 'utf8');
const KEYS = APPLICATIONS.rows.filter((r) => r.shape !== 'single-other').map((r) => r.key);
/** The rows of the fixture's second page (8.属于行政查询事项 … 四、结转下年度继续办理). */
const PAGE2 = KEYS.slice(KEYS.indexOf('denied.8'));
/** Its blocks: 自然人's fourth column (社会公益组织), the fifth, the last two. */
const BLOCK4 = '0\n3\n3\n0\n0\n0\n0\n3\n0\n0\n0\n0\n11\n0\n';

function table(text: string, id = 'gen-01') {
  const truth = truthOf(id);
  const { model, findings } = run(text);
  const t = model.applications!;
  for (const key of t.rows.keys()) assert.deepEqual(values(t, key), truth[key], key);
  assert.deepEqual(errors(findings), []);
  return t;
}

describe("pdftotext without options, Chromium's page with its right-hand columns as blocks (pdfTails.ts)", () => {
  test("the page's rows read: their first values after their labels, the rest a line each from the blocks after them", () => {
    const t = table(TEXT);
    assert.deepEqual(t.unread, ['granted', 'partial', 'denied.1']);
    for (const key of PAGE2) assert.ok(t.rows.has(key), key);
  });

  test('a block a line short, or a row with a value fewer after its label: the page is not read', () => {
    assert.ok(TEXT.includes(BLOCK4));
    const short = table(TEXT.replace(BLOCK4, BLOCK4.slice(2)));
    for (const key of PAGE2) assert.ok(!short.rows.has(key), key);
    const fewer = table(TEXT.replace('1.本机关不掌握相关政府信息\n6 3 1\n', '1.本机关不掌握相关政府信息\n6 3\n'));
    for (const key of PAGE2) assert.ok(!fewer.rows.has(key), key);
  });

  test('a row whose identity does not confirm it is not read (no error from it)', () => {
    // 1.本机关不掌握相关政府信息: its 社会公益组织 value 3 (the block's second line) printed 4.
    const changed = TEXT.replace(BLOCK4, '0\n4' + BLOCK4.slice(3));
    assert.notEqual(changed, TEXT);
    const { model, findings } = run(changed);
    assert.ok(model.applications!.unread.includes('unable.1'));
    assert.ok(!model.applications!.unread.includes('unable.2'));
    assert.deepEqual(errors(findings), []);
  });

  test("gen-04's Chromium text: the second page's rows but (七)总计, whose row total is broken (its identity cannot confirm it)", () => {
    const t = table(readFileSync(path.join(GENERATED, 'gen-04.chrome.plain.txt'), 'utf8'), 'gen-04');
    assert.ok(t.unread.includes('total'));
    for (const key of ['denied.5', 'unable.1', 'ignored.5', 'other', 'forward']) assert.ok(t.rows.has(key), key);
  });
});
