// prose-mismatch: figures stated in the text against the tables.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chineseNumber } from '../../server/src/engine/rules/prose';
import { defaultSpec, render } from '../support/generate';
import { run } from '../support/util';

const warnings = (text: string, code: string) => run(text).findings.filter((f) => f.code === code && (f.severity === 'warning' || f.severity === 'error'));

// ------------------------------------------------------------------ prose

describe('prose-mismatch', () => {
  const spec = defaultSpec(); // 一 11, 二 1, （七）总计 10, 四 2, 予以公开 5
  const withProse = (sentence: string) => render(spec, 'pipe').replace('全面推进政务公开工作。', `全面推进政务公开工作。${sentence}`);
  test('holding: the figures agree', () => {
    assert.deepEqual(warnings(withProse('全年共收到政府信息公开申请11件，上年结转1件，办结10件，结转下年度2件，其中予以公开5件。'), 'prose-mismatch'), []);
  });
  test('breaking: several figures in one sentence, each compared; the finding sits on the prose number and links the cell', () => {
    const text = withProse('全年共收到政府信息公开申请13件，上年结转1件，办结9件。');
    const f = warnings(text, 'prose-mismatch');
    assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['13', '9']);
    assert.equal(f[0].expected, 11);
    assert.equal(f[0].related.length, 1);
    assert.equal(text.slice(f[0].related[0].start, f[0].related[0].end), '11');
  });
  test('Chinese numerals and thousands separators', () => {
    assert.equal(chineseNumber('二十二'), 22);
    assert.equal(chineseNumber('一百零五'), 105);
    assert.equal(chineseNumber('十'), 10);
    assert.equal(warnings(withProse('本年度受理依申请公开二十二件。'), 'prose-mismatch').length, 1);
    assert.equal(warnings(withProse('本年度受理依申请公开十一件。'), 'prose-mismatch').length, 0);
    assert.equal(warnings(withProse('本年度受理依申请公开3,646件。'), 'prose-mismatch')[0]?.actual, 3646);
  });
  test('precision: letters, messages and filings are different quantities', () => {
    assert.deepEqual(warnings(withProse('依申请公开工作中，办理群众来信80件，规范性文件备案12件，收到留言30件。'), 'prose-mismatch'), []);
  });
  test('received stated as new plus carried over is not a disagreement', () => {
    assert.deepEqual(warnings(withProse('共受理依申请公开12件（含上年结转1件）。'), 'prose-mismatch').filter((f) => f.actual === 12), []);
  });
  test('a topic word broken by a PDF space: `信息公开申 请` is still about applications', () => {
    assert.deepEqual(
      warnings(withProse('全年共收到政府信息公开申 请13件。'), 'prose-mismatch').map((f) => f.actual),
      [13],
    );
  });
  test('reviews and lawsuits: `未收到…行政复议和行政诉讼` states zero', () => {
    const text = withProse('全年未收到因政府信息公开引起的行政复议和行政诉讼案件。');
    assert.deepEqual(warnings(text, 'prose-mismatch').map((f) => f.message.includes('行政复议') || f.message.includes('行政诉讼')), [true, true]);
  });
});
