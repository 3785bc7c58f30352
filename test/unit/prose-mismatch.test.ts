// prose-mismatch: figures stated in the text against the tables.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { percentAgrees } from '../../server/src/engine/format';
import { chineseNumber } from '../../server/src/engine/rules/prose';
import { isWrapBreak } from '../../server/src/engine/sentences';
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

  test('each number takes the results named since the number before it: `予以公开5件、部分公开2件`', () => {
    // 部分公开 is 1 in the table: one warning, on 2, and none for 予以公开 (named before 5, not before 2).
    const f = warnings(withProse('依申请公开工作中，予以公开5件、部分公开2件。'), 'prose-mismatch');
    assert.deepEqual(f.map((x) => [x.actual, x.expected]), [[2, 1]]);
  });
  test('results named together before one number are compared with their sum', () => {
    assert.deepEqual(warnings(withProse('政府信息公开申请中，予以公开及部分公开6件，不予公开和无法提供共3件。'), 'prose-mismatch'), []);
    const f = warnings(withProse('政府信息公开申请中，予以公开、部分公开共8件。'), 'prose-mismatch');
    assert.deepEqual(f.map((x) => [x.actual, x.expected]), [[8, 6]]);
    assert.match(f[0].message, /予以公开 \+ 部分公开/);
  });
  test('percentages: rounded or truncated at their printed decimals', () => {
    // 2/3 = 66.666…%
    for (const [p, d] of [[66.67, 2], [66.66, 2], [66.7, 1], [66.6, 1], [67, 0], [66, 0]] as const) assert.ok(percentAgrees(p, d, 2 / 3), `${p}`);
    for (const [p, d] of [[66.5, 1], [66.65, 2], [68, 0], [65, 0]] as const) assert.ok(!percentAgrees(p, d, 2 / 3), `${p}`);
    assert.ok(percentAgrees(100, 0, 1));
  });
  test('a share is of the figure before it, over the total the prose states (or the table\'s)', () => {
    // 予以公开 5 of the 10 handled: 50%; over a stated total of 20, 25%.
    assert.deepEqual(warnings(withProse('办结政府信息公开申请10件，其中予以公开5件，占50%。'), 'prose-mismatch'), []);
    assert.deepEqual(warnings(withProse('政府信息公开申请中予以公开5件（占50.0%）。'), 'prose-mismatch'), []);
    const f = warnings(withProse('办结政府信息公开申请10件，其中予以公开5件，占45%。'), 'prose-mismatch');
    assert.deepEqual(f.map((x) => [x.actual, x.expected]), [[45, 50]]);
    // A share after a number of something else (自然人) is not read.
    assert.deepEqual(warnings(withProse('收到政府信息公开申请11件，涉及自然人9件，占99%。'), 'prose-mismatch'), []);
  });
  test('a declared rate: `公开率为95%` against （一）+（二） over （七）总计', () => {
    assert.deepEqual(warnings(withProse('政府信息公开申请公开率为60%。'), 'prose-mismatch'), []);
    const f = warnings(withProse('政府信息公开申请公开率为95%。'), 'prose-mismatch');
    assert.deepEqual(f.map((x) => [x.actual, x.expected]), [[95, 60]]);
  });
  test('a figure wrapped over a line break is read, and the finding sits on the number', () => {
    const text = withProse('全年共收到政府\n信息公开申请 13 件。');
    const f = warnings(text, 'prose-mismatch');
    assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['13']);
    // Split inside the number's clause too: `办\n结 9 件`.
    assert.deepEqual(warnings(withProse('政府信息公开申请办\n结 9 件。'), 'prose-mismatch').map((x) => x.actual), [9]);
    // A blank line, a sentence end or an enumerated line ends the sentence.
    assert.deepEqual(warnings(withProse('全年共收到政府\n\n信息公开申请 13 件。'), 'prose-mismatch'), []);
    assert.deepEqual(warnings(withProse('全年共收到。\n政府信息公开申请 13 件。'), 'prose-mismatch'), []);
    assert.ok(!isWrapBreak('一、总体情况：\n收到', 6));
    assert.ok(!isWrapBreak('收到政府\n（一）予以公开', 4));
    assert.ok(isWrapBreak('收到政府\r\n信息公开', 5));
  });
});
