// template-mismatch: the tables do not match the template in force for the
// report's year (2019 template for 2019–2020 reports, 2021 template from 2021): the
// template in force, its table 三 shape and its accepted variants come from templates.ts.

import type { Finding, Rule } from '../findings';
import { t } from '../i18n';
import { olderThan, TEMPLATES, templateById, templateForShape, templateInForce, type TemplateDecl } from '../templates';

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
    const a = model.applications;
    const verdict = templateVerdict(year, d?.template, a?.shape);
    if (year !== null && d && verdict.disclosure && d.evidence.length) {
      const ev = d.evidence[0];
      const evidence = d.evidence.slice(0, 3).map((c) => c.text.replace(/\s+/g, '')).join('、');
      // The template in force and the one table 二 follows, as declared (templates.ts).
      const expected = templateInForce(year)!;
      const params = { year, evidence, expected: expected.id, issuedBy: expected.issuedBy, found: d.template };
      const message = verdict.disclosure === 'old' ? t(locale, 'template.old', params) : t(locale, 'template.new', params);
      out.push({ code: 'template-mismatch', severity: 'warning', message, start: ev.start, end: ev.end, related: [], fixes: [] });
    }
    const label = a && (a.rows.get('other') ?? a.rows.get('other.1'))?.label;
    if (year !== null && label && verdict.applications === 'early') {
      out.push({ code: 'template-mismatch', severity: 'warning', message: t(locale, 'template.splitEarly', { year, template: templateForShape(a.shape)!.id }), start: label.start, end: label.end, related: [], fixes: [] });
    } else if (label && verdict.applications === 'variant') {
      out.push({ code: 'template-mismatch', severity: 'information', message: t(locale, 'template.rows23', { template: d?.template ?? '' }), start: label.start, end: label.end, related: [], fixes: [] });
    }
    return out;
  },
};

/**
 * What the templates say of a report of `year` whose table 二 is of template `used` and whose
 * table 三 has `shape`: table 二 of a template older or newer than the one in force; table 三
 * of a newer template's shape (`early`), or of a variant declared beside table 二's template.
 */
export function templateVerdict(
  year: number | null,
  used: string | undefined,
  shape: string | undefined,
  templates: readonly TemplateDecl[] = TEMPLATES,
): { disclosure: 'old' | 'new' | null; applications: 'early' | 'variant' | null } {
  const inForce = templateInForce(year, templates);
  const tpl = templateById(used, templates);
  const shaped = shape === undefined ? undefined : templateForShape(shape, templates);
  return {
    disclosure: !inForce || !tpl || tpl === inForce ? null : olderThan(tpl, inForce) ? 'old' : 'new',
    applications:
      inForce && shaped && olderThan(inForce, shaped) ? 'early' : tpl && tpl.variants.some((v) => v.applications === shape) ? 'variant' : null,
  };
}
