// One reading of a document's part headings and of its year (issue 14, item 3): the
// outline, the hover's model headings and the structure rule's parts are one list, and
// the year cross-year checks read is the year the rules use.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { identifyReport, outline, parse, yearFacts } from '../../server/src/engine';
import { documentLayout } from '../../server/src/engine/layout';
import { LAYOUTS, defaultSpec, render } from '../support/generate';
import { REPO, SEEDS } from '../support/paths';

interface Seen {
  line: number;
  numeral: string;
  title: string;
  start: number;
}

function files(dir: string): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

const PARTS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

/** Documents whose headings are read differently by a looser or stricter finder. */
const EDGES: { name: string; text: string }[] = [
  { name: 'a heading ending in 。', text: '某区2022年政府信息公开工作年度报告\n一、总体情况。\n正文。\n二、主动公开政府信息情况\n' },
  { name: 'an image placeholder before the numeral', text: '某区2022年政府信息公开工作年度报告\n[image:x]二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n' },
  { name: 'digits and spaces before the separator', text: '某区2022年政府信息公开工作年度报告\n1 、总体情况\n2 . 主动公开政府信息情况\n3、收到和处理政府信息公开申请情况\n' },
  { name: 'CRLF line ends', text: ['某区2022年政府信息公开工作年度报告', ...PARTS, ''].join('\r\n') },
  { name: 'a long digit numeral and a long title', text: `某区2022年政府信息公开工作年度报告\n123、总体情况\n一、${'总体情况'.repeat(9)}\n二、主动公开政府信息情况｜\n` },
  { name: 'list items that read like no part', text: '某区2022年政府信息公开工作年度报告\n一、加强组织领导\n1、完善制度\n二、主动公开政府信息情况\n' },
  { name: 'a title with a separator of its own', text: '某区2022年政府信息公开工作年度报告\n四、政府信息公开行政复议；行政诉讼情况\n五、存在的主要问题及改进情况\n' },
];

function documents(): { name: string; file?: string; text: string }[] {
  const docs: { name: string; file?: string; text: string }[] = [];
  for (const dir of [SEEDS, path.join(REPO, 'test/samples'), path.join(REPO, 'test/e2e/fixtures')])
    for (const { file, text } of files(dir)) docs.push({ name: path.basename(file), file, text });
  for (const shape of ['split-other', 'single-other'] as const)
    for (const layout of LAYOUTS) docs.push({ name: `generated ${shape} ${layout}`, text: render(defaultSpec({ shape }), layout) });
  return [...docs, ...EDGES];
}

describe('one reading of the part headings', () => {
  for (const doc of documents()) {
    test(`${doc.name}: the outline, the hover's model and the structure rule read the same headings`, () => {
      const model = parse(doc.text);
      const layout = documentLayout({ model });
      const rules: Seen[] = layout.headings.map((h) => ({ line: h.line.index, numeral: h.numeral, title: h.title, start: h.numeralStart }));
      const hover: Seen[] = (model.headings ?? []).map((h) => ({ line: h.line.index, numeral: h.numeral, title: h.title, start: h.numeralStart }));
      const shown = outline({ model, locale: 'zh-cn' })
        .filter((n) => n.kind === 'part')
        .map((n) => ({ name: n.name, start: n.selectStart }));
      assert.deepEqual(hover, rules);
      assert.deepEqual(
        shown,
        rules.map((h) => ({ name: `${h.numeral}、${h.title}`, start: h.start })),
      );
    });
  }

  test('edge cases read as the rules read them', () => {
    const titles = (text: string) => (parse(text).headings ?? []).map((h) => `${h.numeral}|${h.title}`);
    assert.deepEqual(titles(EDGES[0].text), ['一|总体情况', '二|主动公开政府信息情况']);
    assert.deepEqual(titles(EDGES[1].text), ['二|主动公开政府信息情况', '三|收到和处理政府信息公开申请情况']);
    assert.deepEqual(titles(EDGES[2].text), ['1|总体情况', '2|主动公开政府信息情况', '3|收到和处理政府信息公开申请情况']);
    assert.deepEqual(titles(EDGES[3].text), PARTS.map((p) => p.replace('、', '|')));
    assert.deepEqual(titles(EDGES[5].text), ['一|加强组织领导', '二|主动公开政府信息情况']);
  });

  test('table 三 not read (pdftotext without layout: its rows are columns of values): its numbered row labels are no parts', () => {
    // gen-06's Chromium PDF as pdftotext prints it: table 三 is not found, its lines lie in no table.
    const text = readFileSync(path.join(REPO, 'test/corpus/generated/gen-06.chrome.plain.txt'), 'utf8');
    const titles = (parse(text).headings ?? []).map((h) => `${h.numeral}、${h.title}`);
    for (const row of ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '四、结转下年度继续办理']) assert.ok(!titles.includes(row), `${row} read as a part: ${JSON.stringify(titles)}`);
    assert.deepEqual(
      titles.filter((t) => PARTS.includes(t)),
      PARTS,
    );
  });

  test('a model parsed without headings still gives the rules their headings', () => {
    const text = EDGES[3].text;
    assert.deepEqual(
      documentLayout({ model: parse(text, { headings: false }) }).headings.map((h) => h.title),
      PARTS.map((p) => p.slice(2)),
    );
  });
});

describe('one reading of the year', () => {
  for (const doc of documents()) {
    test(`${doc.name}: the year across years is the year the rules use`, () => {
      const model = parse(doc.text);
      const identity = identifyReport(doc.text, doc.file, model.year);
      assert.equal(identity.year, model.year);
      assert.equal(yearFacts(model, doc.name, identity).year, model.year);
    });
  }

  test('the title year is read by one pattern: spaces but no line break inside it', () => {
    // A year at the end of one line and 政府信息公开 on the next is no title.
    const text = '某区人民政府\n工作报告 2019年\n政府信息公开工作要点\n本报告统计期限自2020年1月1日起。\n';
    const model = parse(text);
    assert.equal(model.year, 2020);
    assert.equal(identifyReport(text, undefined, model.year).year, 2020);
  });

  test('a report named only by its file: the editor’s percent-encoded file URI names the body as the path does', () => {
    const text = '一、总体情况\n本年度工作情况良好。\n';
    const file = '/reports/栾城区2020年政府信息公开工作年度报告.html';
    const byPath = identifyReport(text, file, null);
    assert.deepEqual([byPath.body, byPath.year], ['栾城区', 2020]);
    assert.deepEqual(identifyReport(text, pathToFileURL(file).toString(), null), byPath);
    // A Windows path is no URI: its name is read as written.
    assert.equal(identifyReport(text, 'C:\\r\\栾城区%E5%B9%B42020年政府信息公开工作年度报告.txt', null).body, '栾城区%E5%B9%B4');
  });
});
