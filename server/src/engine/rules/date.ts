// date: dates impossible for the year reported on — a statistics period of another
// year, a signing or 填报 date before the period ended, a date that does not exist,
// and garbled dates (`201911日`), which are reported as unreadable, never guessed.

import type { Finding, Rule } from '../findings';
import { t } from '../i18n';
import { documentLayout, inRepeat, inTables } from '../layout';

// Each run of spaces has one place in the pattern (`\s*(?:自\s*)?`, not `\s*自?\s*`): linear time.
export const PERIOD = /统计期限(?:为|是)?\s*(?:(?:自|从)\s*)?((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:(?:起|始)\s*)?(?:[，,]\s*)?(?:至|到|—|-)\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const LABELLED = /(填报日期|报告日期|报送日期|发布日期|编制日期|日期)\s*[:：]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const STANDALONE = /^[ \t\u3000]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t\u3000]*$/;
const GARBLED = /(?<![年月日\d])((?:19|20)\d{3,5})日/g;

function valid(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export const date: Rule = {
  id: 'date',
  severity: 'warning',
  zh: '日期',
  en: 'date',
  descriptionZh: '统计期限应为报告年度的 1 月 1 日至 12 月 31 日；落款或填报日期不应早于统计期限结束；不存在的日期与无法识别的日期（如“201911日”）会被指出，但不会被猜测。',
  descriptionEn: 'The statistics period is the report year; a signing or 填报 date cannot precede its end; dates that do not exist and unreadable dates (such as 201911日) are reported, never guessed.',
  run(ctx) {
    const { model, locale } = ctx;
    const year = model.year;
    const layout = documentLayout(ctx);
    const text = layout.simple;
    const out: Finding[] = [];
    const skip = (at: number) => inRepeat(layout, at);
    const add = (start: number, end: number, key: string, params: Record<string, string | number>, severity: Finding['severity'] = 'warning') =>
      out.push({ code: 'date', severity, message: t(locale, key, params), start, end, related: [], fixes: [] });

    for (const m of text.matchAll(PERIOD)) {
      if (skip(m.index!)) continue;
      const [y1, m1, d1, y2, m2, d2] = m.slice(1).map(Number);
      if (year !== null && (y1 !== year || y2 !== year || m1 !== 1 || d1 !== 1 || m2 !== 12 || d2 !== 31))
        add(m.index!, m.index! + m[0].length, 'date.period', { year, period: m[0].replace(/^统计期限(?:为|是)?\s*/, '') });
    }
    const signed: { at: number; len: number; y: number; mo: number; d: number; label: string }[] = [];
    for (const m of text.matchAll(LABELLED)) signed.push({ at: m.index! + m[0].indexOf(m[2]), len: m[0].length - m[0].indexOf(m[2]), y: +m[2], mo: +m[3], d: +m[4], label: m[1] });
    for (const line of layout.lines) {
      const m = STANDALONE.exec(line.text);
      if (m && !inTables(layout, line.start)) {
        const at = line.start + line.text.indexOf(m[1]);
        signed.push({ at, len: m[0].trim().length, y: +m[1], mo: +m[2], d: +m[3], label: '' });
      }
    }
    for (const s of signed) {
      if (skip(s.at)) continue;
      const shown = text.slice(s.at, s.at + s.len);
      if (!valid(s.y, s.mo, s.d)) add(s.at, s.at + s.len, 'date.invalid', { date: shown });
      else if (year !== null && (s.y < year || (s.y === year && (s.mo < 12 || s.d < 31))))
        add(s.at, s.at + s.len, 'date.early', { date: shown, label: s.label || (locale === 'en' ? 'signing date' : '落款日期'), year });
    }
    for (const m of text.matchAll(GARBLED)) {
      if (skip(m.index!) || inTables(layout, m.index!)) continue;
      // Nothing can be said of a date that cannot be read: a note, not a warning.
      add(m.index!, m.index! + m[0].length, 'date.garbled', { text: m[0] }, 'information');
    }
    return out;
  },
};
