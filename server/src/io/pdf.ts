// PDF → FormDocument, from the page's geometry (pdf.js, loaded on the first PDF). Text
// items with their positions make lines; the ruling lines the page draws (filled thin
// rectangles, stroked lines and rectangles in the operator list) make table grids, their
// missing lines merged cells; each item goes to the cell under its centre. A table that
// runs on over pages (its header repeated, page marks between) is joined into one, with a
// rowspan label cut by the page break joined again. Text outside tables is prose, lines
// wrapped within a paragraph joined. A PDF without a text layer (a scan) is not read.

import type { Decoded } from './decode';
import type { Pdfjs } from './pdfjsLib';
import { renderView, type FormCell, type FormDocument, type TextView } from './view';
import { linelessTables, type LinelessKind, type LinelessTable } from './pdfColumns';
import { ASCII_WORD, gridsOf, joinLine, linesOf, rulingsOf, type Grid, type Item, type Line, type Ops } from './pdfGrid';

export interface PdfOptions {
  /** More pages than this: not read (`too large`). */
  maxPages?: number;
  /** Reading stops after this many milliseconds (`too large`). */
  timeLimitMs?: number;
}

export const PDF_DEFAULTS = { maxPages: 500, timeLimitMs: 30_000 };

/** Why a PDF could not be read: the `skip` of a reader's FormRead. */
export class PdfSkip extends Error {
  constructor(
    readonly reason: 'no text layer' | 'unreadable' | 'too large',
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** A reader's result (io/report.ts's FormRead, which this file cannot import without a cycle). */
export interface PdfRead {
  decoded: Decoded;
  view?: TextView;
  skip?: { reason: PdfSkip['reason']; detail: string };
}

let lib: Pdfjs | undefined;
/** pdf.js, loaded once; its load-time warnings (no canvas, "use the legacy build") are not ours to print. */
function pdfjs(): Pdfjs {
  if (lib) return lib;
  const log = console.log;
  console.log = () => undefined;
  try {
    // Required here, not imported: pdf.js (2.5 MB) is loaded by the first PDF only (in the bundles, ./pdfjsLib is dist/pdfjs.js).
    lib = (require('./pdfjsLib') as typeof import('./pdfjsLib')).loadPdfjs();
  } finally {
    console.log = log;
  }
  return lib;
}

/** CJK radicals (U+2E80–U+2FDF) that some fonts' ToUnicode maps give for ordinary characters (⾏ for 行): NFKC folds them. */
function normalizeText(s: string): string {
  return /[\u2e80-\u2fdf\uf900-\ufaff]/.test(s) ? s.replace(/[\u2e80-\u2fdf\uf900-\ufaff]/g, (c) => RADICALS.get(c) ?? c.normalize('NFKC')) : s;
}

/** Simplified radicals of the CJK Radicals Supplement (no NFKC mapping) as the characters they stand for. */
const RADICALS = new Map([...'⺠民⻔门⻓长⻅见⻋车⻛风⻜飞⻢马⻘青⻝食⻰龙⻆角⻄西⻁虎⻩黄⻨麦⻬齐⻉贝⻚页⻈讠⻊足⻓长⻙韦⻝饣⻟饣⻤鬼⻥鱼⻦鸟⻧卤⻣骨⻭齿⻮齿⻳龟⺁厂⺇几⺈刀⺊卜⺌小⺍小⺕彐⺗心⺝月⺟母⺡水⺢水⺣火⺤爪⺥爪⺦丬⺨犬⺩王⺫罒⺬示⺭示⺮竹⺯糸⺰纟⺶羊⺷羊⺸羊⺻聿⺼肉⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻍辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻢马⻣骨⻤鬼⻥鱼⻦鸟⻨麦⻩黄⻪黾⻬齐⻭齿⻰龙⻳龟'.matchAll(/(.)(.)/gu)].map((m) => [m[1], m[2]]));

/** A document for pdf.js's font loader that takes each font's style rule and keeps nothing (we never draw). */
const NO_DOCUMENT = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

interface PageData {
  page: number;
  width: number;
  height: number;
  items: Item[];
  ops?: Ops;
}

/** The text items and (when it has text) the drawing operators of each page. */
async function readPages(bytes: Uint8Array, options: Required<PdfOptions>): Promise<PageData[]> {
  const { getDocument, OPS, dataDir, worker, CMapReaderFactory, StandardFontDataFactory } = pdfjs();
  const started = Date.now();
  const task = getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) what it is given
    worker,
    CMapReaderFactory: CMapReaderFactory as never,
    StandardFontDataFactory: StandardFontDataFactory as never,
    verbosity: 0,
    cMapUrl: `${dataDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${dataDir}/standard_fonts/`,
    isEvalSupported: false,
    // Images are never drawn: not decoded for the operator list (a seal or a logo costs more than the text).
    maxImageSize: 0,
    // Fonts "loaded" into a document that keeps nothing: with font faces disabled instead, pdf.js
    // would compile every glyph of every font into a path, most of the time spent on a PDF.
    disableFontFace: false,
    ownerDocument: NO_DOCUMENT,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfSkip('too large', `not read within ${Math.round(options.timeLimitMs / 1000)} s`)), options.timeLimitMs);
  });
  try {
    const doc = await Promise.race([task.promise, timeout]);
    if (doc.numPages > options.maxPages) throw new PdfSkip('too large', `${doc.numPages} pages > ${options.maxPages}`);
    const pages: PageData[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await Promise.race([doc.getPage(p), timeout]);
      const [x0, y0, x1, y1] = page.view;
      const content = await Promise.race([page.getTextContent({ disableNormalization: false }), timeout]);
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str.trim()) continue;
        const [a, b, c, d, e, f] = it.transform as number[];
        if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01) continue; // rotated text: not part of a form's tables
        const h = Math.abs(d) || Math.abs(a) || it.height;
        items.push({ s: normalizeText(it.str), x0: e - x0, x1: e - x0 + it.width, y: f - y0, h });
      }
      let ops: Ops | undefined;
      if (items.length > 0) {
        const list = await Promise.race([page.getOperatorList(), timeout]);
        ops = { fn: list.fnArray, args: list.argsArray, OPS: OPS as unknown as Record<string, number>, origin: [x0, y0] };
      }
      pages.push({ page: p, width: x1 - x0, height: y1 - y0, items, ops });
      page.cleanup();
      if (Date.now() - started > options.timeLimitMs) throw new PdfSkip('too large', `not read within ${Math.round(options.timeLimitMs / 1000)} s`);
    }
    return pages;
  } catch (e) {
    if (e instanceof PdfSkip) throw e;
    const name = (e as Error)?.name;
    if (name === 'PasswordException') throw new PdfSkip('unreadable', 'encrypted PDF (a password is needed)');
    if (name === 'InvalidPDFException') throw new PdfSkip('unreadable', `not a valid PDF: ${(e as Error).message}`);
    throw new PdfSkip('unreadable', `PDF: ${(e as Error)?.message ?? String(e)}`);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

// ---- lines and prose -------------------------------------------------------------------

/** Page numbers and marks: `- 4 -`, `— 4 —`, `第 5 页`, `第5页 共9页`, `5/9`, a bare number. */
const PAGE_MARK = /^(?:[-—–－―~\s]*\d{1,4}[-—–－―~\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|共\s*\d+\s*页\s*第\s*\d+\s*页)$/;

type Block =
  | { top: number; kind: 'text'; text: string; box: [number, number, number, number]; continues: boolean; full: boolean }
  | { top: number; kind: 'table'; grid: Grid }
  | { top: number; kind: 'lineless'; table: LinelessTable };

/** A line that starts a heading or a numbered paragraph: `二、`, `（三）`, `(三)`, `3.`, `3、`. */
const STARTS_PART = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))/;

/** Prose lines → paragraphs: a line runs on into the next when it reaches the right edge and the next follows at line spacing. */
function paragraphs(lines: Line[], right: number, left: number): { top: number; text: string; box: [number, number, number, number]; continues: boolean; full: boolean }[] {
  const out: { top: number; text: string; box: [number, number, number, number]; last: Line; continues: boolean; full: boolean }[] = [];
  for (const l of lines) {
    const p = out[out.length - 1];
    const runsOn =
      p &&
      !p.last.gapped &&
      !l.gapped &&
      p.last.x1 >= right - p.last.h * 4 && // the line was full (up to a few characters: line breaking keeps words and punctuation together)
      p.last.y - l.y <= Math.max(p.last.h, l.h) * 2.4 &&
      Math.abs(p.last.h - l.h) < 1 &&
      l.x0 <= p.box[0] + l.h * 0.8 && // not indented: not a paragraph's first line
      !STARTS_PART.test(l.text);
    if (p && runsOn) {
      p.text += ASCII_WORD.test(p.text.slice(-1)) && ASCII_WORD.test(l.text[0]) ? ` ${l.text}` : l.text;
      p.box = [Math.min(p.box[0], l.x0), l.y - l.h * 0.25, Math.max(p.box[2], l.x1), p.box[3]];
      p.last = l;
    } else {
      const continues = !l.gapped && l.x0 <= left + l.h * 0.8 && !STARTS_PART.test(l.text);
      out.push({ top: l.y + l.h, text: l.text, box: [l.x0, l.y - l.h * 0.25, l.x1, l.y + l.h * 0.85], last: l, continues, full: false });
    }
  }
  for (const p of out) p.full = !p.last.gapped && p.last.x1 >= right - p.last.h * 4;
  return out;
}

/** A margin line's key: without spaces, its numbers as `#` (a footer with the page number is the same on every page). */
const runningKey = (s: string) => s.replace(/\s+/g, '').replace(/\d+/g, '#');

/** Running headers and footers: the same text in the top or bottom margin of at least two pages and half of them. */
function runningTexts(pages: { lines: Line[]; height: number }[]): Set<string> {
  const count = new Map<string, number>();
  for (const p of pages) {
    const seen = new Set<string>();
    for (const l of p.lines) if (l.y > p.height * 0.88 || l.y < p.height * 0.12) seen.add(runningKey(l.text));
    for (const s of seen) count.set(s, (count.get(s) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [s, n] of count) if (n >= 2 && n * 2 >= pages.length) out.add(s);
  return out;
}

// ---- the document --------------------------------------------------------------------

/** The blocks of one page, top to bottom: its tables (grids, and tables 三 and 四 without lines) and its prose outside them. */
function pageBlocks(p: PageData, running: Set<string>, lines: Line[], runOn?: { kind: LinelessKind; bounds: number[] }): Block[] {
  const isMark = (l: Line) => {
    const margin = l.y > p.height * 0.88 || l.y < p.height * 0.12;
    return margin && (PAGE_MARK.test(l.text.trim()) || running.has(runningKey(l.text)));
  };
  const found = p.ops ? gridsOf(rulingsOf(p.ops), p.items, p.width) : [];
  // A grid of one column (a frame around a table without column lines) gives way to a table found from its header.
  const strong = found.filter((g) => g.xs.length > 2);
  const free = p.items.filter((it) => !strong.some((g) => g.contains(it)));
  const lineless = free.length > 0 ? linelessTables(free, p.page, isMark, runOn) : [];
  const grids = found.filter((g) => g.xs.length > 2 || !lineless.some((t) => [...t.items].some((it) => g.contains(it))));
  const inGrid = (it: Item) => grids.some((g) => g.contains(it));
  const inTable = (it: Item) => inGrid(it) || lineless.some((t) => t.items.has(it));
  const prose = lines
    .map((l) => ({ ...l, items: l.items.filter((it) => !inTable(it)) }))
    .filter((l) => l.items.length > 0)
    .map((l) => ({ ...l, x0: l.items[0].x0, x1: Math.max(...l.items.map((i) => i.x1)), ...joinLine(l.items) }));
  const kept = prose.filter((l) => !isMark(l));
  const right = Math.max(0, ...kept.filter((l) => !l.gapped).map((l) => l.x1));
  const left = Math.min(Infinity, ...kept.filter((l) => !l.gapped).map((l) => l.x0));
  const blocks: Block[] = paragraphs(kept, right, left).map((x) => ({ top: x.top, kind: 'text', text: x.text, box: x.box, continues: x.continues, full: x.full }));
  for (const g of grids) blocks.push({ top: g.top, kind: 'table', grid: g });
  for (const t of lineless) blocks.push({ top: t.top, kind: 'lineless', table: t });
  return blocks.sort((a, b) => b.top - a.top);
}

/** The PDF as blocks of prose and tables (see the file comment). Throws PdfSkip when it cannot be read. */
export async function pdfForm(bytes: Uint8Array, options: PdfOptions = {}): Promise<FormDocument> {
  const opts = { ...PDF_DEFAULTS, ...options };
  const pages = await readPages(bytes, opts);
  const textPages = pages.filter((p) => p.items.length > 0).length;
  if (textPages === 0) throw new PdfSkip('no text layer', pages.length === 0 ? 'no pages' : `${pages.length} page(s), none with text: a scan needs OCR first`);
  const withLines = pages.map((p) => ({ ...p, lines: linesOf(p.items) }));
  const running = runningTexts(withLines);
  const doc: FormDocument = { format: 'pdf', blocks: [] };
  let open: { grid: Grid; cells: FormCell[][] } | undefined;
  let lastFull = false; // the last prose block ended in a full line // the last table, while nothing but page marks came after it
  // The last table without lines, while nothing but page marks came after it.
  let openLineless: { table: LinelessTable; cells: FormCell[][] } | undefined;
  for (const p of withLines) {
    const runOn = openLineless && !openLineless.table.ended ? { kind: openLineless.table.kind, bounds: openLineless.table.bounds } : undefined;
    const blocks = pageBlocks(p, running, p.lines, runOn);
    for (const b of blocks) {
      if (b.kind === 'lineless') {
        // The first block of the page continues the open table of its kind: its rows without the repeated header.
        if (openLineless && !openLineless.table.ended && blocks[0] === b && b.table.kind === openLineless.table.kind) {
          openLineless.cells.push(...b.table.rows.slice(b.table.headerRows));
          openLineless.table = b.table;
          continue;
        }
        const cells = [...b.table.rows];
        doc.blocks.push({ kind: 'table', table: { rows: cells } });
        openLineless = { table: b.table, cells };
        open = undefined;
        continue;
      }
      openLineless = undefined;
      if (b.kind === 'text') {
        // A paragraph that runs on over the page break: the last block was prose ending in a full line, this one starts unindented.
        const last = doc.blocks[doc.blocks.length - 1];
        if (blocks[0] === b && b.continues && last?.kind === 'text' && lastFull) {
          last.text += b.text;
          lastFull = b.full;
          continue;
        }
        doc.blocks.push({ kind: 'text', text: b.text, origin: { kind: 'pdf', page: p.page, box: round(b.box) } });
        lastFull = b.full;
        open = undefined;
        continue;
      }
      const rows = b.grid.rows(p.page);
      if (open && blocks[0] === b && open.grid.continuedBy(b.grid)) {
        open.grid.join(open.cells, b.grid, rows);
        open.grid = b.grid;
        continue;
      }
      const kept = rows.filter((r) => r.some((c) => c.text));
      doc.blocks.push({ kind: 'table', table: { rows: kept } });
      open = { grid: b.grid, cells: kept };
    }
  }
  return doc;
}

function round(box: [number, number, number, number]): [number, number, number, number] {
  return box.map((v) => Math.round(v * 10) / 10) as [number, number, number, number];
}

/** A PDF for READERS (io/report.ts): the view of its form, or why it was not read. */
export async function readPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfRead> {
  try {
    const view = renderView(await pdfForm(bytes, options));
    return { decoded: { text: view.text, encoding: 'utf-8', replaced: [] }, view };
  } catch (e) {
    const skip = e instanceof PdfSkip ? e : new PdfSkip('unreadable', `PDF: ${(e as Error)?.message ?? String(e)}`);
    return { decoded: { text: '', encoding: 'utf-8', replaced: [] }, skip: { reason: skip.reason, detail: skip.detail } };
  }
}
