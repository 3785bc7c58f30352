// Every layout of REPORT-FORMAT.md, on synthetic reports written by the generator.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/engine';
import { BLANK_LAYOUTS, LAYOUTS, defaultSpec, render } from '../support/generate';
import { codes, run, values } from '../support/util';

for (const shape of ['split-other', 'single-other'] as const) {
  describe(`table shapes: ${shape === 'split-other' ? '2021 (25 rows)' : '2019 (23 rows)'}`, () => {
    for (const layout of LAYOUTS) {
      test(`${layout}: tables extracted exactly, no finding`, () => {
        const spec = defaultSpec({ shape });
        const { model, findings } = run(render(spec, layout));
        assert.ok(model.applications, 'table 三 found');
        for (const [row, v] of Object.entries(spec.applications)) assert.deepEqual(values(model.applications, row), v, row);
        assert.equal(model.applications.rows.size, Object.keys(spec.applications).length);
        assert.equal(model.applications.shape, shape);
        const appeals = ['review', 'litigationDirect', 'litigationAfterReview'].flatMap((r) => values(model.appeals, r) ?? []);
        assert.deepEqual(appeals, spec.appeals);
        assert.equal(model.disclosure?.template, spec.disclosure);
        assert.equal(model.template, spec.disclosure);
        assert.equal(model.year, spec.year);
        assert.deepEqual(codes(findings), []);
      });
    }
  });
}

for (const layout of BLANK_LAYOUTS) {
  test(`${layout}: a blank cell is blank (not 0), warned about, and its fix writes the implied value`, () => {
    const spec = defaultSpec();
    spec.applications.total = [...spec.applications.total];
    const expected = spec.applications.total[1] as number;
    (spec.applications.total as (number | string)[])[1] = '';
    const text = render(spec, layout);
    const { model, findings } = run(text);
    assert.equal(values(model.applications, 'total')![1], null);
    const blank = findings.filter((f) => f.code === 'blank-cell');
    assert.equal(blank.length, 1);
    assert.equal(blank[0].severity, 'warning');
    assert.deepEqual(blank[0].cell, { table: 'applications', row: 'total', column: 1 });
    // The identities through the blank are not assessable: information, never an error.
    assert.deepEqual(codes(findings, 'error'), []);
    assert.ok(findings.some((f) => f.code === 'carry-over' && f.severity === 'information'));
    const fix = blank[0].fixes.find((f) => f.preferred)!;
    assert.ok(fix, 'a preferred fix');
    const fixed = applyEdits(text, fix.edits);
    const again = run(fixed);
    assert.equal(values(again.model.applications, 'total')![1], expected);
    assert.deepEqual(codes(again.findings), []);
  });
}

test('web copy: group label printed only on its first row, bare pipes for blanks', () => {
  const text = [
    '三、本年度办理结果|(一)予以公开|2|0|0|0|0|0|2|',
    '(二)部分公开(区分处理的,只计这一情形,不计其他情形)|0|0|0|0|0|0|0|',
  ].join('\n');
  const full = render(defaultSpec(), 'web');
  const { model } = run(full);
  assert.ok(model.applications);
  const { model: m2 } = run('一、本年新收政府信息公开申请数量|2|0|0|0|0|0|2|\n二、上年结转政府信息公开申请数量|0|0|0|0|0|0|0|\n' + text);
  assert.deepEqual(values(m2.applications, 'granted'), [2, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(values(m2.applications, 'partial'), [0, 0, 0, 0, 0, 0, 0]);
});

test('quirks: (一) and （一）, lost enumerators, full-width digits, labels split by spaces, Traditional characters', () => {
  const rows = [
    '一、本年新收政府信息公開申請數量 | ９ | 0 | 0 | 0 | 0 | 0 | ９ |',
    '二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
    '三、本年度办理结果 | ()予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |',
    '(二)部分公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    '（三）不予公开 | 1．属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    '8.属于行政 查询事项 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
    '(五)不予处理 | 1.信访举报投诉类申请 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |',
    '()其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    '()总计 | 11 | 0 | 0 | 0 | 0 | 0 | 11 |',
    '四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
  ];
  const { model, findings } = run(rows.join('\n'));
  assert.deepEqual(values(model.applications, 'new'), [9, 0, 0, 0, 0, 0, 9]);
  assert.deepEqual(values(model.applications, 'granted'), [4, 0, 0, 0, 0, 0, 4]);
  assert.deepEqual(values(model.applications, 'partial'), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(values(model.applications, 'denied.8'), [2, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(values(model.applications, 'total'), [11, 0, 0, 0, 0, 0, 11]);
  assert.equal(model.applications!.shape, 'single-other');
  assert.deepEqual(codes(findings, 'error'), []);
});

test('the header repeated mid-table (seed 003) does not end the table or match a row', () => {
  const spec = defaultSpec();
  const text = render(spec, 'plain').replace(
    '三、本年度办理结果',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\n申请人情况\n\n自然人\n\n总计\n\n其他\n\n三、\n\n本年度办理结果',
  );
  const { model } = run(text);
  for (const [row, v] of Object.entries(spec.applications)) assert.deepEqual(values(model.applications, row), v, row);
});
