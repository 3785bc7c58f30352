// template-mismatch: the tables do not match the template in force for the report's
// year. The template in force, its table 三 shape and its accepted variants come from
// templates.ts; so does the rule's description.

import type { Finding, Rule } from '../findings';
import { t } from '../i18n';
import { olderThan, TEMPLATES, templateById, templateForShape, templateInForce, type TemplateDecl } from '../templates';

/** How many rows table 三 has in a shape, as declared. */
const rowsIn = (tpl: TemplateDecl, shape: string) => tpl.applications.decl.rows.filter((r) => r.shape === undefined || r.shape === shape).length;

/** The rule's description, from TEMPLATES: each template's years and document, and the variants noted. */
function describe(locale: 'zh-cn' | 'en'): string {
  const uses = TEMPLATES.map((tpl) => {
    const { from, to } = tpl.yearsInForce;
    if (to === null) return t(locale, 'templateDoc.usesFrom', { from, id: tpl.id, issuedBy: tpl.issuedBy });
    const years = Array.from({ length: to - from + 1 }, (_, i) => from + i).join(t(locale, 'templateDoc.and'));
    return t(locale, 'templateDoc.uses', { years, id: tpl.id, issuedBy: tpl.issuedBy });
  });
  const variants = TEMPLATES.flatMap((tpl) => tpl.variants.map((v) => t(locale, 'templateDoc.variant', { rows: rowsIn(tpl, v.applications), id: tpl.id })));
  const text = t(locale, 'templateDoc.description', { uses: uses.join(t(locale, 'templateDoc.separator')), variants: variants.join(' ') }).trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const templateMismatch: Rule = {
  id: 'template-mismatch',
  severity: 'warning',
  zh: '模板不符',
  en: 'template mismatch',
  summary: 'the tables do not match the template in force for the year',
  descriptionZh: describe('zh-cn'),
  descriptionEn: describe('en'),
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
