// Layouts in the wild: PDF text, labels split by spaces, Traditional characters, values that are not numbers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Converter } from 'opencc-js/cn2t';
import { defaultSpec, render } from '../support/generate';
import { codes, errors, run, values } from '../support/util';

// ------------------------------------------------------------------ layouts

describe('layouts in the wild', () => {
  test('PDF text: table 四 with headers stacked one character per token', () => {
    const text = [
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议 行政诉讼',
      '结 结 其 尚 总 未经复议直接起诉 复议后起诉',
      '果 果 他 未 计 结 结 其 尚 总 结 结 其 尚 总',
      '维 纠 结 审 果 果 他 未 计 果 果 他 未 计',
      '持 正 果 结 维 纠 结 审 维 纠 结 审',
      '持 正 果 结 持 正 果 结',
      '0 1 0 0 1 2 0 0 1 3 0 0 0 0 0',
      '五、存在的主要问题及改进情况',
    ].join('\n');
    const { model, findings } = run(text);
    assert.deepEqual(values(model.appeals, 'review'), [0, 1, 0, 0, 1]);
    assert.deepEqual(values(model.appeals, 'litigationDirect'), [2, 0, 0, 1, 3]);
    assert.deepEqual(errors(findings), []);
  });

  test('PDF text without layout: figures straight after 行政复议 / 行政诉讼, before any column header, are not read', () => {
    // pdftotext (no options) of a LibreOffice PDF, generated gen-07: the tail of table 三's
    // last rows on the page above (`2` `7` `6` `3` of 63, `7`) printed after table 四's first
    // header row, then each group's values after the next group's headers. Read by position,
    // 2 7 6 3 7 became 行政复议's row, a false appeals-total error.
    const stacked = (s: string) => s.split(' ').flatMap((w) => [...w, '']);
    const headers = stacked('结果 结果 其他 尚未 维持 纠正 结果 审结');
    const text = [
      '四、政府信息公开行政复议、行政诉讼情况', '',
      '行政复议', '', '行政诉讼', '',
      '2', '', '7', '', '6', '3', '', '7', '',
      '未经复议直接起诉', ...headers,
      '3', '', '0', '', '0', '', '0', '', '总', '计', '', '3', '',
      '复议后起诉', ...headers,
      '0', '', '3', '', '2', '', '0', '', '总', '计', '', '5', '',
      ...headers,
      '3', '', '3', '', '0', '', '0', '',
      '五、存在的主要问题及改进情况',
      '本年度未收取信息处理费。', '', '总', '计', '', '6', '',
    ].join('\n');
    const { model, findings } = run(text);
    assert.equal(values(model.appeals, 'review'), undefined);
    assert.deepEqual(errors(findings), []);
  });

  test('PDF text: `总 计` split by spaces, a row on one line', () => {
    const text = render(defaultSpec(), 'pdf').replace('（七）总计', '（七）总  计');
    assert.deepEqual(values(run(text).model.applications, 'total'), [8, 1, 0, 0, 1, 0, 10]);
  });

  test('labels split by spaces (`商业 企业`, `本年新 制作数量`) and over two lines', () => {
    const spec = defaultSpec({ shape: 'single-other' });
    const text = render(spec, 'tab').replace('\t商业企业', '\t商业 企业').replace('\t本年新制作数量', '\t本年新\n制作数量');
    const { model } = run(text);
    assert.equal(model.disclosure?.template, '2019');
    assert.deepEqual(values(model.applications, 'new'), spec.applications.new);
  });

  test('Traditional characters throughout (OpenCC)', () => {
    const spec = defaultSpec();
    const traditional = Converter({ from: 'cn', to: 'hk' })(render(spec, 'pipe'));
    assert.notEqual(traditional, render(spec, 'pipe'));
    const { model, findings } = run(traditional);
    for (const [row, v] of Object.entries(spec.applications)) assert.deepEqual(values(model.applications, row), v, row);
    assert.equal(model.disclosure?.template, '2021');
    assert.deepEqual(codes(findings), []);
  });

  test('`—`, `/` and `无` as values: not blank, not a number; identities through them are notes, not errors', () => {
    const text = render(defaultSpec(), 'pipe').replace(/(（二）部分公开[^|]*\| \d+ \| )0( \|)/, '$1—$2');
    const { model, findings } = run(text);
    assert.equal(model.applications!.rows.get('partial')!.cells[1].value.kind, 'marker');
    assert.deepEqual(errors(findings), []);
    assert.equal(findings.filter((f) => f.code === 'blank-cell').length, 0);
    assert.ok(findings.some((f) => f.code === 'results-total' && f.severity === 'information'));
  });

  test('amounts with units and signed changes in table 二', () => {
    const text = render(defaultSpec({ shape: 'single-other' }), 'pipe').replace('1973.15万', '251000元').replace('减5', '-5');
    const { model, findings } = run(text);
    const procurement = model.disclosure!.rows.find((r) => r.key === 'procurement')!;
    assert.equal(procurement.cells[1].cell.value.value, 25.1);
    assert.deepEqual(codes(findings), []);
  });
});
