// prose-mismatch: a figure stated in the prose against the same figure in the
// tables. Precision first: a figure is read only from a sentence about
// information-disclosure applications (or about reviews and lawsuits), from a clause
// that names the quantity before the number and is not about letters, messages,
// filings or petitions.

import type { GridTable, LegacyTable, ReportModel } from '../model';
import { cellAt, type CellRef } from '../identities';
import { cellName, formatNumber, type Finding, type Rule, type RuleContext } from '../findings';
import { t, type Locale } from '../i18n';
import { documentLayout, inRepeat, inTables } from '../layout';
import { analyse } from '../analysis';

type Quantity = 'received' | 'carried' | 'handled' | 'forward' | 'granted' | 'partial' | 'reviews' | 'lawsuits';

interface QuantityDecl {
  key: Quantity;
  zh: string;
  en: string;
  /** Keywords that must stand before the number in its clause. */
  keyword: RegExp;
  topic: 'applications' | 'appeals';
  /** The figure of table 三/四 (its `topic`) stated: declared there (declarations.ts), summed over its cells. */
  figure: string;
  /** Legacy statistics rows (labelKey substrings) holding the figure. */
  legacy?: string;
}

const QUANTITIES: QuantityDecl[] = [
  { key: 'carried', zh: '上年结转', en: 'carried over', keyword: /上一?年度?结转/, topic: 'applications', figure: 'carried' },
  { key: 'forward', zh: '结转下年度', en: 'carried forward', keyword: /结转(?:至|到)?下一?年/, topic: 'applications', figure: 'forward' },
  { key: 'received', zh: '收到申请', en: 'received', keyword: /新收|收到|受理|接收|接到/, topic: 'applications', figure: 'received', legacy: '收到申请数' },
  { key: 'handled', zh: '办结', en: 'handled', keyword: /办结|办理完毕|答复|处理完毕/, topic: 'applications', figure: 'handled', legacy: '申请办结数' },
  { key: 'granted', zh: '予以公开', en: 'disclosed', keyword: /予以公开|同意公开/, topic: 'applications', figure: 'granted' },
  { key: 'partial', zh: '部分公开', en: 'partly disclosed', keyword: /部分公开/, topic: 'applications', figure: 'partial' },
  { key: 'reviews', zh: '行政复议', en: 'administrative reviews', keyword: /行政复议/, topic: 'appeals', figure: 'review', legacy: '行政复议数量' },
  { key: 'lawsuits', zh: '行政诉讼', en: 'lawsuits', keyword: /行政诉讼/, topic: 'appeals', figure: 'litigation', legacy: '行政诉讼数量' },
];

const APPLICATION_TOPIC = /依申请|信息公开申请?|公开申请|申请公开/;
const APPEAL_TOPIC = /行政复议|行政诉讼/;
/** Clauses about other things that also come in 件. */
const OTHER_MATTER = /来信|留言|信箱|信件|备案|信访|举报|投诉|热线|咨询|建议|提案|议案|办件|事项|审批|许可|会议|培训|文件|稿件|政务服务|网民/;
// A number starts at the first digit of a run of its characters (the lookbehinds): linear time, same matches.
/** A clause: up to a comma (not one between digits), semicolon or colon. Runs of characters, not
 * single characters, under the `+`: a long clause overflowed the regex's backtracking stack. */
export const CLAUSE = /(?:[^，,；;：:]+|(?<=[0-9]),(?=[0-9]{3}))+/g;
export const NUMBER = /((?<![0-9０-９][,，]*)[0-9０-９][0-9０-９,，]*|(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+)\s*(件|宗|起)(?![0-9０-９%])/g;
/** NUMBER's units. */
const UNIT = /[件宗起]/;
const NONE = /未(?:被)?(?:收到|发生|提起|接到|有)|没有(?:收到|发生)|无(?:一起|一件)?/;

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十二 → 22, 一百零五 → 105; null when not a Chinese numeral. */
export function chineseNumber(s: string): number | null {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else if (ch in CN_UNITS) {
      total += (digit < 0 ? 1 : digit) * CN_UNITS[ch];
      digit = -1;
    } else return null;
  }
  return total + (digit < 0 ? 0 : digit);
}

function readNumber(s: string): number | null {
  const ascii = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，]/g, '');
  if (/^[0-9]+$/.test(ascii)) return Number(ascii);
  return chineseNumber(s);
}

interface TableFigure {
  value: number;
  /** Where the figure stands, and how to name it. */
  at?: { start: number; end: number };
  name: string;
}

function gridFigure(ctx: RuleContext, table: GridTable, rows: string[]): TableFigure | null {
  // Use a cell's repaired value when the culprit search located it uniquely.
  const repairs = analyse(table).culprits;
  const repaired = new Map<string, number>();
  if (repairs.unique) for (const c of repairs.repairs[0].cells) repaired.set(`${c.ref.row}:${c.ref.column}`, c.to);
  const col = table.decl.columns.findIndex((c) => c.key === 'total');
  let sum = 0;
  let at: TableFigure['at'];
  const names: string[] = [];
  for (const row of rows) {
    const ref: CellRef = { row, column: col };
    const cell = cellAt(table, ref);
    if (!cell) return null;
    const v = repaired.get(`${row}:${col}`) ?? cell.value.value;
    if (v === null) return null;
    sum += v;
    if (!at && cell.source) at = { start: cell.source.start, end: cell.source.end };
    names.push(cellName(table.decl, ref, ctx.locale));
  }
  return { value: sum, at, name: `${t(ctx.locale, table.decl.id === 'applications' ? 'prose.applications' : 'prose.appeals')} ${names.join(' + ')}` };
}

function legacyFigure(table: LegacyTable, key: string, locale: Locale): TableFigure | null {
  const row = table.rows.find((r) => r.key.includes(key));
  const v = row?.value.value.value;
  if (!row || v === null || v === undefined) return null;
  const src = row.value.source;
  return { value: v, at: src ? { start: src.start, end: src.end } : undefined, name: t(locale, 'prose.legacyRow', { row: row.label.text.replace(/\s+/g, '') }) };
}

function figure(ctx: RuleContext, model: ReportModel, q: QuantityDecl): TableFigure | null {
  if (model.legacy && q.legacy) return legacyFigure(model.legacy, q.legacy, ctx.locale);
  const table = q.topic === 'applications' ? model.applications : model.appeals;
  if (!table) return null;
  const decl = table.decl.figures.find((f) => f.key === q.figure);
  return decl ? gridFigure(ctx, table, decl.cells.map((c) => c.split(':')[0])) : null;
}

/** Ends a sentence: 。！？!? or a newline. */
const isTerminator = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0x0a;

/** The rest of a sentence, up to its terminator (the same characters as `isTerminator`): a native scan, faster than a loop. */
const SENTENCE_REST = /[^。！？!?\n]*/y;

/**
 * The sentences — runs of characters other than 。！？!? and newlines, as
 * `/[^。！？!?\n]+/g` matches them — that hold 申 or 行政, with their offsets, in
 * document order. Every topic word (APPLICATION_TOPIC, APPEAL_TOPIC) holds one of the
 * two — 申, not 申请: `信息公开申请?` matches `信息公开申` alone. The text in between is
 * only searched (indexOf), and each sentence is scanned once for its bounds.
 */
export function* topicSentences(text: string): Generator<{ start: number; text: string }> {
  let application = text.indexOf('申');
  let administrative = text.indexOf('行政');
  while (application !== -1 || administrative !== -1) {
    const at = application === -1 ? administrative : administrative === -1 ? application : Math.min(application, administrative);
    let start = at;
    while (start > 0 && !isTerminator(text.charCodeAt(start - 1))) start--;
    SENTENCE_REST.lastIndex = at + 1;
    SENTENCE_REST.test(text);
    const end = SENTENCE_REST.lastIndex;
    yield { start, text: text.slice(start, end) };
    // The next sentence starts after `end`, a terminator or the end of the text.
    if (application !== -1 && application < end) application = text.indexOf('申', end);
    if (administrative !== -1 && administrative < end) administrative = text.indexOf('行政', end);
  }
}

export const proseMismatch: Rule = {
  id: 'prose-mismatch',
  severity: 'warning',
  zh: '正文与表格不符',
  en: 'prose disagrees with tables',
  summary: 'a figure in the prose disagrees with the tables',
  descriptionZh: '正文中陈述的数字（收到、上年结转、办结、结转下年度、予以公开、部分公开、行政复议、行政诉讼）与表格不一致。只读取明确谈论政府信息公开申请（或复议、诉讼）的句子；关于来信、留言、备案、信访等的数字不参与比较。',
  descriptionEn: 'A figure stated in the prose (received, carried over, handled, carried forward, disclosed, partly disclosed, reviews, lawsuits) disagrees with the tables. Only sentences clearly about disclosure applications (or reviews and lawsuits) are read; figures about letters, messages, filings or petitions are left alone.',
  run(ctx) {
    const { model, locale } = ctx;
    if (!model.applications && !model.appeals && !model.legacy) return [];
    const layout = documentLayout(ctx);
    const text = layout.simple;
    const out: Finding[] = [];
    // Each quantity's table figure, computed once for all the sentences stating it.
    const figures = new Map<QuantityDecl, TableFigure | null>();
    const figureOf = (q: QuantityDecl): TableFigure | null => {
      if (!figures.has(q)) figures.set(q, figure(ctx, model, q));
      return figures.get(q)!;
    };
    for (const { start: base, text: s } of topicSentences(text)) {
      if (inTables(layout, base) || inRepeat(layout, base) || s.includes('|')) continue;
      // No clause of a sentence without a unit states a figure, and without a review or lawsuit no zero.
      const aboutAppeals = APPEAL_TOPIC.test(s);
      if (!aboutAppeals && !UNIT.test(s)) continue;
      const aboutApplications = APPLICATION_TOPIC.test(s);
      if (!aboutApplications && !aboutAppeals) continue;
      // Clauses: split at commas and semicolons, keep offsets. (exec loops rather than
      // matchAll, which copies the regex for every sentence and every clause.)
      CLAUSE.lastIndex = 0;
      for (let cm: RegExpExecArray | null; (cm = CLAUSE.exec(s)); ) {
        const clause = cm[0];
        const cbase = base + cm.index;
        // A clause without a unit states no figure, and without a review or lawsuit no zero.
        if (!UNIT.test(clause) && !APPEAL_TOPIC.test(clause)) continue;
        if (OTHER_MATTER.test(clause)) continue;
        const found: { q: QuantityDecl; value: number; start: number; end: number }[] = [];
        NUMBER.lastIndex = 0;
        for (let nm: RegExpExecArray | null; (nm = NUMBER.exec(clause)); ) {
          const after = clause.slice(nm.index + nm[0].length, nm.index + nm[0].length + 1);
          if (after === '%' || /^[年月日次]/.test(nm[2])) continue;
          const value = readNumber(nm[1]);
          if (value === null) continue;
          const before = clause.slice(0, nm.index);
          for (const q of QUANTITIES) {
            if ((q.topic === 'applications' && !aboutApplications) || (q.topic === 'appeals' && !APPEAL_TOPIC.test(clause))) continue;
            if (!q.keyword.test(before)) continue;
            // `收到…申请3件，其中予以公开2件` — the nearest keyword wins among result kinds.
            found.push({ q, value, start: cbase + nm.index, end: cbase + nm.index + nm[1].length });
          }
        }
        // A clause such as `未收到…行政复议和行政诉讼` states zero for each.
        if (found.length === 0 && APPEAL_TOPIC.test(clause) && NONE.test(clause)) {
          for (const q of QUANTITIES.filter((x) => x.topic === 'appeals' && x.keyword.test(clause))) {
            const m = q.keyword.exec(clause)!;
            found.push({ q, value: 0, start: cbase + m.index, end: cbase + m.index + m[0].length });
          }
        }
        // Result kinds are more specific than `received`/`handled` in the same clause.
        const specific = found.filter((f) => ['granted', 'partial', 'carried', 'forward'].includes(f.q.key));
        const chosen = found.filter((f) => !specific.length || specific.some((x) => x.q === f.q) || !['received', 'handled'].includes(f.q.key));
        for (const f of chosen) {
          const fig = figureOf(f.q);
          if (!fig || fig.value === f.value) continue;
          // `共受理11件（含上年结转2件）` counts new and carried together: not a disagreement.
          if (f.q.key === 'received' && model.applications) {
            const carried = figureOf(QUANTITIES.find((x) => x.key === 'carried')!);
            if (carried && fig.value + carried.value === f.value) continue;
          }
          const stated = model.text.slice(f.start, f.end);
          out.push({
            code: 'prose-mismatch',
            severity: 'warning',
            message: t(locale, 'prose.mismatch', {
              what: locale === 'en' ? f.q.en : f.q.zh,
              stated,
              clause: clause.trim(),
              table: fig.name,
              value: formatNumber(fig.value),
            }),
            start: f.start,
            end: f.end,
            expected: fig.value,
            actual: f.value,
            related: fig.at ? [{ start: fig.at.start, end: fig.at.end, message: `${fig.name} = ${formatNumber(fig.value)}` }] : [],
            fixes: /^[0-9]+$/.test(stated)
              ? [{ title: t(locale, 'fix.prose', { value: formatNumber(fig.value) }), preferred: false, edits: [{ start: f.start, end: f.end, newText: formatNumber(fig.value) }] }]
              : [],
          });
        }
      }
    }
    return out;
  },
};
