// structure: the six parts of the 2019/2021 templates present, in order, each
// once, named and numbered as the template does; repeated paragraphs reported once,
// at the repeat. Part headings are aligned to the template's parts by `alignParts`.

import { PARTS } from '../declarations';
import type { Finding, Rule } from '../findings';
import { t } from '../i18n';
import { documentLayout, inRepeat, type PartHeading } from '../layout';
import { labelKey } from '../normalize';
import { alignParts, partScores } from '../parts';
import { templateById } from '../templates';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const structure: Rule = {
  id: 'structure',
  severity: 'warning',
  zh: '报告结构',
  en: 'report structure',
  summary: 'a part missing, extra, repeated, misnamed or misnumbered; repeated paragraphs',
  descriptionZh: '2019、2021 年模板的报告由六个部分组成（一、总体情况 … 六、其他需要报告的事项），按序各出现一次，名称与编号同模板。检查缺少、多出、重复、顺序和名称，并报告重复的段落（只在重复处报告一次）。',
  descriptionEn: 'Reports on the 2019 and 2021 templates have six parts, in order, each once, named and numbered as the template does. Missing, extra, duplicated, misnamed and misnumbered parts are reported, and repeated paragraphs once, at the repeat.',
  run(ctx) {
    const { model, locale } = ctx;
    const layout = documentLayout(ctx);
    const out: Finding[] = [];
    for (const r of layout.repeats) {
      out.push({
        code: 'structure',
        severity: 'warning',
        message: t(locale, 'structure.repeat', { from: r.from.index + 1, to: r.to.index + 1, original: r.original.index + 1 }),
        start: r.from.start,
        end: r.from.end,
        related: [{ start: r.original.start, end: r.original.end, message: t(locale, 'structure.original') }],
        fixes: [{ title: t(locale, 'fix.removeRepeat'), preferred: false, edits: [{ start: r.from.start, end: Math.min(model.text.length, r.to.end + 1), newText: '' }] }],
      });
    }
    const templated = templateById(model.template) !== undefined || (model.applications !== null && model.template !== 'legacy');
    const headings = layout.headings.filter((h) => !inRepeat(layout, h.line.start));
    if (!templated || headings.length < 3) return out;

    const { assigned, missing } = alignParts(headings);
    // The first two headings of each title (by labelKey): a heading's duplicate is the
    // first of them that is not itself.
    const byTitle = new Map<string, number[]>();
    headings.forEach((h, i) => {
      const key = labelKey(h.title);
      const same = byTitle.get(key);
      if (!same) byTitle.set(key, [i]);
      else if (same.length < 2) same.push(i);
    });
    const taken = new Map<number, PartHeading>();
    headings.forEach((h, i) => {
      const p = assigned[i];
      const partName = (k: number) => `${PARTS[k].numeral}、${PARTS[k].title}`;
      if (p < 0) {
        const k = byTitle.get(labelKey(h.title))!.find((j) => j !== i);
        const dup = k === undefined ? undefined : headings[k];
        out.push({
          code: 'structure',
          severity: 'warning',
          message: dup ? t(locale, 'structure.duplicate', { heading: `${h.numeral}、${h.title}` }) : t(locale, 'structure.extra', { heading: `${h.numeral}、${h.title}` }),
          start: h.numeralStart,
          end: h.titleEnd,
          related: dup ? [{ start: dup.numeralStart, end: dup.titleEnd, message: `${dup.numeral}、${dup.title}` }] : [],
          fixes: [],
        });
        return;
      }
      taken.set(p, h);
      // Name: misnamed when it carries another part's name.
      const scores = partScores(h);
      const own = scores[p];
      const other = PARTS.map((_, k) => (k === p ? 0 : scores[k]));
      const bestOther = Math.max(...other);
      const rename = { title: t(locale, 'fix.rename', { title: PARTS[p].title }), preferred: false, edits: [{ start: h.titleStart, end: h.titleEnd, newText: PARTS[p].title }] };
      if (own < 0.5 && bestOther >= 0.8) {
        const k = other.indexOf(bestOther);
        out.push({
          code: 'structure',
          severity: 'warning',
          message: t(locale, 'structure.misnamed', { heading: `${h.numeral}、${h.title}`, part: partName(p), other: partName(k) }),
          start: h.titleStart,
          end: h.titleEnd,
          related: [],
          // Preferred in the editor, but headings are not rewritten by fix-all on save.
          fixes: [{ ...rename, preferred: true, unattended: false }],
        });
      } else if (own < 0.5) {
        out.push({
          code: 'structure',
          severity: 'information',
          message: t(locale, 'structure.variant', { heading: h.title, part: partName(p) }),
          start: h.titleStart,
          end: h.titleEnd,
          related: [],
          fixes: [rename],
        });
      }
      // Numbering.
      const expected = PARTS[p].numeral;
      if (h.numeral !== expected) {
        const position = NUMERALS[i] ?? '';
        const digits = /^[0-9０-９]+$/.test(h.numeral);
        const consequence = !digits && h.numeral === position; // numbered in sequence after an extra or missing part
        const fix = { title: t(locale, 'fix.renumber', { numeral: `${expected}、` }), preferred: !consequence, unattended: false, edits: [{ start: h.numeralStart, end: h.numeralEnd, newText: `${expected}、` }] };
        out.push({
          code: 'structure',
          severity: consequence ? 'information' : 'warning',
          message: t(locale, digits ? 'structure.digits' : 'structure.numbered', { heading: `${h.numeral}、${h.title}`, expected: `${expected}、` }),
          start: h.numeralStart,
          end: h.numeralEnd,
          related: [],
          fixes: [fix],
        });
      }
    });
    for (const p of missing) {
      const next = [...taken.entries()].filter(([k]) => k > p).sort((a, b) => a[0] - b[0])[0]?.[1];
      const at = next ?? headings[headings.length - 1];
      out.push({
        code: 'structure',
        severity: 'warning',
        message: t(locale, 'structure.missing', { part: `${PARTS[p].numeral}、${PARTS[p].title}` }),
        start: at.numeralStart,
        end: at.titleEnd,
        related: [],
        fixes: [],
      });
    }
    return out;
  },
};
