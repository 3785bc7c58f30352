// Table 三 read from pdftotext's text without options of a WPS-made PDF (engine/pdfBlocks.ts):
// runs of short rows printed a column a paragraph, labels away from their values and out of
// order. A page's rows are read only where its values make exactly the rows its labels name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { APPLICATIONS } from '../../server/src/engine/declarations';
import { segment } from '../../server/src/engine/cells';
import { Cursor } from '../../server/src/engine/labels';
import { accountedRows } from '../../server/src/engine/pdfBlocks';
import { blankControls, formFeeds, lineStartsOf } from '../../server/src/engine/text';
import { REPO } from '../support/paths';
import { errors, run, values } from '../support/util';

const LAYOUTS = path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf-plain');
const CORPUS = path.join(REPO, 'test', 'corpus');
const fixture = (name: string) => readFileSync(path.join(LAYOUTS, `${name}.txt`), 'utf8');

/** The fixtures' table 三 (blocks*.txt). */
const Z = [0, 0, 0, 0, 0, 0, 0];
const TRUTH: Record<string, number[]> = {
  new: [30, 2, 0, 1, 0, 0, 33],
  carried: [1, 0, 0, 0, 0, 0, 1],
  granted: [10, 1, 0, 0, 0, 0, 11],
  partial: [3, 0, 0, 0, 0, 0, 3],
  'denied.1': Z,
  'denied.2': Z,
  'denied.3': [1, 0, 0, 0, 0, 0, 1],
  'denied.4': Z,
  'denied.5': Z,
  'denied.6': [2, 0, 0, 1, 0, 0, 3],
  'denied.7': Z,
  'denied.8': Z,
  'unable.1': [8, 1, 0, 0, 0, 0, 9],
  'unable.2': [2, 0, 0, 0, 0, 0, 2],
  'unable.3': [1, 0, 0, 0, 0, 0, 1],
  'ignored.1': [2, 0, 0, 0, 0, 0, 2],
  'ignored.2': Z,
  'ignored.3': Z,
  'ignored.4': Z,
  'ignored.5': [1, 0, 0, 0, 0, 0, 1],
  other: Z,
  total: [30, 2, 0, 1, 0, 0, 33],
  forward: [1, 0, 0, 0, 0, 0, 1],
};
const KEYS = APPLICATIONS.rows.filter((r) => r.shape !== 'split-other').map((r) => r.key);
/** The rows on the fixture's first page of the table, and on its second. */
const PAGE1 = KEYS.slice(0, KEYS.indexOf('unable.2') + 1);
const PAGE2 = KEYS.slice(KEYS.indexOf('unable.3'));

function blocksOf(text: string) {
  const simple = blankControls(text);
  const cells = segment(simple, lineStartsOf(simple));
  return accountedRows(cells, new Cursor(cells), formFeeds(text), 'blocks');
}

function table(text: string) {
  const { model, findings } = run(text);
  const t = model.applications!;
  for (const key of t.rows.keys()) assert.deepEqual(values(t, key), TRUTH[key], key);
  assert.deepEqual(errors(findings), []);
  return t;
}

describe("pdftotext without options, WPS's blocks (pdfBlocks.ts)", () => {
  test('every row read: runs of rows a column a paragraph, rows a cell a paragraph, labels out of order', () => {
    const t = table(fixture('blocks'));
    assert.equal(t.shape, 'single-other');
    assert.deepEqual(t.unread, []);
    assert.deepEqual([...t.rows.keys()], KEYS);
    // A value of a block is its own line: a fix edits it alone.
    const cell = t.rows.get('unable.1')!.cells[0];
    assert.equal(cell.source!.end - cell.source!.start, 1);
  });

  test('a break in a block is found at its cell (a block is confirmed by its form, not by identities)', () => {
    const { model, findings } = run(fixture('blocks-breaking'));
    assert.deepEqual(model.applications!.unread, []);
    const rowTotal = errors(findings).filter((f) => f.code === 'row-total');
    assert.equal(rowTotal.length, 1);
    assert.deepEqual(rowTotal[0].cell, { table: 'applications', row: 'unable.1', column: 6 });
  });

  test('a row neither in a block nor between its own label and the next is read only where its identity confirms it', () => {
    const text = fixture('blocks');
    // 5.要求行政机关…, after 4.无正当理由…'s values with no label of its own before it: its 总计 printed 2 (1 0 0 0 0 0).
    const at = text.indexOf('4.无正当理由大量反复 申请\n\n');
    const rest = text.slice(at).replace('1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n\n（七）总计', '1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n2\n\n（七）总计');
    assert.notEqual(rest, text.slice(at));
    const { model, findings } = run(text.slice(0, at) + rest);
    assert.deepEqual(model.applications!.unread, ['ignored.5']);
    assert.deepEqual(errors(findings), []);
  });

  test('a column short of a line (a blank cell printed as nothing): its page unread, the other read', () => {
    assert.deepEqual(table(fixture('blocks-unsure')).unread, PAGE1);
  });

  test('a page whose labels do not name exactly the rows its values make is not read', () => {
    const text = fixture('blocks');
    // A label of the second page missing: its values make one row more than its labels name.
    const missing = text.replace('2.重复申请\n', '');
    assert.notEqual(missing, text);
    assert.deepEqual(table(missing).unread, PAGE2);
    // A label printed twice.
    const twice = text.replace('2.重复申请\n', '2.重复申请\n1.信访举报投诉类申请\n');
    assert.deepEqual(table(twice).unread, PAGE2);
    // Text that is no label of the table among the page's labels.
    const stray = text.replace('（五）不予处理\n', '（五）不予处理\n此表由系统生成\n');
    assert.deepEqual(table(stray).unread, PAGE2);
    // A row's seven values one paragraph short: no run of rows is certain on the page.
    const short = text.replace('四、结转下年度继续办理\n\n1\n\n', '四、结转下年度继续办理\n\n');
    assert.deepEqual(table(short).unread, PAGE2);
    // One value more: nor.
    const more = text.replace('四、结转下年度继续办理\n\n', '四、结转下年度继续办理\n\n7\n\n');
    assert.deepEqual(table(more).unread, PAGE2);
  });

  test('a row whose label and values stand on two pages: the two pages read together', () => {
    const text = fixture('blocks');
    // 1.本机关不掌握… printed on the next page (its values on the first).
    const moved = text.replace('1.本机关不掌握相关政府信息\n2.没有现成信息需要另行制作\n', '2.没有现成信息需要另行制作\n').replace('\f3.要求提供公开出版物\n', '\f3.要求提供公开出版物\n1.本机关不掌握相关政府信息\n');
    assert.notEqual(moved, text);
    assert.deepEqual(table(moved).unread, []);
  });

  test("a cell a paragraph (Word), a label printed away from its row: each page's rows read by its values, a row whose label is not straight before it only as its identity confirms it", () => {
    const gen01 = (JSON.parse(readFileSync(path.join(CORPUS, 'generated', 'gen-01.truth.json'), 'utf8')) as { applications: Record<string, number[]> }).applications;
    const text = fixture('paragraphs-label-moved');
    const { model, findings } = run(text);
    const t = model.applications!;
    assert.deepEqual(t.unread, []);
    for (const key of t.rows.keys()) assert.deepEqual(values(t, key), gen01[key], key);
    assert.deepEqual(errors(findings), []);
    // 1.本机关不掌握相关政府信息's 总计 17 printed 18: the identity does not confirm its place (no page marks): unread, no error.
    const old = '3\n\n1\n\n1\n7\n\n';
    const at = text.indexOf(old);
    assert.ok(at > 0 && text.indexOf(old, at + 1) < 0);
    const changed = `${text.slice(0, at)}3\n\n1\n\n1\n8\n\n${text.slice(at + old.length)}`;
    const t2 = run(changed);
    assert.deepEqual(t2.model.applications!.unread, ['unable.1']);
    assert.deepEqual(errors(t2.findings), []);
    // gen-04's Word text: 二、上年结转… printed below 8.属于行政查询事项's values: read. 一's values among the header's words
    // end its page, which prints no page mark: its last value could be a bare page number, 一 unread.
    const gen04 = (JSON.parse(readFileSync(path.join(CORPUS, 'generated', 'gen-04.truth.json'), 'utf8')) as { applications: Record<string, number[]> }).applications;
    const t3 = run(readFileSync(path.join(CORPUS, 'generated', 'gen-04.word.plain.txt'), 'utf8')).model.applications!;
    assert.deepEqual(t3.unread, ['new']);
    for (const key of t3.rows.keys()) assert.deepEqual(values(t3, key), gen04[key], key);
  });

  test("a row's right-hand columns printed apart (Word): each row takes the values after its label, then its lack from the values after no label, in the rows' order, as its identity confirms it", () => {
    // gen-06's Word text, first page of table 三: 一 `58 4 11` 二 `0 0` （一） `9` （二） 1. … `3 13 12 101` `0 4 0 2 6` `0 0 0 1 3 11` ….
    const gen06 = (JSON.parse(readFileSync(path.join(CORPUS, 'generated', 'gen-06.truth.json'), 'utf8')) as { applications: Record<string, number[]> }).applications;
    const { model, findings } = run(readFileSync(path.join(CORPUS, 'generated', 'gen-06.word.plain.txt'), 'utf8'));
    const t = model.applications!;
    for (const key of t.rows.keys()) assert.deepEqual(values(t, key), gen06[key], key);
    for (const key of ['new', 'carried', 'partial']) assert.ok(t.rows.has(key), key);
    // （一）予以公开's row total is broken in the report (9 + 0 + 0 + 0 + 1 + 3 ≠ 11): placed by the count only, its identity
    // cannot confirm it. 1.属于国家秘密's values end the page (no page mark): the last could be a bare page number.
    assert.deepEqual(t.unread, ['granted', 'denied.1']);
    assert.deepEqual(errors(findings), []);
    // A label followed by more than seven values takes seven; labels out of order: no row is its label's without its identity.
    const moved = fixture('paragraphs-label-moved');
    const broken = moved.replace('8.属于行政查\n询事项\n\n0\n\n0\n\n2\n\n0\n\n0\n\n0\n\n2\n', '8.属于行政查\n询事项\n\n0\n\n0\n\n2\n\n0\n\n0\n\n0\n\n3\n');
    assert.notEqual(broken, moved);
    const t2 = run(broken);
    assert.ok(t2.model.applications!.unread.includes('denied.8'));
    assert.deepEqual(errors(t2.findings), []);
  });

  test('a bare page number standing in for a dropped blank: the row that would take it is not read, even were its identity to hold', () => {
    // 二、上年结转… `0 0 0 2 1 1 4` with its 法律服务机构 1 dropped (a blank) and `7` (a page number) ending the page:
    // the page's counts agree, and 0 0 0 2 1 4 | 7 would hold its identity (0 + 0 + 0 + 2 + 1 + 4 = 7).
    const text = fixture('paragraphs');
    const at = text.indexOf('二、上年结转政府信息公开申请数量\n\n0\n\n0\n\n0\n\n2\n\n1\n\n1\n\n4\n');
    assert.ok(at > 0);
    let changed = text.replace('二、上年结转政府信息公开申请数量\n\n0\n\n0\n\n0\n\n2\n\n1\n\n1\n\n4\n', '二、上年结转政府信息公开申请数量\n\n0\n\n0\n\n0\n\n2\n\n1\n\n4\n');
    const ff = changed.indexOf('\f');
    changed = `${changed.slice(0, ff)}7\n\n${changed.slice(ff)}`;
    const { model, findings } = run(changed);
    assert.ok(!model.applications!.rows.has('carried'));
    assert.deepEqual(errors(findings), []);
  });

  test("Hongze's reports (WPS): every cell read as published", () => {
    for (const id of ['hongze-2023', 'hongze-2024']) {
      const truth = (JSON.parse(readFileSync(path.join(CORPUS, 'real', `${id}.truth.json`), 'utf8')) as { applications: Record<string, (number | string)[]> }).applications;
      const { model } = run(readFileSync(path.join(CORPUS, 'real', `${id}.plain.txt`), 'utf8'));
      const t = model.applications!;
      assert.deepEqual(t.unread, [], id);
      for (const key of KEYS) assert.deepEqual(values(t, key), truth[key], `${id} ${key}`);
    }
  });

  test("the form is told apart: Word's paragraph per cell, Chromium's, -layout's and -raw's texts are not read here", () => {
    assert.equal(blocksOf(fixture('paragraphs')), null);
    assert.equal(blocksOf(fixture('paragraphs-chromium')), null);
    for (const name of ['gen-01.word.plain', 'gen-01.chrome.plain', 'gen-06.word.plain', 'gen-04.word.layout']) {
      assert.equal(blocksOf(readFileSync(path.join(CORPUS, 'generated', `${name}.txt`), 'utf8')), null, name);
    }
    assert.notEqual(blocksOf(fixture('blocks')), null);
    // Without form feeds (no extractor's text): not read.
    assert.equal(blocksOf(fixture('blocks').replace(/\f/g, ' ')), null);
  });
});
