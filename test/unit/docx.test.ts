// Word (.docx) reports (issue 15): read directly (io/docx.ts), checked with locations of
// their cells, and fixed in place by `nianbao fix` (cli/fix.ts), which also fixes text files.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { planFix } from '../../server/src/cli/fix';
import { fixAll } from '../../server/src/engine';
import { encode } from '../../server/src/io/decode';
import { DOCX_LIMITS, docxForm, fixDocx, readDocx } from '../../server/src/io/docx';
import { readReport } from '../../server/src/io/report';
import { renderView, type FormCell, type FormDocument } from '../../server/src/io/view';
import { REPO, SEED } from '../support/paths';
import { cli } from '../support/cli';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'docx', 'seed-000.docx');
const BLANK = path.join(REPO, 'test', 'fixtures', 'docx', 'seed-000-blank.docx');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'nianbao-docx-'));

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A minimal .docx around a body's XML. */
function docx(body: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    ...extra,
  });
}
const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r><w:t>${r}</w:t></w:r>`).join('')}</w:p>`;
const tc = (inner: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${inner}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl>${rows.join('')}</w:tbl>`;
const cellsOf = (doc: FormDocument, n = 0) => (doc.blocks.filter((b) => b.kind === 'table')[n] as { table: { rows: FormCell[][] } }).table.rows;

describe('io/docx.ts: the body as a FormDocument', () => {
  test('paragraphs and tables in order; gridSpan → colSpan; vMerge → rowSpan, continued cells left out; runs, tabs and breaks', () => {
    const body =
      p('一、总体', '情况') +
      tbl(
        tr(tc(p('行名'), '<w:vMerge w:val="restart"/>'), tc(p('表头'), '<w:gridSpan w:val="2"/>')),
        tr(tc(p(''), '<w:vMerge/>'), tc(p('a')), tc('<w:p><w:r><w:t>1</w:t><w:tab/><w:t>2</w:t><w:br/><w:t>3</w:t></w:r></w:p>' + p('4'))),
        tr(tc(p('x')), tc('<w:p/>'), tc('<w:p><w:r><w:delText>9</w:delText></w:r><w:ins><w:r><w:t>7</w:t></w:r></w:ins></w:p>')),
      ) +
      '<w:sdt><w:sdtContent>' +
      p('二、', '主动公开') +
      '</w:sdtContent></w:sdt>';
    const form = docxForm(docx(body));
    assert.deepEqual(
      form.blocks.map((b) => (b.kind === 'text' ? [b.text, b.origin] : 'table')),
      [['一、总体情况', { kind: 'docx-paragraph', paragraph: 0 }], 'table', ['二、主动公开', { kind: 'docx-paragraph', paragraph: 1 }]],
    );
    const rows = cellsOf(form);
    assert.deepEqual(
      rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan, c.origin])),
      [
        [
          ['行名', 2, 1, { kind: 'docx', table: 0, row: 0, cell: 0 }],
          ['表头', 1, 2, { kind: 'docx', table: 0, row: 0, cell: 1 }],
        ],
        [
          ['a', 1, 1, { kind: 'docx', table: 0, row: 1, cell: 1 }],
          ['1 2 3 4', 1, 1, { kind: 'docx', table: 0, row: 1, cell: 2 }],
        ],
        [
          ['x', 1, 1, { kind: 'docx', table: 0, row: 2, cell: 0 }],
          ['', 1, 1, { kind: 'docx', table: 0, row: 2, cell: 1 }],
          ['7', 1, 1, { kind: 'docx', table: 0, row: 2, cell: 2 }],
        ],
      ],
    );
  });

  test('a table inside a cell is a table of its own, after the one holding it, and not in the cell\'s text', () => {
    const inner = tbl(tr(tc(p('内1')), tc(p('内2'))));
    const form = docxForm(docx(tbl(tr(tc(p('外') + inner + '<w:p/>'), tc(p('5')))) + tbl(tr(tc(p('后'))))));
    assert.deepEqual(cellsOf(form, 0)[0].map((c) => c.text), ['外', '5']);
    assert.deepEqual(cellsOf(form, 1)[0].map((c) => [c.text, c.origin]), [
      ['内1', { kind: 'docx', table: 1, row: 0, cell: 0 }],
      ['内2', { kind: 'docx', table: 1, row: 0, cell: 1 }],
    ]);
    assert.deepEqual(cellsOf(form, 2)[0].map((c) => [c.text, c.origin]), [['后', { kind: 'docx', table: 2, row: 0, cell: 0 }]]);
    // The writer finds the nested table by the same index.
    const fixed = fixDocx(docx(tbl(tr(tc(p('外') + inner + '<w:p/>'), tc(p('5')))) + tbl(tr(tc(p('后'))))), [{ table: 1, row: 0, cell: 1, text: '改' }]);
    assert.deepEqual(cellsOf(docxForm(fixed), 1)[0].map((c) => c.text), ['内1', '改']);
    assert.deepEqual(cellsOf(docxForm(fixed), 0)[0].map((c) => c.text), ['外', '5']);
  });

  test('read in pieces: characters split between pieces, properties and foreign elements left out, an error far in gets saxes\' position', () => {
    // 40,001 bytes of ASCII before the text: the 16 KB pieces cut the three-byte characters after it.
    const filler = `<w:p><w:pPr><w:spacing w:before="${'1'.repeat(40_000)}"/></w:pPr></w:p>`;
    const long = '汉字'.repeat(20_000);
    const bytes = docx(filler + p(long) + p('a', 'b'));
    assert.equal(readDocx(bytes).decoded.text, `${long}\nab\n`);
    // w:t where the walk does not read: in run and paragraph properties, a cell's borders, an element of another namespace.
    const hidden = '<w:p><w:pPr><w:rPr><w:t>段</w:t></w:rPr></w:pPr><w:r><w:rPr><w:t>属</w:t></w:rPr><w:t>文</w:t></w:r><x:y xmlns:x="urn:x"><w:t>藏</w:t></x:y></w:p>';
    const cell = tc(p('格'), '<w:tcBorders><w:top w:val="single"><w:t>边</w:t></w:top></w:tcBorders><w:gridSpan w:val="2"/>');
    const form = docxForm(docx(filler + hidden + tbl(tr(cell), tr(tc(p('1')), tc(p('2'))))));
    assert.deepEqual(form.blocks[1], { kind: 'text', text: '文', origin: { kind: 'docx-paragraph', paragraph: 1 } });
    assert.deepEqual(cellsOf(form)[0].map((c) => [c.text, c.colSpan]), [['格', 2]]);
    // Not well-formed past the first piece: the message (with its line and column) of the whole text's parse.
    assert.equal(readDocx(docx(filler + '<w:p></w:r>')).skip?.detail, 'word/document.xml is not well-formed XML: 1:40207: unexpected close tag.');
  });

  test('the main part is found through _rels/.rels', () => {
    const bytes = zipSync({
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>',
      ),
      'word/main.xml': strToU8(`<w:document ${W}><w:body>${p('正文')}</w:body></w:document>`),
    });
    assert.equal(readDocx(bytes).decoded.text, '正文\n');
  });

  test('corrupt, encrypted, not a zip, no document, bad XML, zip bombs: unreadable with a clear detail, never a throw', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /not a zip/],
      ['text', strToU8('一、总体情况\n'), /not a zip/],
      ['OLE (encrypted or .doc)', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /encrypted|compound/],
      ['truncated', docx(p('x')).subarray(0, 200), /damaged zip/],
      ['a zip without a document', zipSync({ 'a.txt': strToU8('x') }), /no main document/],
      ['bad XML', zipSync({ 'word/document.xml': strToU8(`<w:document ${W}><w:body><w:p>`) }), /not well-formed/],
      ['not WordprocessingML', zipSync({ 'word/document.xml': strToU8('<html/>') }), /not a WordprocessingML/],
    ];
    for (const [name, bytes, detail] of cases) {
      const r = readDocx(bytes);
      assert.equal(r.skip?.reason, 'unreadable', name);
      assert.match(r.skip!.detail, detail, name);
    }
    const saved = { ...DOCX_LIMITS };
    try {
      DOCX_LIMITS.entryBytes = 1000;
      const r = readDocx(docx(p('x'.repeat(2000))));
      assert.match(r.skip!.detail, /unpacks to \d+ bytes \(limit 1000\)/);
      Object.assign(DOCX_LIMITS, saved);
      DOCX_LIMITS.entries = 3;
      assert.match(readDocx(docx(p('x'), { 'a.xml': strToU8('<a/>'), 'b.xml': strToU8('<b/>') })).skip!.detail, /more than 3 zip entries/);
    } finally {
      Object.assign(DOCX_LIMITS, saved);
    }
  });

  test('the document inflated by zlib, and where zlib refuses it or it unpacks to more than it says, read as fflate reads it', () => {
    /** A zip of one deflated entry, its data and its stated unpacked size given (the CRC is not checked, by fflate or by the reader). */
    const zipOne = (name: string, data: Uint8Array, originalSize: number) => {
      const n = strToU8(name);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(originalSize, 22);
      local.writeUInt16LE(n.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(originalSize, 24);
      central.writeUInt16LE(n.length, 28);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(1, 8);
      end.writeUInt16LE(1, 10);
      end.writeUInt32LE(46 + n.length, 12);
      end.writeUInt32LE(30 + n.length + data.length, 16);
      return new Uint8Array(Buffer.concat([local, n, data, central, n, end]));
    };
    const xml = strToU8(`<w:document ${W}><w:body>${p('正文')}</w:body></w:document>`);
    const stored = new Uint8Array(deflateRawSync(xml, { level: 0 })); // one stored block: 1 byte of header, LEN, NLEN, the bytes
    assert.equal(readDocx(zipOne('word/document.xml', stored, xml.length)).decoded.text, '正文\n');
    assert.equal(readDocx(zipOne('word/document.xml', deflateRawSync(xml), xml.length + 100)).decoded.text, '正文\n');
    // NLEN not LEN's complement: zlib refuses the stream, fflate does not check it.
    const damaged = stored.slice();
    damaged[3] ^= 0xff;
    assert.throws(() => inflateRawSync(damaged));
    assert.equal(readDocx(zipOne('word/document.xml', damaged, xml.length)).decoded.text, '正文\n');
    // Stated 10 bytes short: fflate stops there, so the XML ends early.
    assert.equal(readDocx(zipOne('word/document.xml', deflateRawSync(xml), xml.length - 10)).skip?.detail, 'word/document.xml is not well-formed XML: 1:138: unclosed tag: w:document');
  });

  test('a real bomb: 100 MB of zeros in 100 KB is refused before it is unpacked', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(100 * 1024 * 1024) }, { level: 9 });
    assert.ok(bomb.length < 1024 * 1024);
    const t0 = Date.now();
    assert.match(readDocx(bomb).skip!.detail, /unpacks to 104857600 bytes/);
    assert.ok(Date.now() - t0 < 2000);
  });
});

describe('io/docx.ts: namespaces (resolved by the reader, saxes\' namespace-aware parse where it must decide)', () => {
  const WURI = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  /** A package whose document.xml is `xml` as given. */
  const raw = (xml: string) => zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>${xml}`) });
  const body = (w: string) => `<${w}p><${w}r><${w}t>一、总体情况</${w}t></${w}r></${w}p>`;

  test('WordprocessingML by any prefix, by the default namespace, with spaces around its URI; a prefix bound elsewhere inside is not it', () => {
    for (const xml of [
      `<x:document xmlns:x="${WURI}"><x:body>${body('x:')}</x:body></x:document>`,
      `<document xmlns="${WURI}"><body>${body('')}</body></document>`,
      `<w:document xmlns:w=" ${WURI} "><w:body>${body('w:')}</w:body></w:document>`,
      `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>${body('w:')}</w:body></w:document>`,
      `<w:document xmlns:w="${WURI}"><w:body><w:p xmlns:w="urn:other"><w:r><w:t>别的</w:t></w:r></w:p>${body('w:')}</w:body></w:document>`,
      `<w:document\r\nxmlns:w="${WURI}"><w:body\t>${body('w:')}</w:body></w:document>`,
    ])
      assert.equal(readDocx(raw(xml)).decoded.text, '一、总体情况\n', xml);
  });

  test('namespace errors: saxes\' messages, with their line and column', () => {
    const cases: [string, string][] = [
      [`<w:document xmlns:w="${WURI}"><w:body><q:p/></w:body></w:document>`, '1:135: unbound namespace prefix: "q".'],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p q:a="1"/></w:body></w:document>`, '1:143: unbound namespace prefix: "q".'],
      [`<w:document xmlns:w="${WURI}"><w:body><xmlns:p/></w:body></w:document>`, '1:139: tags may not have "xmlns" as prefix.'],
      [`<w:document xmlns:w="${WURI}" xmlns:v="${WURI}"><w:body><w:p w:a="1" v:a="2"/></w:body></w:document>`, `1:222: duplicate attribute: {${WURI}}a.`],
      [`<w:document xmlns:w="${WURI}" xmlns:q=""><w:body/></w:document>`, '1:131: invalid attempt to undefine prefix in XML 1.0'],
      [`<w:document xmlns:w="${WURI}" xmlns:xml="urn:x"><w:body/></w:document>`, '1:138: xml prefix must be bound to http://www.w3.org/XML/1998/namespace.'],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p:x/></w:body></w:document>`, '1:137: malformed name: w:p:x.'],
      [`<?a:b x?><w:document xmlns:w="${WURI}"><w:body/></w:document>`, '1:42: disallowed character in processing instruction name.'],
      // Attributes (the reader takes them from saxes as a list and checks them itself): the same name twice, on an element whose
      // attributes are read and on one inside run properties; among more than 16; one expanded name by two prefixes; names with an empty part.
      [`<w:document xmlns:w="${WURI}"><w:body><w:p w:a="1" w:a="2"/></w:body></w:document>`, `1:151: duplicate attribute: {${WURI}}a.`],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p><w:pPr><w:jc a="1" a="2"/></w:pPr></w:p></w:body></w:document>`, '1:160: duplicate attribute: a.'],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p ${Array.from({ length: 20 }, (_, i) => `a${i}="1"`).join(' ')} a7="2"/></w:body></w:document>`, '1:292: duplicate attribute: a7.'],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p xmlns:v="${WURI}"><w:r><w:rPr><w:b w:val="1" v:val="0"/></w:rPr></w:r></w:p></w:body></w:document>`, `1:243: duplicate attribute: {${WURI}}val.`],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p w:="1"/></w:body></w:document>`, '1:140: malformed name: w:.'],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p :a="1"/></w:body></w:document>`, '1:140: malformed name: :a.'],
      [`<w:document xmlns:w="${WURI}"><w:body><w:p w:a:b="1"/></w:body></w:document>`, '1:143: malformed name: w:a:b.'],
    ];
    for (const [xml, message] of cases) assert.equal(readDocx(raw(xml)).skip?.detail, `word/document.xml is not well-formed XML: ${message}`, xml);
  });

  test('a cell property\'s value is read by its local name, whatever its prefix (the reader keeps these properties\' attributes)', () => {
    const xml = `<w:document xmlns:w="${WURI}"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan v:val="2" xmlns:v="${WURI}"/></w:tcPr>${p('甲')}</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:gridSpan q:val="3" xmlns:q="urn:q"/></w:tcPr>${p('乙')}</w:tc></w:tr></w:tbl></w:body></w:document>`;
    assert.deepEqual(cellsOf(docxForm(raw(xml))).map((row) => row.map((c) => [c.text, c.colSpan])), [[['甲', 2]], [['乙', 3]]]);
  });
});

describe('seed 000 as a Word file (LibreOffice from the template layout)', () => {
  test('the fixture has real merges and reads as the template', () => {
    const xml = new TextDecoder().decode(unzipSync(readFileSync(FIXTURE))['word/document.xml']);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/);
    assert.match(xml, /<w:gridSpan w:val="7"\/>/);
    const rows = cellsOf(docxForm(readFileSync(FIXTURE)), 1);
    assert.equal(rows[0][0].rowSpan, 3);
    assert.equal(rows[0][0].colSpan, 3);
    assert.equal(rows[5][0].text, '三、本年度办理结果');
    assert.equal(rows[5][0].rowSpan, 20);
  });

  test('check: the same findings (codes, cells, messages) as the text; source is the text view; cells carry their location', async () => {
    const strip = (d: { code: string; severity: string; message: string; cell?: unknown }) => ({ code: d.code, severity: d.severity, message: d.message, cell: d.cell });
    const text = JSON.parse((await cli(['check', '--format', 'json', SEED.s000])).stdout).files[0];
    const r = await cli(['check', '--format', 'json', FIXTURE]);
    assert.equal(r.code, 1, r.stderr);
    const word = JSON.parse(r.stdout).files[0];
    assert.deepEqual(word.diagnostics.map(strip), text.diagnostics.map(strip));
    assert.ok(word.diagnostics.length >= 5);
    assert.deepEqual(word.tables, text.tables);
    assert.deepEqual(word.source, { format: 'docx', encoding: 'utf-8', textView: true });
    const form = docxForm(readFileSync(FIXTURE));
    const tables = form.blocks.filter((b) => b.kind === 'table');
    for (const d of word.diagnostics.filter((x: { cell?: unknown }) => x.cell)) {
      assert.ok(d.location, d.code);
      const { table, row, cell } = d.location;
      // The located cell is the (七)总计 row's: its raw w:tc index, continued merges counted.
      const t = tables[table] as { table: { rows: FormCell[][] } };
      const found = t.table.rows[row].find((c) => c.origin?.kind === 'docx' && c.origin.cell === cell);
      assert.equal(found?.text, '0');
      assert.equal(t.table.rows[row][0].text, '(七)总计');
    }
    // Text files carry no location and a file's own ranges.
    assert.equal(text.diagnostics.find((d: { location?: unknown }) => d.location), undefined);
    assert.deepEqual(text.source, { format: 'text', encoding: 'utf-8', textView: false });
  });
});

describe('nianbao fix', () => {
  test('a .docx: NAME.fixed.docx with only the fixed cells changed, every other entry byte for byte; re-read, no arithmetic error left', async () => {
    const dir = tmp();
    const file = path.join(dir, 'report.docx');
    copyFileSync(FIXTURE, file);
    const before = readFileSync(file);
    const r = await cli(['fix', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /report\.fixed\.docx/);
    assert.deepEqual(readFileSync(file), before);
    const fixed = readFileSync(path.join(dir, 'report.fixed.docx'));
    const a = unzipSync(before);
    const b = unzipSync(fixed);
    assert.deepEqual(Object.keys(b), Object.keys(a));
    for (const name of Object.keys(a)) if (name !== 'word/document.xml') assert.deepEqual(Buffer.from(b[name]), Buffer.from(a[name]), name);
    // document.xml itself: only the fixed cells' text differs.
    const [x0, x1] = [a, b].map((z) => new TextDecoder().decode(z['word/document.xml']));
    const [t0, t1] = [x0, x1].map((x) => x.split('<'));
    assert.equal(t1.length, t0.length);
    assert.deepEqual(
      t1.flatMap((tok, i) => (tok === t0[i] ? [] : [tok])),
      // the label was three runs (LibreOffice splits at the quotes): the first takes the text, the others are emptied
      ['w:t>3.危及“三安全一稳定”', 'w:t>', 'w:t>', 'w:t>5', 'w:t>5'],
    );
    assert.ok(Math.abs(x1.length - x0.length) < 10);
    const rows = cellsOf(docxForm(fixed), 1);
    const total = rows.find((row) => row[0].text === '(七)总计')!;
    assert.deepEqual(total.slice(1).map((c) => c.text), ['5', '0', '0', '0', '0', '0', '5']);
    const out = JSON.parse((await cli(['check', '--format', 'json', path.join(dir, 'report.fixed.docx')])).stdout).files[0];
    assert.equal(out.skipped, null);
    assert.deepEqual(out.diagnostics.filter((d: { code: string }) => ['carry-over', 'results-total', 'row-total', 'extra-value'].includes(d.code)), []);
    // Cells other than the fixed ones read as before.
    const viewBefore = readDocx(before).decoded.text.split('\n');
    const viewAfter = readDocx(fixed).decoded.text.split('\n');
    assert.equal(viewAfter.length, viewBefore.length);
    assert.deepEqual(
      viewAfter.flatMap((l, i) => (l === viewBefore[i] ? [] : [i])).length,
      2, // the (三)3 label lost its glued 0; the (七)总计 row
    );
  });

  test('--dry-run writes nothing; --in-place writes over the file and keeps NAME.docx.bak', async () => {
    const dir = tmp();
    const file = path.join(dir, 'report.docx');
    copyFileSync(FIXTURE, file);
    const before = readFileSync(file);
    const dry = await cli(['fix', '--dry-run', '--locale', 'en', file]);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /\(table 2, row 25, cell 3\): "0" → "5"/);
    assert.match(dry.stdout, /--dry-run, nothing written/);
    assert.ok(!existsSync(path.join(dir, 'report.fixed.docx')));
    assert.deepEqual(readFileSync(file), before);
    const r = await cli(['fix', '--in-place', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readFileSync(`${file}.bak`), before);
    assert.notDeepEqual(readFileSync(file), before);
    assert.match((await cli(['fix', file])).stdout, /没有可自动修复的问题/);
  });

  test('the cell writer: first w:t takes the value, the others are emptied; an empty cell gets a run formatted as its neighbour\'s, else as its paragraph mark', () => {
    const mark = '<w:p><w:pPr><w:rPr><w:sz w:val="18"/><w:ins w:id="1" w:author="a" w:date="2020-01-01T00:00:00Z"/></w:rPr></w:pPr></w:p>';
    const bytes = docx(
      tbl(tr(tc('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>1</w:t></w:r><w:r><w:t>2</w:t></w:r></w:p>' + p('3')), tc(mark), tc(''))) + tbl(tr(tc(mark), tc('<w:p/>'))),
    );
    const fixed = fixDocx(bytes, [
      { table: 0, row: 0, cell: 0, text: '5' },
      { table: 0, row: 0, cell: 1, text: ' 7' },
      { table: 0, row: 0, cell: 2, text: '8' },
      { table: 1, row: 0, cell: 0, text: '9' },
      { table: 1, row: 0, cell: 1, text: 'a<b&' },
    ]);
    assert.deepEqual(cellsOf(docxForm(fixed))[0].map((c) => c.text), ['5', ' 7', '8']);
    assert.deepEqual(cellsOf(docxForm(fixed), 1)[0].map((c) => c.text), ['9', 'a<b&']);
    const xml = new TextDecoder().decode(unzipSync(fixed)['word/document.xml']);
    assert.match(xml, /<w:r><w:rPr><w:b\/><\/w:rPr><w:t>5<\/w:t><\/w:r><w:r><w:t><\/w:t><\/w:r><\/w:p><w:p><w:r><w:t><\/w:t>/);
    assert.match(xml, /<\/w:pPr><w:r><w:rPr><w:b\/><\/w:rPr><w:t xml:space="preserve"> 7<\/w:t><\/w:r><\/w:p>/);
    assert.match(xml, /<w:tc><w:p><w:r><w:rPr><w:b\/><\/w:rPr><w:t>8<\/w:t><\/w:r><\/w:p><\/w:tc>/);
    // No neighbour with text: the paragraph mark's properties, less the revision mark.
    assert.match(xml, /<w:r><w:rPr><w:sz w:val="18"\/><\/w:rPr><w:t>9<\/w:t><\/w:r>/);
    assert.match(xml, /<w:p><w:r><w:t>a&lt;b&amp;<\/w:t><\/w:r><\/w:p>/);
    assert.throws(() => fixDocx(bytes, [{ table: 3, row: 0, cell: 0, text: '1' }]), /no cell 3\/0\/0/);
  });

  test('LibreOffice\'s empty cell (a run without text, at 2 pt) is filled with a run like its neighbours\'', async () => {
    const dir = tmp();
    const file = path.join(dir, 'blank.docx');
    copyFileSync(BLANK, file);
    const r = await cli(['fix', file]);
    assert.equal(r.code, 0, r.stderr);
    const fixed = readFileSync(path.join(dir, 'blank.fixed.docx'));
    const total = cellsOf(docxForm(fixed), 1).find((row) => row[0].text === '(七)总计')!;
    assert.deepEqual(total.slice(1).map((c) => c.text), ['5', '0', '0', '0', '0', '0', '5']);
    const xml = new TextDecoder().decode(unzipSync(fixed)['word/document.xml']);
    const run = /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)<w:t>5<\/w:t><\/w:r>/.exec(xml);
    assert.ok(run && !run[1].includes('w:val="4"'), run?.[1]);
    const out = JSON.parse((await cli(['check', '--format', 'json', path.join(dir, 'blank.fixed.docx')])).stdout).files[0];
    assert.deepEqual(out.diagnostics.filter((d: { code: string }) => d.code !== 'structure').map((d: { code: string }) => d.code), []);
  });

  test('a text file is edited where it is, in its own encoding (GB18030 stays GB18030); a damaged file is left alone', async () => {
    const dir = tmp();
    const file = path.join(dir, 'report.txt');
    const seed = readFileSync(SEED.s000, 'utf8');
    writeFileSync(file, encode(seed, 'gb18030'));
    const r = await cli(['fix', file]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse((await cli(['check', '--format', 'json', file])).stdout).files[0];
    assert.equal(out.source.encoding, 'gb18030');
    assert.deepEqual(out.diagnostics.filter((d: { severity: string }) => d.severity === 'error'), []);
    const damaged = path.join(dir, 'damaged.txt');
    const bytes = Buffer.concat([Buffer.from(seed, 'utf8'), Buffer.from([0xff])]);
    writeFileSync(damaged, bytes);
    const d = await cli(['fix', damaged]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /无法解码/);
    assert.deepEqual(readFileSync(damaged), bytes);
  });

  test('a form read with a source (HTML): fixes land in the source through toSourceOffsets', () => {
    const source = '<p>x</p><table><tr><td>总计</td><td>0</td><td></td></tr></table>';
    const at = (s: string, from = 0) => source.indexOf(s, from);
    const form: FormDocument = {
      format: 'html',
      blocks: [
        {
          kind: 'table',
          table: {
            rows: [
              [
                { text: '总计', rowSpan: 1, colSpan: 1, origin: { kind: 'offsets', start: at('总计'), end: at('总计') + 2, insertAt: at('总计') } },
                { text: '0', rowSpan: 1, colSpan: 1, origin: { kind: 'offsets', start: at('>0<') + 1, end: at('>0<') + 2, insertAt: at('>0<') + 1 } },
                { text: '', rowSpan: 1, colSpan: 1, origin: { kind: 'offsets', start: at('<td></td>') + 4, end: at('<td></td>') + 4, insertAt: at('<td></td>') + 4 } },
              ],
            ],
          },
        },
      ],
    };
    const view = renderView(form);
    const zero = view.text.indexOf(' 0 ') + 1;
    const empty = view.spans[2].start;
    const decoded = { text: view.text, encoding: 'utf-8', replaced: [] };
    const plan = planFix({ text: view.text, encoding: 'utf-8', replaced: [], format: 'html', decoded, view, source }, Buffer.from(source), [
      { start: zero, end: zero + 1, newText: '5' },
      { start: empty, end: empty, newText: '5' },
    ], 'en');
    assert.ok(!('error' in plan));
    assert.equal(Buffer.from(plan.bytes).toString('utf8'), '<p>x</p><table><tr><td>总计</td><td>5</td><td>5</td></tr></table>');
    assert.equal(plan.changes.length, 2);
  });

  test('fixAll on the DOCX view gives the same edits as on the text (the values written)', () => {
    const read = readDocx(readFileSync(FIXTURE));
    const edits = fixAll(read.decoded.text, {});
    const textEdits = fixAll(readFileSync(SEED.s000, 'utf8'), {});
    assert.deepEqual(edits.map((e) => e.newText).sort(), textEdits.map((e) => e.newText).sort());
  });

  test('a .docx that cannot be read: a message, exit 2, nothing written; check skips it as unreadable', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'bad.docx');
    writeFileSync(bad, 'not a zip');
    const r = await cli(['fix', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a zip/);
    assert.ok(!existsSync(path.join(dir, 'bad.fixed.docx')));
    const c = await cli(['check', bad]);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /cannot read .*bad\.docx: not a zip file/);
    const read = await readReport(bad, { maxSize: 1 << 20 });
    assert.equal(read.skipped, 'unreadable');
  });
});

describe('bundles', () => {
  test('the server loads the Word reader (fflate, saxes) from dist/docx.js on first use; neither it nor the worker bundles it', (t) => {
    const server = path.join(REPO, 'dist', 'server.js');
    if (!existsSync(server)) return t.skip('dist/ not built');
    assert.match(readFileSync(server, 'utf8'), /require\("\.\/docx\.js"\)/);
    for (const bundle of ['server.js', 'worker.js']) assert.doesNotMatch(readFileSync(path.join(REPO, 'dist', bundle), 'utf8'), /SaxesParser|unzipSync/, bundle);
    assert.match(readFileSync(path.join(REPO, 'dist', 'docx.js'), 'utf8'), /SaxesParser/);
  });
});
