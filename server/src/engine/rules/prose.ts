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
import { percentAgrees, percentAt, readPercent, roundPercent } from '../format';
import { topicSentences } from '../sentences';

type Quantity =
  | 'received'
  | 'carried'
  | 'handled'
  | 'forward'
  | 'granted'
  | 'partial'
  | 'denied'
  | 'unable'
  | 'ignored'
  | 'other'
  | 'reviews'
  | 'lawsuits';

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
  /** A kind of result of table 三 (（一）–（六）): results named together before one number are stated as their sum. */
  result?: true;
}

const QUANTITIES: QuantityDecl[] = [
  { key: 'carried', zh: '上年结转', en: 'carried over', keyword: /上一?年度?结转/, topic: 'applications', figure: 'carried' },
  { key: 'forward', zh: '结转下年度', en: 'carried forward', keyword: /结转(?:至|到)?下一?年/, topic: 'applications', figure: 'forward' },
  { key: 'received', zh: '收到申请', en: 'received', keyword: /新收|收到|受理|接收|接到/, topic: 'applications', figure: 'received', legacy: '收到申请数' },
  { key: 'handled', zh: '办结', en: 'handled', keyword: /办结|办理完毕|答复|处理完毕/, topic: 'applications', figure: 'handled', legacy: '申请办结数' },
  { key: 'granted', zh: '予以公开', en: 'disclosed', keyword: /予以公开|同意公开/, topic: 'applications', figure: 'granted', result: true },
  { key: 'partial', zh: '部分公开', en: 'partly disclosed', keyword: /部分公开/, topic: 'applications', figure: 'partial', result: true },
  { key: 'denied', zh: '不予公开', en: 'refused', keyword: /不予公开/, topic: 'applications', figure: 'denied', result: true },
  { key: 'unable', zh: '无法提供', en: 'unable to provide', keyword: /无法提供/, topic: 'applications', figure: 'unable', result: true },
  { key: 'ignored', zh: '不予处理', en: 'not processed', keyword: /不予处理/, topic: 'applications', figure: 'ignored', result: true },
  { key: 'other', zh: '其他处理', en: 'otherwise handled', keyword: /其他处理/, topic: 'applications', figure: 'other', result: true },
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

/** A cell's value, repaired when the culprit search located it uniquely. */
function repairedValues(table: GridTable): (ref: CellRef) => number | null {
  const repairs = analyse(table).culprits;
  const repaired = new Map<string, number>();
  if (repairs.unique) for (const c of repairs.repairs[0].cells) repaired.set(`${c.ref.row}:${c.ref.column}`, c.to);
  return (ref) => repaired.get(`${ref.row}:${ref.column}`) ?? cellAt(table, ref)?.value.value ?? null;
}

/**
 * The sum of declared cells (`row:column`, column by key): null when a row was not read or a
 * cell holds no number; a row of the other shape (（六）其他处理's) is just not there.
 */
function gridFigure(ctx: RuleContext, table: GridTable, cells: string[], label?: string): TableFigure | null {
  const valueOf = repairedValues(table);
  let sum = 0;
  let at: TableFigure['at'];
  const names: string[] = [];
  for (const c of cells) {
    const [row, key] = c.split(':');
    if (table.unread.includes(row)) return null;
    if (!table.rows.has(row)) continue;
    const ref: CellRef = { row, column: table.decl.columns.findIndex((x) => x.key === key) };
    const cell = cellAt(table, ref);
    const v = cell ? valueOf(ref) : null;
    if (!cell || v === null) return null;
    sum += v;
    if (!at && cell.source) at = { start: cell.source.start, end: cell.source.end };
    names.push(cellName(table.decl, ref, ctx.locale));
  }
  if (names.length === 0) return null;
  // A figure over many cells (不予公开's eight rows) goes by its declared name.
  const name = label && names.length > 2 ? label : names.join(' + ');
  return { value: sum, at, name: `${t(ctx.locale, table.decl.id === 'applications' ? 'prose.applications' : 'prose.appeals')} ${name}` };
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
  return decl ? gridFigure(ctx, table, decl.cells, ctx.locale === 'en' ? decl.en : decl.zh) : null;
}

/** A percentage as written: its digits (full-width too) and its sign. */
// Starting only where a number starts keeps it linear on long runs of digits.
const PERCENT = /(?<![0-9０-９.．])([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]/g;
const HAS_PERCENT = /[%％]/;
/** A share of the figure before it: `42件，占42.86%`, `（占比5%）`, `占总数的5%`. */
const SHARE = /占/;

/** A figure stated in the prose: one quantity, or results named together (`予以公开及部分公开42件`), their sum. */
interface Stated {
  qs: QuantityDecl[];
  value: number;
  /** Offsets in the sentence's text: the number's, and its clause's start. */
  start: number;
  end: number;
  clauseStart: number;
}

const SPECIFIC: Quantity[] = ['granted', 'partial', 'denied', 'unable', 'ignored', 'other', 'carried', 'forward'];

export const proseMismatch: Rule = {
  id: 'prose-mismatch',
  severity: 'warning',
  zh: '正文与表格不符',
  en: 'prose disagrees with tables',
  summary: 'a figure in the prose disagrees with the tables',
  descriptionZh:
    '正文中陈述的数字（收到、上年结转、办结、结转下年度、予以公开、部分公开、不予公开、无法提供、不予处理、其他处理、行政复议、行政诉讼）与表格不一致；合并陈述的数字（“予以公开及部分公开42件”）与各项之和比较；百分比（“占51.85%”“公开率为95%”）与按表格计算的比例比较（允许四舍五入或截断）。一个数字被换行分开（PDF 文本常见）时按一句读取。只读取明确谈论政府信息公开申请（或复议、诉讼）的句子；关于来信、留言、备案、信访等的数字不参与比较。',
  descriptionEn:
    'A figure stated in the prose (received, carried over, handled, carried forward, disclosed, partly disclosed, refused, unable to provide, not processed, otherwise handled, reviews, lawsuits) disagrees with the tables; results stated together (`予以公开及部分公开42件`) are compared with their sum; percentages (`占51.85%`, `公开率为95%`) with the ratio the tables give (rounded or truncated). A sentence wrapped over two lines (common in PDF text) is read as one. Only sentences clearly about disclosure applications (or reviews and lawsuits) are read; figures about letters, messages, filings or petitions are left alone.',
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
    const quantity = (key: Quantity) => QUANTITIES.find((x) => x.key === key)!;
    /** The figure of results stated together: the sum of theirs. */
    const figureOfAll = (qs: QuantityDecl[]): TableFigure | null => {
      if (qs.length === 1) return figureOf(qs[0]);
      const parts = qs.map(figureOf);
      if (parts.some((p) => !p)) return null;
      const tableName = t(locale, 'prose.applications');
      const names = parts.map((p) => p!.name.replace(`${tableName} `, ''));
      return { value: parts.reduce((a, p) => a + p!.value, 0), at: parts[0]!.at, name: `${tableName} ${names.join(' + ')}` };
    };
    const what = (qs: QuantityDecl[]) => qs.map((q) => (locale === 'en' ? q.en : q.zh)).join(' + ');
    // The total the prose last stated (received or handled), for shares that follow it.
    let proseTotal: Stated | null = null;
    const isTable = (offset: number) => inTables(layout, offset);
    for (const { start: base, text: s, offsets } of topicSentences(text, isTable)) {
      if (inTables(layout, base) || inRepeat(layout, base) || s.includes('|')) continue;
      const at = (i: number) => (offsets ? (i < offsets.length ? offsets[i] : offsets[offsets.length - 1] + 1) : base + i);
      // No clause of a sentence without a unit or a percentage states a figure, and without a review or lawsuit no zero.
      const aboutAppeals = APPEAL_TOPIC.test(s);
      const percents = HAS_PERCENT.test(s) && !model.legacy;
      if (!aboutAppeals && !UNIT.test(s) && !percents) continue;
      const aboutApplications = APPLICATION_TOPIC.test(s);
      if (!aboutApplications && !aboutAppeals) continue;
      // The figure the last number of the sentence states (null: a number of something else).
      let last: Stated | null = null;
      // Clauses: split at commas and semicolons, keep offsets. (exec loops rather than
      // matchAll, which copies the regex for every sentence and every clause.)
      CLAUSE.lastIndex = 0;
      for (let cm: RegExpExecArray | null; (cm = CLAUSE.exec(s)); ) {
        const clause = cm[0];
        const cbase = cm.index;
        const percentHere = percents && HAS_PERCENT.test(clause);
        // A clause without a unit states no figure, and without a review or lawsuit no zero.
        if (!UNIT.test(clause) && !APPEAL_TOPIC.test(clause) && !percentHere) continue;
        if (OTHER_MATTER.test(clause)) {
          last = null;
          continue;
        }
        const found: Stated[] = [];
        /** Each number's end in the clause and the figure it states, for the shares after it. */
        const numbers: { end: number; stated: Stated | null }[] = [];
        let segmentStart = 0;
        NUMBER.lastIndex = 0;
        for (let nm: RegExpExecArray | null; (nm = NUMBER.exec(clause)); ) {
          const after = clause.slice(nm.index + nm[0].length, nm.index + nm[0].length + 1);
          const segment = clause.slice(segmentStart, nm.index);
          segmentStart = nm.index + nm[0].length;
          if (after === '%' || /^[年月日次]/.test(nm[2])) continue;
          const value = readNumber(nm[1]);
          if (value === null) continue;
          const before = clause.slice(0, nm.index);
          const eligible = QUANTITIES.filter(
            (q) => !((q.topic === 'applications' && !aboutApplications) || (q.topic === 'appeals' && !APPEAL_TOPIC.test(clause))),
          );
          // The quantities named since the previous number (`予以公开2件、部分公开1件`: 1 is 部分公开's), else before it.
          let named = eligible.filter((q) => q.keyword.test(segment));
          if (named.length === 0) named = eligible.filter((q) => q.keyword.test(before));
          const span = { value, start: cbase + nm.index, end: cbase + nm.index + nm[1].length, clauseStart: cbase };
          const results = named.filter((q) => q.result);
          const mine: Stated[] = [];
          // Results named together before one number are stated as their sum (`不予公开和无法提供共8件`).
          if (results.length > 1) mine.push({ qs: results, ...span });
          for (const q of named) if (!(results.length > 1 && q.result)) mine.push({ qs: [q], ...span });
          found.push(...mine);
          const specific = mine.filter((f) => SPECIFIC.includes(f.qs[0].key));
          numbers.push({ end: nm.index + nm[0].length, stated: specific.length === 1 ? specific[0] : mine.length === 1 ? mine[0] : null });
        }
        // A clause such as `未收到…行政复议和行政诉讼` states zero for each.
        if (found.length === 0 && APPEAL_TOPIC.test(clause) && NONE.test(clause)) {
          for (const q of QUANTITIES.filter((x) => x.topic === 'appeals' && x.keyword.test(clause))) {
            const m = q.keyword.exec(clause)!;
            found.push({ qs: [q], value: 0, start: cbase + m.index, end: cbase + m.index + m[0].length, clauseStart: cbase });
          }
        }
        // Result kinds are more specific than `received`/`handled` in the same clause.
        const isSpecific = (f: Stated) => SPECIFIC.includes(f.qs[0].key);
        const anySpecific = found.some(isSpecific);
        const chosen = found.filter((f) => !anySpecific || isSpecific(f) || !['received', 'handled'].includes(f.qs[0].key));
        for (const f of chosen) {
          if (f.qs.length === 1 && ['received', 'handled'].includes(f.qs[0].key)) proseTotal = f;
          const fig = figureOfAll(f.qs);
          if (!fig || fig.value === f.value) continue;
          // `共受理11件（含上年结转2件）` counts new and carried together: not a disagreement.
          if (f.qs[0].key === 'received' && model.applications) {
            const carried = figureOf(quantity('carried'));
            if (carried && fig.value + carried.value === f.value) continue;
          }
          const start = at(f.start);
          const end = at(f.end - 1) + 1;
          const stated = model.text.slice(start, end);
          out.push({
            code: 'prose-mismatch',
            severity: 'warning',
            message: t(locale, 'prose.mismatch', {
              what: what(f.qs),
              stated,
              clause: clause.trim(),
              table: fig.name,
              value: formatNumber(fig.value),
            }),
            start,
            end,
            expected: fig.value,
            actual: f.value,
            related: fig.at ? [{ start: fig.at.start, end: fig.at.end, message: `${fig.name} = ${formatNumber(fig.value)}` }] : [],
            fixes: /^[0-9]+$/.test(stated)
              ? [{ title: t(locale, 'fix.prose', { value: formatNumber(fig.value) }), preferred: false, edits: [{ start, end, newText: formatNumber(fig.value) }] }]
              : [],
          });
        }
        // Percentages: a share of the figure before it (`42件，占51.85%`) or a declared rate (`公开率为95%`).
        if (percentHere) {
          PERCENT.lastIndex = 0;
          for (let pm: RegExpExecArray | null; (pm = PERCENT.exec(clause)); ) {
            const previous = numbers.filter((n) => n.end <= pm!.index).pop();
            const lead = clause.slice(previous ? previous.end : 0, pm.index);
            const printed = readPercent(pm[1]);
            const span = { start: at(cbase + pm.index), end: at(cbase + pm.index + pm[1].length - 1) + 1 };
            const rate = ratioOfRate(ctx, model, lead);
            const of = previous ? previous.stated : last;
            const finding = rate
              ? rate.ratio !== null && !percentAgrees(printed.value, printed.decimals, rate.ratio)
                ? { ratio: rate.ratio, what: rate.what, formula: rate.formula }
                : null
              : SHARE.test(lead)
                ? shareFinding(of, printed)
                : null;
            if (!finding) continue;
            const expected = roundPercent(finding.ratio, printed.decimals);
            out.push({
              code: 'prose-mismatch',
              severity: 'warning',
              message: t(locale, 'prose.ratio', {
                what: finding.what,
                stated: percentAt(printed.value / 100, printed.decimals),
                // A share is quoted from the figure it is a share of (`予以公开及部分公开42件，占51.85%`).
                clause: (rate || !of ? clause : s.slice(of.clauseStart, cbase + pm.index + pm[0].length)).trim(),
                value: percentAt(finding.ratio, printed.decimals),
                formula: finding.formula,
              }),
              ...span,
              expected,
              actual: printed.value,
              related: [],
              fixes: /^[0-9.]+$/.test(pm[1])
                ? [{ title: t(locale, 'fix.prose', { value: expected.toFixed(printed.decimals) }), preferred: false, edits: [{ ...span, newText: expected.toFixed(printed.decimals) }] }]
                : [],
            });
          }
        }
        if (numbers.length) last = numbers[numbers.length - 1].stated;
      }
    }
    return out;

    /**
     * A share that agrees with none of the ratios it may stand for: the numerator's table
     * figure (or the figure as stated) over the total the prose stated last (as stated or its
     * table figure) or the table's total (（七）总计).
     */
    function shareFinding(of: Stated | null, printed: { value: number; decimals: number }): { ratio: number; what: string; formula: string } | null {
      if (!of || !model.applications || of.qs.some((q) => q.topic !== 'applications' || !(q.result || q.key === 'carried' || q.key === 'forward'))) return null;
      const fig = figureOfAll(of.qs);
      if (!fig) return null;
      const handled = figureOf(quantity('handled'));
      const totalFig = proseTotal ? figureOfAll(proseTotal.qs) : null;
      const denominators = [proseTotal?.value, totalFig?.value, handled?.value].filter((d): d is number => d !== undefined && d > 0);
      const numerators = [fig.value, of.value];
      if (denominators.length === 0) return null;
      if (numerators.some((n) => denominators.some((d) => percentAgrees(printed.value, printed.decimals, n / d)))) return null;
      const stated = proseTotal && proseTotal.value > 0 ? proseTotal.value : null;
      if (stated === null && !(handled && handled.value > 0)) return null;
      const den = stated ?? handled!.value;
      const denName = stated !== null ? t(locale, 'prose.statedTotal', { value: formatNumber(stated) }) : handled!.name;
      return { ratio: fig.value / den, what: t(locale, 'prose.shareOf', { what: what(of.qs) }), formula: `${fig.name} ${formatNumber(fig.value)} ÷ ${denName}${stated !== null ? '' : ` ${formatNumber(den)}`}` };
    }
  },
};

/** A declared rate named before a percentage (`公开率为`): its ratio by the tables (null when unknown or over 0). */
function ratioOfRate(ctx: RuleContext, model: ReportModel, lead: string): { ratio: number | null; what: string; formula: string } | null {
  if (model.legacy) return null;
  for (const table of [model.applications, model.appeals]) {
    if (!table) continue;
    for (const r of table.decl.rates) {
      const named = lead.lastIndexOf(r.zh);
      // The rate's name, then at most a verb (为, 达, 达到, 是) before the number.
      if (named < 0 || !/^[\s为达到是了约]*$/.test(lead.slice(named + r.zh.length))) continue;
      const num = gridFigure(ctx, table, r.numerator);
      const den = gridFigure(ctx, table, r.denominator);
      const ratio = num && den && den.value > 0 ? num.value / den.value : null;
      const name = (f: TableFigure | null) => (f ? `${f.name} ${formatNumber(f.value)}` : '');
      return { ratio, what: ctx.locale === 'en' ? r.en : r.zh, formula: `${name(num)} ÷ ${name(den)}` };
    }
  }
  return null;
}
