// User-facing text in Chinese (default) and English. Code and identifiers stay English.

export type Locale = 'zh-cn' | 'en';

export function normalizeLocale(l: string | undefined | null): Locale {
  if (!l) return 'zh-cn';
  const s = l.toLowerCase();
  return s.startsWith('en') ? 'en' : 'zh-cn';
}

type Params = Record<string, string | number>;

const MESSAGES: Record<string, { 'zh-cn': string; en: string }> = {
  'identity.broken': {
    'zh-cn': '{table}{where}{name}不成立：{equation}',
    en: '{table}{where}{name} does not hold: {equation}',
  },
  'identity.culprit': {
    'zh-cn': '；最可能出错的是 {cell}，应为 {expected}',
    en: '; the likely wrong cell is {cell}, which should be {expected}',
  },
  'identity.culpritAlso': {
    'zh-cn': '（需同时修改 {others}）',
    en: ' (together with {others})',
  },
  'identity.ambiguous': {
    'zh-cn': '；有 {count} 种同样小的修正方案：{options}',
    en: '; {count} equally small repairs exist: {options}',
  },
  'identity.noRepair': {
    'zh-cn': '；找不到只改动 3 个以内单元格的修正方案',
    en: '; no repair changing at most 3 cells exists',
  },
  'identity.unassessable': {
    'zh-cn': '{table}{where}{name}无法核对：{blanks} 不是数字{asZero}',
    en: '{table}{where}{name} cannot be checked: {blanks} is not a number{asZero}',
  },
  'identity.asZeroHolds': {
    'zh-cn': '（若按 0 计，{equation}，成立）',
    en: ' (read as 0: {equation}, which holds)',
  },
  'identity.asZeroBreaks': {
    'zh-cn': '（若按 0 计，{equation}，仍不成立）',
    en: ' (read as 0: {equation}, which still does not hold)',
  },
  'where.column': { 'zh-cn': '“{column}”列', en: ' column “{column}”: ' },
  'where.row': { 'zh-cn': '“{row}”行的', en: ' row “{row}”: ' },
  'fix.set': { 'zh-cn': '将 {cell} 改为 {value}', en: 'Change {cell} to {value}' },
  'fix.setMany': { 'zh-cn': '修改 {changes}', en: 'Change {changes}' },
  'fix.fill': { 'zh-cn': '在 {cell} 填入 {value}', en: 'Write {value} into {cell}' },
  'fix.removeExtra': { 'zh-cn': '删除多余的数值 {text}', en: 'Remove the extra value {text}' },
  'blank.cell': {
    'zh-cn': '{cell} 为空白：空白不等于 0，涉及它的勾稽关系无法核对{implied}',
    en: '{cell} is blank: blank is not 0, and the identities it takes part in cannot be checked{implied}',
  },
  'blank.implied': { 'zh-cn': '；据{names}推算应为 {value}', en: '; {names} imply {value}' },
  'blank.missing': {
    'zh-cn': '“{row}”行少了 {count} 个数值（应有 {width} 个）',
    en: 'row “{row}” is short of {count} values ({width} expected)',
  },
  'bad.text': { 'zh-cn': '{cell} 的内容“{text}”不是有效数值', en: '{cell} holds “{text}”, which is not a valid value' },
  'bad.negative': { 'zh-cn': '{cell} 为负数 {value}：件数不能为负', en: '{cell} is negative ({value}): a count cannot be negative' },
  'bad.fraction': { 'zh-cn': '{cell} 为 {value}：件数应为整数', en: '{cell} is {value}: a count must be a whole number' },
  'bad.kind': { 'zh-cn': '{cell} 应为件数，却写成“{text}”', en: '{cell} should be a count but reads “{text}”' },
  'extra.glued': {
    'zh-cn': '“{row}”行多出一个数值 {text}：它紧贴在行名后面，该行已有 {width} 个数值',
    en: 'row “{row}” has an extra value {text} glued to its label; the row already has {width} values',
  },
  'extra.cell': {
    'zh-cn': '“{row}”行多出数值 {text}：该表每行只有 {width} 列',
    en: 'row “{row}” has an extra value {text}: the table has {width} columns',
  },
  'template.old': {
    'zh-cn': '{year} 年度报告应使用 2021 年模板（国办公开办函〔2021〕30号），但表二仍为 2019 年模板的栏目（{evidence}）',
    en: 'a {year} report should use the 2021 template, but table II still has the 2019 columns ({evidence})',
  },
  'template.new': {
    'zh-cn': '{year} 年度报告应使用 2019 年模板（国办公开办函〔2019〕60号），但表二为 2021 年模板的栏目（{evidence}）',
    en: 'a {year} report should use the 2019 template, but table II has the 2021 columns ({evidence})',
  },
  'template.splitEarly': {
    'zh-cn': '{year} 年度报告的表三将（六）其他处理分为三个子项，这是 2021 年模板的写法',
    en: 'table III of a {year} report splits (6) into three sub-rows, as the 2021 template does',
  },
  'template.rows23': {
    'zh-cn': '表三为 23 行（（六）其他处理未分子项），与 2021 年模板的表二并用；这种混合形式常见，并非错误',
    en: 'table III has 23 rows ((6) is a single row) beside a 2021 table II; this mixed form is common and not an error',
  },
  'bound.broken': {
    'zh-cn': '表二“{row}”：{name}（{lhsLabel} {lhs} > {rhsLabel} {rhs}）',
    en: 'table II “{row}”: {name} ({lhsLabel} {lhs} > {rhsLabel} {rhs})',
  },
  'legacy.sum': {
    'zh-cn': '统计表“{parent}”为 {value}，但其分项之和为 {sum}：{terms}',
    en: 'legacy table: “{parent}” is {value}, but its parts sum to {sum}: {terms}',
  },
  'legacy.bound': {
    'zh-cn': '统计表“{child}”为 {value}，超过了上级“{parent}” {parentValue}',
    en: 'legacy table: “{child}” is {value}, more than its parent “{parent}” ({parentValue})',
  },
  'structure.repeat': {
    'zh-cn': '重复的段落：第 {from}–{to} 行与第 {original} 行起的内容相同',
    en: 'repeated text: lines {from}–{to} repeat the text from line {original}',
  },
  'structure.original': { 'zh-cn': '首次出现的位置', en: 'first occurrence' },
  'structure.extra': {
    'zh-cn': '多出的部分“{heading}”：模板只有六个部分（一、总体情况 … 六、其他需要报告的事项）',
    en: 'extra part “{heading}”: the template has six parts',
  },
  'structure.duplicate': { 'zh-cn': '重复的部分“{heading}”', en: 'part “{heading}” appears twice' },
  'structure.missing': { 'zh-cn': '缺少模板规定的部分“{part}”', en: 'the template’s part “{part}” is missing' },
  'structure.misnamed': {
    'zh-cn': '“{heading}”应为“{part}”：它用了“{other}”的名称',
    en: '“{heading}” should be “{part}”: it carries the name of “{other}”',
  },
  'structure.variant': { 'zh-cn': '标题“{heading}”与模板的“{part}”不同', en: 'heading “{heading}” differs from the template’s “{part}”' },
  'structure.digits': { 'zh-cn': '部分标题“{heading}”应使用中文序号“{expected}”', en: 'part heading “{heading}” should be numbered “{expected}”' },
  'structure.numbered': { 'zh-cn': '部分标题“{heading}”的序号应为“{expected}”', en: 'part heading “{heading}” should be numbered “{expected}”' },
  'fix.rename': { 'zh-cn': '改为模板名称“{title}”', en: 'Rename to the template’s “{title}”' },
  'fix.renumber': { 'zh-cn': '序号改为“{numeral}”', en: 'Renumber as “{numeral}”' },
  'fix.removeRepeat': { 'zh-cn': '删除重复的段落', en: 'Remove the repeated text' },
  'date.period': {
    'zh-cn': '统计期限“{period}”与报告年度 {year} 年不符（应为 {year} 年 1 月 1 日至 12 月 31 日）',
    en: 'the statistics period “{period}” does not match the report year {year}',
  },
  'date.early': {
    'zh-cn': '{label}“{date}”早于 {year} 年度统计期限的结束（{year} 年 12 月 31 日）',
    en: '{label} “{date}” is before the {year} period ended (31 December {year})',
  },
  'date.invalid': { 'zh-cn': '日期“{date}”不存在', en: 'the date “{date}” does not exist' },
  'date.garbled': { 'zh-cn': '无法识别的日期“{text}”（缺少年、月分隔），请核对', en: 'unreadable date “{text}” (year and month run together)' },
  'prose.mismatch': {
    'zh-cn': '正文称“{clause}”（{what} {stated}），但{table}为 {value}',
    en: 'the text says “{clause}” ({what}: {stated}), but {table} is {value}',
  },
  'fix.prose': { 'zh-cn': '将正文数字改为表格中的 {value}', en: 'Change the figure in the text to {value}, as in the table' },
  'related.operand': { 'zh-cn': '{cell} = {value}', en: '{cell} = {value}' },
  'related.culprit': { 'zh-cn': '同一修正方案：{cell} 应为 {value}', en: 'same repair: {cell} should be {value}' },
  'others': { 'zh-cn': '其余 {count} 项为 0', en: '{count} more at 0' },
  'blank': { 'zh-cn': '空白', en: 'blank' },
  'missing': { 'zh-cn': '缺失', en: 'missing' },
  'separator': { 'zh-cn': '；', en: '; ' },
  'or': { 'zh-cn': '或', en: ' or ' },
  'and': { 'zh-cn': '、', en: ', ' },
};

export function t(locale: Locale, key: string, params: Params = {}): string {
  const entry = MESSAGES[key];
  if (!entry) return key;
  return entry[locale].replace(/\{(\w+)\}/g, (_, k: string) => (params[k] !== undefined ? String(params[k]) : `{${k}}`));
}
