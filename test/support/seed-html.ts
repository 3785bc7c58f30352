// Seed 000 (../shared/seeds/000_*.txt) as the HTML page it was copied from: its prose
// lines as paragraphs and its numbers in the template's merged tables, with the seed's own
// labels (half-width parentheses, the value glued to the label of （三）3). Written to
// test/fixtures/html/ by `node out/test/support/seed-html.js`; checked against the seed
// text in test/unit/html-cli.test.ts.

import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { applicationsHeader, applicationsRows, appealsRows, pageHtml, reportHtml, type HCell } from './html';
import { defaultSpec } from './generate';
import { REPO, SEED } from './paths';

const zero = () => [0, 0, 0, 0, 0, 0, 0];

export function seed000Html(): string {
  const lines = readFileSync(SEED.s000, 'utf8').split('\n');
  const at = (s: string) => lines.indexOf(s);
  const disclosure: HCell[][] = [];
  const group = (item: string, header: string[], rows: (string | number)[][]) => {
    disclosure.push([{ text: `第二十条第(${item})项`, colSpan: 4 }]);
    disclosure.push([...header.map((h) => ({ text: h })), ...(header.length < 4 ? [{ text: '', colSpan: 4 - header.length }] : [])]);
    for (const r of rows) disclosure.push([...r.map((v) => ({ text: v })), ...(r.length < 4 ? [{ text: '', colSpan: 4 - r.length }] : [])]);
  };
  group('一', ['信息内容', '本年新\n制作数量', '本年新\n公开数量', '对外公开总数量'], [['规章', 0, 0, 0], ['规范性文件', 3, 3, 7]]);
  group('五', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], [['行政许可', 25497, '减5874', 19623], ['其他对外管理服务事项', 347, '增7', 354]]);
  group('六', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], [['行政处罚', 20309, '增87', 862], ['行政强制', 811, '增17', 35]]);
  group('八', ['信息内容', '上一年项目数量', '本年增/减'], [['行政事业性收费', 5, 0]]);
  group('九', ['信息内容', '采购项目数量', '采购总金额'], [['政府集中采购', 236, '101973.15万']]);
  const rows: Record<string, number[]> = {};
  for (const k of ['new', 'carried', 'granted', 'partial', ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `denied.${i}`), 'unable.1', 'unable.2', 'unable.3', ...[1, 2, 3, 4, 5].map((i) => `ignored.${i}`), 'other', 'total', 'forward']) rows[k] = zero();
  rows.new = [5, 0, 0, 0, 0, 0, 5];
  rows.granted = [4, 0, 0, 0, 0, 0, 4];
  rows['unable.1'] = [1, 0, 0, 0, 0, 0, 1];
  const labels = { granted: '(一)予以公开', partial: '(二)部分公开(区分处理的,只计这一情形,不计其他情形)', 'denied.3': '3.危及“三安全一稳定”0', other: '(六)其他处理', total: '(七)总计' };
  const groups = { denied: '(三)不予公开', unable: '(四)无法提供', ignored: '(五)不予处理' };
  return pageHtml(
    [
      ...lines.slice(0, at('二、主动公开政府信息情况') + 1),
      disclosure,
      '三、收到和处理政府信息公开申请情况',
      [...applicationsHeader('(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)'), ...applicationsRows(rows, 'single-other', labels, groups)],
      '四、收到和处理政府信息公开申请情况',
      appealsRows(new Array(15).fill(0)),
      ...lines.slice(at('五、存在的主要问题及改进措施')).filter((l) => l.trim()),
    ],
    'utf-8',
    '石家庄市栾城区2020年政府信息公开工作年度报告',
  );
}

/** The fixtures: seed 000, and the template-shaped reports of both shapes (one of them GBK). */
export function writeHtmlFixtures(dir = path.join(REPO, 'test', 'fixtures', 'html')): void {
  writeFileSync(path.join(dir, 'seed-000.html'), seed000Html());
  writeFileSync(path.join(dir, 'template-2021.html'), reportHtml(defaultSpec({ shape: 'split-other' })));
  writeFileSync(path.join(dir, 'template-2019-gbk.html'), iconv.encode(reportHtml(defaultSpec({ shape: 'single-other' }), 'gb2312'), 'gbk'));
}

if (require.main === module) writeHtmlFixtures();
