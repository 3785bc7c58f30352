// The title's reader: the report's year (`titleYear`: a year, 年 or 年度, then
// 政府信息公开 or a variant, on one line), the one pattern both of its users read it
// by. `detectYear` (the model's year, which the rules use) takes it anywhere in the
// first 3000 characters, else the statistics period, else the first year written;
// `identifyReport` (who reported for which year, across years) takes it after the
// body at the start of one of the first 15 lines and before 报告, else from the file name.

import { simplifyDocument } from './chinese';
import type { ReportIdentity } from './model';

/** The title's year: `YEAR` in a title's words, spaces (no line break) between them. */
const TITLE_YEAR_SOURCE = String.raw`((?:19|20)[0-9]{2})[ \t\u3000]*年度?[ \t\u3000]*(?:政府信息公开|政府信息公開|政务公开|政務公開|政府信息與政務公開|政府信息与政务公开)`;
const TITLE_YEAR = new RegExp(TITLE_YEAR_SOURCE);
const PERIOD_YEAR = /统计期限自\s*((?:19|20)[0-9]{2})\s*年/;
const ANY_YEAR = /((?:19|20)[0-9]{2})\s*年/;

/** The year of the first title in `text`, and where its digits are. */
export function titleYear(text: string): { year: number; start: number; end: number } | null {
  const m = TITLE_YEAR.exec(text);
  return m ? { year: Number(m[1]), start: m.index, end: m.index + m[1].length } : null;
}

export function detectYear(text: string): { year: number | null; start?: number; end?: number } {
  const head = text.slice(0, 3000);
  const title = titleYear(head);
  if (title) return title;
  for (const re of [PERIOD_YEAR, ANY_YEAR]) {
    const m = re.exec(head);
    if (m) return { year: Number(m[1]), start: m.index, end: m.index + m[1].length };
  }
  return { year: null };
}

/** A title line: the body, then the title's year (TITLE_YEAR), then …报告. */
const TITLE = new RegExp(String.raw`^[ \t\u3000]*(?:关于)?([^\s，。,;；:：|]{2,40}?)[ \t\u3000]*(${TITLE_YEAR_SOURCE.replace('(', '(?:')})(?:工作)?(?:年度)?报告`, 'm');

export function bodyKey(body: string): string {
  return simplifyDocument(body).replace(/[\s\u3000]+/g, '').replace(/人民政府$|政府$/, '');
}

/** A path's or URI's last segment; a URI's (the editor's `file:///…/%E7%A4%BA…`) percent-decoded. */
function baseName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  if (!/^[a-z][a-z0-9+.-]+:/i.test(fileName) || !base.includes('%')) return base;
  try {
    return decodeURIComponent(base);
  } catch {
    return base;
  }
}

/** The body and year from the title in the first lines, else from the file name. */
export function identifyReport(text: string, fileName?: string, fallbackYear: number | null = null): ReportIdentity {
  // The first 15 lines of the first 2000 characters.
  const first = simplifyDocument(text.slice(0, 2000));
  let end = first.indexOf('\n'); // the end of line 1, then of line n
  for (let n = 1; n < 15 && end !== -1; n++) end = first.indexOf('\n', end + 1);
  const head = end === -1 ? first : first.slice(0, end);
  for (const source of [head, fileName ? simplifyDocument(baseName(fileName).replace(/\.[^.]+$/, '')) : '']) {
    const m = TITLE.exec(source);
    if (m) {
      const body = m[1].replace(/^[\d_\-\s]+/, '');
      // The year as `titleYear` reads it from the title's words (m[2]).
      if (body.length >= 2) return { body, bodyKey: bodyKey(body), year: titleYear(m[2])!.year };
    }
  }
  return { body: null, bodyKey: null, year: fallbackYear };
}

/**
 * What kind of body reported, from its name, for the publication deadlines of 条例 第五十条:
 * every administrative body publishes its own report by 31 January; the report of a
 * government at county level or above (its 人民政府, and the 办公室/办公厅 that compiles it)
 * by 31 March. `government`: a county-level or higher government or its office, or a bare
 * place name of that level (`博山区`, `寻乌县`, `平潭综合实验区`); `department`: a body whose name
 * ends as a department's does (局, 委, 委员会, 中心, 厅, 办, 署, 院, 站, 队, 所 …), and a
 * township or street (镇, 乡, 街道: an administrative body below county level); null: not told.
 * Names seen: the seeds (博山区, 高新区, 寻乌县), test/corpus/real (平潭综合实验区,
 * 上海市人民政府办公厅), the samples (示例区, 示例县, 示例镇).
 */
export function bodyKind(body: string | null): 'government' | 'department' | null {
  if (!body) return null;
  const name = simplifyDocument(body).replace(/[\s\u3000]+/g, '');
  const township = /(?:镇|乡|街道|街道办事处|苏木)(?:人民政府)?(?:办公室|党政办公室|党政办)?$/;
  if (township.test(name)) return 'department';
  if (/政府(?:办公室|办公厅)?$/.test(name)) return 'government';
  if (/(?:局|委|委员会|中心|厅|办|署|院|站|队|所|部|处|会|公司|集团|办公室)$/.test(name)) return 'department';
  if (/(?:省|市|区|县|州|旗|盟)$/.test(name)) return 'government';
  return null;
}
