// template-mismatch: the tables do not match the template in force for the
// report's year (2019 template for 2019–2020 reports, 2021 template from 2021).

import type { Finding, Rule } from '../findings';
import { t } from '../i18n';

export const templateMismatch: Rule = {
  id: 'template-mismatch',
  severity: 'warning',
  zh: '模板不符',
  en: 'template mismatch',
  summary: 'the tables do not match the template in force for the year',
  descriptionZh: '2019、2020 年度报告应使用国办公开办函〔2019〕60号模板，2021 年度起应使用〔2021〕30号模板。表三为 23 行而表二为 2021 年模板的混合形式仅作提示。',
  descriptionEn: 'Reports for 2019 and 2020 use the 2019 template; reports from 2021 use the 2021 template. A 23-row table III beside a 2021 table II is noted, not flagged.',
  run(ctx) {
    const { model, locale } = ctx;
    const out: Finding[] = [];
    const d = model.disclosure;
    const year = model.year;
    if (year !== null && d && d.template !== 'unknown' && d.evidence.length) {
      const ev = d.evidence[0];
      const evidence = () => d.evidence.slice(0, 3).map((c) => c.text.replace(/\s+/g, '')).join('、');
      if (year >= 2021 && d.template === '2019') {
        out.push({ code: 'template-mismatch', severity: 'warning', message: t(locale, 'template.old', { year, evidence: evidence() }), start: ev.start, end: ev.end, related: [], fixes: [] });
      } else if (year <= 2020 && year >= 2019 && d.template === '2021') {
        out.push({ code: 'template-mismatch', severity: 'warning', message: t(locale, 'template.new', { year, evidence: evidence() }), start: ev.start, end: ev.end, related: [], fixes: [] });
      }
    }
    const a = model.applications;
    if (a) {
      const label = (a.rows.get('other') ?? a.rows.get('other.1'))?.label;
      if (label) {
        if (a.shape === 'split-other' && year !== null && year <= 2020 && year >= 2019) {
          out.push({ code: 'template-mismatch', severity: 'warning', message: t(locale, 'template.splitEarly', { year }), start: label.start, end: label.end, related: [], fixes: [] });
        } else if (a.shape === 'single-other' && d?.template === '2021') {
          out.push({ code: 'template-mismatch', severity: 'information', message: t(locale, 'template.rows23'), start: label.start, end: label.end, related: [], fixes: [] });
        }
      }
    }
    return out;
  },
};
