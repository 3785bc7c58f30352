// The Word reader and writer of two builds compared: readDocx (the text view, its spans and
// cells' locations, or the skip and its detail) and fixDocx (the entries written, or the
// error) over every .docx under test/ and mutated copies of each — XML damage (cut, stray
// characters, duplicate attributes, unbound or malformed prefixes, namespace declarations,
// other prefixes, the default namespace, CDATA, entities, wrappers, merges, characters cut
// by the 16 KB pieces) and zip damage (bits, sizes, a stored document). Exit 1 when any differ.
//
//   mkdir -p /tmp/old && cp -r out /tmp/old/out && ln -s "$PWD/node_modules" /tmp/old/node_modules   (before the change; tsc)
//   node scripts/docx-compare.mjs /tmp/old/out [out] [mutations per file, default 40]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [OLD, NEW = path.join(ROOT, 'out')] = process.argv.slice(2).filter((a) => !/^\d+$/.test(a)).map((a) => path.resolve(a));
if (!OLD) {
  console.error('usage: node scripts/docx-compare.mjs OLD_OUT [NEW_OUT] [mutations per file]');
  process.exit(2);
}
const perFile = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 40);
const fflate = require(path.join(ROOT, 'node_modules/fflate'));
const load = (root) => require(path.join(root, 'server/src/io/docx.js'));
const A = load(OLD), B = load(NEW);
const walk = (d) => readdirSync(d).flatMap((n) => { const p = path.join(d, n); return n === 'node_modules' ? [] : statSync(p).isDirectory() ? walk(p) : p.endsWith('.docx') ? [p] : []; });
const files = walk(path.join(ROOT, 'test'));
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const at = (s) => Math.floor(rnd() * s.length);
const XMLM = [
  (s) => s.slice(0, at(s)), // truncated
  (s) => { const i = at(s); return s.slice(0, i) + pick(['<', '>', '&', '"', "'", '</', '<w:', ']]>', '&foo;', '&#0;', '&#x4E2D;', '&amp;', '\u0001', '\uFFFE', '\uD800', '中文', ' ', '=', '/>', '<?x:y ?>', '<?pi a?>', '<!-- c -->', '<![CDATA[12<>]]>', '<!DOCTYPE x>']) + s.slice(i); },
  (s) => { const i = s.indexOf(' w:val=', at(s)); return i < 0 ? s : s.slice(0, i) + ' w:val="9"' + s.slice(i); }, // duplicate attribute
  (s) => { const i = s.indexOf('<w:', at(s)); return i < 0 ? s : s.slice(0, i + 1) + pick(['q:', 'W:', 'w::', ':', 'xmlns:', 'w:w:', '']) + s.slice(i + 3); }, // unbound / malformed prefix
  (s) => { const i = s.indexOf(' w:', at(s)); return i < 0 ? s : s.slice(0, i + 1) + pick(['q:', 'xml:', 'xmlns:', ':', 'w:w:', 'x']) + s.slice(i + 3); }, // attribute prefixes
  (s) => s.replace(/xmlns:w="[^"]*"/, pick(['xmlns:w=""', 'xmlns:w=" http://schemas.openxmlformats.org/wordprocessingml/2006/main "', 'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"', 'xmlns:w="urn:other"', 'xmlns:w="http://www.w3.org/XML/1998/namespace"', 'xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w="x"', 'xmlns:xml="http://www.w3.org/XML/1998/namespace" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:xmlns="x"'])),
  (s) => s.replace(/<w:/g, '<x:').replace(/<\/w:/g, '</x:').replace(/ w:/g, ' x:').replace('xmlns:w=', 'xmlns:x='), // other prefix
  (s) => s.replace(/<w:/g, '<').replace(/<\/w:/g, '</').replace('xmlns:w=', 'xmlns='), // default namespace
  (s) => { const i = s.indexOf('<w:tc>', at(s)); return i < 0 ? s : s.slice(0, i) + pick(['<w:tc xmlns:w="urn:x">', '<w:tc xmlns:q="urn:q" q:a="1" w:a="2">', '<w:tc xmlns:q="http://schemas.openxmlformats.org/wordprocessingml/2006/main" q:a="1" w:a="2">', '<w:tc xmlns="urn:d">', '<w:tc xmlns:q="">', '<w:tc xmlns:q="urn:q"><q:x w:v="1"/>', '<w:tc a="1" a="2">', '<w:tc xml:space="preserve" xml:lang="zh">', '<w:tc xmlns:w="http://www.w3.org/2000/xmlns/">']) + s.slice(i + 6); },
  (s) => { const i = s.indexOf('</', at(s)); const j = s.indexOf('>', i); return i < 0 ? s : s.slice(0, i) + s.slice(j + 1); }, // close tag dropped
  (s) => { const i = s.indexOf('<w:t>', at(s)); return i < 0 ? s : s.slice(0, i) + pick(['<w:t xml:space="preserve">  7 </w:t><w:t>', '<w:t><![CDATA[3]]></w:t><w:t>', '<w:t>&lt;&amp;&#x31;</w:t><w:t>', '<w:tab/><w:br/><w:noBreakHyphen/><w:t>', '<w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:t>', '<w:sdt><w:sdtContent><w:t>5</w:t></w:sdtContent></w:sdt><w:t>']) + s.slice(i); },
  (s) => { const i = s.indexOf('<w:tcPr>', at(s)); return i < 0 ? s : s.slice(0, i + 8) + pick(['<w:gridSpan w:val="2"/>', '<w:vMerge/>', '<w:vMerge w:val="restart"/>', '<w:gridSpan val="3"/>', '<w:gridSpan w:val="x"/>', '<w:gridSpan x:val="2" xmlns:x="urn:x"/>']) + s.slice(i + 8); },
  (s) => { let t = s; for (let k = 0; k < 3; k++) { const i = t.indexOf('<w:t>', at(t)); if (i >= 0) t = t.slice(0, i + 5) + '中文字符，𠀀𠀁测试'.repeat(1 + Math.floor(rnd() * 40)) + t.slice(i + 5); } return t; }, // multibyte across chunk boundaries
  (s) => { const i = s.indexOf('<w:p>', at(s)); return i < 0 ? s : s.slice(0, i) + '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>' + s.slice(i); },
  (s) => { const i = s.indexOf('<w:r>', at(s)); return i < 0 ? s : s.slice(0, i) + pick(['<w:ins w:id="1"><w:r><w:t>4</w:t></w:r></w:ins>', '<w:customXml><w:r><w:t>4</w:t></w:r></w:customXml>', '<w:smartTag w:uri="x"><w:r><w:t>4</w:t></w:r></w:smartTag>', '<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>8</w:t></w:r></mc:Choice></mc:AlternateContent>', '<w:r><w:rPr><w:t>hid</w:t></w:rPr><w:t>2</w:t></w:r>']) + s.slice(i); },
];
const rezip = (entries, main, xml) => fflate.zipSync(Object.fromEntries(Object.entries(entries).map(([n, d]) => [n, [n === main ? new TextEncoder().encode(xml) : d, { level: 6 }]])));
/** Where word/document.xml's central header and its data are. */
const locate = (bytes) => {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let e = bytes.length - 22; while (dv.getUint32(e, true) !== 0x06054b50) e--;
  let o = dv.getUint32(e + 16, true); const n = dv.getUint16(e + 8, true);
  for (let i = 0; i < n; i++) { const fnl = dv.getUint16(o + 28, true), efl = dv.getUint16(o + 30, true), cl = dv.getUint16(o + 32, true); const name = Buffer.from(bytes.subarray(o + 46, o + 46 + fnl)).toString(); if (name === 'word/document.xml') { const off = dv.getUint32(o + 42, true); const b = off + 30 + dv.getUint16(off + 26, true) + dv.getUint16(off + 28, true); return { dv, cd: o, data: b, size: dv.getUint32(o + 20, true), orig: dv.getUint32(o + 24, true) }; } o += 46 + fnl + efl + cl; }
};
const ZIPM = [
  (b) => { const c = b.slice(); const l = locate(c); c[l.data + Math.floor(rnd() * l.size)] ^= 1 << Math.floor(rnd() * 8); return c; }, // damage in document.xml's stream
  (b) => { const c = b.slice(); const l = locate(c); l.dv.setUint32(l.cd + 24, pick([0, 1, l.orig - 1, l.orig + 1, Math.floor(l.orig / 2), 0xffffffff, 70 * 1024 * 1024]), true); return c; }, // stated size
  (b) => { const c = b.slice(); const l = locate(c); l.dv.setUint32(l.cd + 20, pick([0, 1, l.size - 1, l.size + 5, 0xffffffff]), true); return c; }, // compressed size
  (b) => { const c = b.slice(); const l = locate(c); c.fill(0, l.data + Math.floor(l.size / 2), l.data + l.size); return c; }, // half the stream zeroed
  (b) => { const e = fflate.unzipSync(b); return fflate.zipSync(Object.fromEntries(Object.entries(e).map(([n, d]) => [n, [d, { level: n === 'word/document.xml' ? 0 : 6 }]]))); }, // stored

  (b) => { const c = b.slice(); c[Math.floor(rnd() * c.length)] ^= 1 << Math.floor(rnd() * 8); return c; },
  (b) => b.slice(0, Math.floor(rnd() * b.length)),
  (b) => { const c = b.slice(); const i = Math.floor(rnd() * (c.length - 8)); for (let k = 0; k < 8; k++) c[i + k] = Math.floor(rnd() * 256); return c; },
];
const outcome = (m, bytes) => {
  let r;
  try { const x = m.readDocx(bytes); r = JSON.stringify(x); } catch (e) { r = 'THROW ' + e.message; }
  let f;
  try {
    const view = m.readDocx(bytes).view;
    const cells = [];
    if (view) for (const s of view.spans ?? []) if (s.origin?.kind === 'docx' && cells.length < 6) cells.push({ table: s.origin.table, row: s.origin.row, cell: s.origin.cell, text: cells.length % 2 ? '' : ' 42 ' });
    if (cells.length === 0) cells.push({ table: 0, row: 0, cell: 0, text: '1' });
    f = JSON.stringify(Object.entries(fflate.unzipSync(m.fixDocx(bytes, cells))).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  } catch (e) { f = 'THROW ' + (e.constructor?.name) + ' ' + e.message; }
  return r + '\n' + f;
};
let n = 0, diff = 0, skipped = 0, fixOk = 0;
const kinds = new Map();
const one = (label, bytes) => {
  n++;
  const a = outcome(A, bytes), b = outcome(B, bytes);
  if (a.includes('"skip"')) skipped++;
  if (!a.split('\n')[1].startsWith('THROW')) fixOk++;
  if (a !== b) { diff++; if (diff <= 5) { let i = 0; while (a[i] === b[i]) i++; console.log('DIFF', label, '\n old:', a.slice(Math.max(0, i - 100), i + 200), '\n new:', b.slice(Math.max(0, i - 100), i + 200)); } }
};
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(f));
  one(f, bytes);
  const entries = fflate.unzipSync(bytes);
  const main = 'word/document.xml';
  const xml = new TextDecoder().decode(entries[main]);
  for (let k = 0; k < perFile; k++) {
    const mi = Math.floor(rnd() * XMLM.length);
    let x = XMLM[mi](xml);
    if (rnd() < 0.3) x = XMLM[Math.floor(rnd() * XMLM.length)](x);
    one(`${f} xml#${mi} k${k}`, rezip(entries, main, x));
  }
  for (let k = 0; k < perFile / 4; k++) one(`${f} zip k${k}`, ZIPM[k % ZIPM.length](bytes));
}
console.log(`${files.length} files, ${n} inputs (${skipped} unreadable, fix written for ${fixOk}): ${diff} differ`);
process.exit(diff ? 1 : 0);
