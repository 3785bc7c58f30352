// deadline: a report signed after its publication deadline (《政府信息公开条例》 第五十条:
// every administrative body publishes its report by 31 January of the following year, the
// government of a county or above by 31 March). The body's kind comes from the title
// (title.ts, `bodyKind`); the date is the last signing or labelled date (dates.ts); local
// deadlines come from the options (`CheckOptions.deadlines`). No kind or no date: no finding.

import { signedDates, validDate } from '../dates';
import type { DeadlineOptions, Finding, Rule, RuleContext } from '../findings';
import { t } from '../i18n';
import { documentLayout } from '../layout';
import { bodyKey, bodyKind } from '../title';

export type { DeadlineOptions } from '../findings';

/** The deadlines of 条例 第五十条, as 'MM-DD' of the year after the report's. */
export const DEFAULT_DEADLINES = { department: '01-31', government: '03-31' } as const;

/** 'MM-DD' → [month, day], or null when it is no day of a (leap) year. */
export function parseMonthDay(s: string | undefined): [number, number] | null {
  const m = /^\s*(\d{1,2})-(\d{1,2})\s*$/.exec(s ?? '');
  if (!m) return null;
  const mo = Number(m[1]);
  const d = Number(m[2]);
  return validDate(2000, mo, d) ? [mo, d] : null;
}

/** The deadline that applies to a body: its own (`bodies`), else its kind's (options, else the default). */
function deadlineOf(options: DeadlineOptions | undefined, body: string, key: string | null, kind: 'government' | 'department' | null): { due: [number, number]; local: boolean } | null {
  for (const [name, value] of Object.entries(options?.bodies ?? {})) {
    if (name === body || (key !== null && bodyKey(name) === key)) {
      const own = parseMonthDay(value);
      if (own) return { due: own, local: true };
    }
  }
  if (!kind) return null;
  const local = parseMonthDay(options?.[kind]);
  return local ? { due: local, local: true } : { due: parseMonthDay(DEFAULT_DEADLINES[kind])!, local: false };
}

export const deadline: Rule = {
  id: 'deadline',
  severity: 'warning',
  zh: '公布期限',
  en: 'deadline',
  summary: 'signed after the publication deadline (departments 31 January, governments 31 March; local dates configurable)',
  descriptionZh:
    '《政府信息公开条例》第五十条：各级行政机关应在每年 1 月 31 日前公布本机关上一年度的年度报告，县级以上人民政府（其办公室、办公厅编制）应在 3 月 31 日前公布。机关类别从标题中的名称判断（人民政府、办公室、办公厅为政府；局、委、中心、办等为部门；乡镇、街道按条例属 1 月 31 日）；报告落款或填报日期晚于期限时提示。地方规定的更早日期可在配置中设置（deadlines：department、government、按机关名称的 bodies）。无法判断类别或没有日期时不作判断。',
  descriptionEn:
    'Article 50 of the Regulations: every administrative body publishes its report on the previous year by 31 January, the government of a county or above (compiled by its office) by 31 March. The kind of body is told from the name in the title (人民政府, 办公室, 办公厅: government; 局, 委, 中心, 办 …: department; townships and streets publish by 31 January); a signing or filing date after the deadline is reported. Earlier local dates can be configured (deadlines: department, government, bodies by name). No finding without a kind of body or a date.',
  run(ctx: RuleContext) {
    const { model, locale, identity } = ctx;
    const year = identity?.year ?? model.year;
    const body = identity?.body ?? null;
    if (year === null || !body) return [];
    const applies = deadlineOf(ctx.deadlines, body, identity?.bodyKey ?? null, bodyKind(body));
    if (!applies) return [];
    const layout = documentLayout(ctx);
    // The report's date: the last valid signing or labelled date (the signature ends the report).
    const dates = signedDates(layout).filter((s) => validDate(s.y, s.mo, s.d));
    if (dates.length === 0) return [];
    const s = dates.reduce((a, b) => (b.at > a.at ? b : a));
    const [mo, d] = applies.due;
    const late = s.y > year + 1 || (s.y === year + 1 && (s.mo > mo || (s.mo === mo && s.d > d)));
    if (!late) return [];
    const params = { date: layout.simple.slice(s.at, s.at + s.len), deadline: t(locale, 'deadline.day', { year: year + 1, month: mo, day: d }), body };
    const f: Finding = {
      code: 'deadline',
      severity: 'warning',
      message: applies.local ? t(locale, 'deadline.lateLocal', params) : t(locale, 'deadline.late', params),
      start: s.at,
      end: s.at + s.len,
      related: [],
      fixes: [],
    };
    return [f];
  },
};
