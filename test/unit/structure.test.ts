// structure: the six parts, their names and order, repeated paragraphs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/engine';
import { t } from '../../server/src/engine/i18n';
import { defaultSpec, render } from '../support/generate';
import { run } from '../support/util';

const warnings = (text: string, code: string) => run(text).findings.filter((f) => f.code === code && (f.severity === 'warning' || f.severity === 'error'));

// ------------------------------------------------------------------ structure

describe('structure', () => {
  const base = render(defaultSpec(), 'pipe');
  test('holding: six parts in order', () => {
    assert.deepEqual(warnings(base, 'structure'), []);
  });
  test('a missing part', () => {
    const text = base.replace('六、其他需要报告的事项\n无。', '无。');
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /缺少.*六、其他需要报告的事项/);
  });
  test('a misnamed part: warning with a quick fix that renames it', () => {
    const text = base.replace('四、政府信息公开行政复议、行政诉讼情况', '四、收到和处理政府信息公开申请情况');
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    const fixed = applyEdits(text, f[0].fixes[0].edits);
    assert.equal(fixed, base);
  });
  test('a part numbered with digits', () => {
    const text = base.replace('二、主动公开政府信息情况', '2、主动公开政府信息情况');
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.equal(applyEdits(text, f[0].fixes[0].edits), base);
  });
  test('a duplicated part and an inserted part', () => {
    const dup = base.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况\n一是公开意识有待进一步提高。\n五、存在的主要问题及改进情况');
    assert.match(warnings(dup, 'structure')[0].message, /重复的部分/);
    const extra = base.replace('二、主动公开政府信息情况', '二、依申请公开情况\n本年依申请公开工作平稳。\n三、主动公开政府信息情况');
    const f = warnings(extra, 'structure');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /多出的部分“二、依申请公开情况”/);
  });
  test('repeated paragraphs are reported once, at the repeat', () => {
    const para = '本区认真贯彻落实条例要求，健全工作机制，规范公开流程，全面提升政务公开质量和实效。';
    const text = base.replace('一、总体情况\n', `一、总体情况\n${para}\n${para}\n`);
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), para);
    assert.ok(f[0].start > text.indexOf(para));
  });
  test('a repeat is the same text whatever its whitespace; different lines are never repeats', () => {
    const para = '本区认真贯彻落实条例要求，健全工作机制，规范公开流程，全面提升政务公开质量和实效。';
    const spaced = `  ${para.slice(0, 9)} \u3000${para.slice(9)}\t`;
    const text = base.replace('一、总体情况\n', `一、总体情况\n${para}\n${spaced}\n`);
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), spaced);
    // These two lines share the layout's hash of a line (FNV-1a, 28 bits): told apart by their text.
    const [a, b] = ['本年度依申请公开工作标真结请实真政真彻区到结本到彻落', '本年度依申请公开工作认落彻政真区开建规彻标贯建标建结'];
    const collide = base.replace('一、总体情况\n', `一、总体情况\n${a}\n说明。\n${b}\n说明。\n${b}\n说明。\n${a}\n`);
    assert.deepEqual(
      warnings(collide, 'structure').map((x) => [collide.slice(x.start, x.end), collide.slice(x.related[0].start, x.related[0].end), x.related[0].start]),
      [
        [b, b, collide.indexOf(b)],
        [a, a, collide.indexOf(a)],
      ],
    );
  });
  test('long lines that differ only in the middle are told apart; spaces in the middle do not make a repeat new', () => {
    // The layout hashes only the first and the last 32 characters of a long line.
    const head = '本区认真贯彻落实政府信息公开条例要求，健全工作机制，规范公开流程，';
    const tail = '全面提升政务公开质量和实效，持续推进政务公开标准化规范化建设。';
    const [a, b] = [`${head}甲${tail}`, `${head}乙${tail}`];
    const spaced = `${head} \u3000甲\t${tail}`;
    const text = base.replace('一、总体情况\n', `一、总体情况\n${a}\n说明。\n${b}\n说明。\n${b}\n说明。\n${spaced}\n`);
    assert.deepEqual(
      warnings(text, 'structure').map((x) => [text.slice(x.start, x.end), text.slice(x.related[0].start, x.related[0].end), x.related[0].start]),
      [
        [b, b, text.indexOf(b)],
        [spaced, a, text.indexOf(a)],
      ],
    );
  });
});
