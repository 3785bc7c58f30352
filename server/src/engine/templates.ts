// The templates as values: each declares the document that issued it, the report years it
// is in force for, its tables (table 二 and table 三's shape, declared in declarations.ts),
// the variants accepted beside it, the chains its figures form with last year's report, and
// its parts. The rules look the template up here (`templateInForce`, `templateById`,
// `templateForShape`) instead of comparing years or ids. Adding a template year is one entry
// in TEMPLATES (its table 二 included) plus tests; its id is the `Template` it answers to.

import { APPLICATIONS, GRID_TABLES, PARTS, type DisclosureTemplateDecl, type GridTableDecl, type Template } from './declarations';

export type ApplicationsShape = 'single-other' | 'split-other';

/** A row of this year's table that equals, column by column, a row of last year's report. */
export interface CarryChainDecl {
  table: 'applications';
  /** This year's row (上年结转). */
  row: string;
  /** Last year's row (结转下年度继续办理). */
  from: string;
}

/** Per row of a table 二 group: stock = last year's stock + added − removed. */
export interface StockChainDecl {
  item: string;
  stock: string;
  added: string;
  removed: string;
}

/** A form seen in the wild beside this template's table 二: noted, not flagged. */
export interface TemplateVariantDecl {
  /** The shape of table 三 accepted with this template's table 二. */
  applications: ApplicationsShape;
}

/**
 * A topic part 一 (总体情况) covers, and the words that show it is covered (any one):
 * 国办公开办函〔2021〕30号 lists 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障.
 */
export interface OverviewTopicDecl {
  key: string;
  zh: string;
  en: string;
  keywords: string[];
}

export interface TemplateDecl {
  id: Template;
  /** The document that issued the template. */
  issuedBy: string;
  /** The report years the template is in force for (`to` null: still in force). */
  yearsInForce: { from: number; to: number | null };
  disclosure: DisclosureTemplateDecl;
  applications: { decl: GridTableDecl; shape: ApplicationsShape };
  variants: TemplateVariantDecl[];
  carry: CarryChainDecl[];
  stock: StockChainDecl[];
  parts: typeof PARTS;
  /** The topics part 一 covers (none declared: not checked). */
  overviewTopics: OverviewTopicDecl[];
}

/** A template entry as written: its table 二 names no template (it is this entry's). */
type TemplateEntry = Omit<TemplateDecl, 'disclosure'> & { disclosure: Omit<DisclosureTemplateDecl, 'template'> };

function declare(entries: TemplateEntry[]): readonly TemplateDecl[] {
  return entries.map((e) => ({ ...e, disclosure: { template: e.id, ...e.disclosure } }));
}

const PREV = { key: 'previous', label: '上一年项目数量', type: 'count' } as const;
const CHANGE = { key: 'change', label: '本年增/减', type: 'signed' } as const;
const DECISIONS_2019 = { key: 'decisions', label: '处理决定数量', type: 'count' } as const;
const DECISIONS_2021 = { key: 'decisions', label: '本年处理决定数量', type: 'count' } as const;

// The words of each topic of part 一 as real reports write them: derived from the part 一 of
// seeds 000, 001, 003 and 004 (004, a 2022 report, heads its sub-parts （一）主动公开 …
// （五）监督保障), test/corpus/real (pingtan 2019–2024, sh-2019-office) and the e2e fixtures of
// 栾城区 2020. Each word was found in at least one of them under its topic.
const OVERVIEW_TOPICS_2021: OverviewTopicDecl[] = [
  { key: 'proactive', zh: '主动公开', en: 'proactive disclosure', keywords: ['主动公开', '政策解读', '解读', '重点领域', '发布信息', '公开信息', '信息发布'] },
  { key: 'onRequest', zh: '依申请公开', en: 'disclosure on request', keywords: ['依申请公开', '信息公开申请', '公开申请', '申请公开'] },
  { key: 'management', zh: '政府信息管理', en: 'information management', keywords: ['信息管理', '公开属性', '保密审查', '发布审核', '规范性文件', '动态更新', '动态调整', '清理', '目录', '公文'] },
  { key: 'platforms', zh: '平台建设', en: 'platforms', keywords: ['平台', '网站', '新媒体', '公众号', '微博', '微信', '专栏', '公开栏'] },
  { key: 'oversight', zh: '监督保障', en: 'oversight and support', keywords: ['监督', '保障', '考核', '培训', '督查', '督导', '评议', '问责', '责任追究', '领导小组', '组织领导'] },
];

const CARRY: CarryChainDecl[] = [{ table: 'applications', row: 'carried', from: 'forward' }];

export const TEMPLATES: readonly TemplateDecl[] = declare([
  {
    id: '2019',
    issuedBy: '国办公开办函〔2019〕60号',
    yearsInForce: { from: 2019, to: 2020 },
    disclosure: {
      groups: [
        {
          item: '一',
          columns: [
            { key: 'made', label: '本年新制作数量', type: 'count' },
            { key: 'published', label: '本年新公开数量', type: 'count' },
            { key: 'inForce', label: '对外公开总数量', type: 'count' },
          ],
          rows: [
            { key: 'rules', label: '规章' },
            { key: 'normative', label: '规范性文件' },
          ],
        },
        { item: '五', columns: [PREV, CHANGE, DECISIONS_2019], rows: [{ key: 'licensing', label: '行政许可' }, { key: 'otherServices', label: '其他对外管理服务事项' }] },
        { item: '六', columns: [PREV, CHANGE, DECISIONS_2019], rows: [{ key: 'penalty', label: '行政处罚' }, { key: 'enforcement', label: '行政强制' }] },
        { item: '八', columns: [PREV, CHANGE], rows: [{ key: 'fees', label: '行政事业性收费' }] },
        {
          item: '九',
          columns: [
            { key: 'procurements', label: '采购项目数量', type: 'count' },
            { key: 'procurementAmount', label: '采购总金额', type: 'amount' },
          ],
          rows: [{ key: 'procurement', label: '政府集中采购' }],
        },
      ],
      bounds: [
        {
          rule: 'published-total',
          item: '一',
          lhs: 'published',
          rhs: 'inForce',
          zh: '本年新公开数量不应大于对外公开总数量',
          en: 'newly published this year cannot exceed the total published',
        },
      ],
    },
    applications: { decl: APPLICATIONS, shape: 'single-other' },
    variants: [],
    carry: CARRY,
    stock: [],
    parts: PARTS,
    overviewTopics: [],
  },
  {
    id: '2021',
    issuedBy: '国办公开办函〔2021〕30号',
    yearsInForce: { from: 2021, to: null },
    disclosure: {
      groups: [
        {
          item: '一',
          columns: [
            { key: 'issued', label: '本年制发件数', type: 'count' },
            { key: 'repealed', label: '本年废止件数', type: 'count' },
            { key: 'inForce', label: '现行有效件数', type: 'count' },
          ],
          rows: [
            { key: 'rules', label: '规章' },
            { key: 'normative', label: '行政规范性文件' },
          ],
        },
        { item: '五', columns: [DECISIONS_2021], rows: [{ key: 'licensing', label: '行政许可' }] },
        { item: '六', columns: [DECISIONS_2021], rows: [{ key: 'penalty', label: '行政处罚' }, { key: 'enforcement', label: '行政强制' }] },
        { item: '八', columns: [{ key: 'feeAmount', label: '本年收费金额（单位：万元）', type: 'amount' }], rows: [{ key: 'fees', label: '行政事业性收费' }] },
      ],
      bounds: [
        {
          rule: 'published-total',
          severity: 'warning',
          item: '一',
          lhs: 'issued',
          rhs: 'inForce',
          zh: '本年制发件数不应大于现行有效件数',
          en: 'issued this year should not exceed those in force',
        },
      ],
    },
    applications: { decl: APPLICATIONS, shape: 'split-other' },
    // The 23-row table 三 under a 2021 table 二 is common.
    variants: [{ applications: 'single-other' }],
    carry: CARRY,
    stock: [{ item: '一', stock: 'inForce', added: 'issued', removed: 'repealed' }],
    parts: PARTS,
    overviewTopics: OVERVIEW_TOPICS_2021,
  },
]);

/** Table 二 of every template, in the order of TEMPLATES. */
export const DISCLOSURE_TEMPLATES: readonly DisclosureTemplateDecl[] = TEMPLATES.map((t) => t.disclosure);

/** The template in force for reports of `year`, or null (before the first, or no year). */
export function templateInForce(year: number | null, templates: readonly TemplateDecl[] = TEMPLATES): TemplateDecl | null {
  if (year === null) return null;
  return templates.find((t) => year >= t.yearsInForce.from && (t.yearsInForce.to === null || year <= t.yearsInForce.to)) ?? null;
}

/** The template of an id (a model's `template` may also be 'legacy' or 'unknown': undefined). */
export function templateById(id: string | undefined, templates: readonly TemplateDecl[] = TEMPLATES): TemplateDecl | undefined {
  return templates.find((t) => t.id === id);
}

/** The template whose table 三 has this shape (its own shape, not a variant's). */
export function templateForShape(shape: string, templates: readonly TemplateDecl[] = TEMPLATES): TemplateDecl | undefined {
  return templates.find((t) => t.applications.shape === shape);
}

/** Whether `a` came into force before `b`. */
export function olderThan(a: TemplateDecl, b: TemplateDecl): boolean {
  return a.yearsInForce.from < b.yearsInForce.from;
}

/**
 * The figures and rates followed across years (the year facts, the trends view), each a
 * figure or rate declared on table 三 or 四 (declarations.ts), named and computed there.
 */
export const YEAR_FIGURES = [
  { key: 'received', table: 'applications', figure: 'received' },
  { key: 'carried', table: 'applications', figure: 'carried' },
  { key: 'handled', table: 'applications', figure: 'handled' },
  { key: 'disclosureRate', table: 'applications', rate: 'disclosure' },
  { key: 'reviews', table: 'appeals', figure: 'review' },
  { key: 'reviewCorrectionRate', table: 'appeals', rate: 'reviewCorrection' },
  { key: 'lawsuits', table: 'appeals', figure: 'litigation' },
  { key: 'lawsuitCorrectionRate', table: 'appeals', rate: 'litigationCorrection' },
] as const satisfies readonly ({ key: string; table: 'applications' | 'appeals' } & ({ figure: string } | { rate: string }))[];

export type YearFigure = (typeof YEAR_FIGURES)[number]['key'];

/** A year figure as declared: its names and the cells it sums (over `denominator`'s cells, for a rate). */
export function yearFigureDecl(key: YearFigure): { zh: string; en: string; table: 'applications' | 'appeals'; cells: string[]; denominator: string[] | null } {
  const f = YEAR_FIGURES.find((x) => x.key === key)!;
  const table = GRID_TABLES.find((t) => t.id === f.table)!;
  if ('rate' in f) {
    const r = table.rates.find((x) => x.key === f.rate)!;
    return { zh: r.zh, en: r.en, table: f.table, cells: r.numerator, denominator: r.denominator };
  }
  const g = table.figures.find((x) => x.key === f.figure)!;
  return { zh: g.zh, en: g.en, table: f.table, cells: g.cells, denominator: null };
}
