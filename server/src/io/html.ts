// HTML reports (a page saved from a government site, Word's "save as web page"): the
// page as a FormDocument — prose blocks and tables of cells with rowSpan/colSpan — whose
// every piece knows its offsets in the HTML source, so findings on the text view map back
// to the cell's text inside its `<td>` (io/view.ts). Parsed with parse5, which never
// throws on malformed HTML. Pure: no fs, no vscode.

import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import * as iconv from 'iconv-lite';
import { decode, type Decoded } from './decode';
import { isAttachmentPath } from './kinds';
import { renderView, type FormBlock, type FormCell, type FormDocument, type FormTable, type Origin, type TextView } from './view';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];
type CommentNode = DefaultTreeAdapterMap['commentNode'];

/** Elements whose content is not part of the page's text. */
const SKIPPED = new Set(['script', 'style', 'head', 'template', 'noscript', 'title', 'svg', 'math', 'iframe', 'object', 'select', 'textarea', 'button']);

/** Elements that end a line of prose (their start and end break the text into blocks). */
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside',
  'blockquote', 'pre', 'address', 'figure', 'figcaption', 'form', 'fieldset', 'hr', 'center', 'caption', 'body', 'html', 'tr', 'td', 'th', 'table', 'tbody', 'thead', 'tfoot',
]);

/** Void elements and others that hold no text: never the innermost element a value is typed into. */
const NO_CONTENT = new Set(['br', 'img', 'hr', 'input', 'wbr', 'meta', 'link', 'col', 'colgroup', 'area', 'base', 'embed', 'source', 'track', 'param']);

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}
function isText(n: Node): n is TextNode {
  return n.nodeName === '#text';
}

/** An inline style that hides its element, in any case (no character outside ASCII folds to one of these letters). */
const HIDING_STYLE = /display\s*:\s*none|mso-hide\s*:\s*all/i;

/** Hidden by its inline style (Word's `mso-hide:all`, `display:none`). */
function hidden(e: Element, source: string): boolean {
  for (const a of e.attrs) if (a.name === 'style') return HIDING_STYLE.test(styleText(e, a.value, source));
  return false;
}

/**
 * An element's style attribute as the page's source writes it, when that is its value
 * (no character reference, CR or NUL in it, and of its length), else its value. parse5
 * builds a value a character at a time, and the first look at one costs as much as the
 * tokenizing did; Word's pages style almost every element.
 */
function styleText(e: Element, value: string, source: string): string {
  const loc = e.sourceCodeLocation?.attrs?.style;
  if (!loc) return value;
  const raw = source.slice(loc.startOffset, loc.endOffset); // style="…"
  let i = raw.indexOf('=') + 1;
  if (i === 0) return value;
  while (i < raw.length && ' \t\n\f\r'.includes(raw[i])) i++;
  let text = raw.slice(i);
  const q = text[0];
  if ((q === '"' || q === "'") && text.length >= 2 && text[text.length - 1] === q) text = text.slice(1, -1);
  return text.length === value.length && !/[&\r\0]/.test(text) ? text : value;
}

/** Characters with their offsets in the source, collected from text nodes. */
class Collector {
  chars: string[] = [];
  /** Source offset of each character's first code unit (-1 for a break), and after its last. */
  starts: number[] = [];
  ends: number[] = [];
  constructor(private source: string) {}

  /** A break between pieces of text (a `<br>`, a paragraph's end): one space. */
  brk(): void {
    this.chars.push('\n');
    this.starts.push(-1);
    this.ends.push(-1);
  }

  /** A text node's characters, each with its source offsets (entities and CR LF taken apart). */
  text(n: TextNode): void {
    const value = n.value;
    const loc = n.sourceCodeLocation;
    if (!loc) {
      for (const ch of value) (this.chars.push(ch), this.starts.push(-1), this.ends.push(-1));
      return;
    }
    const src = this.source;
    let i = loc.startOffset;
    const end = loc.endOffset;
    for (let j = 0; j < value.length; ) {
      const v = value[j];
      if (i >= end) {
        this.push(v, -1, -1);
        j++;
        continue;
      }
      const r = src[i];
      if (r === '&' && !(v === '&' && !entityAt(src, i, end))) {
        const len = entityAt(src, i, end) || 1;
        // One entity gives one character (or a surrogate pair, or rarely two): they share its source range.
        const units = v.length === 1 && /[\ud800-\udbff]/.test(v) && j + 1 < value.length ? 2 : 1;
        this.push(value.slice(j, j + units), i, i + len);
        j += units;
        i += len;
        continue;
      }
      if (r === '\r' && v === '\n') {
        const len = src[i + 1] === '\n' ? 2 : 1;
        this.push(v, i, i + len);
        i += len;
        j++;
        continue;
      }
      this.push(v, i, i + 1);
      i++;
      j++;
    }
  }

  private push(ch: string, start: number, end: number): void {
    this.chars.push(ch);
    this.starts.push(start);
    this.ends.push(end);
  }

  /** The collected text, and the offsets of its first and last non-blank character. */
  result(): { text: string; start: number; end: number } | undefined {
    const blank = /[\s\u00a0\u3000]/;
    let a = 0;
    while (a < this.chars.length && (blank.test(this.chars[a]) || this.starts[a] < 0)) a++;
    let b = this.chars.length - 1;
    while (b >= a && (blank.test(this.chars[b]) || this.ends[b] < 0)) b--;
    if (a > b) return undefined;
    return { text: this.chars.join('').replace(/[\s\u00a0\u3000]+/g, ' ').trim(), start: this.starts[a], end: this.ends[b] };
  }

  /**
   * The text as `result` gives it (white space collapsed, trimmed), in pieces that each map
   * to the source: runs of characters written as they are, one piece per character reference.
   */
  pieces(source: string): { start: number; end: number; origin: Origin }[] {
    const out: { start: number; end: number; origin: Origin }[] = [];
    const blank = /[\s\u00a0\u3000]/;
    let len = 0; // length of the collapsed text so far
    let pendingSpace = false;
    for (let i = 0; i < this.chars.length; i++) {
      const ch = this.chars[i];
      if (blank.test(ch)) {
        pendingSpace = len > 0;
        continue;
      }
      if (pendingSpace) (len++, (pendingSpace = false));
      const a = this.starts[i];
      const b = this.ends[i];
      if (a >= 0) {
        const exact = source.slice(a, b) === ch;
        const last = out[out.length - 1];
        const lastExact = last && last.origin.kind === 'offsets' && source.slice(last.origin.start, last.origin.end).length === last.end - last.start;
        if (exact && last && lastExact && last.end === len && last.origin.kind === 'offsets' && last.origin.end === a) {
          last.end += ch.length;
          last.origin.end = b;
        } else out.push({ start: len, end: len + ch.length, origin: { kind: 'offsets', start: a, end: b, insertAt: a } });
      }
      len += ch.length;
    }
    return out;
  }
}

/** The length of a character reference at `i` (`&amp;`, `&#21512;`, `&#x5408;`, `&nbsp`), 0 when there is none. */
function entityAt(src: string, i: number, end: number): number {
  const m = /^&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[a-zA-Z][a-zA-Z0-9]*;?)/.exec(src.slice(i, Math.min(end, i + 40)));
  return m && m[0].length > 1 ? m[0].length : 0;
}

function intAttr(e: Element, name: string): number {
  const v = e.attrs.find((a) => a.name === name)?.value;
  const n = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/** Does the element have a table below it? */
function hasTable(e: Element): boolean {
  const stack: Node[] = [...e.childNodes];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (!isElement(n)) continue;
    if (n.tagName === 'table') return true;
    stack.push(...n.childNodes);
  }
  return false;
}

/**
 * Visits the text below `root` in document order without recursion (a page may nest
 * elements deeper than the call stack): `text` for text nodes, `element` on entering an
 * element (false: skip it), `leave` after its content.
 */
function traverse(root: Node[], on: { text(n: TextNode): void; element(e: Element): boolean; leave(e: Element): void; comment?(c: CommentNode): void }): void {
  const stack: (Node | { leave: Element })[] = [...root].reverse();
  for (let n = stack.pop(); n; n = stack.pop()) {
    if ('leave' in n) {
      on.leave(n.leave);
      continue;
    }
    if (isText(n)) {
      on.text(n);
      continue;
    }
    if (n.nodeName === '#comment') {
      on.comment?.(n as CommentNode);
      continue;
    }
    if (isElement(n)) {
      if (!on.element(n)) continue;
      stack.push({ leave: n });
    } else if (!('childNodes' in n)) continue;
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** Rows of a table element: `tr` directly inside it or inside its thead/tbody/tfoot. */
function tableRows(t: Element): Element[] {
  const rows: Element[] = [];
  for (const c of t.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === 'tr') rows.push(c);
    else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') for (const r of c.childNodes) if (isElement(r) && r.tagName === 'tr') rows.push(r);
  }
  return rows;
}

function rowCells(r: Element, source: string): Element[] {
  return r.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th') && !hidden(c, source));
}

const BLANK_ONLY = /^[\s\u00a0\u3000]*$/;

/** Where a value is typed into an empty cell: after the start tag of its innermost element (`<td><p><span>` → after `<span>`). */
function insertionPoint(td: Element): number {
  let e = td;
  for (;;) {
    const kids = e.childNodes.filter((c) => !(isText(c) && BLANK_ONLY.test(c.value)) && c.nodeName !== '#comment');
    const only = kids.length === 1 ? kids[0] : undefined;
    if (!only || !isElement(only) || NO_CONTENT.has(only.tagName) || !only.sourceCodeLocation?.startTag) break;
    e = only;
  }
  const loc = e.sourceCodeLocation;
  return loc?.startTag?.endOffset ?? loc?.startOffset ?? 0;
}

class Reader {
  blocks: FormBlock[] = [];
  private prose: Collector;
  constructor(private source: string) {
    this.prose = new Collector(source);
  }

  /** Ends the current line of prose. */
  flush(): void {
    const r = this.prose.result();
    if (r) this.blocks.push({ kind: 'text', text: r.text, origin: { kind: 'offsets', start: r.start, end: r.end, insertAt: r.start }, pieces: this.prose.pieces(this.source) });
    this.prose = new Collector(this.source);
  }

  walk(n: Node): void {
    traverse([n], {
      text: (t) => this.prose.text(t),
      element: (e) => {
        if (SKIPPED.has(e.tagName) || hidden(e, this.source)) return false;
        if (e.tagName === 'br') return this.flush(), false;
        if (e.tagName === 'table') return this.flush(), this.table(e), false;
        if (BLOCKS.has(e.tagName)) this.flush();
        return true;
      },
      leave: (e) => {
        if (BLOCKS.has(e.tagName)) this.flush();
      },
      // A suppression comment (`<!-- nianbao-disable… -->`) is a line of the view, as in a text report.
      comment: (c) => {
        const loc = c.sourceCodeLocation;
        if (!loc || !/^\s*nianbao-/.test(c.data)) return;
        this.flush();
        const text = this.source.slice(loc.startOffset, loc.endOffset);
        this.blocks.push({ kind: 'text', text, origin: { kind: 'offsets', start: loc.startOffset, end: loc.endOffset, insertAt: loc.startOffset } });
      },
    });
  }

  /** A data table becomes a table block; a layout table (one with tables in its cells) is read as the blocks in its cells. */
  private table(t: Element): void {
    // A caption (often the part's heading) is a line of prose before the table.
    for (const c of t.childNodes) if (isElement(c) && c.tagName === 'caption') this.walk(c);
    this.flush();
    const rows = tableRows(t).map((r) => rowCells(r, this.source));
    if (rows.some((r) => r.some(hasTable))) {
      for (const r of rows) for (const c of r) (this.walk(c), this.flush());
      return;
    }
    const table: FormTable = { rows: rows.map((r) => r.map((c) => this.cell(c))) };
    if (table.rows.length > 0) this.blocks.push({ kind: 'table', table });
  }

  private cell(td: Element): FormCell {
    const col = new Collector(this.source);
    traverse(td.childNodes, {
      text: (t) => col.text(t),
      element: (e) => {
        if (SKIPPED.has(e.tagName) || hidden(e, this.source)) return false;
        if (e.tagName === 'br') return col.brk(), false;
        if (BLOCKS.has(e.tagName)) col.brk();
        return true;
      },
      leave: (e) => {
        if (BLOCKS.has(e.tagName)) col.brk();
      },
    });
    const r = col.result();
    const insertAt = insertionPoint(td);
    const origin: Origin | undefined = r
      ? { kind: 'offsets', start: r.start, end: r.end, insertAt: r.start }
      : td.sourceCodeLocation
        ? { kind: 'offsets', start: insertAt, end: insertAt, insertAt }
        : undefined;
    return { text: r ? r.text : '', rowSpan: intAttr(td, 'rowspan'), colSpan: intAttr(td, 'colspan'), origin };
  }
}

/** Columns a table's grid has: the widest row, counting the cells of rows above that span into it. */
export function gridWidth(table: FormTable): number {
  const carry: number[] = []; // rows still covered, per column
  let width = 0;
  for (const row of table.rows) {
    let col = 0;
    const next = carry.map((n) => Math.max(0, n - 1));
    for (const c of row) {
      while ((carry[col] ?? 0) > 0) col++;
      for (let k = 0; k < c.colSpan; k++) next[col + k] = Math.max(next[col + k] ?? 0, c.rowSpan - 1);
      col += c.colSpan;
    }
    while ((carry[col] ?? 0) > 0) col++;
    width = Math.max(width, col);
    carry.splice(0, carry.length, ...next);
  }
  return width;
}

const rowKey = (row: FormCell[]) => row.map((c) => c.text.replace(/[\s\u00a0\u3000]+/g, '')).join('|');
const NUMBER = /^[\s\u00a0]*[-+]?\d[\d,.]*[\s\u00a0]*$/;

/**
 * Joins a table with the one right after it (only blank prose between) when the second
 * continues the first, as Word writes a table broken by a page: it repeats the first's
 * header rows (dropped), or it starts with a row of values (no header) on a grid no wider
 * (the columns of labels merged over rows may be missing from the continuation).
 */
function joinTables(blocks: FormBlock[]): FormBlock[] {
  const out: FormBlock[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.kind === 'table' && prev?.kind === 'table') {
      const a = prev.table;
      let repeated = 0;
      while (repeated < b.table.rows.length && repeated < a.rows.length - 1 && rowKey(b.table.rows[repeated]) === rowKey(a.rows[repeated]) && rowKey(a.rows[repeated]) !== '') repeated++;
      const rest = b.table.rows.slice(repeated);
      const continues = repeated > 0 || (rest.length > 0 && rest[0].some((c) => NUMBER.test(c.text)) && gridWidth(b.table) <= gridWidth(a));
      if (continues) {
        out[out.length - 1] = { kind: 'table', table: { rows: [...a.rows, ...rest] } };
        continue;
      }
    }
    out.push(b);
  }
  return out;
}

/** How deep a page may nest elements: parse5 takes time quadratic in the depth of unclosed elements. */
export const MAX_DEPTH = 1000;

/** Is the page nested deeper than MAX_DEPTH (a rough count of open tags that do not close by themselves)? */
export function tooDeep(source: string): boolean {
  // Every level is an open tag's `<`: a page of no more start tags than the limit (most pages) needs no closer look.
  let starts = 0;
  for (let i = source.indexOf('<'); i !== -1 && starts <= MAX_DEPTH; i = source.indexOf('<', i + 1)) if (source.charCodeAt(i + 1) !== 0x2f) starts++;
  if (starts <= MAX_DEPTH) return false;
  const open = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/g;
  let depth = 0;
  for (let m = open.exec(source); m; m = open.exec(source)) {
    const name = m[2].toLowerCase();
    if (NO_CONTENT.has(name) || SELF_CLOSING.has(name)) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > MAX_DEPTH) return true;
  }
  return false;
}

/** Elements whose end tag may be left out (a `<p>` ends the `<p>` before it): not counted by `tooDeep`. */
const SELF_CLOSING = new Set(['p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'rb', 'rt', 'rp', 'tbody', 'thead', 'tfoot', 'caption', 'html', 'head', 'body', 'o:p']);

/** The page as blocks of prose and tables, each piece with its offsets in `source`. Never throws on malformed HTML; a page nested deeper than MAX_DEPTH has no blocks. */
export function htmlForm(source: string, depthChecked = false): FormDocument {
  if (!depthChecked && tooDeep(source)) return { format: 'html', blocks: [] };
  const doc = parse(source, { sourceCodeLocationInfo: true });
  const reader = new Reader(source);
  reader.walk(doc);
  reader.flush();
  return { format: 'html', blocks: joinTables(reader.blocks) };
}

/** The text view of an HTML page: what the engine checks. */
export function htmlView(source: string): TextView {
  return renderView(htmlForm(source));
}

/** The charset a page declares in its first 1024 bytes (`<meta charset>`, or `http-equiv` Content-Type), lower case. */
export function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const c = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(m[0]);
    if (c) return c[1].toLowerCase();
  }
  return undefined;
}

const GB = new Set(['gbk', 'gb2312', 'gb18030', 'gb_2312-80', 'x-gbk', 'cp936', 'windows-936', 'euc-cn', 'csgb2312', 'chinese', 'iso-ir-58']);

/**
 * The page's text: a BOM decides, then the charset of its transport (`charset`, the HTTP
 * Content-Type's, when fetched), then its declared charset, else as any text file is read
 * (UTF-8, or GB18030 when it is not).
 */
export function decodeHtml(bytes: Buffer, transportCharset?: string): Decoded {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom) return decode(bytes);
  const charset = transportCharset?.trim().toLowerCase() || declaredCharset(bytes);
  if (charset && GB.has(charset)) return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030', replaced: [] };
  if (charset && !/^(utf-?8|unicode-1-1-utf-8|us-ascii|ascii)$/.test(charset)) {
    try {
      return { text: new TextDecoder(charset).decode(bytes), encoding: charset, replaced: [] };
    } catch {
      // an unknown label: read it as any text file
    }
  }
  return decode(bytes);
}

/** The reader of `.html` files (READERS in io/report.ts, whose FormRead this is): `decoded.text` is the view's text, `source` the decoded page. */
export function readHtml(bytes: Buffer, charset?: string): { decoded: Decoded; view?: TextView; source?: string; skip?: { reason: 'unreadable'; detail: string } } {
  const page = decodeHtml(bytes, charset);
  if (tooDeep(page.text)) return { decoded: { ...page, text: '' }, skip: { reason: 'unreadable', detail: `HTML nested deeper than ${MAX_DEPTH} elements` } };
  const view = renderView(htmlForm(page.text, true));
  // U+FFFD from bytes that were not valid: those of the view whose source character was one.
  const replaced: number[] = [];
  if (page.replaced.length > 0) for (let i = view.text.indexOf('\uFFFD'); i !== -1; i = view.text.indexOf('\uFFFD', i + 1)) replaced.push(i);
  return { decoded: { text: view.text, encoding: page.encoding, replaced }, view, source: page.text };
}

/**
 * The links of a page that look like its report as an attachment, absolute against `base`,
 * in page order without repeats: an `<a href>` whose path ends .pdf, .docx or .doc, or whose text
 * says 附件 or 下载; only http and https addresses.
 */
export function attachmentLinks(source: string, base: string): string[] {
  const out: string[] = [];
  const visit = (n: Node): void => {
    if (isElement(n)) {
      const href = n.tagName === 'a' ? n.attrs.find((a) => a.name === 'href')?.value : undefined;
      if (href) {
        let url: URL | undefined;
        try {
          url = new URL(href.trim(), base);
        } catch {
          url = undefined;
        }
        const text = textOf(n);
        if (url && (url.protocol === 'http:' || url.protocol === 'https:') && (isAttachmentPath(url.pathname) || /附件|下载|下載/.test(text))) {
          url.hash = '';
          if (!out.includes(url.href)) out.push(url.href);
        }
      }
    }
    if ('childNodes' in n) for (const c of n.childNodes) visit(c);
    if (isElement(n) && n.tagName === 'template') visit((n as unknown as { content: Node }).content);
  };
  visit(parse(source) as unknown as Node);
  return out;
}

function textOf(n: Node): string {
  if (isText(n)) return n.value;
  return 'childNodes' in n ? n.childNodes.map(textOf).join('') : '';
}
