// Tables 三 and 四 as reports really arrive: a browser's copy of the HTML page (tabs, empty
// fields kept, rowspan labels broken inside their cell) and markdown from converters (span
// padding, blank rows, one small table per row group). Every cell of every row is asserted,
// on the fixtures of test/fixtures/layouts/{browser-copy,markdown-converter}/.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { check, type GridTable } from '../../server/src/engine';
import { segment } from '../../server/src/engine/cells';
import { APPLICATIONS } from '../../server/src/engine/declarations';
import { readFixture } from '../support/fixtures';
import { REPO } from '../support/paths';
import { errors, run, values } from '../support/util';

const DIR = path.join(REPO, 'test', 'fixtures', 'layouts');
type Rows = Record<string, (number | null)[]>;

/** Table 三's 25 rows (2021 template): the rows given, every other row all 0. */
function table(given: Record<string, (number | null)[]>): Rows {
  const out: Rows = {};
  for (const r of APPLICATIONS.rows) if (r.shape !== 'single-other') out[r.key] = given[r.key] ?? [0, 0, 0, 0, 0, 0, 0];
  return out;
}

const BROWSER = table({
  new: [821, 35, null, null, 2, 1, 859],
  carried: [20, 1, 0, 0, 0, 0, 21],
  granted: [400, 20, 0, 0, 1, 1, 422],
  partial: [100, 5, 0, 0, 0, 0, 105],
  'denied.3': [5, 0, 0, 0, 0, 0, 5],
  'unable.1': [200, 6, 0, 0, 1, 0, 207],
  'ignored.2': [50, 1, 0, 0, 0, 0, 51],
  'other.1': [6, 0, 0, 0, 0, 0, 6],
  'other.3': [50, 2, 0, 0, 0, 0, 52],
  total: [811, 34, 0, 0, 2, 1, 848],
  forward: [30, 2, 0, 0, 0, 0, 32],
});

const CONVERTED = table({
  new: [26701, 3187, 42, 116, 815, 231, 31092],
  carried: [1553, 211, 3, 5, 40, 12, 1824],
  granted: [15000, 2000, 43, 100, 500, 200, 17843],
  partial: [3000, 500, 0, 0, 200, 0, 3700],
  'denied.3': [54, 0, 0, 0, 0, 0, 54],
  'unable.1': [6000, 600, 0, 17, 125, 0, 6742],
  'ignored.2': [2000, 148, 0, 0, 0, 33, 2181],
  'other.1': [1000, 0, 0, 0, 0, 0, 1000],
  total: [27054, 3248, 43, 117, 825, 233, 31520],
  forward: [1200, 150, 2, 4, 30, 10, 1396],
});

const APPEALS_FULL = [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0];

function appeals(t: GridTable | null): (number | null)[] {
  return ['review', 'litigationDirect', 'litigationAfterReview'].flatMap((k) => values(t, k) ?? []);
}

/** Every row of table 三 and the 15 values of table 四, cell by cell; no row unread. */
function assertTables(file: string, rows: Rows, fifteen: (number | null)[]) {
  const { model } = check(readFixture(path.join(DIR, file)));
  const t = model.applications;
  assert.ok(t, `${file}: table 三 read`);
  assert.equal(t.shape, 'split-other');
  assert.deepEqual(t.unread, []);
  for (const [key, want] of Object.entries(rows)) assert.deepEqual(values(t, key), want, `${file}: row ${key}`);
  assert.equal(t.rows.size, Object.keys(rows).length);
  assert.deepEqual(appeals(model.appeals), fifteen, `${file}: table 四`);
}

describe('browser copy of the HTML tables', () => {
  test('a line of more tabs than any table row has is no tab row: its empty fields are not blank cells', () => {
    const wide = '统计期限' + '0\t\t'.repeat(2000) + '件';
    const cells = segment(wide);
    assert.ok(!cells.some((c) => c.layout === 'tabrow'), 'read as a tab row');
    assert.ok(cells.filter((c) => c.blank).length < 100, `${cells.filter((c) => c.blank).length} blank cells`);
    // A row of the template's width still is one.
    assert.ok(segment('四、结转下年度继续办理\t1\t\t\t0\t0\t0\t1').some((c) => c.layout === 'tabrow'));
  });
  test('an empty field is a blank cell in its column (segmenter)', () => {
    const cells = segment('一、本年新收政府信息公开申请数量\t821\t35\t\t\t2\t1\t859');
    assert.deepEqual(
      cells.map((c) => (c.blank ? null : c.text)),
      ['一、本年新收政府信息公开申请数量', '821', '35', null, null, '2', '1', '859'],
    );
    // A blank field is written right after the tab before it.
    const src = '5\t\t\t2\t7';
    const blank = segment(src).filter((c) => c.blank);
    assert.deepEqual(blank.map((c) => c.insertAt), [2, 3]);
    // Header rows stay apart; a row label broken before its values is one cell, as is a rowspan label broken inside its cell.
    const t = '自然人\t法人或其他组织\t总计\n商业企业\t科研机构\n三、本年度办\n理结果\t（一）予以公开\t1\n（三）不予公开\t1.属于国家\n秘密\t0\t0';
    assert.deepEqual(
      segment(t).map((c) => c.text),
      ['自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '三、本年度办\n理结果', '（一）予以公开', '1', '（三）不予公开', '1.属于国家\n秘密', '0', '0'],
    );
    // The one-cell-per-line tab layout is not a row.
    assert.deepEqual(segment('\t一、本年新收政府信息公开申请数量\n\t9').map((c) => c.text), ['一、本年新收政府信息公开申请数量', '9']);
  });

  test('cells holding paragraphs: a tab on a line of its own ends a cell, three line breaks or more end a row (segmenter)', () => {
    // `<td><p>…</p></td>`: a cell's text and the tab between cells on lines of their own; `<p>&nbsp;</p>` and
    // `<td>&nbsp;</td>` blank cells; two paragraphs in one cell; the next table below a heading, with no row break.
    const p = (...cells: string[]) => cells.join('\n\n\t\n\n');
    const t = [
      p('二、主动公开', '信息内容', '数量') + '\n\n\n\n\n' + p('规章', '5') + '\n\n\t\u00a0',
      '\n\n三、收到和处理政府信息公开申请情况\n\n' + p('（本列数据的勾稽关系）', '商业\n\n企业', '其他'),
      '\n\n\n\n\n' + p('一、本年新收政府信息公开申请数量', '821', '35', '\u00a0') + '\n\n\t\u00a0\t\u00a0\t\n\n' + p('2', '859'),
      '\n\n\n\n\n' + p('二、上年结转政府信息公开申请数量', '18', '\u00a0'),
      '\n\n五、存在的主要问题及改进情况\n\n无。',
    ].join('');
    const cells = segment(t);
    assert.deepEqual(
      cells.map((c) => (c.blank ? null : c.text)),
      ['二、主动公开', '信息内容', '数量', '规章', '5', null, '三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系）', '商业\n\n企业', '其他',
        '一、本年新收政府信息公开申请数量', '821', '35', null, null, null, '2', '859', '二、上年结转政府信息公开申请数量', '18', null, '五、存在的主要问题及改进情况', '无。'],
    );
    assert.ok(cells.slice(0, 21).every((c) => c.layout === 'tabrow'));
    // A blank `<p>&nbsp;</p>` is its no-break space, where a value is written.
    const nbsp = cells[13];
    assert.equal(t[nbsp.start], '\u00a0');
    assert.equal(nbsp.insertAt, nbsp.start);
    // The one-cell-per-line tab layout (a tab line right above a tab line) is no such table.
    assert.deepEqual(segment('\t一、本年新收政府信息公开申请数量\n\t9\n\n\t\n\t二、上年结转政府信息公开申请数量\n\t1').map((c) => (c.blank ? null : c.text)), ['一、本年新收政府信息公开申请数量', '9', null, '二、上年结转政府信息公开申请数量', '1']);
  });

  test('rows with empty fields, header rows, rowspan labels on a group\'s first row: every cell in place', () => {
    assertTables('browser-copy/2021-holding.txt', BROWSER, [5, null, null, 2, 7, 8, null, null, 1, 9, 0, 0, 0, 0, 0]);
    const { findings } = run(readFixture(path.join(DIR, 'browser-copy/2021-holding.txt')));
    assert.deepEqual(errors(findings), []);
  });

  test('a wrong cell is found in its own column', () => {
    const rows = { ...BROWSER, total: [810, 34, 0, 0, 2, 1, 848] };
    assertTables('browser-copy/2021-breaking.txt', rows, [5, 0, 0, 2, 8, 8, null, null, 1, 9, 0, 0, 0, 0, 0]);
    const { findings } = run(readFixture(path.join(DIR, 'browser-copy/2021-breaking.txt')));
    assert.deepEqual(
      errors(findings).map((f) => `${f.code}@${f.cell?.row}:${f.cell?.column}`).sort(),
      ['appeals-total@review:4', 'carry-over@total:0', 'results-total@total:0', 'row-total@total:0'],
    );
  });

  test('labels broken inside their cell, （六）\'s sub-rows numbered 1、2、3、 and wrapped, an annotated label', () => {
    const text = readFixture(path.join(DIR, 'browser-copy/2021-wrapped.txt'));
    assert.match(text, /三、本年度办\n理结果\t/);
    assert.match(text, /1、申请人无正当理由逾期不补正、\n行政机关/);
    assert.match(text, /\(一\)予以公开（注：含网上申请）\t/);
    assertTables('browser-copy/2021-wrapped.txt', { ...BROWSER, new: [821, 35, 0, 0, 2, 1, 859] }, APPEALS_FULL);
    const { findings } = run(text);
    assert.deepEqual(findings.filter((f) => f.code === 'structure' || f.code === 'unread-row'), []);
  });
});

describe('a row that cannot be placed', () => {
  test('a tab row with a cell too few is not read: its identities are not assessed, no error from shifted values', () => {
    const text = readFixture(path.join(DIR, 'browser-copy/2021-wrapped.txt')).replace('\t100\t5\t0\t0\t0\t0\t105', '\t100\t5\t0\t0\t0\t105');
    const { model, findings } = run(text);
    assert.deepEqual(model.applications!.unread, ['partial']);
    assert.equal(model.applications!.rows.has('partial'), false);
    assert.deepEqual(values(model.applications, 'granted'), BROWSER.granted);
    assert.deepEqual(errors(findings), []);
    assert.ok(findings.some((f) => f.code === 'unread-row'));
  });
});

describe('table 四 in a browser copy', () => {
  const holding = () => readFixture(path.join(DIR, 'browser-copy/2021-holding.txt'));
  test('a values row of 14 cells is not read: no appeals-total from shifted values', () => {
    const text = holding().replace('\n5\t\t\t2\t7\t8', '\n5\t\t2\t7\t8');
    const { model, findings } = run(text);
    assert.equal(model.appeals!.rows.size, 0);
    assert.deepEqual(model.appeals!.unread, ['review', 'litigationDirect', 'litigationAfterReview']);
    assert.deepEqual(errors(findings), []);
    assert.ok(findings.some((f) => f.code === 'unread-row' && f.message.includes('表四')));
  });
  test('blank cells at the end of the row are cells of their own columns', () => {
    const text = holding().replace('\t1\t9\t0\t0\t0\t0\t0\n', '\t1\t9\t\t\t\t\t\n');
    const { model } = run(text);
    assert.deepEqual(appeals(model.appeals), [5, null, null, 2, 7, 8, null, null, 1, 9, null, null, null, null, null]);
    assert.ok(model.appeals!.rows.get('litigationAfterReview')!.cells.every((c) => c.source?.blank));
  });
});

describe('markdown from converters', () => {
  test('merged cells written as empty padding cells are no values; an all-blank row is kept as blanks', () => {
    const text = readFixture(path.join(DIR, 'markdown-converter/2021-padding.txt'));
    assert.match(text, /\| 一、本年新收政府信息公开申请数量 \| {3}\| {3}\| 26701 \|/);
    assertTables('markdown-converter/2021-padding.txt', { ...CONVERTED, 'denied.7': [null, null, null, null, null, null, null] }, APPEALS_FULL);
    const { model, findings } = run(text);
    assert.ok(model.applications!.rows.get('denied.7')!.cells.every((c) => c.source?.blank));
    assert.deepEqual(errors(findings), []);
  });

  test('label fragments on rows of their own: a group label, a row label broken before its values', () => {
    const text = readFixture(path.join(DIR, 'markdown-converter/2021-padding.txt'))
      .replace('| 三、本年度办理结果 | （一）予以公开 |', '| 三、本年度办 |\n| 理结果 | （一）予以公开 |')
      .replace('| （二）部分公开（区分处理的，只计这一情形，不计其他情形） |', '| （二）部分公开（区分处理的，只计这一情形， |\n| 不计其他情形） |')
      .replace('| （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |', '| （六）其他处理 |\n| 1.申请人无正当理由逾期不补正、 |\n| 行政机关不再处理其政府信息公开申请 |');
    assert.equal((text.match(/^\| (?:理结果|不计其他情形）|行政机关不再处理其政府信息公开申请) \|/gm) ?? []).length, 3);
    const { model, findings } = run(text);
    const t = model.applications!;
    assert.deepEqual(t.unread, []);
    for (const [key, want] of Object.entries({ ...CONVERTED, 'denied.7': [null, null, null, null, null, null, null] })) assert.deepEqual(values(t, key), want, key);
    assert.deepEqual(errors(findings), []);
  });

  test('a wrong cell is found in its own column', () => {
    assertTables('markdown-converter/2021-breaking.txt', { ...CONVERTED, 'unable.1': [6000, 600, 0, 17, 125, 0, 6743] }, APPEALS_FULL);
  });

  test('one small table per row group under `| 类别 | 数据1 | … | 总计 |`, group labels on rows of their own; the repeated headers are no repeated paragraphs', () => {
    assertTables('markdown-converter/2021-split.txt', CONVERTED, APPEALS_FULL);
    const { findings } = run(readFixture(path.join(DIR, 'markdown-converter/2021-split.txt')));
    assert.deepEqual(findings.filter((f) => f.code === 'structure'), []);
  });

  test('repeated markdown header and rule lines outside any table are no repeated paragraphs either', () => {
    const head = '| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n| 甲 | 乙 |\n';
    const text = `示例区2022年政府信息公开工作年度报告\n${head}\n${head}\n${head}`;
    assert.deepEqual(run(text).findings.filter((f) => f.code === 'structure' && f.message.includes('重复')), []);
  });
});
