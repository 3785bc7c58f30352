// Word (.docx) reports: the zip is opened with fflate and the main document part parsed
// with saxes. The body, in order, becomes a FormDocument (io/view.ts): each
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

import { inflateRawSync } from 'node:zlib';
import { unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate';
import { SaxesParser } from 'saxes';
import type { Decoded } from './decode';
import { renderView, type FormBlock, type FormCell, type FormDocument, type FormTable, type TextView } from './view';

/** Limits on what a .docx may unpack to: per entry, in all, and how many entries; how deep the body is walked. */
export const DOCX_LIMITS = { entryBytes: 64 * 1024 * 1024, totalBytes: 256 * 1024 * 1024, entries: 10_000, depth: 64 };

export class DocxError extends Error {}

const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const REL_OFFICE = /\/officeDocument$/;

/**
 * An element of the parsed XML, with where it is in the text (offsets in UTF-16 code
 * units): `start` at its `<`, `openEnd` after its start tag, `end` after its end tag.
 * `w` when it is in the WordprocessingML namespace; `text` the text of a `w:t`.
 */
interface El {
  name: string;
  local: string;
  w: boolean;
  attrs: Record<string, string>;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  children: El[];
  text: string;
}

const isW = (e: El, name: string) => e.w && e.local === name;
/** Containers whose children stand where the container is (content controls, custom XML, tracked insertions, smart tags). */
const WRAPPERS = new Set(['sdt', 'sdtContent', 'customXml', 'ins', 'smartTag', 'moveTo']);
const isWrapper = (e: El) => e.w && WRAPPERS.has(e.local);

/** The children of `e` named `name`, looking through wrappers. */
function childrenNamed(e: El, name: string, depth = 0): El[] {
  const out: El[] = [];
  for (const c of e.children) {
    if (isW(c, name)) out.push(c);
    else if (isWrapper(c) && depth < DOCX_LIMITS.depth) out.push(...childrenNamed(c, name, depth + 1));
  }
  return out;
}

/** The first child named `name` (properties are direct children). */
function child(e: El | undefined, name: string): El | undefined {
  return e?.children.find((c) => isW(c, name));
}

/** A WordprocessingML attribute (`w:val`), by its local name. */
function wAttr(e: El, name: string): string | undefined {
  for (const [k, v] of Object.entries(e.attrs)) if (k === name || k.endsWith(`:${name}`)) return v;
  return undefined;
}

// ---- the zip ---------------------------------------------------------------------

/**
 * The zip's entries (all of them, or those `want` accepts), within DOCX_LIMITS. An entry
 * accepted, within the limits, for which `defer` (given it and its index among all the
 * entries) says true is not unpacked and not in the result.
 */
function unzip(bytes: Uint8Array, want?: (name: string) => boolean, defer?: (f: UnzipFileInfo, index: number) => boolean): Record<string, Uint8Array> {
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
        return !defer?.(f, count - 1);
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(`damaged zip: ${(e as Error).message}`);
  }
}

/**
 * The entry `name` as `unzip(bytes, (n) => n === name)` gives it (undefined when there is
 * none, the same DocxError when it throws): fflate lists the entries and checks the limits
 * as there, but the entry, when deflated, is inflated by Node's zlib (native; fflate's
 * inflate in JavaScript took about 3 × as long). Whatever is unusual — the name twice, an
 * error after the entry, a zip64 end record, a size of 0 or 0xFFFFFFFF, a stream zlib
 * refuses (it checks more than fflate) or one that unpacks to more than its stated size
 * (fflate cuts it there) — and `unzip` reads it as before.
 */
function unzipEntry(bytes: Uint8Array, name: string): Uint8Array | undefined {
  let seen = 0;
  let deferred: UnzipFileInfo | undefined;
  let index = 0;
  try {
    const files = unzip(
      bytes,
      (n) => n === name,
      (f, i) => {
        if (++seen > 1 || f.compression !== 8) return false;
        deferred = f;
        index = i;
        return true;
      },
    );
    if (!deferred) return files[name];
    const data = seen === 1 ? inflateEntry(bytes, index, deferred) : undefined;
    if (data) return data;
  } catch (e) {
    if (!deferred) throw e;
  }
  return unzip(bytes, (n) => n === name)[name];
}

/** Entry `index` of the zip (`f` as fflate listed it), inflated by zlib where its data is found as fflate's unzipSync finds it; undefined when it is unusual (see unzipEntry). */
function inflateEntry(bytes: Uint8Array, index: number, f: UnzipFileInfo): Uint8Array | undefined {
  const b2 = (at: number) => (bytes[at] | (bytes[at + 1] << 8)) >>> 0;
  const b4 = (at: number) => (b2(at) | (b2(at + 2) << 16)) >>> 0;
  // The end of central directory record (found, since fflate found it), not a zip64 one.
  let end = bytes.length - 22;
  while (end > 0 && b4(end) !== 0x06054b50) end--;
  if (b4(end) !== 0x06054b50 || b4(end - 20) === 0x07064b50) return undefined;
  let at = b4(end + 16);
  for (let i = 0; i < index; i++) at += 46 + b2(at + 28) + b2(at + 30) + b2(at + 32);
  const size = b4(at + 20);
  const originalSize = b4(at + 24);
  const local = b4(at + 42);
  if (b4(at) !== 0x02014b50 || size !== f.size || originalSize !== f.originalSize || size === 0 || originalSize === 0 || size === 0xffffffff || originalSize === 0xffffffff || local === 0xffffffff) return undefined;
  const start = local + 30 + b2(local + 26) + b2(local + 28);
  try {
    return inflateRawSync(bytes.subarray(start, start + size), { maxOutputLength: originalSize });
  } catch {
    return undefined;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/**
 * Parses XML into elements with their offsets (saxes: well-formedness checked, no external
 * entities), namespaces resolved as saxes resolves them. saxes' own namespace handling
 * (`xmlns: true`) costs more than the rest of the parse, so the document is first parsed
 * without it, resolving prefixes here; only when that parse meets an error or a namespace
 * use that saxes would reject or resolve otherwise (see `parseXmlOwnNamespaces`) is the
 * document parsed again with saxes' namespaces, which gives the result and the error
 * message a namespace-aware parse gives.
 */
function parseXml(xml: string, name: string): El {
  return parseXmlOwnNamespaces(xml) ?? parseXmlNamespaced(xml, name);
}

/**
 * Where an element's start tag begins (its `<`), from the parser's position when it
 * reports the element's name: after the name and the one character read after it. The
 * last `<` before that position, found without a search when the text there is `<` and
 * the name (a name has no `<`).
 */
function tagStart(xml: string, name: string, position: number): number {
  const at = position - name.length - 2;
  if (xml.charCodeAt(at) === 0x3c && xml.charCodeAt(position - 1) !== 0x3c && xml.startsWith(name, at + 1)) return at;
  return xml.lastIndexOf('<', position - 1);
}

/** The attributes of an element whose attributes are not read (`parseXmlOwnNamespaces`). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** Thrown inside `parseXmlOwnNamespaces`' handlers: leave the parse to saxes' namespace handling. */
class Redo extends Error {}

/** Whether `a` starts with `b`'s first `length` characters. (Names are short: a loop the compiler inlines costs less than a call of `startsWith`.) */
function sameStart(a: string, b: string, length: number): boolean {
  for (let i = 0; i < length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** Where `name`'s colon is: -1 when it has none, -2 when it has more than one. */
function colonOf(name: string): number {
  let at = -1;
  for (let i = 0; i < name.length; i++)
    if (name.charCodeAt(i) === 0x3a) {
      if (at >= 0) return -2;
      at = i;
    }
  return at;
}

/**
 * Has `parser` (without namespace handling) hand a start tag's attributes to `push`, in
 * order, for the `opentag` handler to read, instead of making
 * an object of them: saxes makes that object without a prototype (V8 keeps such objects
 * as dictionaries), and checking its names for duplicates and then walking it cost more
 * than the rest of a Word document's start tag (CPU profile). The handler checks the names
 * for duplicates instead, and saxes' `tag.attributes` stays empty. This replaces two of
 * saxes' (6.0) internal methods, `pushAttrib` and `processAttribs`, on this parser; false
 * when saxes no longer has them (then the namespace-aware parse reads the document).
 */
function takeAttributes(parser: SaxesParser, push: (name: string, value: string) => void): boolean {
  const internals = parser as unknown as { pushAttrib?: unknown; processAttribs?: unknown };
  if (typeof internals.pushAttrib !== 'function' || typeof internals.processAttribs !== 'function') return false;
  internals.pushAttrib = push;
  internals.processAttribs = () => {};
  return true;
}

/** Bytes of document.xml decoded at a time by the reader: V8 makes a string of 128 KB or more in its large-object space, which costs more to make than the parse of the text (measured: 226 KB of LibreOffice document.xml decoded in one piece, about 10 × the time of 16 KB pieces). */
const CHUNK = 16 * 1024;

/**
 * The elements as `parseXmlNamespaced` gives them, parsed without saxes' namespace
 * handling; undefined when the document must be parsed with it: any well-formedness
 * error, and every namespace use on which a namespace-aware parse fails — a prefix not
 * bound, a name with an empty part or two colons, an element prefixed `xmlns`, a
 * declaration of `xml` or `xmlns` or of their URIs, a prefix undeclared (`xmlns:p=""`),
 * two attributes of one expanded name, a colon in a processing instruction's target.
 *
 * Given the text, every element with its offsets (for `fixDocx`). Given the bytes (the
 * reader, `docxForm`), they are decoded and parsed in pieces (see CHUNK), without offsets,
 * and the elements the body's walk never reads are left out: every element is still
 * parsed and its namespaces checked, but an element outside WordprocessingML, `w:rPr`
 * and `w:pPr` are not kept, nor their contents, nor the contents of the properties in
 * `w:tcPr` and `w:trPr` (the walk reads of a paragraph its runs, not their properties,
 * and of a cell's and a row's properties only `w:gridSpan`, `w:vMerge`, `w:gridBefore`),
 * nor the attributes of any element but those properties (NO_ATTRIBUTES).
 */
function parseXmlOwnNamespaces(input: string | Uint8Array): El | undefined {
  const xml = typeof input === 'string' ? input : undefined;
  const parser = new SaxesParser({ position: xml !== undefined });
  const root: El = { name: '', local: '', w: false, attrs: {}, start: 0, openEnd: 0, end: xml?.length ?? 0, selfClosing: false, children: [], text: '' };
  const stack: El[] = [root];
  // Open elements, and of them how many are inside (or are) an element whose contents are not kept (reader only).
  let depth = 0;
  let unkept = 0;
  // Namespace declarations in scope: one entry per open element that declares any, with its `depth`.
  const scopes: { depth: number; ns: Map<string, string> }[] = [];
  const resolve = (prefix: string): string | undefined => {
    for (let k = scopes.length - 1; k >= 0; k--) {
      const uri = scopes[k].ns.get(prefix);
      if (uri !== undefined) return uri;
    }
    return prefix === 'xml' ? XML_NAMESPACE : prefix === 'xmlns' ? XMLNS_NAMESPACE : undefined;
  };
  parser.on('error', () => {
    throw new Redo();
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target.includes(':')) throw new Redo();
  });
  // Given the text, every element is made when its start tag begins (where its `<` is found);
  // given the bytes, an element whose contents are kept when its start tag ends, and no other.
  if (xml !== undefined)
    parser.on('opentagstart', (tag) => {
      depth++;
      const el: El = { name: tag.name, local: tag.name, w: false, attrs: NO_ATTRIBUTES, start: tagStart(xml, tag.name, parser.position), openEnd: 0, end: 0, selfClosing: false, children: [], text: '' };
      stack[stack.length - 1].children.push(el);
      stack.push(el);
    });
  // A start tag's attributes as saxes reads them, names and values in order, the first `count` of these (see `takeAttributes`).
  const names: string[] = [];
  const values: string[] = [];
  const colons: number[] = [];
  let count = 0;
  const taken = takeAttributes(parser, (name, value) => {
    names[count] = name;
    values[count++] = value;
  });
  if (!taken) return undefined;
  // The last prefix resolved and its namespace, while the declarations in scope stay the same
  // (in a Word document, those of its root, and nearly every name is `w:`).
  let lastPrefix = '';
  let lastUri: string | undefined;
  const declarationsChanged = () => {
    lastPrefix = '';
    lastUri = undefined;
  };
  /** The namespace of the prefix `name.slice(0, colon)` (undefined when it is not bound), without slicing when it is the last one asked for. */
  const prefixUri = (name: string, colon: number): string | undefined => {
    if (lastUri !== undefined && colon === lastPrefix.length && sameStart(name, lastPrefix, colon)) return lastUri;
    const prefix = name.slice(0, colon);
    const uri = resolve(prefix);
    if (uri !== undefined) {
      lastPrefix = prefix;
      lastUri = uri;
    }
    return uri;
  };
  /** Whether `name`, with its one colon at `colon` (see colonOf), is a well-formed prefixed name (parts not empty) of a bound prefix. */
  const boundName = (name: string, colon: number) => colon > 0 && colon < name.length - 1 && prefixUri(name, colon) !== undefined;
  /** The first `n` attributes as an object, as saxes makes it (without a prototype). */
  const attributes = (n: number): Record<string, string> => {
    const attrs: Record<string, string> = Object.create(null);
    for (let i = 0; i < n; i++) attrs[names[i]] = values[i];
    return attrs;
  };
  // Whether the last namespace asked about is WordprocessingML.
  let lastW = { uri: '', w: false };
  // Checked when the start tag is complete, as saxes' namespace-aware parse checks it.
  parser.on('opentag', (tag) => {
    if (xml === undefined) depth++;
    const n = count;
    count = 0;
    // The tag's namespace declarations; how many attribute names are prefixed, and whether all by the same prefix.
    let declared: Map<string, string> | undefined;
    let prefixed = 0;
    let first = -1;
    let onePrefix = true;
    for (let i = 0; i < n; i++) {
      const k = names[i];
      const colon = colonOf(k);
      colons[i] = colon;
      if (colon === -2) throw new Redo();
      if (colon < 0) {
        if (k === 'xmlns') {
          const uri = values[i].trim();
          if (uri === XML_NAMESPACE || uri === XMLNS_NAMESPACE) throw new Redo();
          (declared ??= new Map()).set('', uri);
        }
        continue;
      }
      prefixed++;
      if (first < 0) first = i;
      else if (onePrefix && !(colons[first] === colon && sameStart(names[first], k, colon))) onePrefix = false;
      if (colon === 5 && sameStart(k, 'xmlns', 5)) {
        const prefix = k.slice(6);
        const uri = values[i].trim();
        if (prefix === '' || prefix.includes(':') || prefix === 'xml' || prefix === 'xmlns' || uri === '' || uri === XML_NAMESPACE || uri === XMLNS_NAMESPACE) throw new Redo();
        (declared ??= new Map()).set(prefix, uri);
      }
    }
    if (declared) {
      scopes.push({ depth, ns: declared });
      declarationsChanged();
    }
    // The element's name: a prefix not empty, not `xmlns`, bound; a local part not empty, without a colon.
    const name = tag.name;
    const colon = colonOf(name);
    let uri: string | undefined;
    if (colon === -2) throw new Redo();
    if (colon >= 0) {
      if (colon === 5 && sameStart(name, 'xmlns', 5)) throw new Redo();
      if (!boundName(name, colon)) throw new Redo();
      uri = lastUri;
    }
    // Attributes: prefixed names bound; no two of one name, nor (prefixed) of one expanded name.
    if (prefixed > 0) for (let i = first; i < n; i++) if (colons[i] >= 0 && !boundName(names[i], colons[i])) throw new Redo();
    if (n > 1) {
      if (n > 16) {
        if (new Set(names.slice(0, n)).size < n) throw new Redo();
      } else for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (names[i] === names[j]) throw new Redo();
      if (prefixed > 1 && !onePrefix) {
        const expanded = names.slice(0, n).filter((k) => k.includes(':')).map((k) => `{${resolve(k.slice(0, k.indexOf(':')))}}${k.slice(k.indexOf(':') + 1)}`);
        if (new Set(expanded).size < expanded.length) throw new Redo();
      }
    }
    if (unkept > 0) {
      unkept++;
      return;
    }
    const local = colon < 0 ? name : name.slice(colon + 1);
    uri ??= colon < 0 ? (resolve('') ?? '') : '';
    if (uri !== lastW.uri) lastW = { uri, w: W_NS.has(uri) };
    const w = lastW.w;
    if (xml !== undefined) {
      const el = stack[stack.length - 1];
      el.local = local;
      el.w = w;
      el.selfClosing = tag.isSelfClosing;
      el.attrs = attributes(n);
      el.openEnd = parser.position;
      return;
    }
    // Not kept, nor its contents: run and paragraph properties, elements of other namespaces.
    if (!w || local === 'rPr' || local === 'pPr') {
      unkept = 1;
      return;
    }
    const parent = stack[stack.length - 1];
    const el: El = { name, local, w, attrs: NO_ATTRIBUTES, start: 0, openEnd: 0, end: 0, selfClosing: tag.isSelfClosing, children: [], text: '' };
    parent.children.push(el);
    // A cell's or a row's property: kept with its attributes, not its contents.
    if (isW(parent, 'tcPr') || isW(parent, 'trPr')) {
      el.attrs = attributes(n);
      unkept = 1;
    } else stack.push(el);
  });
  keepRunText(parser, stack, () => unkept === 0);
  parser.on('closetag', () => {
    if (scopes.length > 0 && scopes[scopes.length - 1].depth === depth) {
      scopes.pop();
      declarationsChanged();
    }
    depth--;
    // (An element not kept, or whose contents are not, is not on `stack`.)
    if (unkept > 0) {
      unkept--;
      return;
    }
    const el = stack.pop()!;
    if (xml !== undefined) el.end = parser.position;
  });
  try {
    if (typeof input === 'string') parser.write(input);
    else {
      const decoder = new TextDecoder('utf-8', { fatal: false });
      for (let at = 0; at < input.length; at += CHUNK) {
        const text = decoder.decode(input.subarray(at, at + CHUNK), { stream: true });
        if (text) parser.write(text);
      }
      const rest = decoder.decode();
      if (rest) parser.write(rest);
    }
    parser.close();
  } catch {
    return undefined; // a Redo, or any error: saxes' namespace-aware parse decides
  }
  return root;
}

/** A `w:t` element's text (and CDATA) added to it, for the element on top of `stack` (while `kept` says its contents are kept). */
function keepRunText(parser: SaxesParser<{}>, stack: El[], kept: () => boolean = () => true): void {
  const add = (text: string) => {
    const el = stack[stack.length - 1];
    if (el.w && el.local === 't' && kept()) el.text += text;
  };
  parser.on('text', add);
  parser.on('cdata', add);
}

/** `parseXml` with saxes' namespace handling (`xmlns: true`): its elements, or a DocxError with saxes' message. */
function parseXmlNamespaced(xml: string, name: string): El {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root: El = { name: '', local: '', w: false, attrs: {}, start: 0, openEnd: 0, end: xml.length, selfClosing: false, children: [], text: '' };
  const stack: El[] = [root];
  let failure: string | undefined;
  parser.on('error', (e) => {
    failure ??= e.message;
    throw e;
  });
  parser.on('opentagstart', (tag) => {
    const el: El = { name: tag.name, local: tag.name, w: false, attrs: {}, start: tagStart(xml, tag.name, parser.position), openEnd: 0, end: 0, selfClosing: false, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('opentag', (tag) => {
    const el = stack[stack.length - 1];
    el.local = tag.local ?? tag.name;
    el.w = W_NS.has(tag.uri ?? '');
    for (const [k, a] of Object.entries(tag.attributes)) el.attrs[k] = typeof a === 'string' ? a : a.value;
    el.openEnd = parser.position;
    el.selfClosing = tag.isSelfClosing;
  });
  keepRunText(parser, stack);
  parser.on('closetag', () => {
    const el = stack.pop()!;
    el.end = parser.position;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new DocxError(`${name} is not well-formed XML: ${String(failure ?? (e as Error).message).split('\n')[0]}`);
  }
  return root;
}

/** The main document part's name, from the package relationships (word/document.xml when they do not say). */
function mainPartName(rels: Uint8Array | undefined): string {
  const walk = (e: El): string | undefined => {
    if (e.local === 'Relationship' && REL_OFFICE.test(e.attrs.Type ?? '') && e.attrs.TargetMode !== 'External') return (e.attrs.Target ?? '').replace(/^\/+/, '');
    for (const c of e.children) {
      const found = walk(c);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return (rels && walk(parseXml(utf8.decode(rels), '_rels/.rels'))) || 'word/document.xml';
}

interface Opened {
  entries: Record<string, Uint8Array>;
  main: string;
  xml: string;
  doc: El;
}

/** The parsed main document's `w:document`, or a DocxError when the root is not one. */
function documentOf(root: El, main: string): El {
  const doc = root.children[0];
  if (!doc || !isW(doc, 'document')) throw new DocxError(`${main} is not a WordprocessingML document`);
  return doc;
}

/** Opens the package for writing: all its entries and the main document with every element and its offsets. */
function open(bytes: Uint8Array): Opened {
  const entries = unzip(bytes);
  const main = mainPartName(entries['_rels/.rels']);
  const part = entries[main];
  if (!part) throw new DocxError(`no main document (${main}) in the zip: not a Word document`);
  const xml = utf8.decode(part);
  return { entries, main, xml, doc: documentOf(parseXml(xml, main), main) };
}

/**
 * The main document for reading: only its entry and the package relationships unpacked,
 * the part parsed from its bytes in pieces without the elements the body's walk does not
 * read (parseXmlOwnNamespaces); when that parse cannot decide, the whole text parsed as
 * `open` parses it (the same elements, or saxes' error).
 */
function openForReading(bytes: Uint8Array): El {
  const rels = unzip(bytes, (n) => n === '_rels/.rels')['_rels/.rels'];
  const main = mainPartName(rels);
  const part = main === '_rels/.rels' ? rels : unzipEntry(bytes, main);
  if (!part) throw new DocxError(`no main document (${main}) in the zip: not a Word document`);
  return documentOf(parseXmlOwnNamespaces(part) ?? parseXml(utf8.decode(part), main), main);
}

// ---- the body --------------------------------------------------------------------

/** A table's cells as the document has them: rows of `w:tc`, continued vertical merges included. */
interface RawTable {
  el: El;
  rows: El[][];
}

/** A paragraph's text: its runs' `w:t`, with `w:tab`, `w:br` and `w:cr` as spaces; deleted text (`w:delText`) is not read. */
function paragraphText(p: El): string {
  let s = '';
  const walk = (e: El, depth: number) => {
    for (const c of e.children) {
      if (!c.w) continue;
      const name = c.local;
      if (name === 't') s += c.text;
      else if (name === 'tab' || name === 'br' || name === 'cr') s += ' ';
      else if (name === 'noBreakHyphen') s += '-';
      else if (name === 'del' || name === 'moveFrom' || name === 'rPr' || name === 'pPr' || name === 'tbl') continue;
      else if (depth < DOCX_LIMITS.depth) walk(c, depth + 1);
    }
  };
  walk(p, 0);
  return s;
}

/** The `w:t` elements of a cell's own paragraphs (not of a table inside it), in order. */
function cellTexts(tc: El): El[] {
  const out: El[] = [];
  const walk = (e: El, depth: number) => {
    for (const c of e.children) {
      if (!c.w) continue;
      if (c.local === 't') out.push(c);
      else if (c.local !== 'tbl' && c.local !== 'del' && c.local !== 'moveFrom' && depth < DOCX_LIMITS.depth) walk(c, depth + 1);
    }
  };
  walk(tc, 0);
  return out;
}

function gridSpan(tc: El): number {
  const g = child(child(tc, 'tcPr'), 'gridSpan');
  const v = Number((g && wAttr(g, 'val')) ?? 1);
  return Number.isInteger(v) && v >= 1 && v <= 1000 ? v : 1;
}

/** 'restart', 'continue', or undefined when the cell is not vertically merged. */
function vMerge(tc: El): 'restart' | 'continue' | undefined {
  const m = child(child(tc, 'tcPr'), 'vMerge');
  if (!m) return undefined;
  return wAttr(m, 'val') === 'restart' ? 'restart' : 'continue';
}

function gridBefore(tr: El): number {
  const g = child(child(tr, 'trPr'), 'gridBefore');
  const v = Number(g ? wAttr(g, 'val') : 0);
  return Number.isInteger(v) && v >= 0 && v <= 1000 ? v : 0;
}

/**
 * The body's blocks in order, and every table of the document in document order (their
 * index is the `table` of origins). Tables inside cells come after the table holding them.
 */
function walkBody(doc: El): { blocks: FormBlock[]; tables: RawTable[] } {
  const body = child(doc, 'body');
  const blocks: FormBlock[] = [];
  const tables: RawTable[] = [];
  let paragraph = 0;
  const table = (el: El, depth: number) => {
    const index = tables.length;
    const raw: RawTable = { el, rows: childrenNamed(el, 'tr').map((tr) => childrenNamed(tr, 'tc')) };
    tables.push(raw);
    blocks.push({ kind: 'table', table: formTable(raw, index) });
    // Tables inside its cells, after it.
    if (depth < 8) for (const row of raw.rows) for (const tc of row) for (const inner of nestedTables(tc)) table(inner, depth + 1);
  };
  const visit = (n: El, depth: number) => {
    for (const c of n.children) {
      if (isW(c, 'p')) blocks.push({ kind: 'text', text: paragraphText(c), origin: { kind: 'docx-paragraph', paragraph: paragraph++ } });
      else if (isW(c, 'tbl')) table(c, 0);
      else if (isWrapper(c) && depth < DOCX_LIMITS.depth) visit(c, depth + 1);
    }
  };
  if (body) visit(body, 0);
  return { blocks, tables };
}

/** Tables directly inside a cell (in its content, not inside another table). */
function nestedTables(tc: El): El[] {
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
  return { format: 'docx', blocks: walkBody(openForReading(bytes)).blocks };
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
  const { entries, main, xml, doc } = open(bytes);
  const { tables } = walkBody(doc);
  const splices: Splice[] = [];
  for (const e of edits) {
    const tc = tables[e.table]?.rows[e.row]?.[e.cell];
    if (!tc) throw new DocxError(`no cell ${e.table}/${e.row}/${e.cell} in the document`);
    splices.push(...cellSplices(xml, tc, e.text, modelRun(tables[e.table].rows[e.row], e.cell)));
  }
  splices.sort((a, b) => b.start - a.start);
  let out = xml;
  for (const sp of splices) out = out.slice(0, sp.start) + sp.text + out.slice(sp.end);
  const zip: Zippable = {};
  for (const [name, data] of Object.entries(entries)) zip[name] = [name === main ? new TextEncoder().encode(out) : data, { level: 6 }];
  return zipSync(zip);
}

/** A replacement of `xml.slice(start, end)`. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const prefixOf = (e: El) => (e.name.includes(':') ? e.name.slice(0, e.name.indexOf(':') + 1) : '');

/** A run holding text (`w:r` with a `w:t`) in a cell, not in a table inside it. */
function textRun(e: El, depth = 0): El | undefined {
  for (const c of e.children) {
    if (!c.w || c.local === 'tbl' || c.local === 'del' || c.local === 'moveFrom' || c.local === 'pPr' || c.local === 'tcPr') continue;
    if (c.local === 'r' && c.children.some((t) => isW(t, 't') && t.text.trim())) return c;
    const found = depth < DOCX_LIMITS.depth ? textRun(c, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The run a value typed into an empty cell looks like: the nearest cell's of the same row that has text. */
function modelRun(row: El[], cell: number): El | undefined {
  for (let d = 1; d < row.length; d++)
    for (const i of [cell - d, cell + d]) {
      const run = row[i] && textRun(row[i]);
      if (run) return run;
    }
  return undefined;
}

/**
 * The edits of the document's text that give a cell `text`: in its first `w:t`, its other
 * `w:t`s emptied; or, in a cell without text, a new run formatted as `model`'s (else as its paragraph mark).
 */
function cellSplices(xml: string, tc: El, text: string, model?: El): Splice[] {
  const ts = cellTexts(tc);
  if (ts.length > 0) return ts.map((t, i) => tSplice(xml, t, i === 0 ? text : ''));
  if (!text) return [];
  const w = prefixOf(tc);
  const p = childrenNamed(tc, 'p')[0];
  // The run takes the character properties (fonts, size) of a neighbour's run, else of the paragraph mark, less revision marks.
  const mark = child(model, 'rPr') ?? child(child(p, 'pPr'), 'rPr');
  let rPr = '';
  if (mark) {
    rPr = xml.slice(mark.start, mark.end);
    for (const c of [...mark.children].reverse())
      if (/^(ins|del|moveFrom|moveTo)$/.test(c.local)) rPr = rPr.slice(0, c.start - mark.start) + rPr.slice(c.end - mark.start);
  }
  const run = `<${w}r>${rPr}<${w}t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${escapeXml(text)}</${w}t></${w}r>`;
  if (!p) {
    const at = tc.selfClosing ? tc.end : xml.lastIndexOf('<', tc.end - 1);
    if (tc.selfClosing) return [{ start: tc.start, end: tc.end, text: `${xml.slice(tc.start, tc.end - 2).trimEnd()}><${w}p>${run}</${w}p></${tc.name}>` }];
    return [{ start: at, end: at, text: `<${w}p>${run}</${w}p>` }];
  }
  if (p.selfClosing) return [{ start: p.start, end: p.end, text: `${xml.slice(p.start, p.end - 2).trimEnd()}>${run}</${p.name}>` }];
  const close = xml.lastIndexOf('<', p.end - 1);
  return [{ start: close, end: close, text: run }];
}

/** A `w:t`'s content replaced (`xml:space="preserve"` added when the text starts or ends with white space). */
function tSplice(xml: string, t: El, text: string): Splice {
  const preserve = /^\s|\s$/.test(text) && !Object.keys(t.attrs).includes('xml:space');
  const open = xml.slice(t.start, t.selfClosing ? t.end - 2 : t.openEnd - 1).trimEnd() + (preserve ? ' xml:space="preserve"' : '');
  if (t.selfClosing) return { start: t.start, end: t.end, text: text ? `${open}>${escapeXml(text)}</${t.name}>` : xml.slice(t.start, t.end) };
  return { start: t.start, end: xml.lastIndexOf('<', t.end - 1), text: `${open}>${escapeXml(text)}` };
}
