// The title's readers: the report's year for the model (`detectYear`: from the title in
// the first 3000 characters, else the statistics period, else the first year written),
// and who reported for which year (`identifyReport`: the title in the first 15 lines,
// else the file name). They are two patterns, not one: `identifyReport` needs the body
// before the year at a line start and 报告 after it, `detectYear` only the year and
// 政府信息公开 (or a variant) after it, anywhere in the head.

import { simplifyDocument } from './chinese';
import type { ReportIdentity } from './model';

const TITLE_YEAR = /((?:19|20)[0-9]{2})\s*年度?\s*(?:政府信息公开|政府信息公開|政务公开|政務公開|政府信息與政務公開|政府信息与政务公开)/;
const PERIOD_YEAR = /统计期限自\s*((?:19|20)[0-9]{2})\s*年/;
const ANY_YEAR = /((?:19|20)[0-9]{2})\s*年/;

export function detectYear(text: string): { year: number | null; start?: number; end?: number } {
  const head = text.slice(0, 3000);
  for (const re of [TITLE_YEAR, PERIOD_YEAR, ANY_YEAR]) {
    const m = re.exec(head);
    if (m) return { year: Number(m[1]), start: m.index, end: m.index + m[1].length };
  }
  return { year: null };
}

const TITLE = /^[ \t\u3000]*(?:关于)?([^\s，。,;；:：|]{2,40}?)[ \t\u3000]*((?:19|20)\d{2})[ \t\u3000]*年度?[ \t\u3000]*(?:政府信息公开|政务公开|政府信息与政务公开)(?:工作)?(?:年度)?报告/m;

export function bodyKey(body: string): string {
  return simplifyDocument(body).replace(/[\s\u3000]+/g, '').replace(/人民政府$|政府$/, '');
}

/** The body and year from the title in the first lines, else from the file name. */
export function identifyReport(text: string, fileName?: string, fallbackYear: number | null = null): ReportIdentity {
  // The first 15 lines of the first 2000 characters.
  const first = simplifyDocument(text.slice(0, 2000));
  let end = first.indexOf('\n'); // the end of line 1, then of line n
  for (let n = 1; n < 15 && end !== -1; n++) end = first.indexOf('\n', end + 1);
  const head = end === -1 ? first : first.slice(0, end);
  for (const source of [head, fileName ? simplifyDocument(fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')) : '']) {
    const m = TITLE.exec(source);
    if (m) {
      const body = m[1].replace(/^[\d_\-\s]+/, '');
      if (body.length >= 2) return { body, bodyKey: bodyKey(body), year: Number(m[2]) };
    }
  }
  return { body: null, bodyKey: null, year: fallbackYear };
}
