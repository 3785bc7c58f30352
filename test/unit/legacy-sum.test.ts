// legacy-sum: the statistics tables of reports before 2019 (统计指标 | 单位 | 统计数).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codes, run } from '../support/util';

// ------------------------------------------------------------------ legacy tables

const LEGACY = (rows: string[]) =>
  ['示例县2017年政府信息公开工作年度报告', '附件：政府信息公开情况统计表', '统 计 指 标 | 单位 | 统计数 |', ...rows, '联系电话：0000-0000000'].join('\n');

describe('legacy-sum', () => {
  const apply = (a: number, b: number, c: number, total: number) =>
    LEGACY([
      '三、依申请公开情况 | —— | |',
      `(一)收到申请数 | 件 | ${total} |`,
      `1.当面申请数 | 件 | ${a} |`,
      `2.网络申请数 | 件 | ${b} |`,
      `3.信函申请数 | 件 | ${c} |`,
    ]);
  test('holding: a row equals its numbered sub-rows', () => {
    assert.deepEqual(codes(run(apply(1, 2, 3, 6)).findings), []);
  });
  test('breaking: the sum is off → error on the parent value with the sum as expected', () => {
    const text = apply(1, 2, 3, 7);
    const f = run(text).findings.filter((x) => x.code === 'legacy-sum');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.equal(f[0].expected, 6);
    assert.equal(text.slice(f[0].start, f[0].end), '7');
  });
  const breakdown = (parts: number[], parent: number) =>
    LEGACY([`4.不同意公开答复数 | 件 | ${parent} |`, `其中：涉及国家秘密 | 件 | ${parts[0]} |`, `涉及商业秘密 | 件 | ${parts[1]} |`, `涉及个人隐私 | 件 | ${parts[2]} |`, '5.不属于本行政机关公开数 | 件 | 0 |']);
  test('holding and breaking: a 其中 breakdown of three rows equals its parent', () => {
    assert.deepEqual(codes(run(breakdown([1, 0, 2], 3)).findings), []);
    assert.deepEqual(codes(run(breakdown([1, 0, 2], 4)).findings), ['legacy-sum']);
  });
  const single = (child: number) => LEGACY([`1.参加或举办新闻发布会总次数 | 次 | 3 |`, `其中：主要负责同志参加新闻发布会次数 | 次 | ${child} |`]);
  test('holding and breaking: a single 其中 row never exceeds its parent', () => {
    assert.deepEqual(codes(run(single(2)).findings), []);
    assert.deepEqual(codes(run(single(4)).findings), ['legacy-sum']);
  });
  test('rows whose unit is —— are headings, not sums', () => {
    const text = LEGACY(['一、主动公开情况 | —— | 500 |', '(一)主动公开政府信息数 | 条 | 428 |', '(二)其他 | 条 | 3 |']);
    assert.deepEqual(codes(run(text).findings), []);
  });
});
