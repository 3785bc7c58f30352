// io/html.ts: an HTML page as blocks and cells with their offsets in the source.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as iconv from 'iconv-lite';
import { decodeHtml, htmlForm, htmlView, readHtml } from '../../server/src/io/html';
import { toSourceOffsets, type FormCell, type FormTable } from '../../server/src/io/view';

const tables = (src: string): FormTable[] => htmlForm(src).blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const texts = (src: string): string[] => htmlForm(src).blocks.flatMap((b) => (b.kind === 'text' ? [b.text.trim()] : []));
/** The source text a cell's origin covers. */
const at = (src: string, c: FormCell): string => (c.origin?.kind === 'offsets' ? src.slice(c.origin.start, c.origin.end) : '<no origin>');

describe('htmlForm (io/html.ts)', () => {
  test('cells: text through p, br, span, styles and entities; origin = the first and last text character', () => {
    const src = '<table><tr><td rowspan="2" colspan=3 style="x"><p class=M><span lang=EN>商业<br>企业</span></p></td><td><p><span style="font-family:宋体">1&#50;3</span></p></td></tr></table>';
    const [t] = tables(src);
    const [a, b] = t.rows[0];
    assert.equal(a.text, '商业 企业');
    assert.deepEqual([a.rowSpan, a.colSpan, b.rowSpan, b.colSpan], [2, 3, 1, 1]);
    assert.equal(at(src, a), '商业<br>企业');
    assert.equal(b.text, '123');
    assert.equal(at(src, b), '1&#50;3');
  });
  test('an empty cell (nothing, &nbsp;, empty span) is typed into after its innermost start tag', () => {
    const src = '<table><tr><td class=a><p class=b><span style=c></span></p></td><td>&nbsp;</td><td></td><td>5</td></tr></table>';
    const [t] = tables(src);
    const ins = t.rows[0].slice(0, 3).map((c) => (c.origin?.kind === 'offsets' ? c.origin.insertAt : -1));
    assert.ok(src.slice(0, ins[0]).endsWith('<td class=a><p class=b><span style=c>'));
    assert.equal(src.slice(ins[1], ins[1] + 11), '&nbsp;</td>');
    assert.ok(src.slice(0, ins[2]).endsWith('<td>') && src.slice(ins[2]).startsWith('</td><td>5'));
    for (const c of t.rows[0].slice(0, 3)) assert.equal(c.text.trim().replace(/\u00a0/g, ''), '');
  });
  test('prose: block elements and <br> end lines; script, style, head and hidden text are skipped', () => {
    const src = '<html><head><title>T</title><style>p{color:red}</style><script>var a="一、假"</script></head><body><h1>标题 &amp; 说明</h1><p><span>一、总体</span><span>情况</span></p><div>甲<br>乙</div><p style="display:none">隐藏</p><li>项</li></body></html>';
    assert.deepEqual(texts(src), ['标题 & 说明', '一、总体情况', '甲', '乙', '项']);
  });
  test('CR LF and entities: prose origins still cover the right source text', () => {
    const src = '<p>\r\n  第一行&nbsp;&lt;注&gt;\r\n</p>';
    const v = htmlView(src);
    assert.equal(v.text.trim(), '第一行 <注>');
    const s = v.spans[0];
    assert.ok(s.origin.kind === 'offsets');
    if (s.origin.kind === 'offsets') assert.equal(src.slice(s.origin.start, s.origin.end), '第一行&nbsp;&lt;注&gt;');
  });
  test('exact cells map view ranges character by character; others to the whole cell', () => {
    const src = '<table><tr><td>a</td><td> 1234 </td><td><b>5</b><i>6</i></td></tr></table>';
    const v = htmlView(src);
    const i = v.text.indexOf('1234');
    const r = toSourceOffsets(v, src, i + 1, i + 3)!;
    assert.equal(src.slice(r.start, r.end), '23');
    const j = v.text.indexOf('5 6') >= 0 ? v.text.indexOf('5 6') : v.text.indexOf('56');
    const r2 = toSourceOffsets(v, src, j, j + 1)!;
    assert.equal(src.slice(r2.start, r2.end), '5</b><i>6');
  });
  test('a table continued after a page break is joined: repeated header dropped, or a row of values as wide', () => {
    const head = '<tr><td>项目</td><td>甲</td><td>乙</td></tr>';
    const repeated = `<table>${head}<tr><td>一</td><td>1</td><td>2</td></tr></table><br style="page-break-before:always"><table>${head}<tr><td>二</td><td>3</td><td>4</td></tr></table>`;
    assert.deepEqual(tables(repeated).map((t) => t.rows.map((r) => r[0].text)), [['项目', '一', '二']]);
    const values = `<table>${head}<tr><td>一</td><td>1</td><td>2</td></tr></table><p>&nbsp;</p><table><tr><td>二</td><td>3</td><td>4</td></tr></table>`;
    assert.equal(tables(values).length, 1);
    const wider = `<table>${head}<tr><td>一</td><td>1</td><td>2</td></tr></table><table><tr><td>二</td><td>3</td><td>4</td><td>5</td></tr></table>`;
    assert.equal(tables(wider).length, 2, 'a wider table is another table');
    const prose = `<table>${head}<tr><td>一</td><td>1</td><td>2</td></tr></table><p>四、其他</p><table><tr><td>二</td><td>3</td><td>4</td></tr></table>`;
    assert.equal(tables(prose).length, 2, 'text between: two tables');
    const header = `<table>${head}<tr><td>一</td><td>1</td><td>2</td></tr></table><table><tr><td>其他</td><td>丙</td><td>丁</td></tr></table>`;
    assert.equal(tables(header).length, 2, 'a new header: a new table');
  });
  test('layout tables (tables in cells) are read as the blocks in their cells', () => {
    const src = '<table><tr><td><p>一、总体情况</p><table><tr><td>a</td><td>1</td></tr></table></td></tr></table>';
    assert.deepEqual(texts(src), ['一、总体情况']);
    assert.deepEqual(tables(src).map((t) => t.rows.map((r) => r.map((c) => c.text))), [[['a', '1']]]);
  });
  test('malformed HTML never throws', () => {
    const bad = ['', '<', '<table><td>1<td>2</tr>', '<table><tr><td rowspan=-3 colspan=abc>x', '</td></table></p>&', '&#xFFFFFFFF;&#0;&bogus;', '<p>\u0000</p>', '<table><table><tr>', '<td>1</td>', '<!-- unterminated', '<![if !supportLists]>x<![endif]>', '<table>'.repeat(300), '<div>'.repeat(5000) + 'x'];
    for (const s of bad) {
      const v = htmlView(s);
      assert.equal(typeof v.text, 'string');
    }
    const [t] = tables('<table><tr><td rowspan=-3 colspan=abc>x</td></tr></table>');
    assert.deepEqual([t.rows[0][0].rowSpan, t.rows[0][0].colSpan], [1, 1]);
  });
});

describe('readHtml: the charset', () => {
  const page = (meta: string) => `<html><head>${meta}</head><body><p>二、主动公开政府信息情况</p></body></html>`;
  test('<meta charset=gbk>, http-equiv GB2312, UTF-8 by default, a BOM first', () => {
    const gbk = iconv.encode(page('<meta charset="gbk">'), 'gbk');
    assert.equal(readHtml(gbk).decoded.text.trim(), '二、主动公开政府信息情况');
    assert.equal(readHtml(gbk).decoded.encoding, 'gb18030');
    const gb2312 = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    assert.equal(decodeHtml(gb2312).encoding, 'gb18030');
    assert.match(readHtml(gb2312).source!, /二、主动公开/);
    const utf8 = Buffer.from(page(''), 'utf8');
    assert.equal(readHtml(utf8).decoded.encoding, 'utf-8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="gbk">'), 'utf8')]);
    assert.equal(readHtml(bom).decoded.encoding, 'utf-8-bom');
    assert.match(readHtml(bom).decoded.text, /二、主动公开/);
    // No declaration, not UTF-8: read as GB18030, as a text file is.
    assert.equal(readHtml(iconv.encode(page(''), 'gbk')).decoded.encoding, 'gb18030');
  });
  test('the view is the decoded text; source is the decoded page', () => {
    const r = readHtml(Buffer.from(page('<meta charset=utf-8>'), 'utf8'));
    assert.equal(r.decoded.text, r.view!.text);
    assert.equal(r.source, page('<meta charset=utf-8>'));
  });
});
