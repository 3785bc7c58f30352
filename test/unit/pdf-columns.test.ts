// Blank cells of PDF text (engine/pdfColumns.ts, tables/applications.ts lostBlanks): put back by
// column position in `pdftotext -layout` text, and rows that cannot be placed left unread —
// in pdftotext's text (form feeds between pages) never read by position.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Cell } from '../../server/src/engine/cells';
import { clusterColumns, placeOnColumns } from '../../server/src/engine/pdfColumns';
import { atPageEdge, columnOf } from '../../server/src/engine/pdfStacks';
import { REPO } from '../support/paths';
import { errors, run, values } from '../support/util';

const GENERATED = path.join(REPO, 'test', 'corpus', 'generated');
const ARITHMETIC = ['carry-over', 'results-total', 'row-total', 'appeals-total'];
const arithmeticErrors = (text: string) => errors(run(text).findings).filter((f) => ARITHMETIC.includes(f.code));

describe('placeOnColumns: values on the columns of a full row', () => {
  // gen-07's first page: 40 3 5 9 2 6 65 at these centres (characters from the line's start).
  const columns = [31, 33.5, 35.5, 37.5, 45.5, 47.5, 50];

  test('each value on its column, in order, even where the nearest column is taken by the next value', () => {
    // `0 4      1 5` (二、上年结转): 1 stands nearer 总计, but 5 is 总计.
    assert.deepEqual(placeOnColumns([31.5, 33.5, 49.5, 51.5], columns), [0, 1, 5, 6]);
    assert.deepEqual(placeOnColumns([31.5, 39.5, 51.5], columns), [0, 3, 6]);
  });

  test('a value off every column, or two placings about as good: not placed', () => {
    assert.equal(placeOnColumns([31.5, 41.5, 51.5], columns), null);
    assert.equal(placeOnColumns([20, 51.5], columns), null);
    // Halfway between two columns.
    assert.equal(placeOnColumns([32.25], [31, 33.5]), null);
  });
});

describe('pdftotext -layout: short rows placed by column', () => {
  test('gen-07 (blank cells everywhere): rows read with their blanks in place, over two blocks of different columns', () => {
    const { model, findings } = run(readFileSync(path.join(GENERATED, 'gen-07.chrome.layout.txt'), 'utf8'));
    const t = model.applications;
    assert.deepEqual(values(t, 'carried'), [0, 4, null, null, null, 1, 5]);
    assert.deepEqual(values(t, 'partial'), [4, null, null, 3, null, null, 7]);
    assert.deepEqual(values(t, 'denied.3'), [1, null, null, null, 1, null, 2]);
    // The second page's block stands 9 characters further right: placed against its own full row (（七）总计).
    assert.deepEqual(values(t, 'denied.6'), [0, null, null, 3, null, 2, 5]);
    assert.deepEqual(values(t, 'denied.7'), [0, 2, 2, 1, null, null, 5]);
    assert.deepEqual(values(t, 'ignored.5'), [7, null, 3, null, null, null, 10]);
    assert.deepEqual(values(t, 'forward'), [3, 3, null, 1, null, null, 7]);
    assert.deepEqual(errors(findings).filter((f) => ARITHMETIC.includes(f.code)), []);
  });

  test("a number's digits one under another (Word's narrow cells) joined into its row's value", () => {
    // `1` / `4 3 1 2 2 0` / `2`: the 总计 12 printed in two lines beside the row.
    const { model } = run(readFileSync(path.join(GENERATED, 'gen-04.word.layout.txt'), 'utf8'));
    assert.deepEqual(values(model.applications, 'unable.1'), [4, 3, 1, 2, 2, 0, 12]);
  });

  test('three digits, the middle one on the row\'s line (`1` / `0` / `1`): one number, 101, not the 0 alone', () => {
    const { model, findings } = run(readFileSync(path.join(GENERATED, 'gen-06.word.layout.txt'), 'utf8'));
    const t = model.applications;
    assert.deepEqual(values(t, 'new'), [58, 4, 11, 3, 13, 12, 101]);
    assert.deepEqual(values(t, 'partial'), [11, 0, 0, 0, 0, 1, 12]);
    // gen-06's deliberate breaks: row-total of 予以公开, results-total of 总计·总计 (both found, at 予以公开·总计).
    assert.deepEqual(
      errors(findings)
        .filter((f) => ARITHMETIC.includes(f.code))
        .map((f) => `${f.code}@${f.cell?.row}:${f.cell?.column}`)
        .sort(),
      ['results-total@granted:6', 'row-total@granted:6'],
    );
  });

  test('a number joined over lines is no place for an edit: its finding offers no fix writing over the lines between', () => {
    const text = readFileSync(path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf-text', 'stacked-digits-breaking.txt'), 'utf8');
    const { findings } = run(text);
    const f = findings.find((x) => x.code === 'row-total' && x.cell?.row === 'total' && x.cell.column === 6);
    assert.ok(f);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(!/[\r\n]/.test(text.slice(e.start, e.end)), JSON.stringify(e));
  });

  test('pdftotext lays out each page by itself: a short row is not placed by a full row of another page', () => {
    // gen-07 (Word): 部分公开 `4 3 7` on page 2, whose columns (20, 32, 44) are not page 3's
    // (22 … 45, 49). Page 2 has no full row: its rows' values stand in seven clear columns
    // (20, 24 … 44), which place it; where they do not (one value moved to stand between
    // two columns), the row is not placed by page 3's full row either.
    const text = readFileSync(path.join(GENERATED, 'gen-07.word.layout.txt'), 'utf8');
    const { model } = run(text);
    assert.deepEqual(values(model.applications, 'partial'), [4, null, null, 3, null, null, 7]);
    assert.deepEqual(values(model.applications, 'total'), [37, 4, 5, 8, 2, 7, 63]);
    // (That row is page 2's first line: its form feed takes no column, so its 4 stands at 24, and two characters
    // further right, 2 from 科研机构's values, it is between two columns.)
    const blurred = text.replace('二、上年结转政府信息公开申请数量    0   4               1   5', '二、上年结转政府信息公开申请数量    0     4             1   5');
    assert.notEqual(blurred, text);
    assert.equal(values(run(blurred).model.applications, 'partial'), undefined);
  });

  test('a page without a full row: a row placed by its columns is kept only when its 总计 is the sum of its cells', () => {
    // 部分公开 `4 3 7` made `4 3 8`: its columns are the same, but nothing confirms them; unread, no row-total.
    const text = readFileSync(path.join(GENERATED, 'gen-07.word.layout.txt'), 'utf8').replace('不    4           3           7', '不    4           3           8');
    const { model, findings } = run(text);
    assert.equal(values(model.applications, 'partial'), undefined);
    assert.ok(model.applications?.unread?.includes('partial'));
    assert.deepEqual(values(model.applications, 'granted'), [3, null, null, null, null, 2, 5]);
    assert.ok(!errors(findings).some((f) => f.cell?.row === 'partial'));
  });

  test('columnOf: the form feed that starts a page\'s first line takes no column of the page', () => {
    const text = '3.补正后申请   9   3\n\f2.重复申请     3   6\n3.其他       9   9\n';
    const cell = (t: string, from: number): Cell => {
      const start = text.indexOf(t, from);
      return { text: t, start, end: start + t.length, insertAt: start, blank: false, layout: 'plain', line: 0, breakBefore: false, value: undefined };
    };
    const second = text.indexOf('\f');
    // `3` on the page's first line stands in the column of `9` on the line below it (11), not one further right.
    assert.equal(columnOf(text, cell('3', second + 3)), 11);
    assert.equal(columnOf(text, cell('9', text.indexOf('3.其他'))), 11);
    assert.equal(columnOf(text, cell('9', 0)), 10);
  });

  test('gen-12 (Chromium): the full row on a page\'s first line gives the columns where they are, not one further right', () => {
    // `\f一、本年新收…  112 2 10 14 4 15 158`: 无法提供 1 `2 1 2 1 6` has its 1 at 科研机构 (44), 2½ from 商业企业.
    const { model } = run(readFileSync(path.join(GENERATED, 'gen-12.chrome.layout.txt'), 'utf8'));
    assert.deepEqual(values(model.applications, 'unable.1'), [2, null, 1, null, 2, 1, 6]);
    assert.deepEqual(values(model.applications, 'ignored.5'), [0, null, 3, null, 1, null, 4]);
  });

  test('gen-12 (Word): a short row on a page\'s first line is placed, a value of no row at the foot of the page before not counted against it', () => {
    const { model } = run(readFileSync(path.join(GENERATED, 'gen-12.word.layout.txt'), 'utf8'));
    assert.deepEqual(values(model.applications, 'ignored.2'), [3, null, null, null, null, 3, 6]);
  });

  test('atPageEdge: a line with nothing but spaces between it and a form feed (a page number\'s place)', () => {
    const text = '1.属于国家秘密\n      7        7\n                 3\n\f2.重复申请\n   4\n5.其他   9\n';
    const at = (t: string, from = 0): Cell => {
      const start = text.indexOf(t, from);
      return { text: t, start, end: start + t.length, insertAt: start, blank: false, layout: 'plain', line: 0, breakBefore: false, value: undefined };
    };
    assert.equal(atPageEdge(text, [text.indexOf('\f')], [at('3')]), true);
    assert.equal(atPageEdge(text, [text.indexOf('\f')], [at('7'), at('7', text.indexOf('7') + 1)]), false);
    assert.equal(atPageEdge(text, [text.indexOf('\f')], [at('4')]), false);
    // A page's first line (a running header's number), and the text's last, are edges too.
    const top = '1.属于国家秘密  7\n\f     4\n2.重复申请  9\n';
    const four = top.indexOf('4');
    assert.equal(atPageEdge(top, [top.indexOf('\f')], [{ ...at('3'), text: '4', start: four, end: four + 1 }]), true);
    assert.equal(atPageEdge(text, [text.indexOf('\f')], [at('9')]), true);
  });

  test('clusterColumns: as many clear columns as the table has, or none', () => {
    assert.deepEqual(clusterColumns([20, 24, 28.5, 32, 36, 40, 44, 20.5, 44.5], 7), [20.25, 24, 28.5, 32, 36, 40, 44.25]);
    // A column with no value on the page: six groups for seven columns.
    assert.equal(clusterColumns([20, 24, 32, 36, 40, 44, 20, 44], 7), null);
    // Two values 2 apart: one column or two, unclear (seven groups, but one may be a column's two values).
    assert.equal(clusterColumns([20, 22, 26, 30, 34, 38, 42], 7), null);
  });
});

describe('pdftotext -layout: Word\'s narrow cells (labels and numbers wrapped over lines)', () => {
  const word = (id: string) => run(readFileSync(path.join(GENERATED, `${id}.word.layout.txt`), 'utf8'));

  test('a value in words before a label on its line (`无   息需要另行制   0 …`) is a vertical label\'s character, not a value', () => {
    const { model } = word('gen-06');
    assert.deepEqual(values(model.applications, 'unable.2'), [0, 0, 0, 0, 0, 0, 0]);
  });

  test('a label not matched yet takes its next lines, before or after its values (`2.其他法律行  0 0 …` ⏎ `政法规禁止公`)', () => {
    const { model } = word('gen-01');
    assert.deepEqual(values(model.applications, 'denied.2'), [0, 0, 0, 0, 0, 0, 0]);
    // `1.申请人无正` ⏎ `当理由逾期不` ⏎ `补正、行政机` ⏎ values ⏎ `关不再处理其` …: matched only once whole.
    assert.deepEqual(values(model.applications, 'other.1'), [3, 3, 0, 0, 0, 0, 6]);
  });

  test('a number wrapped in two lines beside a full row (11 and 13 printed `1` / `1`, `1` / `3`): joined, the row read', () => {
    // `（ 1.信访举报投  1 0 0 0 2 0 1` ⏎ `五 诉类申请  1  3`: the second line's digits stand each under a
    // one-digit value of the row, on its label's own next line, nothing else in their columns.
    const { model, findings } = word('gen-06');
    assert.deepEqual(values(model.applications, 'ignored.1'), [11, 0, 0, 0, 2, 0, 13]);
    // (gen-06's two deliberate breaks in table 三: 予以公开's row-total, and 总计·总计's results-total now that every result row is read.)
    assert.deepEqual(
      errors(findings)
        .filter((f) => ARITHMETIC.includes(f.code))
        .map((f) => `${f.code}@${f.cell?.row}`)
        .sort(),
      ['results-total@granted', 'row-total@granted'],
    );
  });

  test('a wrapped number\'s second line read only where nothing else could own it', () => {
    const text = readFileSync(path.join(GENERATED, 'gen-06.word.layout.txt'), 'utf8');
    const line = text.split('\n').find((l) => /^五 +诉类申请/.test(l));
    assert.ok(line);
    // A third digit in one of those columns on the line below: a number of three digits, or another row's: not joined.
    const below = text.replace(line + '\n', line + '\n' + line.replace(/[^ 0-9\n]/g, ' ').replace(/ 3$/, '  ') + '\n');
    assert.notEqual(below, text);
    assert.equal(values(run(below).model.applications, 'ignored.1'), undefined);
    assert.deepEqual(arithmeticErrors(below).filter((f) => f.cell?.row !== 'granted'), []);
    // Digits on a line of their own, not of the row's label (another row's values, say): not joined.
    const fixture = readFileSync(path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf-text', 'stacked-digits-wrapped.txt'), 'utf8');
    const wrapped = '诉类申请                                    0                         0\n';
    assert.ok(fixture.includes(wrapped));
    assert.deepEqual(values(run(fixture).model.applications, 'ignored.1'), [10, 0, 0, 0, 0, 0, 10]);
    // (Four spaces for its four characters: each counts one column in pdftotext's text.)
    const alone = fixture.replace(wrapped, wrapped.replace('诉类申请', '    ') + '诉类申请\n');
    assert.equal(values(run(alone).model.applications, 'ignored.1'), undefined);
    assert.deepEqual(arithmeticErrors(alone), []);
    // A value on that line that stands under no one-digit value of the row: not joined.
    const off = text.replace(line, line.replace(/ 3$/, '3 '));
    assert.notEqual(off, text);
    assert.equal(values(run(off).model.applications, 'ignored.1'), undefined);
  });

  test('a line of one or two values alone is a row\'s when it stands on its columns (`7                       7`)', () => {
    const { model } = word('gen-07');
    assert.deepEqual(values(model.applications, 'unable.3'), [0, null, null, null, null, null, 0]);
    assert.deepEqual(values(model.applications, 'ignored.1'), [7, null, null, null, null, null, 7]);
  });

  test('a number alone on a page\'s last line is its page number, not a row\'s values', () => {
    // gen-07 (Word): a page number `2` at the foot of page 2, inside table 三 (no `- 2 -` marks).
    const text = readFileSync(path.join(GENERATED, 'gen-07.word.layout.txt'), 'utf8');
    const numbered = text.replace('\n\f            息', '\n                                        2\n\f            息');
    assert.notEqual(numbered, text);
    const original = run(text).model.applications;
    const read = run(numbered).model.applications;
    // Every row read as without it (the row beside it, 本机关不掌握…, may stay unread: a value of no row near it).
    for (const k of read?.rows.keys() ?? []) assert.deepEqual(values(read, k), values(original, k), k);
    assert.ok((read?.rows.size ?? 0) >= (original?.rows.size ?? 0) - 1);
  });

  test('a digit on a label\'s line, another below the row\'s values: one number (`4.无正当理由  1` ⏎ `9 0 0 3 0 0` ⏎ `2`)', () => {
    const { model } = word('gen-01');
    assert.deepEqual(values(model.applications, 'ignored.4'), [9, 0, 0, 3, 0, 0, 12]);
  });

  test('a vertical label\'s character (`五`, `）`) on the lines between a number\'s digits does not hide them', () => {
    // `3.要求提供  1  1` ⏎ `五  1 0 0 0 0` ⏎ `）` ⏎ `公开出版物  0  1`: 10 and 11.
    const { model } = word('gen-04');
    assert.deepEqual(values(model.applications, 'ignored.3'), [10, 1, 0, 0, 0, 0, 11]);
  });

  test('digits on lines of their own about a row\'s line with its label: numbers, not a row (`1  1` ⏎ `处 用、行政机关  1 0 0 2 0` ⏎ `1  4`)', () => {
    const { model } = word('gen-01');
    assert.deepEqual(values(model.applications, 'other.2'), [11, 1, 0, 0, 2, 0, 14]);
  });
});

describe('pdftotext without options: rows that lost blank cells stay unread', () => {
  const base = readFileSync(path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf', '2021-holding.txt'), 'utf8');
  const short = base.replace('（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0', '（三）不予公开 1.属于国家秘密\n3\n3');

  test('a short row, one value a line, in text with form feeds (pdftotext): unread, no arithmetic finding', () => {
    assert.notEqual(short, base);
    const { model } = run(short.replace('\n', '\n\f'));
    assert.equal(values(model.applications, 'denied.1'), undefined);
    assert.ok(model.applications?.unread.includes('denied.1'));
    assert.deepEqual(values(model.applications, 'granted'), [4, 1, 0, 0, 0, 0, 5]);
  });

  test('the same row in typed text (no form feed): its last cells missing, read as written', () => {
    assert.deepEqual(values(run(short).model.applications, 'denied.1'), [3, 3, null, null, null, null, null]);
  });

  test('gen-12: columns printed as blocks, one value a line — no false row-total, short rows unread', () => {
    const text = readFileSync(path.join(GENERATED, 'gen-12.chrome.plain.txt'), 'utf8');
    assert.deepEqual(arithmeticErrors(text), []);
    const { model } = run(text);
    // `1.属于国家秘密` / `0` / `3` is no row 0 3 · · · · ·: its 3 is 社会公益组织's.
    assert.equal(values(model.applications, 'denied.1'), undefined);
    assert.equal(values(model.applications, 'ignored.5'), undefined);
  });
});

describe('pdftotext without options: table 四 with the headers of 行政诉讼 after 行政复议\'s values', () => {
  const text = readFileSync(path.join(GENERATED, 'gen-01.word.plain.txt'), 'utf8');

  test('the values after the repeated headers are the next groups\'', () => {
    const { model } = run(text);
    assert.deepEqual(values(model.appeals, 'review'), [3, 2, 0, 0, 5]);
    assert.deepEqual(values(model.appeals, 'litigationDirect'), [0, 0, 0, 2, 2]);
    assert.deepEqual(values(model.appeals, 'litigationAfterReview'), [0, 0, 1, 0, 1]);
    assert.deepEqual(arithmeticErrors(text), []);
  });

  test('the last 总计 lost (a table past the page\'s edge, or printed after the prose): the group before the headers read, the nine values after them unread, none read as blank', () => {
    const lost = text.replace(/\n0\n\n1\n\n五、/, '\n0\n\n五、');
    assert.notEqual(lost, text);
    const { model } = run(lost);
    assert.deepEqual(values(model.appeals, 'review'), [3, 2, 0, 0, 5]);
    // Nine values for ten cells: which one is missing (a dropped blank anywhere, a value printed elsewhere) is not known.
    assert.deepEqual(model.appeals?.unread, ['litigationDirect', 'litigationAfterReview']);
    assert.equal(values(model.appeals, 'litigationAfterReview'), undefined);
    assert.deepEqual(arithmeticErrors(lost), []);
  });

  test('groups with no value after the headers are unread, not read as blank', () => {
    // Everything after the second group's headers gone: 行政诉讼's ten values with them.
    const cut = text.replace(/\n0\n\n0\n\n0\n\n2\n\n2\n\n0\n\n0\n\n1\n\n0\n\n1\n/, '\n');
    assert.notEqual(cut, text);
    const { model } = run(cut);
    assert.deepEqual(values(model.appeals, 'review'), [3, 2, 0, 0, 5]);
    assert.equal(values(model.appeals, 'litigationDirect'), undefined);
    assert.deepEqual(model.appeals?.unread, ['litigationDirect', 'litigationAfterReview']);
  });
});
