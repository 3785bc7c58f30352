// PDFs read from the page's geometry (io/pdf.ts): tables 三 and 四 of the fixture PDFs
// (made by test/fixtures/pdf/make.mjs with Chromium and LibreOffice from HTML tables laid
// out as the templates draw them) against the values they were made from; seed 000 as a PDF
// gives the arithmetic findings of its text; scans and broken files are skipped, never
// reported clean; each finding on a cell carries its page and box.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { check, exportTables } from '../../server/src/engine';
import { pdfForm, readPdf } from '../../server/src/io/pdf';
import { linelessTables } from '../../server/src/io/pdfColumns';
import { gridsOf, type Item, type Seg } from '../../server/src/io/pdfGrid';
import { readReport } from '../../server/src/io/report';
import { REPO, SEED } from '../support/paths';
import { cli } from '../support/cli';

const DIR = path.join(REPO, 'test/fixtures/pdf');
const TRUTH: Record<string, { applications: Record<string, number[]>; appeals: Record<string, number[]> }> = JSON.parse(readFileSync(path.join(DIR, 'truth.json'), 'utf8'));
const bytes = (name: string) => readFileSync(path.join(DIR, name));

async function viewText(name: string): Promise<string> {
  const read = await readReport(path.join(DIR, name), { maxSize: 1 << 24 });
  assert.equal(read.skipped, undefined, read.skipped && read.detail);
  return read.skipped ? '' : read.text;
}

const ARITHMETIC = new Set(['carry-over', 'results-total', 'row-total', 'appeals-total']);

describe('PDF tables from geometry', () => {
  for (const name of Object.keys(TRUTH)) {
    test(`${name}: every cell of tables 三 and 四 as made`, async () => {
      const result = check(await viewText(name));
      const tables = exportTables(result.model);
      const truth = TRUTH[name];
      assert.ok(tables.applications, 'table 三 read');
      for (const [row, values] of Object.entries(truth.applications)) assert.deepEqual(tables.applications.rows[row], values, `三 ${row}`);
      assert.deepEqual(tables.appeals, truth.appeals);
    });
  }

  test('seed 000 as a PDF (both ways) has the arithmetic findings of its text', async () => {
    const key = (r: ReturnType<typeof check>) =>
      r.findings
        .filter((f) => ARITHMETIC.has(f.code))
        .map((f) => `${f.code} ${f.severity} ${f.cell?.row}:${f.cell?.column} ${f.expected} ${f.actual}`)
        .sort();
    const text = key(check(readFileSync(SEED.s000, 'utf8')));
    assert.equal(text.length, 4);
    for (const via of ['chromium', 'libreoffice']) {
      assert.deepEqual(key(check(await viewText(`seed000.${via}.pdf`))), text, via);
    }
  });

  test('the 2021 report has no arithmetic finding', async () => {
    for (const via of ['chromium', 'libreoffice']) {
      assert.deepEqual(
        check(await viewText(`report2021.${via}.pdf`)).findings.filter((f) => ARITHMETIC.has(f.code) || f.code === 'blank-cell' || f.code === 'unread-row'),
        [],
        via,
      );
    }
  });

  test('a table run on over pages is one table: repeated header rows dropped, a label cut by the page break joined', async () => {
    const doc = await pdfForm(bytes('report2021.libreoffice.pdf'));
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    const t3 = tables.find((b) => b.kind === 'table' && b.table.rows.some((r) => r.some((c) => c.text.startsWith('一、本年新收'))));
    assert.ok(t3 && t3.kind === 'table');
    const texts = t3.table.rows.flat().map((c) => c.text);
    assert.equal(texts.filter((t) => t === '申请人情况').length, 1);
    assert.ok(texts.includes('（三）不予公开'), texts.join(' '));
    assert.ok(texts.includes('4.保护第三方合法权益'));
    const pages = new Set(t3.table.rows.flat().map((c) => (c.origin?.kind === 'pdf' ? c.origin.page : 0)));
    assert.ok(pages.size >= 2, 'the table spans pages');
  });

  test('page marks and running footers are not prose; CJK radicals are read as characters', async () => {
    const view = (await readPdf(bytes('report2021.chromium.pdf'))).view!;
    assert.doesNotMatch(view.text, /file:\/\//);
    assert.doesNotMatch(view.text, /^\s*\d+\/\d+\s*$/m);
    assert.doesNotMatch(view.text, /[\u2e80-\u2fdf]/);
    assert.match(view.text, /人民群众/);
  });
});

/** A one-page PDF drawing `content` with font F1 = `font`, written out with its cross-reference table. */
function minimalPdf(content: string, font: string): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    font,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('Chinese text in a font that is not embedded', () => {
  test("STSong-Light with UniGB-UCS2-H: decoded through pdf.js's CMaps, shipped beside the bundles", async () => {
    const font =
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] ' +
      '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>';
    // 年度报告 in UCS-2.
    const r = await readPdf(minimalPdf('BT /F1 12 Tf 72 720 Td <5E745EA662A5544A> Tj ET', font));
    assert.equal(r.skip, undefined);
    assert.equal(r.view!.text.trim(), '年度报告');
  });
});

describe('PDFs that cannot be read', () => {
  test('a scan (pages with an image and no text) is skipped: no text layer', async () => {
    const r = await readPdf(bytes('scanned.pdf'));
    assert.equal(r.skip?.reason, 'no text layer');
    const out = await cli(['check', '--format', 'json', path.join(DIR, 'scanned.pdf')]);
    assert.equal(out.code, 2);
    assert.equal(JSON.parse(out.stdout).files[0].skipped, 'no text layer');
  });

  test('a truncated file, garbage and an empty file are unreadable, with a detail', async () => {
    for (const b of [bytes('truncated.pdf'), Buffer.from('%PDF-1.7\nnot really'), Buffer.alloc(0)]) {
      const r = await readPdf(b);
      assert.equal(r.skip?.reason, 'unreadable');
      assert.ok(r.skip!.detail.length > 0);
    }
  });

  test('more pages than the limit: too large, also from the CLI (--max-pages)', async () => {
    const r = await readPdf(bytes('seed000.libreoffice.pdf'), { maxPages: 2 });
    assert.equal(r.skip?.reason, 'too large');
    assert.match(r.skip!.detail, /^\d+ pages > 2$/);
    const out = await cli(['check', '--format', 'json', '--max-pages', '2', path.join(DIR, 'seed000.libreoffice.pdf')]);
    assert.equal(JSON.parse(out.stdout).files[0].skipped, 'too large');
    assert.equal((await cli(['check', '--max-pages', 'x', DIR])).code, 2);
  });

  test('a time limit ends reading', async () => {
    const r = await readPdf(bytes('report2021.chromium.pdf'), { timeLimitMs: 1 });
    assert.equal(r.skip?.reason, 'too large');
  });
});

describe('nianbao check on a PDF', () => {
  test('source says pdf and text view; each finding on a cell has its page and box', async () => {
    const out = await cli(['check', '--format', 'json', path.join(DIR, 'seed000.chromium.pdf')]);
    assert.equal(out.code, 1);
    const f = JSON.parse(out.stdout).files[0];
    assert.deepEqual(f.source, { format: 'pdf', encoding: 'utf-8', textView: true });
    const errs = f.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    assert.equal(errs.length, 4);
    for (const d of errs) {
      assert.equal(d.location.page, 3);
      const [x0, y0, x1, y1] = d.location.box;
      assert.ok(x0 < x1 && y0 < y1 && y1 < 842 && x1 < 596, d.location.box.join(','));
    }
    // 自然人 (column 0) is left of 总计 (column 6), both in the row of （七）总计.
    const box = (c: number) => errs.find((d: { cell: { column: number } }) => d.cell.column === c).location.box;
    assert.ok(box(0)[2] <= box(6)[0]);
    assert.equal(box(0)[1], box(6)[1]);
  });
});

describe('grids from ruling lines', () => {
  const h = (y: number, x0: number, x1: number): Seg => ({ x0, x1, y0: y, y1: y });
  const v = (x: number, y0: number, y1: number): Seg => ({ x0: x, x1: x, y0, y1 });
  const item = (s: string, x0: number, y: number): Item => ({ s, x0, x1: x0 + 10 * s.length, y, h: 10 });

  test('a missing line merges cells: a rowspan label over two rows, a wrapped label joined, an item over a column line cut', () => {
    // Three columns at 0, 100, 200, 300; rows at 100, 80, 60. The first column's cell spans both rows.
    const segs = [h(100, 0, 300), h(80, 100, 300), h(60, 0, 300), v(0, 60, 100), v(100, 60, 100), v(200, 60, 100), v(300, 60, 100)];
    const items = [item('本年度', 10, 85), item('办理结果', 10, 70), item('甲', 110, 85), item('5', 210, 85), { s: '乙12', x0: 170, x1: 230, y: 65, h: 10 }];
    const [grid] = gridsOf(segs, items);
    const rows = grid.rows(1).map((r) => r.map((c) => `${c.text}/${c.rowSpan}x${c.colSpan}`));
    assert.deepEqual(rows, [['本年度办理结果/2x1', '甲/1x1', '5/1x1'], ['乙/1x1', '12/1x1']]);
  });

  test('a row below an open bottom that starts a label and holds values of its own is no continuation (WPS, Hongze 2023)', () => {
    // Page 1: its column lines run below its last row line (no line closes the table at the page break).
    const page1 = gridsOf([h(100, 0, 200), h(80, 0, 200), v(0, 60, 100), v(100, 60, 100), v(200, 60, 100)], [item('1.甲', 10, 85), item('5', 110, 85), item('2.乙', 10, 65), item('6', 110, 65)])[0];
    const page2 = gridsOf([h(100, 0, 200), h(80, 0, 200), v(0, 80, 100), v(100, 80, 100), v(200, 80, 100)], [item('3.丙', 10, 85), item('7', 110, 85)])[0];
    assert.ok(page1.openBottom && page1.continuedBy(page2));
    const rows = page1.rows(1);
    page1.join(rows, page2, page2.rows(2));
    assert.deepEqual(
      rows.map((r) => r.map((c) => c.text)),
      [
        ['1.甲', '5'],
        ['2.乙', '6'],
        ['3.丙', '7'],
      ],
    );
  });

  test("a table past the page's right edge keeps what lies beyond in its last column", () => {
    const segs = [h(100, 0, 595), h(80, 0, 595), v(0, 80, 100), v(500, 80, 100), v(595, 80, 100)];
    const items = [item('甲', 10, 85), item('9', 594, 85)]; // 594–604: its centre beyond the edge
    assert.deepEqual(gridsOf(segs, items, 595)[0].rows(1)[0].map((c) => c.text), ['甲', '9']);
    assert.deepEqual(gridsOf(segs, items)[0].rows(1)[0].map((c) => c.text), ['甲', '']);
  });

  test('no lines, or lines that do not cross: no table', () => {
    assert.deepEqual(gridsOf([], []), []);
    assert.deepEqual(gridsOf([h(100, 0, 300), h(50, 0, 300)], []), []);
  });
});

describe('tables without lines: columns from the header labels', () => {
  const item = (s: string, x0: number, y: number, w = 9 * s.length): Item => ({ s, x0, x1: x0 + w, y, h: 9 });
  const labels = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

  test('each value goes to the column whose header extent holds it, blank where nothing lands; a wrapped label joined', () => {
    const items: Item[] = [];
    // Header labels 60 apart from x = 200, each 36 wide; 商业企业 wrapped over two lines (商业 / 企业), 社会公益组织 cut into items.
    labels.forEach((l, c) => {
      const x = 200 + c * 60;
      if (l === '商业企业') items.push(item('商业', x, 700), item('企业', x, 690));
      else if (l === '社会公益组织') items.push(item('社会', x, 695, 12), item('公益组织', x + 12, 695, 24));
      else items.push(item(l, x, 695, 36));
    });
    // Row 一: values left-aligned, right-aligned and centred in their columns; 科研机构 and 其他 left blank.
    items.push(item('一、本年新收政府信息公开申请数量', 20, 670, 160), item('5', 200, 670), item('12', 278, 670), item('0', 454, 670), item('17', 565, 670));
    // A label wrapped over two lines, its value between them.
    items.push(item('（二）部分公开（区分处理的，', 20, 650, 160), item('3', 215, 645), item('只计这一情形）', 40, 640, 100));
    items.push(item('四、结转下年度继续办理', 20, 620, 160), item('1', 215, 620), item('1', 575, 620));
    items.push(item('四、政府信息公开行政复议、行政诉讼情况', 20, 590, 360));
    const [t, ...rest] = linelessTables(items, 1, () => false);
    assert.equal(rest.length, 0);
    assert.equal(t.kind, 'applications');
    assert.ok(t.ended);
    const rows = t.rows.map((r) => r.map((c) => c.text));
    assert.deepEqual(rows.at(-3), ['一、本年新收政府信息公开申请数量', '5', '12', '', '', '0', '', '17']);
    assert.deepEqual(rows.at(-2), ['（二）部分公开（区分处理的，只计这一情形）', '3', '', '', '', '', '', '']);
    assert.deepEqual(rows.at(-1), ['四、结转下年度继续办理', '1', '', '', '', '', '', '1']);
    assert.ok(rows.some((r) => r.join('|').includes('商业企业|科研机构|社会公益组织')), rows.join('\n'));
    assert.ok(![...t.items].some((i) => i.s.startsWith('四、政府信息公开')), 'the next heading is prose');
  });

  test('without the header labels of a template table: no table', () => {
    const items = [item('项目', 20, 700), item('甲', 200, 700), item('乙', 250, 700), item('一、本年新收', 20, 680), item('5', 200, 680)];
    assert.deepEqual(linelessTables(items, 1, () => false), []);
  });
});

// patches/pdfjs-dist+4.10.38.patch, applied by `postinstall` (patch-package): the tests and
// the bundles read the same pdf.js, one that does not compile Type 1 fonts into CFF programs
// (the corpus's LibreOffice PDFs, whose CJK fonts are Type 1, are read in full: corpus.test.mjs).
describe('pdf.js as patched at install', () => {
  test('Type 1 fonts are parsed, their glyph outlines not compiled', () => {
    const worker = readFileSync(require.resolve('pdfjs-dist/build/pdf.worker.mjs'), 'utf8');
    const ctor = worker.slice(worker.indexOf('class Type1Font {'), worker.indexOf('get numGlyphs()', worker.indexOf('class Type1Font {')));
    assert.ok(ctor.length > 0, 'Type1Font found in pdf.worker.mjs');
    assert.match(ctor, /this\.data = new Uint8Array\(0\);/, 'the patch is applied (npm install runs patch-package)');
    assert.doesNotMatch(ctor, /this\.wrap\(/);
  });

  test('Type 3 glyph procedures are not read when the FontBBox has an area', () => {
    const worker = readFileSync(require.resolve('pdfjs-dist/build/pdf.worker.mjs'), 'utf8');
    const start = worker.indexOf('  loadType3Data(evaluator, resources, task) {');
    assert.ok(start > 0, 'loadType3Data found in pdf.worker.mjs');
    const body = worker.slice(start, worker.indexOf('const type3Evaluator', start));
    assert.match(body, /if \(bx1 !== bx0 && by1 !== by0\) \{\s*this\.font\.charProcOperatorList = Object\.create\(null\);\s*return this\.type3Loaded = Promise\.resolve\(\);/);
  });

  test('Flate streams: inflated whole by zlib; one zlib refuses is read by pdf.js\'s own inflater', async () => {
    let content = 'BT /F1 12 Tf 72 740 Td (first line of the page) Tj ET\n';
    for (let i = 0; i < 60; i++) content += `BT /F1 12 Tf 72 ${700 - i * 10} Td (line ${i} ${(i * 7919) % 1000}) Tj ET\n`;
    const worker = readFileSync(require.resolve('pdfjs-dist/build/pdf.worker.mjs'), 'utf8');
    const flate = worker.slice(worker.indexOf('class FlateStream extends DecodeStream'));
    assert.match(flate.slice(flate.indexOf('  readBlock() {'), flate.indexOf('let buffer, hdr, len;')), /zlib\.inflateRawSync\(raw\)/, 'the patch is applied');
    const deflated = deflateSync(Buffer.from(content));
    const whole = await readPdf(onePagePdf(deflated));
    assert.equal(whole.skip, undefined);
    assert.match(whole.decoded.text, /^first line of the page\nline 0 0\n[^]*line 59 /);
    // Cut short, the stream is refused by zlib; pdf.js's inflater then names the fault, as unpatched.
    const cut = await readPdf(onePagePdf(deflated.subarray(0, Math.floor(deflated.length * 0.7))));
    assert.deepEqual(cut.skip, { reason: 'unreadable', detail: 'PDF: Bad encoding in flate stream' });
  });
});

/** A one-page PDF whose content stream is `deflated` (FlateDecode), its text in Helvetica. */
function onePagePdf(deflated: Buffer): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    undefined,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((o, i) => {
    offsets.push(length);
    const b =
      o === undefined
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${deflated.length} /Filter /FlateDecode >>\nstream\n`), deflated, Buffer.from('\nendstream\nendobj\n')])
        : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`);
    parts.push(b);
    length += b.length;
  });
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}
