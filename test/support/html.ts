// HTML reports for the tests, as Word's "save as web page" and government sites write
// them: the template's tables with their real rowspan/colspan layout, cell text in
// <p><span>, `商业<br>企业`, &nbsp; in empty cells.

import { APPLICATIONS } from '../../server/src/engine/declarations';
import type { CellText, ReportSpec } from './generate';

export interface HCell {
  text: CellText;
  rowSpan?: number;
  colSpan?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A cell as Word writes it: `\n` in the text is a `<br>`, an empty cell holds `&nbsp;`. */
export function cellHtml(c: HCell): string {
  const s = String(c.text);
  const span = (c.rowSpan ?? 1) > 1 ? ` rowspan=${c.rowSpan}` : '';
  const cols = (c.colSpan ?? 1) > 1 ? ` colspan="${c.colSpan}"` : '';
  const body = s === '' ? '<span lang=EN-US>&nbsp;</span>' : `<span style='font-size:10.5pt;font-family:宋体'>${s.split('\n').map(esc).join('<br>\n')}</span>`;
  return `<td${span}${cols} valign=center style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'>${body}</p></td>`;
}

export function tableHtml(rows: HCell[][]): string {
  const body = rows.map((r) => ` <tr style='height:20.0pt'>\n  ${r.map(cellHtml).join('\n  ')}\n </tr>`).join('\n');
  return `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A page of prose lines (a paragraph each) and tables, in the given charset's `<meta>`. */
export function pageHtml(parts: (string | HCell[][])[], charset = 'utf-8', title = '政府信息公开工作年度报告'): string {
  const body = parts
    .map((p) => (typeof p === 'string' ? `<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>${esc(p)}</span></p>` : tableHtml(p)))
    .join('\n');
  return `<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=${charset}">\n<title>${esc(title)}</title>\n<style>\np.MsoNormal {margin:0cm; font-size:10.5pt}\n</style>\n<script>var nav = "一、总体情况";</script>\n</head>\n<body lang=ZH-CN>\n<div class=WordSection1>\n${body}\n</div>\n</body>\n</html>\n`;
}

/** The header rows of table 三 as the template merges them (`note` is the top-left cell). */
export function applicationsHeader(note = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'): HCell[][] {
  return [
    [{ text: note, rowSpan: 3, colSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
    [{ text: '商业\n企业' }, { text: '科研\n机构' }, { text: '社会公益组织' }, { text: '法律服务机构' }, { text: '其他' }],
  ];
}

/**
 * Table 三 with the template's merges: 一、二、四 over three columns; 三、本年度办理结果 a
 * rowspan label over the results; （三）（四）（五）（六） rowspan labels over their sub-rows.
 * `labels` replaces a row's label text (by row key), for copies of real reports.
 */
export function applicationsRows(rows: Record<string, CellText[]>, shape: ReportSpec['shape'], labels: Record<string, string> = {}, groupLabels: Record<string, string> = {}): HCell[][] {
  const decl = APPLICATIONS.rows.filter((r) => rows[r.key] && (!r.shape || r.shape === shape));
  const label = (key: string) => labels[key] ?? decl.find((r) => r.key === key)!.label;
  const group = (key: string) => groupLabels[key] ?? APPLICATIONS.groups.find((g) => g.key === key)!.label;
  const results = decl.filter((r) => r.group);
  const out: HCell[][] = [];
  for (const r of decl) {
    const values = rows[r.key].map((v) => ({ text: v }));
    if (!r.group) {
      out.push([{ text: label(r.key), colSpan: 3 }, ...values]);
      continue;
    }
    const first: HCell[] = r === results[0] ? [{ text: group('results'), rowSpan: results.length }] : [];
    if (r.group === 'results') {
      out.push([...first, { text: label(r.key), colSpan: 2 }, ...values]);
      continue;
    }
    const members = results.filter((x) => x.group === r.group);
    const head: HCell[] = r === members[0] ? [{ text: group(r.group), rowSpan: members.length }] : [];
    out.push([...first, ...head, { text: label(r.key) }, ...values]);
  }
  return out;
}

/** Table 四 with the template's merges, and its 15 values. */
export function appealsRows(values: CellText[]): HCell[][] {
  const five = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
    [...five.map((t) => ({ text: t, rowSpan: 2 })), { text: '未经复议直接起诉', colSpan: 5 }, { text: '复议后起诉', colSpan: 5 }],
    [...five, ...five].map((t) => ({ text: t })),
    values.map((v) => ({ text: v })),
  ];
}

/** A whole report (as `render` in generate.ts writes it as text) as an HTML page. */
export function reportHtml(spec: ReportSpec, charset = 'utf-8'): string {
  return pageHtml(
    [
      `示例区${spec.year}年政府信息公开工作年度报告`,
      `本报告中所列数据统计期限自${spec.year}年1月1日始，至${spec.year}年12月31日止。`,
      '一、总体情况',
      // Part 一 as the 2021 template asks, and a government's 考核 results (part-content), as in generate.ts.
      `${spec.year}年，本区认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。本年主动公开重点领域信息，依申请公开按时答复，加强政府信息管理，推进政府网站平台建设，强化监督保障，公开年度考核结果。`,
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      [...applicationsHeader(), ...applicationsRows(spec.applications, spec.shape)],
      '四、政府信息公开行政复议、行政诉讼情况',
      appealsRows(spec.appeals),
      '五、存在的主要问题及改进情况',
      '一是公开意识有待进一步提高。下一步将加强培训。',
      '六、其他需要报告的事项',
      '无。',
    ],
    charset,
  );
}
