// Regenerates test/corpus/generated/: synthetic reports in the forms real ones are
// published and copied in, each with its truth from the generator's own figures.
//
//   node scripts/corpus/generate.mjs [--out DIR] [--only ID,…] [--real [--no-pdf]]
//
// For every report: the HTML page as a government site draws the template (rowspan/colspan
// header rows, rowspan group labels, `商业<br>企业`, `&nbsp;`, p/span wrappers; one page in
// GBK), the browser copy (Chromium's `document.body.innerText`), a DOCX (LibreOffice, its
// over-wide tables then fitted to the page as a Word user does: fitTables), a PDF from that
// DOCX (LibreOffice) and one printed by Chromium (`page.pdf()`), and pdftotext's
// output of both PDFs (`-layout` and plain). `--real` derives the same forms from the real
// HTML reports under test/corpus/real/ (their truth stays the hand-transcribed one).
// PDFs (and their pdftotext outputs) are made for the reports marked `pdf` only: a PDF
// embeds its CJK font subset (150–300 KB), and five reports cover both templates,
// breaks, blanks and <br> labels.
//
// Needs /usr/bin/chromium (driven by playwright-core), soffice and pdftotext. The outputs are
// committed, so the tests never need these tools; run this only to regenerate.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APPLICATION_ROWS, breaksOf, rowKeys } from './truth.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const OUT = path.resolve(opt('--out') ?? path.join(ROOT, 'test/corpus/generated'));
const ONLY = opt('--only')?.split(',');
const REAL = args.includes('--real');
const NO_PDF = args.includes('--no-pdf');

// A small deterministic generator (mulberry32): the corpus is the same on every run.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODIES = ['示例市交通运输局', '示例县人民政府', '示例区卫生健康委员会', '示例市自然资源和规划局', '示例镇人民政府', '示例市人力资源和社会保障局', '示例区人民政府', '示例市生态环境局', '示例县教育局', '示例市市场监督管理局', '示例区住房和城乡建设局', '示例市公安局'];

/**
 * The reports: template, year, and what is special about each — `break` changes one cell
 * after the tables were made consistent (the truth records the identities that break),
 * `blanks` leaves the zero cells of the five 法人 columns empty (as many published tables
 * do), `gbk` writes the page in GBK, `brLabels` breaks the rowspan labels with <br>.
 */
const SPECS = [
  { id: 'gen-01', pdf: true, wrap: 'span', shape: 25, year: 2022 },
  { id: 'gen-02', wrap: 'span', shape: 23, year: 2020 },
  { id: 'gen-03', shape: 25, year: 2023, blanks: true },
  { id: 'gen-04', pdf: true, wrap: 'span', shape: 23, year: 2019, break: { row: 'total', column: 0, delta: 3 } },
  { id: 'gen-05', shape: 25, year: 2021, gbk: true },
  { id: 'gen-06', pdf: true, shape: 25, year: 2024, brLabels: true, break: { row: 'granted', column: 6, delta: -2 } },
  { id: 'gen-07', pdf: true, wrap: 'span', shape: 23, year: 2020, blanks: true, brLabels: true },
  { id: 'gen-08', shape: 25, year: 2022, breakAppeals: { group: 'review', index: 4, delta: 1 } },
  { id: 'gen-09', wrap: 'span', shape: 25, year: 2023, big: true },
  { id: 'gen-10', shape: 23, year: 2019, gbk: true, blanks: true },
  { id: 'gen-11', wrap: 'span', shape: 25, year: 2021, brLabels: true, break: { row: 'forward', column: 1, delta: 1 } },
  { id: 'gen-12', pdf: true, shape: 25, year: 2024, blanks: true, break: { row: 'new', column: 0, delta: -1 } },
];

/** Consistent tables from random figures, then the deliberate change. Values as written: numbers, '' for blank. */
function makeTruth(spec, index) {
  const r = rng(1000 + index);
  const scale = spec.big ? 400 : 12;
  const small = (p, max) => (r() < p ? Math.floor(r() * max) + 1 : 0);
  const keys = rowKeys(spec.shape);
  const results = keys.filter((k) => !['new', 'carried', 'total', 'forward'].includes(k));
  const a = {};
  for (const k of results)
    a[k] = [0, 1, 2, 3, 4, 5].map((c) => (c === 0 ? small(k === 'granted' ? 1 : 0.5, scale) : small(k === 'granted' || k === 'unable.1' ? 0.5 : 0.12, Math.ceil(scale / 4))));
  const sumOf = (rows, c) => rows.reduce((s, k) => s + a[k][c], 0);
  a.total = [0, 1, 2, 3, 4, 5].map((c) => sumOf(results, c));
  a.forward = [0, 1, 2, 3, 4, 5].map((c) => (a.total[c] ? small(0.5, Math.ceil(scale / 3)) : 0));
  a.carried = [0, 1, 2, 3, 4, 5].map((c) => Math.min(a.total[c] + a.forward[c], small(0.4, Math.ceil(scale / 3))));
  a.new = [0, 1, 2, 3, 4, 5].map((c) => a.total[c] + a.forward[c] - a.carried[c]);
  for (const k of keys) a[k].push(a[k].reduce((s, v) => s + v, 0));
  const applications = Object.fromEntries(keys.map((k) => [k, a[k]]));
  const appeals = {};
  for (const g of ['review', 'litigationDirect', 'litigationAfterReview']) {
    const four = [small(0.5, 6), small(0.3, 3), small(0.3, 3), small(0.3, 3)];
    appeals[g] = [...four, four.reduce((s, v) => s + v, 0)];
  }
  if (spec.blanks)
    for (const k of keys) for (let c = 1; c <= 5; c++) if (applications[k][c] === 0) applications[k][c] = '';
  if (spec.break) applications[spec.break.row][spec.break.column] += spec.break.delta;
  if (spec.breakAppeals) appeals[spec.breakAppeals.group][spec.breakAppeals.index] += spec.breakAppeals.delta;
  const truth = {
    id: spec.id,
    body: BODIES[index % BODIES.length],
    year: spec.year,
    template: spec.shape === 25 ? '2021' : '2019',
    shape: spec.shape,
    encoding: spec.gbk ? 'gbk' : 'utf-8',
    applications,
    appeals,
    breaks: [],
    notes: [spec.break && `deliberate break: ${spec.break.row}[${spec.break.column}] changed by ${spec.break.delta}`, spec.breakAppeals && `deliberate break: table 四 ${spec.breakAppeals.group} 总计 changed by ${spec.breakAppeals.delta}`, spec.blanks && 'zero cells of the five 法人 columns left blank', spec.brLabels && 'rowspan labels broken with <br>'].filter(Boolean).join('; '),
  };
  truth.breaks = breaksOf(truth);
  return truth;
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
/**
 * How the page wraps a cell's text: `p` (a <p> in every cell, as pages pasted from Word
 * have; the browser's innerText then puts each cell on lines of its own) or `span` (inline
 * wrappers only; innerText gives tab-separated rows). Set per page by `page()`.
 */
let WRAP = 'p';
const wrapped = (inner, align) => (WRAP === 'p' ? `<p${align ? ' align="center" style="text-align:center"' : ''}>${inner}</p>` : inner);
/** A value cell as sites write them: the number (some in a <span>), &nbsp; for blank. */
function valueCell(v, i) {
  const text = v === '' ? '&nbsp;' : esc(v);
  const inner = i % 3 === 0 || WRAP === 'span' ? `<span style="font-family:仿宋_GB2312;font-size:12pt">${text}</span>` : text;
  return `<td style="border:1px solid #000;padding:2px"${WRAP === 'span' ? ' align="center"' : ''}>${wrapped(inner, true)}</td>`;
}
const labelCell = (text, attrs = '') => `<td${attrs} style="border:1px solid #000;padding:2px">${wrapped(`<span style="font-family:仿宋_GB2312">${text}</span>`)}</td>`;
const headCell = (text, attrs = '') => `<td${attrs} style="border:1px solid #000;padding:2px" align="center">${wrapped(`<span style="font-family:黑体">${text}</span>`, true)}</td>`;

function table2(t) {
  const row = (cells) => `<tr>${cells.join('')}</tr>`;
  const grp = (item, n) => row([headCell(`第二十条第（${item}）项`, ` colspan="${n}"`)]);
  if (t.template === '2021')
    return `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:600px">${grp('一', 4)}${row(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'].map((h) => headCell(h)))}${row([labelCell('规章'), valueCell(0, 0), valueCell(0, 1), valueCell(3, 2)])}${row([labelCell('行政规范性文件'), valueCell(2, 0), valueCell(1, 1), valueCell(15, 2)])}${grp('五', 4)}${row([headCell('信息内容'), headCell('本年处理决定数量', ' colspan="3"')])}${row([labelCell('行政许可'), `<td colspan="3" style="border:1px solid #000"><p align="center">126</p></td>`])}${grp('六', 4)}${row([headCell('信息内容'), headCell('本年处理决定数量', ' colspan="3"')])}${row([labelCell('行政处罚'), `<td colspan="3" style="border:1px solid #000"><p align="center">48</p></td>`])}${row([labelCell('行政强制'), `<td colspan="3" style="border:1px solid #000"><p align="center">2</p></td>`])}${grp('八', 4)}${row([headCell('信息内容'), headCell('本年收费金额（单位：万元）', ' colspan="3"')])}${row([labelCell('行政事业性收费'), `<td colspan="3" style="border:1px solid #000"><p align="center">0</p></td>`])}</table>`;
  return `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:600px">${grp('一', 4)}${row(['信息内容', '本年新<br>制作数量', '本年新<br>公开数量', '对外公开总数量'].map((h) => headCell(h)))}${row([labelCell('规章'), valueCell(0, 0), valueCell(0, 1), valueCell(0, 2)])}${row([labelCell('规范性文件'), valueCell(3, 0), valueCell(3, 1), valueCell(21, 2)])}${grp('五', 4)}${row(['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'].map((h) => headCell(h)))}${row([labelCell('行政许可'), valueCell(35, 0), valueCell(-2, 1), valueCell(140, 2)])}${row([labelCell('其他对外管理服务事项'), valueCell(6, 0), valueCell(0, 1), valueCell(12, 2)])}${grp('六', 4)}${row(['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'].map((h) => headCell(h)))}${row([labelCell('行政处罚'), valueCell(120, 0), valueCell(3, 1), valueCell(30, 2)])}${row([labelCell('行政强制'), valueCell(8, 0), valueCell(0, 1), valueCell(1, 2)])}${grp('八', 4)}${row(['信息内容', '上一年项目数量', '本年增/减', ''].map((h) => headCell(h)))}${row([labelCell('行政事业性收费'), valueCell(2, 0), valueCell(0, 1), valueCell('', 2)])}${grp('九', 4)}${row(['信息内容', '采购项目数量', '采购总金额', ''].map((h) => headCell(h)))}${row([labelCell('政府集中采购'), valueCell(4, 0), valueCell('36.5万元', 1), valueCell('', 2)])}</table>`;
}

/** Table 三 as the template draws it: three header rows, rowspan group labels. */
function table3(t, brLabels) {
  const a = t.applications;
  const label = Object.fromEntries(APPLICATION_ROWS);
  const br = (s, at) => (brLabels ? s.slice(0, at) + '<br>' + s.slice(at) : s);
  const vals = (k) => a[k].map((v, i) => valueCell(v, i)).join('');
  const resultsRows = Object.keys(a).filter((k) => !['new', 'carried', 'forward'].includes(k)).length;
  let h = `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:640px"><tbody>`;
  h += `<tr>${headCell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${headCell('申请人情况', ' colspan="7"')}</tr>`;
  h += `<tr>${headCell('自然人', ' rowspan="2"')}${headCell('法人或其他组织', ' colspan="5"')}${headCell('总计', ' rowspan="2"')}</tr>`;
  h += `<tr>${['商业<br>企业', '科研<br>机构', '社会公益组织', '法律服务机构', '其他'].map((x) => headCell(x)).join('')}</tr>`;
  h += `<tr>${labelCell(label.new, ' colspan="3"')}${vals('new')}</tr>`;
  h += `<tr>${labelCell(label.carried, ' colspan="3"')}${vals('carried')}</tr>`;
  h += `<tr>${labelCell(br('三、本年度办理结果', 5), ` rowspan="${resultsRows}"`)}${labelCell(label.granted, ' colspan="2"')}${vals('granted')}</tr>`;
  h += `<tr>${labelCell(label.partial, ' colspan="2"')}${vals('partial')}</tr>`;
  const group = (title, prefix) => {
    const keys = Object.keys(a).filter((k) => k.startsWith(prefix + '.'));
    keys.forEach((k, i) => {
      h += `<tr>${i === 0 ? labelCell(br(title, 3), ` rowspan="${keys.length}"`) : ''}${labelCell(label[k])}${vals(k)}</tr>`;
    });
  };
  group('（三）不予公开', 'denied');
  group('（四）无法提供', 'unable');
  group('（五）不予处理', 'ignored');
  if (a.other) h += `<tr>${labelCell(label.other, ' colspan="2"')}${vals('other')}</tr>`;
  else group('（六）其他处理', 'other');
  h += `<tr>${labelCell(label.total, ' colspan="2"')}${vals('total')}</tr>`;
  h += `<tr>${labelCell(label.forward, ' colspan="3"')}${vals('forward')}</tr>`;
  return h + '</tbody></table>';
}

function table4(t, brLabels) {
  const five = brLabels ? ['结果<br>维持', '结果<br>纠正', '其他<br>结果', '尚未<br>审结', '总计'] : ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const v = [...t.appeals.review, ...t.appeals.litigationDirect, ...t.appeals.litigationAfterReview];
  return `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:640px"><tbody><tr>${headCell('行政复议', ' colspan="5"')}${headCell('行政诉讼', ' colspan="10"')}</tr><tr>${five.map((x) => headCell(x, ' rowspan="2"')).join('')}${headCell('未经复议直接起诉', ' colspan="5"')}${headCell('复议后起诉', ' colspan="5"')}</tr><tr>${[...five, ...five].map((x) => headCell(x)).join('')}</tr><tr>${v.map((x, i) => valueCell(x, i)).join('')}</tr></tbody></table>`;
}

function page(t, spec) {
  WRAP = spec.wrap ?? 'p';
  const a = t.applications;
  const charset = spec.gbk ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' : '<meta charset="utf-8">';
  const title = `${t.body}${t.year}年政府信息公开工作年度报告`;
  const n = (v) => (typeof v === 'number' ? v : 0);
  return `<!DOCTYPE html>
<html><head>${charset}<title>${title}</title>
<style>body{font-family:"Noto Serif CJK SC",serif;font-size:14px;margin:24px} td{font-size:12px}</style></head>
<body><div class="article"><h1 style="text-align:center;font-size:20px">${title}</h1>
<div id="zoom">
<p style="text-indent:2em">本报告根据《中华人民共和国政府信息公开条例》编制。报告中所列数据的统计期限自${t.year}年1月1日起至${t.year}年12月31日止。</p>
<p style="text-indent:2em"><strong>一、总体情况</strong></p>
<p style="text-indent:2em">${t.year}年，本机关共收到政府信息公开申请${n(a.new[6])}件，上年结转${n(a.carried[6])}件，办结${n(a.total[6])}件，结转下年度继续办理${n(a.forward[6])}件。</p>
<p style="text-indent:2em"><strong>二、主动公开政府信息情况</strong></p>
${table2(t)}
<p style="text-indent:2em"><strong>三、收到和处理政府信息公开申请情况</strong></p>
${table3(t, spec.brLabels)}
<p style="text-indent:2em"><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
${table4(t, spec.brLabels)}
<p style="text-indent:2em"><strong>五、存在的主要问题及改进情况</strong></p>
<p style="text-indent:2em">一是主动公开的及时性有待提高，下一步将建立更新台账；二是政策解读形式较为单一，下一步将增加图解和问答。</p>
<p style="text-indent:2em"><strong>六、其他需要报告的事项</strong></p>
<p style="text-indent:2em">本年度未收取信息处理费。</p>
<p style="text-align:right">${t.body}</p><p style="text-align:right">${t.year + 1}年1月20日</p>
</div></div></body></html>
`;
}

function run(cmd, argv, opts = {}) {
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, ...opts });
}

/** The browser copy and Chromium's PDF of each page, in one browser. */
async function withChromium(pages) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const ctx = await browser.newContext();
    for (const { html, base, pdf } of pages) {
      const p = await ctx.newPage();
      await p.goto(pathToFileURL(html).href);
      writeFileSync(`${base}.browser.txt`, await p.evaluate(() => document.body.innerText));
      if (!pdf) {
        await p.close();
        continue;
      }
      // One font face for print (the pages ask for 仿宋_GB2312 and 黑体, which fall back to several): keeps the PDFs small.
      await p.addStyleTag({ content: '*{font-family:"Noto Sans CJK SC",sans-serif !important;font-weight:normal !important}' });
      await p.pdf({ path: `${base}.chrome.pdf`, format: 'A4', printBackground: false });
      await p.close();
    }
  } finally {
    await browser.close();
  }
}

/** The narrowest a column is made by fitTables (twips: 1.27 cm, three digits at 12 pt and the cell margins), unless it was narrower. */
const MIN_COLUMN = 720;

/**
 * A Word user's 自动调整 → 根据窗口调整表格 (AutoFit to window) on every table wider than the
 * text of its section: LibreOffice's HTML import keeps the page's pixel widths, so table 四
 * (15 columns) and the Shanghai office's table 三 run past the right margin, and a PDF printed
 * from that file has no such cells — an office's Word file has them on the page. The table
 * becomes 100 % of the text width (`tblW` pct 5000) and its columns shrink as autofit shrinks
 * them: the wide ones (labels) give up width first, no column is made narrower than
 * MIN_COLUMN (a number column keeps its digits on one line); tblGrid and every cell's tcW follow.
 * The zip is written again with one fixed date, so the same page gives the same bytes.
 * Returns the new DOCX and how many tables were fitted.
 */
function fitTables(docx) {
  const { unzipSync, zipSync, strFromU8, strToU8 } = require('fflate');
  const files = unzipSync(docx);
  const xml = strFromU8(files['word/document.xml']);
  const attr = (tag, name) => Number(new RegExp(`\\bw:${name}="(-?\\d+)"`).exec(tag ?? '')?.[1] ?? NaN);
  // A section's properties close it: a table belongs to the first sectPr after it.
  const textWidthAfter = (at) => {
    const start = xml.indexOf('<w:sectPr', at);
    const sect = xml.slice(start, xml.indexOf('</w:sectPr>', start));
    const size = /<w:pgSz\b[^>]*>/.exec(sect)?.[0];
    const margins = /<w:pgMar\b[^>]*>/.exec(sect)?.[0];
    const width = attr(size, 'w') - attr(margins, 'left') - attr(margins, 'right') - (attr(margins, 'gutter') || 0);
    if (start < 0 || !(width > 0)) throw new Error('fitTables: no page width for a table');
    return width;
  };
  let fitted = 0;
  const out = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl, at) => {
    if (tbl.includes('<w:tbl>', 1)) throw new Error('fitTables: a table inside a table');
    const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const width = textWidthAfter(at);
    if (grid.reduce((s, v) => s + v, 0) <= width) return tbl;
    fitted++;
    // Columns that would go below their floor keep the floor; the others share the rest in proportion
    // (all in proportion when the floors alone are wider than the text).
    const floor = grid.map((g) => Math.min(g, MIN_COLUMN));
    if (floor.reduce((s, v) => s + v, 0) >= width) floor.fill(0);
    const fixed = new Set();
    let factor;
    for (;;) {
      const room = width - [...fixed].reduce((s, i) => s + floor[i], 0);
      const free = grid.reduce((s, g, i) => (fixed.has(i) ? s : s + g), 0);
      factor = room / free;
      const under = grid.map((g, i) => i).filter((i) => !fixed.has(i) && grid[i] * factor < floor[i]);
      if (!under.length) break;
      for (const i of under) fixed.add(i);
    }
    const ideal = grid.map((g, i) => (fixed.has(i) ? floor[i] : g * factor));
    const edges = [0];
    for (const w of ideal) edges.push(edges[edges.length - 1] + w);
    for (let i = 0; i < edges.length; i++) edges[i] = Math.round(edges[i]);
    let t = tbl.replace(/<w:tblW [^>]*\/>/, '<w:tblW w:w="5000" w:type="pct"/>');
    let col = 0;
    t = t.replace(/<w:gridCol w:w="\d+"\/>/g, () => {
      col++;
      return `<w:gridCol w:w="${edges[col] - edges[col - 1]}"/>`;
    });
    t = t.replace(/<w:tr\b[\s\S]*?<\/w:tr>/g, (tr) => {
      let c = attr(/<w:gridBefore\b[^>]*>/.exec(tr)?.[0], 'val') || 0;
      return tr.replace(/<w:tc>[\s\S]*?<\/w:tc>/g, (tc) => {
        const span = attr(/<w:gridSpan\b[^>]*>/.exec(tc)?.[0], 'val') || 1;
        const w = edges[Math.min(c + span, grid.length)] - edges[Math.min(c, grid.length)];
        c += span;
        return tc.replace(/<w:tcW w:w="\d+" w:type="dxa"\/>/, `<w:tcW w:w="${w}" w:type="dxa"/>`);
      });
    });
    return t;
  });
  files['word/document.xml'] = strToU8(out);
  return { docx: zipSync(files, { level: 6, mtime: new Date(2020, 0, 1) }), fitted };
}

/** DOCX (LibreOffice from the HTML, its tables fitted to the page), its PDF (LibreOffice), and pdftotext of both PDFs. */
function officeForms(html, base, pdf) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'nianbao-corpus-'));
  try {
    const profile = pathToFileURL(path.join(tmp, 'profile')).href;
    const src = path.join(tmp, 'report.html');
    copyFileSync(html, src);
    run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, src]);
    const { docx, fitted } = fitTables(readFileSync(path.join(tmp, 'report.docx')));
    writeFileSync(`${base}.docx`, docx);
    if (fitted) console.log(`${path.basename(base)}: ${fitted} table(s) fitted to the page width`);
    if (!pdf) return;
    // The PDF is printed from the fitted file, as the office prints its Word file.
    writeFileSync(path.join(tmp, 'report.docx'), docx);
    run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, path.join(tmp, 'report.docx')]);
    copyFileSync(path.join(tmp, 'report.pdf'), `${base}.word.pdf`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!pdf) return;
  for (const kind of ['word', 'chrome']) {
    run('pdftotext', ['-layout', `${base}.${kind}.pdf`, `${base}.${kind}.layout.txt`]);
    run('pdftotext', [`${base}.${kind}.pdf`, `${base}.${kind}.plain.txt`]);
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const jobs = [];
  if (REAL) {
    const dir = path.join(ROOT, 'test/corpus/real');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      const id = f.slice(0, -'.html'.length);
      if (ONLY && !ONLY.includes(id)) continue;
      jobs.push({ html: path.join(dir, f), base: path.join(dir, id), pdf: !NO_PDF });
    }
  } else {
    SPECS.forEach((spec, i) => {
      if (ONLY && !ONLY.includes(spec.id)) return;
      const truth = makeTruth(spec, i);
      const base = path.join(OUT, spec.id);
      const text = page(truth, spec);
      const html = spec.gbk ? `${base}.gbk.html` : `${base}.html`;
      writeFileSync(html, spec.gbk ? require('iconv-lite').encode(text, 'gbk') : text);
      writeFileSync(`${base}.truth.json`, JSON.stringify(truth, null, 1).replace(/\[\n\s+([^\]{]*?)\n\s+\]/gs, (m, x) => `[${x.replace(/\n\s+/g, ' ')}]`) + '\n');
      jobs.push({ html, base, pdf: !!spec.pdf });
    });
  }
  await withChromium(jobs);
  for (const j of jobs) officeForms(j.html, j.base, j.pdf);
  console.log(`wrote the forms of ${jobs.length} report(s) under ${path.relative(ROOT, REAL ? path.join(ROOT, 'test/corpus/real') : OUT)}`);
}

if (!existsSync('/usr/bin/chromium')) {
  console.error('generate.mjs needs /usr/bin/chromium');
  process.exit(2);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
