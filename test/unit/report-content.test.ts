// deadline, part-content and text-reuse: their options and the pieces they are built from
// (the body's kind, the parts' sentences, the reuse ratio). The fixtures under
// test/fixtures/rules/{deadline,part-content,text-reuse} hold the cases without options.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { check, yearFacts, type CheckOptions } from '../../server/src/engine';
import { bodyKind } from '../../server/src/engine/title';
import { BOILERPLATE, normalizeSentence, ownSentences, partText, sentencesOf } from '../../server/src/engine/partText';
import { parseMonthDay } from '../../server/src/engine/rules/deadline';
import { reuseRatio, reuseThreshold } from '../../server/src/engine/rules/textReuse';
import { defaultSpec, render } from '../support/generate';
import { REPO } from '../support/paths';

const findings = (text: string, code: string, options: CheckOptions = {}) => check(text, options).findings.filter((f) => f.code === code);

describe('the kind of body', () => {
  test('governments, their offices, and places of county level or above', () => {
    for (const b of ['博山区', '寻乌县', '高新区', '平潭综合实验区', '上海市人民政府办公厅', '示例区人民政府', '示例县人民政府办公室', '某省']) assert.equal(bodyKind(b), 'government', b);
  });
  test('departments, townships and streets', () => {
    for (const b of ['示例区教育局', '示例市发展和改革委员会', '示例县政务服务中心', '示例镇', '示例镇人民政府', '某某街道办事处', '示例市卫生健康委']) assert.equal(bodyKind(b), 'department', b);
  });
  test('a name that says nothing', () => {
    assert.equal(bodyKind('示例'), null);
    assert.equal(bodyKind(null), null);
  });
});

describe('deadline', () => {
  const report = (body: string, date: string) => render(defaultSpec(), 'pipe').replace('示例区2022年', `${body}2022年`) + `\n${body}\n${date}\n`;
  test('the defaults: departments by 31 January, governments by 31 March', () => {
    assert.equal(findings(report('示例区教育局', '2023年2月1日'), 'deadline').length, 1);
    assert.equal(findings(report('示例区教育局', '2023年1月31日'), 'deadline').length, 0);
    assert.equal(findings(report('示例区人民政府', '2023年3月31日'), 'deadline').length, 0);
    const late = findings(report('示例区人民政府', '2023年4月1日'), 'deadline');
    assert.equal(late.length, 1);
    assert.match(late[0].message, /2023年4月1日.*2023年3月31日.*第五十条/);
  });
  test('local deadlines from the options, a body of its own first', () => {
    const text = report('示例区教育局', '2023年1月25日');
    assert.match(findings(text, 'deadline', { deadlines: { department: '01-20' } })[0].message, /本地期限/);
    assert.equal(findings(text, 'deadline', { deadlines: { department: '01-20', bodies: { 示例区教育局: '02-28' } } }).length, 0);
    assert.equal(findings(report('示例区人民政府', '2023年3月1日'), 'deadline', { deadlines: { government: '02-20' } }).length, 1);
    // A deadline that is no day falls back to the default.
    assert.equal(findings(text, 'deadline', { deadlines: { department: '02-30' } }).length, 0);
  });
  test('no date, no finding', () => {
    assert.equal(findings(render(defaultSpec(), 'pipe').replace('示例区2022年', '示例区教育局2022年'), 'deadline').length, 0);
  });
  test('MM-DD', () => {
    assert.deepEqual(parseMonthDay('01-31'), [1, 31]);
    assert.deepEqual(parseMonthDay('2-29'), [2, 29]);
    assert.equal(parseMonthDay('13-01'), null);
    assert.equal(parseMonthDay('0131'), null);
    assert.equal(parseMonthDay(undefined), null);
  });
});

describe('parts and their sentences', () => {
  test('normalised: punctuation, spaces and enumerators dropped, numbers alike', () => {
    assert.equal(normalizeSentence('（一）2022年，收到申请 11 件'), '#年收到申请#件');
    assert.deepEqual(sentencesOf('一是公开意识有待进一步提高。短句。\n下一步将加强培训工作力度；'), ['是公开意识有待进一步提高', '下一步将加强培训工作力度']);
  });
  test('boilerplate is not a sentence of its own', () => {
    assert.ok(BOILERPLATE.has(normalizeSentence('无其他需要报告的事项。')));
    assert.deepEqual(ownSentences('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n无其他需要报告的事项。'), []);
  });
  test("a part's prose leaves its tables out", () => {
    const model = check(render(defaultSpec(), 'pipe')).model;
    assert.doesNotMatch(partText(model, 2)!.prose, /本年新收/);
    assert.match(partText(model, 4)!.prose, /公开意识/);
  });
  test('the year facts carry each part\'s sentence hashes', () => {
    const text = render(defaultSpec(), 'pipe');
    const r = check(text);
    const facts = yearFacts(r.model, 'a.txt', r.identity);
    assert.equal(facts.partSentences.length, 6);
    assert.equal(facts.partSentences[4].length, 2);
  });
});

describe('text-reuse', () => {
  const dir = path.join(REPO, 'test/fixtures/rules/text-reuse/2021');
  const prev = readFileSync(path.join(dir, '2021-previous.txt'), 'utf8');
  const cur = readFileSync(path.join(dir, '2022-breaking.txt'), 'utf8');
  const p = check(prev, { path: '/reports/2021.txt' });
  const facts = yearFacts(p.model, '/reports/示例区2021年报告.txt', p.identity);
  const lookup = (key: string, year: number) => (key === facts.bodyKey && year === facts.year ? facts : null);
  test('the message names the part, the ratio and last year\'s file', () => {
    const f = findings(cur, 'text-reuse', { lookup });
    assert.equal(f.length, 1);
    assert.match(f[0].message, /五、存在的主要问题及改进情况/);
    assert.match(f[0].message, /\d+\.\d%/);
    assert.match(f[0].message, /示例区2021年报告\.txt/);
  });
  test('the threshold comes from the options', () => {
    assert.equal(findings(cur, 'text-reuse', { lookup, textReuse: { threshold: 1 } }).length, 0);
    assert.equal(findings(cur, 'text-reuse', { lookup, textReuse: { threshold: 0.5 } }).length, 1);
    assert.equal(reuseThreshold({ threshold: 2 }), 0.8);
    assert.equal(reuseThreshold(undefined), 0.8);
  });
  test('the ratio is by characters', () => {
    assert.equal(reuseRatio([], new Set()), 0);
    const r = check(cur).model;
    const own = ownSentences(partText(r, 4)!.prose);
    const ratio = reuseRatio(own, new Set(facts.partSentences[4]));
    assert.ok(ratio > 0.8 && ratio < 1, String(ratio));
  });
});
