// The templates' tables and identities, declared once as data.
//
// Everything that reasons about a table — the checker, the culprit search, hovers,
// quick fixes, summaries and the generated rule docs — reads these declarations.
// Nothing else in the code base spells out which cells sum to which.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type RuleId =
  | 'carry-over'
  | 'results-total'
  | 'row-total'
  | 'appeals-total'
  | 'legacy-sum'
  | 'blank-cell'
  | 'unread-row'
  | 'bad-value'
  | 'extra-value'
  | 'prose-mismatch'
  | 'structure'
  | 'template-mismatch'
  | 'date'
  | 'cross-year'
  | 'published-total'
  | 'encoding'
  | 'deadline'
  | 'part-content'
  | 'text-reuse'
  | 'aggregate';

export interface ColumnDecl {
  key: string;
  /** As the template writes it. */
  label: string;
  en: string;
}

export interface RowDecl {
  /** The key used in CHECK-JSON (`new`, `denied.3`, `total` …). */
  key: string;
  /** As the template writes it. */
  label: string;
  /** How messages name the row: 一, （三）3, （七）总计 … */
  short: string;
  en: string;
  /** The enumerator the template puts before the label, in labelKey form (e.g. `(七)`, `3.`). */
  enumerator: string;
  /** The group header row this row sits under, if any. */
  group?: string;
  /** Rows present only in one shape of the table. */
  shape?: 'single-other' | 'split-other';
  /** Other ways real reports write the label (matched as the label is). */
  variants?: string[];
}

export interface GroupDecl {
  key: string;
  label: string;
  short: string;
  /** The group this one sits in (the template's label column to its left spans both). */
  within?: string;
}

/**
 * A cell of a table's header as the template merges it: a value column (its `ColumnDecl`
 * label), a row of the table laid out as a column group (table 四: its `RowDecl` short,
 * over that row's columns), or a label spanning the cells under it.
 */
export type HeaderNodeDecl =
  | { column: string }
  | { row: string; children: HeaderNodeDecl[] }
  | { label: string; en: string; children: HeaderNodeDecl[] };

/** How the template draws a table's header (the table view and the skeleton read it). */
export interface HeaderDecl {
  /** The text of the merged corner cell above the row labels, if the template writes one. */
  corner?: string;
  nodes: HeaderNodeDecl[];
}

/** Σ lhs = Σ rhs, instantiated for every column (`over: 'columns'`) or every row (`over: 'rows'`). */
export interface IdentityDecl {
  rule: RuleId;
  over: 'columns' | 'rows';
  /** Row keys when over columns, column keys when over rows. */
  lhs: string[];
  rhs: string[];
  /** Where a finding sits when no single culprit is known: a key of lhs or rhs. */
  anchor: string;
  zh: string;
  en: string;
  /** The rule's explanation, used by hovers and the generated docs. */
  descriptionZh: string;
  descriptionEn: string;
}

/** A derived figure shown in summaries: numerator / denominator over named cells. */
export interface RateDecl {
  key: string;
  zh: string;
  en: string;
  /** Cell references `row:column` (column key), summed. */
  numerator: string[];
  denominator: string[];
}

/** Named totals shown in summaries. */
export interface FigureDecl {
  key: string;
  zh: string;
  en: string;
  cells: string[];
}

export interface GridTableDecl {
  id: 'applications' | 'appeals';
  part: string;
  title: string;
  titleEn: string;
  columns: ColumnDecl[];
  rows: RowDecl[];
  groups: GroupDecl[];
  identities: IdentityDecl[];
  figures: FigureDecl[];
  rates: RateDecl[];
  header: HeaderDecl;
}

const APPLICANT_COLUMNS: ColumnDecl[] = [
  { key: 'natural', label: '自然人', en: 'natural persons' },
  { key: 'business', label: '商业企业', en: 'businesses' },
  { key: 'research', label: '科研机构', en: 'research institutions' },
  { key: 'nonprofit', label: '社会公益组织', en: 'non-profit organisations' },
  { key: 'legal', label: '法律服务机构', en: 'legal service providers' },
  { key: 'otherApplicant', label: '其他', en: 'other organisations' },
  { key: 'total', label: '总计', en: 'total' },
];

const r = (
  key: string,
  label: string,
  short: string,
  en: string,
  enumerator: string,
  group?: string,
  shape?: RowDecl['shape'],
  variants?: string[],
): RowDecl => ({ key, label, short, en, enumerator, group, shape, ...(variants ? { variants } : {}) });

const APPLICATION_ROWS: RowDecl[] = [
  r('new', '一、本年新收政府信息公开申请数量', '一', 'I new applications', '一、'),
  r('carried', '二、上年结转政府信息公开申请数量', '二', 'II carried over from last year', '二、'),
  r('granted', '（一）予以公开', '（一）', '(1) disclosed', '(一)', 'results'),
  r('partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）', '(2) partly disclosed', '(二)', 'results', undefined, ['部分公开']),
  r('denied.1', '1.属于国家秘密', '（三）1', '(3)1 state secret', '1.', 'denied'),
  r('denied.2', '2.其他法律行政法规禁止公开', '（三）2', '(3)2 barred by other laws', '2.', 'denied'),
  r('denied.3', '3.危及“三安全一稳定”', '（三）3', '(3)3 endangers security or stability', '3.', 'denied', undefined, ['危及三安全一稳定']),
  r('denied.4', '4.保护第三方合法权益', '（三）4', '(3)4 third-party rights', '4.', 'denied'),
  r('denied.5', '5.属于三类内部事务信息', '（三）5', '(3)5 internal affairs', '5.', 'denied'),
  r('denied.6', '6.属于四类过程性信息', '（三）6', '(3)6 process information', '6.', 'denied'),
  r('denied.7', '7.属于行政执法案卷', '（三）7', '(3)7 enforcement files', '7.', 'denied'),
  r('denied.8', '8.属于行政查询事项', '（三）8', '(3)8 administrative queries', '8.', 'denied'),
  r('unable.1', '1.本机关不掌握相关政府信息', '（四）1', '(4)1 not held', '1.', 'unable'),
  r('unable.2', '2.没有现成信息需要另行制作', '（四）2', '(4)2 would need to be created', '2.', 'unable'),
  r('unable.3', '3.补正后申请内容仍不明确', '（四）3', '(4)3 still unclear after correction', '3.', 'unable'),
  r('ignored.1', '1.信访举报投诉类申请', '（五）1', '(5)1 petitions and complaints', '1.', 'ignored'),
  r('ignored.2', '2.重复申请', '（五）2', '(5)2 repeated applications', '2.', 'ignored'),
  r('ignored.3', '3.要求提供公开出版物', '（五）3', '(5)3 published material', '3.', 'ignored'),
  r('ignored.4', '4.无正当理由大量反复申请', '（五）4', '(5)4 mass repeated applications', '4.', 'ignored'),
  r('ignored.5', '5.要求行政机关确认或重新出具已获取信息', '（五）5', '(5)5 confirmation of obtained information', '5.', 'ignored'),
  r('other', '（六）其他处理', '（六）', '(6) otherwise handled', '(六)', 'results', 'single-other'),
  r('other.1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '（六）1', '(6)1 not corrected in time', '1.', 'otherGroup', 'split-other'),
  r('other.2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '（六）2', '(6)2 fee not paid', '2.', 'otherGroup', 'split-other'),
  r('other.3', '3.其他', '（六）3', '(6)3 other', '3.', 'otherGroup', 'split-other'),
  r('total', '（七）总计', '（七）总计', '(7) total', '(七)', 'results'),
  r('forward', '四、结转下年度继续办理', '四', 'IV carried forward', '四、'),
];

const APPLICATION_GROUPS: GroupDecl[] = [
  { key: 'results', label: '三、本年度办理结果', short: '三' },
  { key: 'denied', label: '（三）不予公开', short: '（三）', within: 'results' },
  { key: 'unable', label: '（四）无法提供', short: '（四）', within: 'results' },
  { key: 'ignored', label: '（五）不予处理', short: '（五）', within: 'results' },
  { key: 'otherGroup', label: '（六）其他处理', short: '（六）', within: 'results' },
];

const RESULT_ROWS = APPLICATION_ROWS.filter((x) => x.group && x.key !== 'total').map((x) => x.key);

export const APPLICATIONS: GridTableDecl = {
  id: 'applications',
  part: '三',
  title: '三、收到和处理政府信息公开申请情况',
  titleEn: 'III Applications received and handled',
  columns: APPLICANT_COLUMNS,
  rows: APPLICATION_ROWS,
  groups: APPLICATION_GROUPS,
  header: {
    corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    nodes: [
      {
        label: '申请人情况',
        en: 'applicants',
        children: [
          { column: 'natural' },
          {
            label: '法人或其他组织',
            en: 'legal persons and other organisations',
            children: ['business', 'research', 'nonprofit', 'legal', 'otherApplicant'].map((column) => ({ column })),
          },
          { column: 'total' },
        ],
      },
    ],
  },
  identities: [
    {
      rule: 'carry-over',
      over: 'columns',
      lhs: ['new', 'carried'],
      rhs: ['total', 'forward'],
      anchor: 'total',
      zh: '结转关系',
      en: 'carry-over',
      descriptionZh: '本列数据的勾稽关系：第一项加第二项之和，等于第三项加第四项之和（一 + 二 = （七）总计 + 四）。',
      descriptionEn: 'In every column, I + II (new plus carried over) equals (7) total plus IV (carried forward).',
    },
    {
      rule: 'results-total',
      over: 'columns',
      lhs: ['total'],
      rhs: RESULT_ROWS,
      anchor: 'total',
      zh: '办理结果合计',
      en: 'results total',
      descriptionZh: '（七）总计等于（一）至（六）各项办理结果之和（含各子项）。',
      descriptionEn: 'In every column, (7) total equals the sum of the result rows (1) to (6), sub-rows included.',
    },
    {
      rule: 'row-total',
      over: 'rows',
      lhs: ['total'],
      rhs: ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherApplicant'],
      anchor: 'total',
      zh: '行合计',
      en: 'row total',
      descriptionZh: '每一行的“总计”列等于自然人与五类法人或其他组织之和。',
      descriptionEn: 'In every row, the total column equals natural persons plus the five kinds of organisation.',
    },
  ],
  figures: [
    { key: 'received', zh: '本年新收', en: 'received', cells: ['new:total'] },
    { key: 'carried', zh: '上年结转', en: 'carried over', cells: ['carried:total'] },
    { key: 'handled', zh: '办理结果总计', en: 'handled', cells: ['total:total'] },
    { key: 'granted', zh: '予以公开', en: 'disclosed', cells: ['granted:total'] },
    { key: 'partial', zh: '部分公开', en: 'partly disclosed', cells: ['partial:total'] },
    {
      key: 'denied',
      zh: '不予公开',
      en: 'refused',
      cells: ['denied.1', 'denied.2', 'denied.3', 'denied.4', 'denied.5', 'denied.6', 'denied.7', 'denied.8'].map((k) => `${k}:total`),
    },
    { key: 'unable', zh: '无法提供', en: 'unable to provide', cells: ['unable.1', 'unable.2', 'unable.3'].map((k) => `${k}:total`) },
    {
      key: 'ignored',
      zh: '不予处理',
      en: 'not processed',
      cells: ['ignored.1', 'ignored.2', 'ignored.3', 'ignored.4', 'ignored.5'].map((k) => `${k}:total`),
    },
    { key: 'other', zh: '其他处理', en: 'otherwise handled', cells: ['other', 'other.1', 'other.2', 'other.3'].map((k) => `${k}:total`) },
    { key: 'forward', zh: '结转下年度', en: 'carried forward', cells: ['forward:total'] },
  ],
  rates: [
    { key: 'disclosure', zh: '公开率', en: 'disclosure rate', numerator: ['granted:total', 'partial:total'], denominator: ['total:total'] },
    { key: 'completion', zh: '办结率', en: 'completion rate', numerator: ['total:total'], denominator: ['new:total', 'carried:total'] },
  ],
};

const APPEAL_COLUMNS: ColumnDecl[] = [
  { key: 'upheld', label: '结果维持', en: 'upheld' },
  { key: 'corrected', label: '结果纠正', en: 'corrected' },
  { key: 'otherResult', label: '其他结果', en: 'other result' },
  { key: 'pending', label: '尚未审结', en: 'pending' },
  { key: 'total', label: '总计', en: 'total' },
];

export const APPEALS: GridTableDecl = {
  id: 'appeals',
  part: '四',
  title: '四、政府信息公开行政复议、行政诉讼情况',
  titleEn: 'IV Administrative reviews and lawsuits',
  columns: APPEAL_COLUMNS,
  rows: [
    r('review', '行政复议', '行政复议', 'administrative review', ''),
    r('litigationDirect', '行政诉讼·未经复议直接起诉', '未经复议直接起诉', 'lawsuits without prior review', ''),
    r('litigationAfterReview', '行政诉讼·复议后起诉', '复议后起诉', 'lawsuits after review', ''),
  ],
  groups: [],
  header: {
    nodes: [
      { row: 'review', children: APPEAL_COLUMNS.map((c) => ({ column: c.key })) },
      {
        label: '行政诉讼',
        en: 'lawsuits',
        children: ['litigationDirect', 'litigationAfterReview'].map((row) => ({ row, children: APPEAL_COLUMNS.map((c) => ({ column: c.key })) })),
      },
    ],
  },
  identities: [
    {
      rule: 'appeals-total',
      over: 'rows',
      lhs: ['total'],
      rhs: ['upheld', 'corrected', 'otherResult', 'pending'],
      anchor: 'total',
      zh: '复议诉讼合计',
      en: 'appeals total',
      descriptionZh: '行政复议、未经复议直接起诉、复议后起诉三组中，结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。',
      descriptionEn: 'In each of the three groups, upheld + corrected + other + pending equals the total.',
    },
  ],
  figures: [
    { key: 'review', zh: '行政复议', en: 'reviews', cells: ['review:total'] },
    { key: 'litigation', zh: '行政诉讼', en: 'lawsuits', cells: ['litigationDirect:total', 'litigationAfterReview:total'] },
  ],
  rates: [
    { key: 'reviewCorrection', zh: '复议纠错率', en: 'review correction rate', numerator: ['review:corrected'], denominator: ['review:total'] },
    {
      key: 'litigationCorrection',
      zh: '诉讼纠错率',
      en: 'lawsuit correction rate',
      numerator: ['litigationDirect:corrected', 'litigationAfterReview:corrected'],
      denominator: ['litigationDirect:total', 'litigationAfterReview:total'],
    },
  ],
};

export const GRID_TABLES: GridTableDecl[] = [APPLICATIONS, APPEALS];

// ---------------------------------------------------------------- table 二

/** A template's id: the `id` of a `TEMPLATES` entry (templates.ts), where the ids are declared (and checked unique). */
export type Template = string;
export type ValueType = 'count' | 'signed' | 'amount';

export interface DisclosureColumnDecl {
  key: string;
  label: string;
  type: ValueType;
}

export interface DisclosureGroupDecl {
  /** The article item: 一, 五, 六, 八, 九. */
  item: string;
  columns: DisclosureColumnDecl[];
  rows: { key: string; label: string }[];
}

/** Inequalities within a table 二 row: lhs ≤ rhs. */
export interface DisclosureBoundDecl {
  rule: RuleId;
  /** The finding's severity (default error). */
  severity?: Severity;
  item: string;
  lhs: string;
  rhs: string;
  zh: string;
  en: string;
}

/** The header of table 二's label column, in every group. */
export const DISCLOSURE_LABEL_HEADER = '信息内容';

/** A table 二 group's heading (`第二十条第（一）项`). */
export function disclosureGroupTitle(item: string): string {
  return `第二十条第（${item}）项`;
}

export interface DisclosureTemplateDecl {
  /** The id of the template it belongs to (set from the `TEMPLATES` entry). */
  template: Template;
  groups: DisclosureGroupDecl[];
  bounds: DisclosureBoundDecl[];
}

/** The six parts of the 2019 and 2021 templates. */
export const PARTS = [
  { numeral: '一', title: '总体情况' },
  { numeral: '二', title: '主动公开政府信息情况' },
  { numeral: '三', title: '收到和处理政府信息公开申请情况' },
  { numeral: '四', title: '政府信息公开行政复议、行政诉讼情况' },
  { numeral: '五', title: '存在的主要问题及改进情况' },
  { numeral: '六', title: '其他需要报告的事项' },
];
