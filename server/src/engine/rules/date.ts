// date: dates impossible for the year reported on — a statistics period of another
// year, a signing or 填报 date before the period ended, a date that does not exist,
// and garbled dates (`201911日`), which are reported as unreadable, never guessed.

import type { Finding, Rule } from '../findings';
import { t } from '../i18n';
import { matchesAt, occurrences, signedDates, validDate } from '../dates';
import { documentLayout, inRepeat, inTables } from '../layout';

// Each run of spaces has one place in the pattern (`\s*(?:自\s*)?`, not `\s*自?\s*`): linear time.
export const PERIOD = /统计期限(?:为|是)?\s*(?:(?:自|从)\s*)?((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:(?:起|始)\s*)?(?:[，,]\s*)?(?:至|到|—|-)\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const GARBLED = /(?<![年月日\d])((?:19|20)\d{3,5})日/g;

/** PERIOD's matches start at 统计期限. */
const periods = (text: string) => matchesAt(new RegExp(PERIOD.source, 'y'), text, occurrences(text, '统计期限'));

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * GARBLED's matches: runs of 5 to 7 digits ending at a 日, starting where the digits
 * start (nothing before may be a digit, and 日 is none) — found from each 日 (`days`:
 * where 日 occurs in `text`) by walking back over at most 8 digits.
 */
function garbledDates(text: string, days: number[]): Generator<RegExpExecArray> {
  const starts: number[] = [];
  for (const q of days) {
    let at = q;
    while (at > 0 && q - at <= 7 && isDigit(text.charCodeAt(at - 1))) at--;
    if (q - at >= 5) starts.push(at);
  }
  return matchesAt(new RegExp(GARBLED.source, 'y'), text, starts);
}

export const date: Rule = {
  id: 'date',
  severity: 'warning',
  zh: '日期',
  en: 'date',
  summary: 'a statistics period of another year; signed before the period ended; impossible dates',
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

    for (const m of periods(text)) {
      if (skip(m.index!)) continue;
      const [y1, m1, d1, y2, m2, d2] = m.slice(1).map(Number);
      if (year !== null && (y1 !== year || y2 !== year || m1 !== 1 || d1 !== 1 || m2 !== 12 || d2 !== 31))
        add(m.index!, m.index! + m[0].length, 'date.period', { year, period: m[0].replace(/^统计期限(?:为|是)?\s*/, '') });
    }
    const days = occurrences(text, '日');
    for (const s of signedDates(layout, days)) {
      const shown = text.slice(s.at, s.at + s.len);
      if (!validDate(s.y, s.mo, s.d)) add(s.at, s.at + s.len, 'date.invalid', { date: shown });
      else if (year !== null && (s.y < year || (s.y === year && (s.mo < 12 || s.d < 31))))
        add(s.at, s.at + s.len, 'date.early', { date: shown, label: s.label || t(locale, 'date.signing'), year });
    }
    for (const m of garbledDates(text, days)) {
      if (skip(m.index!) || inTables(layout, m.index!)) continue;
      // Nothing can be said of a date that cannot be read: a note, not a warning.
      add(m.index!, m.index! + m[0].length, 'date.garbled', { text: m[0] }, 'information');
    }
    return out;
  },
};
