// Word (.docx) reports: the zip is opened with fflate and the main document part parsed
// with @xmldom/xmldom. The body, in order, becomes a FormDocument (io/view.ts): each
// paragraph (`w:p`) a prose block, each table (`w:tbl`) a grid of its rows (`w:tr`) and
// cells (`w:tc`), horizontal merges (`w:gridSpan`) as colSpan and vertical ones
// (`w:vMerge` restart … continue) as rowSpan, the continued cells left out. A table inside
// a cell is a table of its own, listed after the table that holds it. Cells' origins are
// zero-based indices: the `w:tbl` among all tables of the document (in document order),
// the `w:tr` in its table, the `w:tc` in its row — the same indices `fixDocx` finds a
// cell by, to write a fixed value into its runs.
//
// A file that is not a zip (an encrypted or legacy Word file is an OLE compound file),
// a zip without a document, entries larger than the limits (zip bombs) or XML that does
// not parse are `DocxError`s with a detail for people; readDocx turns them into
// `skip: unreadable`.

import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Decoded } from './decode';
import { renderView, type FormBlock, type FormCell, type FormDocument, type FormTable, type TextView } from './view';

/** Limits on what a .docx may unpack to: per entry, in all, and how many entries. */
export const DOCX_LIMITS = { entryBytes: 64 * 1024 * 1024, totalBytes: 256 * 1024 * 1024, entries: 10_000, depth: 64 };

export class DocxError extends Error {}

const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const REL_OFFICE = /\/officeDocument$/;

const isW = (n: Node, name: string): n is Element => n.nodeType === 1 && (n as Element).localName === name && W_NS.has((n as Element).namespaceURI ?? '');
/** Containers whose children stand where the container is (content controls, custom XML, tracked insertions, smart tags). */
const isWrapper = (n: Node): n is Element => n.nodeType === 1 && W_NS.has((n as Element).namespaceURI ?? '') && /^(sdt|sdtContent|customXml|ins|smartTag|moveTo)$/.test((n as Element).localName ?? '');

function children(e: Node): Node[] {
  const out: Node[] = [];
  for (let c = e.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** The children of `e` named `name`, looking through wrappers. */
function childrenNamed(e: Node, name: string, depth = 0): Element[] {
  const out: Element[] = [];
  for (const c of children(e)) {
    if (isW(c, name)) out.push(c);
    else if (isWrapper(c) && depth < DOCX_LIMITS.depth) out.push(...childrenNamed(c, name, depth + 1));
  }
  return out;
}

function wAttr(e: Element, name: string): string | null {
  for (const ns of W_NS) {
    const v = e.getAttributeNS(ns, name);
    if (v !== null && v !== '') return v;
  }
  return e.getAttribute(`w:${name}`);
}

/** The first child named `name` (through wrappers not needed: properties are direct children). */
function child(e: Node | undefined, name: string): Element | undefined {
  if (!e) return undefined;
  for (let c = e.firstChild; c; c = c.nextSibling) if (isW(c, name)) return c;
  return undefined;
}

// ---- the zip ---------------------------------------------------------------------

/** The zip's entries (all of them, or those `want` accepts), within DOCX_LIMITS. */
function unzip(bytes: Uint8Array, want?: (name: string) => boolean): Record<string, Uint8Array> {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new DocxError('an OLE compound file, not a zip: an encrypted (password-protected) Word file or a legacy .doc');
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new DocxError('not a zip file');
  let count = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (f) => {
        if (++count > DOCX_LIMITS.entries) throw new DocxError(`more than ${DOCX_LIMITS.entries} zip entries`);
        if (want && !want(f.name)) return false;
        if (f.originalSize > DOCX_LIMITS.entryBytes) throw new DocxError(`zip entry ${f.name} unpacks to ${f.originalSize} bytes (limit ${DOCX_LIMITS.entryBytes})`);
        total += f.originalSize;
        if (total > DOCX_LIMITS.totalBytes) throw new DocxError(`zip entries unpack to more than ${DOCX_LIMITS.totalBytes} bytes`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(`damaged zip: ${(e as Error).message}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function parseXml(bytes: Uint8Array, name: string): Document {
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new DocxError(message);
      },
    }).parseFromString(utf8.decode(bytes), 'text/xml');
  } catch (e) {
    throw new DocxError(`${name} is not well-formed XML: ${String((e as Error).message).split('\n')[0]}`);
  }
}

/** The main document part's name, from the package relationships (word/document.xml when they do not say). */
function mainPartName(rels: Uint8Array | undefined): string {
  if (rels) {
    const doc = parseXml(rels, '_rels/.rels');
    const all = doc.getElementsByTagName('Relationship');
    for (let i = 0; i < all.length; i++) {
      const r = all.item(i)!;
      if (REL_OFFICE.test(r.getAttribute('Type') ?? '') && r.getAttribute('TargetMode') !== 'External') return (r.getAttribute('Target') ?? '').replace(/^\/+/, '');
    }
  }
  return 'word/document.xml';
}

interface Opened {
  entries: Record<string, Uint8Array>;
  main: string;
  doc: Document;
}

/** Opens the package: its entries (all, for writing, or only the ones read) and the parsed main document. */
function open(bytes: Uint8Array, all: boolean): Opened {
  const first = unzip(bytes, all ? undefined : (n) => n === '_rels/.rels');
  const main = mainPartName(first['_rels/.rels']);
  const entries = all ? first : { ...first, ...unzip(bytes, (n) => n === main) };
  const part = entries[main];
  if (!part) throw new DocxError(`no main document (${main}) in the zip: not a Word document`);
  const doc = parseXml(part, main);
  if (!doc.documentElement || !isW(doc.documentElement, 'document')) throw new DocxError(`${main} is not a WordprocessingML document`);
  return { entries, main, doc };
}

// ---- the body --------------------------------------------------------------------

/** A table's cells as the document has them: rows of `w:tc`, continued vertical merges included. */
interface RawTable {
  el: Element;
  rows: Element[][];
}

/** A paragraph's text: its runs' `w:t`, with `w:tab`, `w:br` and `w:cr` as spaces; deleted text (`w:delText`) is not read. */
function paragraphText(p: Element): string {
  let s = '';
  const walk = (n: Node, depth: number) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (!W_NS.has(e.namespaceURI ?? '')) continue;
      const name = e.localName;
      if (name === 't') s += e.textContent ?? '';
      else if (name === 'tab' || name === 'br' || name === 'cr') s += ' ';
      else if (name === 'noBreakHyphen') s += '-';
      else if (name === 'del' || name === 'moveFrom' || name === 'rPr' || name === 'pPr' || name === 'tbl') continue;
      else if (depth < DOCX_LIMITS.depth) walk(e, depth + 1);
    }
  };
  walk(p, 0);
  return s;
}

/** The `w:t` elements of a cell's own paragraphs (not of a table inside it), in order. */
export function cellTexts(tc: Element): Element[] {
  const out: Element[] = [];
  const walk = (n: Node, depth: number) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (!W_NS.has(e.namespaceURI ?? '')) continue;
      if (e.localName === 't') out.push(e);
      else if (e.localName !== 'tbl' && e.localName !== 'del' && e.localName !== 'moveFrom' && depth < DOCX_LIMITS.depth) walk(e, depth + 1);
    }
  };
  walk(tc, 0);
  return out;
}

function gridSpan(tc: Element): number {
  const v = Number(wAttr(child(child(tc, 'tcPr'), 'gridSpan') ?? tc, 'val') ?? 1);
  return Number.isInteger(v) && v >= 1 && v <= 1000 ? v : 1;
}

/** 'restart', 'continue', or undefined when the cell is not vertically merged. */
function vMerge(tc: Element): 'restart' | 'continue' | undefined {
  const m = child(child(tc, 'tcPr'), 'vMerge');
  if (!m) return undefined;
  return wAttr(m, 'val') === 'restart' ? 'restart' : 'continue';
}

function gridBefore(tr: Element): number {
  const g = child(child(tr, 'trPr'), 'gridBefore');
  const v = Number(g ? wAttr(g, 'val') : 0);
  return Number.isInteger(v) && v >= 0 && v <= 1000 ? v : 0;
}

/**
 * The body's blocks in order, and every table of the document in document order (their
 * index is the `table` of origins). Tables inside cells come after the table holding them.
 */
function walkBody(doc: Document): { blocks: FormBlock[]; tables: RawTable[] } {
  const body = child(doc.documentElement ?? undefined, 'body');
  const blocks: FormBlock[] = [];
  const tables: RawTable[] = [];
  let paragraph = 0;
  const table = (el: Element, depth: number) => {
    const index = tables.length;
    const raw: RawTable = { el, rows: childrenNamed(el, 'tr').map((tr) => childrenNamed(tr, 'tc')) };
    tables.push(raw);
    blocks.push({ kind: 'table', table: formTable(raw, index) });
    // Tables inside its cells, after it.
    if (depth < 8) for (const row of raw.rows) for (const tc of row) for (const inner of nestedTables(tc)) table(inner, depth + 1);
  };
  const visit = (n: Node, depth: number) => {
    for (const c of children(n)) {
      if (isW(c, 'p')) blocks.push({ kind: 'text', text: paragraphText(c), origin: { kind: 'docx-paragraph', paragraph: paragraph++ } });
      else if (isW(c, 'tbl')) table(c, 0);
      else if (isWrapper(c) && depth < DOCX_LIMITS.depth) visit(c, depth + 1);
    }
  };
  if (body) visit(body, 0);
  return { blocks, tables };
}

/** Tables directly inside a cell (in its content, not inside another table). */
function nestedTables(tc: Element): Element[] {
  return childrenNamed(tc, 'tbl');
}

function formTable(raw: RawTable, table: number): FormTable {
  const trs = childrenNamed(raw.el, 'tr');
  // Grid columns of each cell, to follow vertical merges down their column.
  const placed = raw.rows.map((row, r) => {
    let col = gridBefore(trs[r]);
    return row.map((tc) => {
      const at = { tc, col, span: gridSpan(tc), merge: vMerge(tc) };
      col += at.span;
      return at;
    });
  });
  const rows: FormCell[][] = [];
  placed.forEach((row, r) => {
    const out: FormCell[] = [];
    row.forEach((at, c) => {
      if (at.merge === 'continue' && r > 0 && placed[r - 1].some((above) => above.col === at.col && above.merge)) return;
      let rowSpan = 1;
      if (at.merge)
        for (let below = r + 1; below < placed.length; below++) {
          if (!placed[below].some((x) => x.col === at.col && x.merge === 'continue')) break;
          rowSpan++;
        }
      const text = childrenNamed(at.tc, 'p')
        .map(paragraphText)
        .filter((s) => s !== '')
        .join(' ');
      out.push({ text, rowSpan, colSpan: at.span, origin: { kind: 'docx', table, row: r, cell: c } });
    });
    rows.push(out);
  });
  return { rows };
}

/** The FormDocument of a .docx file's bytes; throws DocxError when it cannot be read. */
export function docxForm(bytes: Uint8Array): FormDocument {
  return { format: 'docx', blocks: walkBody(open(bytes, false).doc).blocks };
}

/** The reader of io/report.ts (a FormRead; not imported from there, which imports this): the text view of the document, or `unreadable` with why. */
export function readDocx(bytes: Uint8Array): { decoded: Decoded; view?: TextView; skip?: { reason: 'unreadable'; detail: string } } {
  let form: FormDocument;
  try {
    form = docxForm(bytes);
  } catch (e) {
    const detail = e instanceof DocxError ? e.message : `cannot read the Word document: ${(e as Error).message}`;
    return { decoded: { text: '', encoding: 'utf-8', replaced: [] }, skip: { reason: 'unreadable', detail } };
  }
  const view = renderView(form);
  return { decoded: { text: view.text, encoding: 'utf-8', replaced: [] }, view };
}

// ---- writing fixed values ----------------------------------------------------------

/** A cell's new text, by its origin indices. */
export interface DocxCellEdit {
  table: number;
  row: number;
  cell: number;
  text: string;
}

/**
 * The .docx with the named cells' text replaced: the new text in the cell's first `w:t`
 * (a run added to its first paragraph when it has none), its other `w:t`s emptied. Only
 * the main document part changes; every other entry keeps its content byte for byte.
 * Throws DocxError when the file cannot be read or a cell does not exist.
 */
export function fixDocx(bytes: Uint8Array, edits: readonly DocxCellEdit[]): Uint8Array {
  const { entries, main, doc } = open(bytes, true);
  const { tables } = walkBody(doc);
  for (const e of edits) {
    const tc = tables[e.table]?.rows[e.row]?.[e.cell];
    if (!tc) throw new DocxError(`no cell ${e.table}/${e.row}/${e.cell} in the document`);
    setCellText(doc, tc, e.text);
  }
  const xml = new XMLSerializer().serializeToString(doc);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) out[name] = name === main ? [new TextEncoder().encode(xml), { level: 6 }] : [data, { level: 6 }];
  return zipSync(out);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function setCellText(doc: Document, tc: Element, text: string): void {
  const ts = cellTexts(tc);
  if (ts.length > 0) {
    setT(ts[0], text);
    for (const t of ts.slice(1)) setT(t, '');
    return;
  }
  if (!text) return;
  const ns = tc.namespaceURI ?? W;
  const prefix = tc.prefix ? `${tc.prefix}:` : '';
  let p = childrenNamed(tc, 'p')[0];
  if (!p) {
    p = doc.createElementNS(ns, `${prefix}p`);
    tc.appendChild(p);
  }
  const r = doc.createElementNS(ns, `${prefix}r`);
  // The run takes the paragraph mark's character properties (fonts, size), less its revision marks.
  const markProps = child(child(p, 'pPr'), 'rPr');
  if (markProps) {
    const rPr = markProps.cloneNode(true) as Element;
    for (const c of children(rPr)) if (c.nodeType === 1 && /^(ins|del|moveFrom|moveTo)$/.test((c as Element).localName ?? '')) rPr.removeChild(c);
    r.appendChild(rPr);
  }
  const t = doc.createElementNS(ns, `${prefix}t`);
  setT(t, text);
  r.appendChild(t);
  p.appendChild(r);
}

function setT(t: Element, text: string): void {
  while (t.firstChild) t.removeChild(t.firstChild);
  if (text) t.appendChild(t.ownerDocument!.createTextNode(text));
  if (/^\s|\s$/.test(text)) t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
}
