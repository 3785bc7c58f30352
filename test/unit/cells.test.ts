import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segment } from '../../server/src/engine/cells';

const texts = (s: string) => segment(s).map((c) => (c.blank ? '<blank>' : c.text));

test('pipe rows on one line: cells between pipes, exact offsets', () => {
  const src = '一、本年新收 | 5 | 0 | ||';
  const cells = segment(src);
  assert.deepEqual(cells.filter((c) => !c.blank).map((c) => c.text), ['一、本年新收', '5', '0']);
  const five = cells.find((c) => c.text === '5')!;
  assert.equal(src.slice(five.start, five.end), '5');
});

test('pipe cells split over lines, with a label broken over two lines', () => {
  assert.deepEqual(texts('| 商业\n企业\n|\n0\n|\n||').filter((t) => t !== '<blank>'), ['商业\n企业', '0']);
});

test('a heading line is not joined to the cell below it', () => {
  assert.deepEqual(texts('| 0 |\n四、收到和处理政府信息公开申请情况\n行政复议\n|').filter((t) => t !== '<blank>'), ['0', '四、收到和处理政府信息公开申请情况', '行政复议']);
});

test('tab layout: a line holding only a tab is a blank cell; a tab-less line continues the cell above', () => {
  const cells = segment('\t本年新\n公开数量\n\t7\n\t\n\n\t规章');
  assert.deepEqual(cells.map((c) => (c.blank ? '<blank>' : c.text)), ['本年新\n公开数量', '7', '<blank>', '规章']);
  assert.equal(cells[3].breakBefore, true);
});

test('one cell per line with blank lines between; an enumerator alone joins the next line', () => {
  assert.deepEqual(texts('三、\n本年度办理结果\n\n()予以公开\n\n4'), ['三、\n本年度办理结果', '()予以公开', '4']);
});

test('PDF copies: trailing space-separated values become cells', () => {
  assert.deepEqual(texts('一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5'), ['一、本年新收政府信息公开申请数量', '5', '0', '0', '0', '0', '0', '5']);
  assert.deepEqual(texts('0 0 0'), ['0', '0', '0']);
});

test('markdown rule lines are skipped; CRLF line ends are handled', () => {
  assert.deepEqual(texts('| a | 1 |\r\n| --- | --- |\r\n| b | 2 |').filter((t) => t !== '<blank>'), ['a', '1', 'b', '2']);
});
