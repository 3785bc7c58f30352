// The corpus's ground truth, independent of nianbao: the template's rows and labels as
// the official templates (国办公开办函〔2019〕60号, 〔2021〕30号) print them, and the
// identities of tables 三 and 四 evaluated on the truth's own values. Nothing here
// imports the engine, so a truth file's verdict never depends on the code it measures.

/** Table 三 rows in template order; `other` (2019, 23 rows) or `other.1..3` (2021, 25 rows). */
export const APPLICATION_ROWS = [
  ['new', '一、本年新收政府信息公开申请数量'],
  ['carried', '二、上年结转政府信息公开申请数量'],
  ['granted', '（一）予以公开'],
  ['partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['denied.1', '1.属于国家秘密'],
  ['denied.2', '2.其他法律行政法规禁止公开'],
  ['denied.3', '3.危及“三安全一稳定”'],
  ['denied.4', '4.保护第三方合法权益'],
  ['denied.5', '5.属于三类内部事务信息'],
  ['denied.6', '6.属于四类过程性信息'],
  ['denied.7', '7.属于行政执法案卷'],
  ['denied.8', '8.属于行政查询事项'],
  ['unable.1', '1.本机关不掌握相关政府信息'],
  ['unable.2', '2.没有现成信息需要另行制作'],
  ['unable.3', '3.补正后申请内容仍不明确'],
  ['ignored.1', '1.信访举报投诉类申请'],
  ['ignored.2', '2.重复申请'],
  ['ignored.3', '3.要求提供公开出版物'],
  ['ignored.4', '4.无正当理由大量反复申请'],
  ['ignored.5', '5.要求行政机关确认或重新出具已获取信息'],
  ['other', '（六）其他处理'],
  ['other.1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['other.2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['other.3', '3.其他'],
  ['total', '（七）总计'],
  ['forward', '四、结转下年度继续办理'],
];

/** The row keys of a table 三 of 23 rows (2019 template) or 25 rows (2021 template). */
export function rowKeys(shape) {
  const keys = APPLICATION_ROWS.map(([k]) => k);
  return shape === 23 ? keys.filter((k) => !k.startsWith('other.')) : keys.filter((k) => k !== 'other');
}

export const APPEAL_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'];
export const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** A truth cell as a number, or null when blank or not a number ("", "/", "—", "无"). */
export function num(v) {
  if (typeof v === 'number') return v;
  const s = String(v ?? '').trim();
  return /^\d+$/.test(s) ? Number(s) : null;
}

/**
 * Every identity instance of a truth's tables with its verdict:
 * `holds` (equal with blank cells read as 0), `broken` (not equal, every operand a number),
 * `unassessable` (not equal, some operand blank or not a number: not filled in, no error).
 * Each instance lists its cells as [table, row, column].
 */
export function identities(truth) {
  const out = [];
  const add = (identity, where, left, right) => {
    const cells = [...left, ...right];
    const v = (c) => num(c.value);
    const sum = (xs) => xs.reduce((a, c) => a + (v(c) ?? 0), 0);
    const equal = sum(left) === sum(right);
    const filled = cells.every((c) => v(c) !== null);
    out.push({ identity, ...where, verdict: equal ? 'holds' : filled ? 'broken' : 'unassessable', cells: cells.map((c) => c.at) });
  };
  const a = truth.applications;
  if (a) {
    const keys = Object.keys(a);
    const cell = (row, column) => ({ value: a[row]?.[column], at: ['applications', row, column] });
    const results = keys.filter((k) => !['new', 'carried', 'total', 'forward'].includes(k));
    for (let c = 0; c < 7; c++) {
      add('carry-over', { column: c }, [cell('new', c), cell('carried', c)], [cell('total', c), cell('forward', c)]);
      add('results-total', { column: c }, [cell('total', c)], results.map((r) => cell(r, c)));
    }
    for (const r of keys) add('row-total', { row: r }, [cell(r, 6)], [0, 1, 2, 3, 4, 5].map((c) => cell(r, c)));
  }
  const p = truth.appeals;
  if (p)
    for (const g of APPEAL_GROUPS) {
      const cell = (i) => ({ value: p[g]?.[i], at: ['appeals', g, i] });
      add('appeals-total', { group: g }, [cell(4)], [0, 1, 2, 3].map(cell));
    }
  return out;
}

/** The broken identities as the truth files write them: { identity, column } / { identity, row } / { identity, group }. */
export function breaksOf(truth) {
  return identities(truth)
    .filter((i) => i.verdict === 'broken')
    .map(({ identity, column, row, group }) => ({ identity, ...(column !== undefined ? { column } : {}), ...(row !== undefined ? { row } : {}), ...(group !== undefined ? { group } : {}) }));
}
