// part-content: what the parts say, against what the template and the Regulations ask —
// part 五 (存在的主要问题及改进情况) empty or only 无/暂无 (evaluators fault it; a warning);
// part 一 (总体情况) silent on a topic its template declares (2021: 主动公开, 依申请公开,
// 政府信息管理, 平台建设, 监督保障; templates.ts `overviewTopics`); a government's report
// without its 工作考核、社会评议和责任追究结果情况 (条例 第五十条). Parts as partText.ts reads them.

import { PARTS } from '../declarations';
import type { Finding, Rule } from '../findings';
import { t } from '../i18n';
import { partText, type PartText } from '../partText';
import { templateById } from '../templates';
import { bodyKind } from '../title';

const PROBLEMS = PARTS.findIndex((p) => p.numeral === '五');
const OVERVIEW = PARTS.findIndex((p) => p.numeral === '一');
const OTHER = PARTS.findIndex((p) => p.numeral === '六');

/** What an empty part 五 says, once spaces and punctuation are gone. */
const EMPTY = new Set(['', '无', '暂无']);

/** The words that show the report states its 工作考核、社会评议和责任追究结果情况 (any one). */
const ASSESSMENT = ['考核', '评议', '责任追究', '追究责任', '问责'];

const headingRange = (p: PartText) => ({ start: p.heading.numeralStart, end: p.heading.titleEnd });

/** One space, punctuation mark or symbol. */
const SPACE_OR_MARK = /[\s\p{P}\p{S}]/u;

export const partContent: Rule = {
  id: 'part-content',
  severity: 'information',
  severities: ['information', 'warning'],
  zh: '部分内容',
  en: 'part content',
  summary: 'part 五 empty or 无 (warning); part 一 silent on a template topic; a government without 考核、评议、责任追究',
  descriptionZh:
    '第五部分“存在的主要问题及改进情况”为空或只写“无”“暂无”时警告；2021 年模板第一部分“总体情况”应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障（国办公开办函〔2021〕30号），每缺一项提示一次；人民政府（非部门）的报告应说明工作考核、社会评议和责任追究结果情况（《政府信息公开条例》第五十条），未见时提示。只检查 2019 年及以后模板的报告。',
  descriptionEn:
    'Part V (problems and improvements) empty or only 无/暂无 is a warning; in the 2021 template, part I (overview) covers proactive disclosure, disclosure on request, information management, platforms, oversight and support (国办公开办函〔2021〕30号): a note for each one missing; a government’s report (not a department’s) states the results of assessment, public evaluation and accountability (article 50): a note when absent. Reports of the 2019 template or later only.',
  run(ctx) {
    const { model, locale, identity } = ctx;
    const template = templateById(model.template);
    if (!template) return [];
    const out: Finding[] = [];
    const note = (start: number, end: number, message: string, severity: Finding['severity'] = 'information') =>
      out.push({ code: 'part-content', severity, message, start, end, related: [], fixes: [] });

    const problems = partText(model, PROBLEMS);
    if (problems) {
      // Its words without spaces, punctuation and symbols, a character at a time (linear on any input).
      const said = [...problems.prose].filter((c) => !SPACE_OR_MARK.test(c)).join('');
      if (EMPTY.has(said)) {
        const { start, end } = headingRange(problems);
        const part = PARTS[PROBLEMS].title;
        note(start, end, said ? t(locale, 'partContent.problemsNone', { part, text: said }) : t(locale, 'partContent.problemsEmpty', { part }), 'warning');
      }
    }

    const overview = partText(model, OVERVIEW);
    if (overview && template.overviewTopics.length) {
      const { start, end } = headingRange(overview);
      for (const topic of template.overviewTopics)
        if (!topic.keywords.some((w) => overview.prose.includes(w))) note(start, end, t(locale, 'partContent.topic', { part: PARTS[OVERVIEW].title, topic: topic.zh, issuedBy: template.issuedBy }));
    }

    if (identity?.body && bodyKind(identity.body) === 'government' && !ASSESSMENT.some((w) => model.simple.includes(w))) {
      const other = partText(model, OTHER) ?? overview;
      const firstLine = model.simple.indexOf('\n');
      const at = other ? headingRange(other) : { start: 0, end: firstLine === -1 ? model.simple.length : firstLine };
      note(at.start, at.end, t(locale, 'partContent.assessment', { body: identity.body }));
    }
    return out;
  },
};
