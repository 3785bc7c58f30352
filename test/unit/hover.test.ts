// Hover content derived from the declarations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hoverAt, parse } from '../../server/src/engine';
import { defaultSpec, render } from '../support/generate';
import { SEED } from '../support/paths';

const text000 = readFileSync(SEED.s000, 'utf8');
const model000 = parse(text000);

test('on a value cell: row and column names and every identity it takes part in, evaluated', () => {
  const cell = model000.applications!.rows.get('total')!.cells[0].source!;
  const h = hoverAt(model000, cell.start, 'zh-cn')!;
  assert.match(h.markdown, /（七）总计 · 自然人 = 0/);
  assert.match(h.markdown, /✘ 结转关系.*一 5 \+ 二 0 = 5 ≠ （七）总计 0 \+ 四 0 = 0/);
  assert.match(h.markdown, /✘ 办理结果合计/);
  assert.match(h.markdown, /✔ 行合计/);
  assert.equal(h.start, cell.start);
});

test('on the table heading or header: received, carried, handled by kind, carried forward, rates with formulas', () => {
  const text = render(defaultSpec(), 'pipe');
  const model = parse(text);
  const at = text.indexOf('三、收到和处理政府信息公开申请情况');
  const h = hoverAt(model, at + 2, 'zh-cn')!;
  assert.match(h.markdown, /本年新收: 11/);
  assert.match(h.markdown, /上年结转: 1/);
  assert.match(h.markdown, /办理结果总计: 10/);
  assert.match(h.markdown, /结转下年度: 2/);
  assert.match(h.markdown, /公开率 = \(（一）·总计 \+ （二）·总计\) \/ （七）总计·总计 = 60\.0%/);
  assert.match(h.markdown, /勾稽关系：\d+\/\d+ 成立/);
  const h4 = hoverAt(model, text.indexOf('行政复议'), 'en')!;
  assert.match(h4.markdown, /review correction rate = 行政复议 · 结果纠正 \/ 行政复议 · 总计 = 0\.0%/);
});

test('rates whose denominator is 0 are omitted', () => {
  const at = text000.indexOf('行政复议');
  const h = hoverAt(model000, at, 'zh-cn')!;
  assert.doesNotMatch(h.markdown, /纠错率/);
});

test('no hover on prose', () => {
  assert.equal(hoverAt(model000, 10, 'zh-cn'), null);
});
