// date: the statistics period and the signing date against the report year.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultSpec, render } from '../support/generate';
import { run } from '../support/util';

const warnings = (text: string, code: string) => run(text).findings.filter((f) => f.code === code && (f.severity === 'warning' || f.severity === 'error'));

// ------------------------------------------------------------------ dates

describe('date', () => {
  const base = render(defaultSpec(), 'pipe');
  test('holding: period of the report year, signed after it ended', () => {
    assert.deepEqual(warnings(base + '\n示例区人民政府办公室\n2023年1月20日\n', 'date'), []);
  });
  test('a statistics period of another year', () => {
    assert.equal(warnings(base.replace('统计期限自2022年1月1日始，至2022年12月31日止', '统计期限自2021年1月1日始，至2021年12月31日止'), 'date').length, 1);
  });
  test('a signing or 填报 date before the period ended', () => {
    const f = warnings(base + '\n2022年2月11日\n填报日期：2022年1月11日\n', 'date');
    assert.equal(f.length, 2);
  });
  test('a date that does not exist', () => {
    assert.match(warnings(base + '\n2023年2月30日\n', 'date')[0].message, /不存在/);
  });
  test('garbled dates are unreadable notes, never guessed', () => {
    const f = run(base.replace('统计期限自', '报告统计数据时限为201911日。统计期限自')).findings.filter((x) => x.code === 'date');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.equal(f[0].expected, undefined);
  });
  test('a garbled date is a run of 5 to 7 digits before 日, not after 年月日', () => {
    const garbled = (s: string) => run(base.replace('统计期限自', `${s}。统计期限自`)).findings.filter((x) => x.code === 'date').map((x) => x.message.match(/\d+日/)?.[0]);
    assert.deepEqual(garbled('见（20211日）与x2020123日'), ['20211日', '2020123日']);
    assert.deepEqual(garbled('见20201231日、年20211日、19202111日'), []);
  });
});
