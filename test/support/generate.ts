// Synthetic reports for the tests: consistent tables rendered in every layout the
// parser supports. A report is data (the values) plus a layout; the text is derived.

import { APPEALS, APPLICATIONS } from '../../server/src/engine/declarations';

export type Layout = 'pipe' | 'pipe-split' | 'tab' | 'plain' | 'pdf' | 'markdown' | 'web';
export const LAYOUTS: Layout[] = ['pipe', 'pipe-split', 'tab', 'plain', 'pdf', 'markdown', 'web'];
/** Layouts in which a blank cell can be written (elsewhere it cannot be told from a separator). */
export const BLANK_LAYOUTS: Layout[] = ['pipe', 'pipe-split', 'tab', 'markdown', 'web'];

/** A cell's text: a number, or a string written as is ('' for blank). */
export type CellText = number | string;

export interface ReportSpec {
  year: number;
  /** Table 三 rows by key; rows absent from the map are not written. */
  applications: Record<string, CellText[]>;
  /** 15 values of table 四. */
  appeals: CellText[];
  /** '2019' | '2021' table 二, or none. */
  disclosure: '2019' | '2021' | null;
  shape: 'single-other' | 'split-other';
}

const RESULT_KEYS = (shape: ReportSpec['shape']) =>
  APPLICATIONS.rows.filter((r) => r.group && r.key !== 'total' && (!r.shape || r.shape === shape)).map((r) => r.key);

/** Builds a consistent table 三 from per-column result counts and carry-forward figures. */
export function consistentApplications(
  results: Record<string, number[]>,
  carried: number[],
  forward: number[],
  shape: ReportSpec['shape'] = 'split-other',
): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  const keys = RESULT_KEYS(shape);
  const withTotal = (six: number[]) => [...six, six.reduce((a, b) => a + b, 0)];
  for (const k of keys) rows[k] = withTotal(results[k] ?? [0, 0, 0, 0, 0, 0]);
  const total = [0, 0, 0, 0, 0, 0, 0];
  for (const k of keys) rows[k].forEach((v, i) => (total[i] += v));
  rows.total = total;
  rows.forward = withTotal(forward);
  // Nothing can be carried over that was neither handled nor carried forward.
  rows.carried = withTotal(carried.map((v, i) => Math.min(v, total[i] + rows.forward[i])));
  // 一 = （七）+ 四 − 二, column by column; callers keep it non-negative.
  rows.new = total.map((v, i) => v + rows.forward[i] - rows.carried[i]);
  return rows;
}

export function defaultSpec(overrides: Partial<ReportSpec> = {}): ReportSpec {
  const shape = overrides.shape ?? 'split-other';
  return {
    year: shape === 'split-other' ? 2022 : 2020,
    applications: consistentApplications(
      { granted: [4, 1, 0, 0, 0, 0], partial: [1, 0, 0, 0, 0, 0], 'unable.1': [2, 0, 0, 0, 1, 0], 'ignored.2': [1, 0, 0, 0, 0, 0] },
      [1, 0, 0, 0, 0, 0],
      [2, 0, 0, 0, 0, 0],
      shape,
    ),
    appeals: [1, 0, 0, 0, 1, 2, 1, 0, 0, 3, 0, 0, 0, 0, 0],
    disclosure: shape === 'split-other' ? '2021' : '2019',
    shape,
    ...overrides,
  };
}

// ------------------------------------------------------------------ rendering

const HEADER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const COLUMN_HEADERS = ['申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
const APPEAL_HEADERS = ['行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

interface Line {
  /** Leading labels: a group label printed on its first row, then the row label. */
  labels: string[];
  values: CellText[];
}

function groupLabelFor(key: string, shape: ReportSpec['shape']): string | null {
  const group = (k: string) => APPLICATIONS.groups.find((g) => g.key === k)!.label;
  if (key === 'granted') return group('results');
  if (key === 'denied.1') return group('denied');
  if (key === 'unable.1') return group('unable');
  if (key === 'ignored.1') return group('ignored');
  if (key === 'other.1' && shape === 'split-other') return group('otherGroup');
  return null;
}

function applicationLines(spec: ReportSpec): Line[] {
  const lines: Line[] = [];
  for (const row of APPLICATIONS.rows) {
    const values = spec.applications[row.key];
    if (!values) continue;
    if (row.shape && row.shape !== spec.shape) continue;
    const g = groupLabelFor(row.key, spec.shape);
    lines.push({ labels: g ? [g, row.label] : [row.label], values });
  }
  return lines;
}

const str = (v: CellText) => String(v);

function renderTable(layout: Layout, header: string[], lines: Line[], title: string): string {
  switch (layout) {
    case 'pipe':
    case 'web': {
      const sep = layout === 'web' ? '|' : ' | ';
      const cell = (v: CellText) => (str(v) === '' ? (layout === 'web' ? '' : ' ') : str(v));
      const head = header.join(sep) + sep + '||||';
      const rows = lines.map((l) => [...l.labels, ...l.values.map(cell)].join(sep) + sep + '||');
      return [title, head, ...rows].join('\n');
    }
    case 'markdown': {
      const width = 1 + Math.max(...lines.map((l) => l.values.length));
      const head = `| ${header.slice(0, width).join(' | ')} |`;
      const rule = `|${' --- |'.repeat(Math.min(width, header.length))}`;
      const rows = lines.map((l) => `| ${l.labels.join(' | ')} | ${l.values.map((v) => (str(v) === '' ? ' ' : str(v))).join(' | ')} |`);
      return [title, '', head, rule, ...rows].join('\n');
    }
    case 'pipe-split': {
      const out = [title, ...header.map((h) => `| ${h}\n|`), '||||'];
      for (const l of lines) {
        for (const lab of l.labels) out.push(`| ${lab}\n|`);
        for (const v of l.values) out.push(str(v) === '' ? '|' : `${str(v)}\n|`);
        out.push('||');
      }
      return out.join('\n');
    }
    case 'tab': {
      const out = [title, '', ...header.map((h) => `\t${h}`), ''];
      for (const l of lines) {
        if (l.labels.length === 1 && lines.indexOf(l) > 0) out.push('\t'); // the empty rowspan cell
        for (const lab of l.labels) out.push(`\t${lab}`);
        for (const v of l.values) out.push(`\t${str(v)}`);
        out.push('');
      }
      return out.join('\n');
    }
    case 'plain': {
      const out = [title, ...header];
      for (const l of lines) out.push(...l.labels, ...l.values.map(str));
      return out.join('\n\n');
    }
    case 'pdf': {
      const out = [title, header.join(' ')];
      for (const l of lines) out.push(`${l.labels.join(' ')} ${l.values.map(str).join(' ')}`);
      return out.join('\n');
    }
  }
}

function disclosureText(layout: Layout, template: '2019' | '2021'): string {
  const groups =
    template === '2019'
      ? [
          { item: '一', header: ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'], rows: [['规章', 0, 0, 0], ['规范性文件', 3, 3, 7]] },
          { item: '五', header: ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], rows: [['行政许可', 120, '减5', 96], ['其他对外管理服务事项', 12, '增2', 14]] },
          { item: '六', header: ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], rows: [['行政处罚', 300, '+16', 280], ['行政强制', 8, '-2', 6]] },
          { item: '八', header: ['信息内容', '上一年项目数量', '本年增/减'], rows: [['行政事业性收费', 5, 0]] },
          { item: '九', header: ['信息内容', '采购项目数量', '采购总金额'], rows: [['政府集中采购', 36, '1973.15万']] },
        ]
      : [
          { item: '一', header: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], rows: [['规章', 0, 0, 0], ['行政规范性文件', 1, 2, 10]] },
          { item: '五', header: ['信息内容', '本年处理决定数量'], rows: [['行政许可', 57]] },
          { item: '六', header: ['信息内容', '本年处理决定数量'], rows: [['行政处罚', 12], ['行政强制', 0]] },
          { item: '八', header: ['信息内容', '本年收费金额（单位：万元）'], rows: [['行政事业性收费', 0]] },
        ];
  const parts: string[] = [];
  for (const g of groups) {
    const lines: Line[] = g.rows.map((r) => ({ labels: [String(r[0])], values: r.slice(1) as CellText[] }));
    parts.push(renderTable(layout, g.header, lines, `第二十条第（${g.item}）项`));
  }
  return parts.join('\n');
}

/** Renders a whole report (six parts, tables 二, 三, 四) in one layout. */
export function render(spec: ReportSpec, layout: Layout): string {
  const title = `示例区${spec.year}年政府信息公开工作年度报告`;
  const intro = `本报告中所列数据统计期限自${spec.year}年1月1日始，至${spec.year}年12月31日止。`;
  const t3 = renderTable(layout, [HEADER_NOTE, ...COLUMN_HEADERS], applicationLines(spec), '三、收到和处理政府信息公开申请情况');
  const t4 = renderTable(layout, APPEAL_HEADERS.slice(0, -1), [{ labels: [APPEAL_HEADERS[APPEAL_HEADERS.length - 1]], values: spec.appeals }], '四、政府信息公开行政复议、行政诉讼情况');
  return [
    title,
    intro,
    '一、总体情况',
    // Part 一 as the 2021 template asks (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障) and a
    // government's 考核 results (part-content): a consistent report says them.
    `${spec.year}年，本区认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。本年主动公开重点领域信息，依申请公开按时答复，加强政府信息管理，推进政府网站平台建设，强化监督保障，公开年度考核结果。`,
    '二、主动公开政府信息情况',
    spec.disclosure ? disclosureText(layout, spec.disclosure) : '',
    t3,
    t4,
    '五、存在的主要问题及改进情况',
    '一是公开意识有待进一步提高。下一步将加强培训。',
    '六、其他需要报告的事项',
    '无。',
    '',
  ].join('\n');
}
