// Documents whose checked text is not simply their own text, in one place: the features
// stay written for a text report, and this adapter says what is checked and how its
// offsets map back.
//
// - `text`: a text report (nianbao, plaintext, markdown): checked as it is.
// - `html`: an HTML document (languageId html) holding a report: the engine checks its text
//   view (io/html.ts `htmlView`); findings, related places and fix edits are mapped back to
//   the cells' text in the HTML (io/view.ts `toSourceOffsets`), fixes that cannot be mapped
//   to one cell's text are dropped; the features that read the model run on the view and
//   their positions are mapped both ways.
// - `view`: the read-only text view of a report file (scheme `nianbao-view`, opened by
//   「用 nianbao 检查此文件」): checked as it is, but it cannot be edited, so its findings
//   carry no fixes and say where fixes belong (the DOCX fix command, or the source document).

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver/node';
import { t, type Edit, type Finding, type Fix, type Locale, type Related } from './engine';
import { htmlView } from './io/html';
import { reportKind } from './io/kinds';
import { spanAt, toSourceOffsets, toViewOffset, type TextView } from './io/view';
import { VIEW_SCHEME, type TextViewResult } from './protocol';

type ViewFormat = Extract<TextViewResult, { format: string }>['format'];

export type Form =
  | { kind: 'text' }
  | { kind: 'view'; format: ViewFormat; source: string }
  | { kind: 'html'; view: TextView; html: string; viewDoc: TextDocument };

/** One form per document version: an HTML document's view is built once per version. */
const forms = new WeakMap<TextDocument, { version: number; form: Form }>();

/** Words one of which an HTML report's text holds; other HTML documents are not parsed. */
const HTML_HINT = /公[开開]/;

export function formOf(doc: TextDocument): Form {
  const hit = forms.get(doc);
  if (hit && hit.version === doc.version) return hit.form;
  const form = makeForm(doc);
  forms.set(doc, { version: doc.version, form });
  return form;
}

function makeForm(doc: TextDocument): Form {
  const view = viewSource(doc.uri);
  if (view) return { kind: 'view', ...view };
  if (doc.languageId !== 'html') return { kind: 'text' };
  const html = doc.getText();
  if (!HTML_HINT.test(html)) return { kind: 'html', view: { text: '', spans: [] }, html, viewDoc: TextDocument.create(doc.uri, 'nianbao', doc.version, '') };
  let v: TextView;
  try {
    v = htmlView(html);
  } catch {
    v = { text: '', spans: [] };
  }
  return { kind: 'html', view: v, html, viewDoc: TextDocument.create(doc.uri, 'nianbao', doc.version, v.text) };
}

/**
 * The source file and form of a text view's uri (`nianbao-view:<path>.nianbao?<source uri>#<format>`,
 * the format as the server gave it to the client; without it, the source's kind); undefined for any other uri.
 */
export function viewSource(uri: string): { source: string; format: ViewFormat } | undefined {
  if (!uri.startsWith(`${VIEW_SCHEME}:`)) return undefined;
  const hash = uri.indexOf('#');
  const q = uri.indexOf('?');
  const part = (from: number, to: number) => {
    try {
      return from < 0 ? '' : decodeURIComponent(uri.slice(from + 1, to < 0 ? undefined : to));
    } catch {
      return '';
    }
  };
  const source = part(q, hash);
  const given = part(hash, -1);
  const formats: readonly ViewFormat[] = ['text', 'markdown', 'html', 'docx', 'pdf'];
  const format = formats.find((f) => f === given) ?? reportKind(source)?.format ?? 'text';
  return { source, format };
}

/** The text the engine checks for this document. */
export function checkedText(doc: TextDocument, form: Form = formOf(doc)): string {
  return form.kind === 'html' ? form.view.text : doc.getText();
}

/** The path the engine reads the reporting body from, when the file name is all it has. */
export function checkedPath(doc: TextDocument, form: Form = formOf(doc)): string {
  return form.kind === 'view' && form.source ? form.source : doc.uri;
}

/** May the document be edited by quick fixes (and suppression comments)? */
export function editable(form: Form): boolean {
  return form.kind !== 'view';
}

/** Findings of the checked text as findings of the document (see the file comment). */
export function adaptFindings(form: Form, findings: Finding[], locale: Locale): Finding[] {
  if (form.kind === 'text') return findings;
  if (form.kind === 'view') {
    const note = form.format === 'docx' ? t(locale, 'view.fixDocx') : t(locale, 'view.fixInSource');
    return findings.map((f) => (f.fixes.length === 0 ? f : { ...f, fixes: [], message: `${f.message}${note}` }));
  }
  return findings.map((f) => adaptHtmlFinding(form, f));
}

function adaptHtmlFinding(form: Extract<Form, { kind: 'html' }>, f: Finding): Finding {
  const r = toSource(form, f.start, f.end);
  const related: Related[] = f.related.map((x) => (x.external ? x : { ...x, ...toSource(form, x.start, x.end) }));
  const fixes: Fix[] = [];
  for (const fix of f.fixes) {
    const edits = mapEdits(form, fix.edits);
    if (edits) fixes.push({ ...fix, edits });
  }
  return { ...f, start: r.start, end: r.end, related, fixes };
}

/** A view range as a source range; the start of the document when the view has no piece near it. */
function toSource(form: Extract<Form, { kind: 'html' }>, start: number, end: number): { start: number; end: number } {
  return toSourceOffsets(form.view, form.html, start, end) ?? { start: 0, end: 0 };
}

/**
 * Edits of the view as edits of the HTML, each inside one cell's text: an edit within a cell
 * whose text is the source's character for character moves with it; one replacing a cell's
 * whole text replaces the cell's whole text in the source; one into an empty cell goes to its
 * insertion point. Any other edit (across cells, or within a cell whose text the view
 * rewrote) cannot be mapped: undefined, and the fix is not offered.
 */
export function mapEdits(form: Extract<Form, { kind: 'html' }>, edits: Edit[]): Edit[] | undefined {
  const out: Edit[] = [];
  for (const e of edits) {
    const span = spanAt(form.view, e.start);
    if (!span || !span.cell || span.origin.kind !== 'offsets' || e.end > span.end) return undefined;
    const o = span.origin;
    if (span.start === span.end) {
      out.push({ start: o.insertAt, end: o.insertAt, newText: e.newText });
      continue;
    }
    const exact = o.end - o.start === span.end - span.start && form.html.slice(o.start, o.end) === form.view.text.slice(span.start, span.end);
    if (exact) out.push({ start: o.start + (e.start - span.start), end: o.start + (e.end - span.start), newText: e.newText });
    else if (e.start === span.start && e.end === span.end) out.push({ start: o.start, end: o.end, newText: e.newText });
    else return undefined;
  }
  return out;
}

/** A document position as a position of the checked text (the view of an HTML document); undefined outside every piece of it. */
export function toViewPosition(doc: TextDocument, form: Form, p: Position): Position | undefined {
  if (form.kind !== 'html') return p;
  const v = toViewOffset(form.view, form.html, doc.offsetAt(p));
  return v === undefined ? undefined : form.viewDoc.positionAt(v);
}

/** A range of the checked text as a range of the document. */
export function toDocRange(doc: TextDocument, form: Form, r: Range): Range {
  if (form.kind !== 'html') return r;
  const s = toSource(form, form.viewDoc.offsetAt(r.start), form.viewDoc.offsetAt(r.end));
  return { start: doc.positionAt(s.start), end: doc.positionAt(s.end) };
}

type HtmlForm = Extract<Form, { kind: 'html' }>;

/**
 * The parameters of a feature that reads the model (features/full.ts), for the view of an
 * HTML document: a hover's position in the view; undefined when the feature has no answer
 * there (a hover over markup).
 */
export function featureParams(doc: TextDocument, form: HtmlForm, name: string, params: unknown): unknown {
  if (name !== 'hover') return params;
  const p = params as { position: Position };
  const position = toViewPosition(doc, form, p.position);
  return position && { ...p, position };
}

/** A feature's answer on the view of an HTML document, in the document's positions. */
export function featureResult(doc: TextDocument, form: HtmlForm, name: string, result: unknown): unknown {
  const range = (r: Range) => toDocRange(doc, form, r);
  switch (name) {
    case 'hover': {
      const h = result as { range?: Range } | null;
      return h && { ...h, range: h.range && range(h.range) };
    }
    case 'codeLens':
      return (result as { range: Range }[]).map((l) => ({ ...l, range: range(l.range) }));
    case 'documentSymbol':
      return (result as Symbolish[]).map((s) => mapSymbol(s, range));
    case 'tableView': {
      // The cells' ranges in the HTML document's positions (a click reveals the cell there).
      const v = result as { uri: string; tables: { grids: { rows: { range?: Range }[][] }[] }[] } | null;
      if (!v) return v;
      for (const tb of v.tables) for (const g of tb.grids) for (const row of g.rows) for (const c of row) if (c.range) c.range = range(c.range);
      return { ...v, uri: doc.uri };
    }
    case 'foldingRange':
      // Lines of the view are not lines of the HTML; the HTML's own folding serves.
      return [];
    default:
      // Text answers (export, summary) are about the view.
      return result;
  }
}

interface Symbolish {
  range: Range;
  selectionRange: Range;
  children?: Symbolish[];
}

/** A symbol in the document's positions; its range widened to hold its selection range, as LSP asks. */
function mapSymbol(s: Symbolish, range: (r: Range) => Range): Symbolish {
  const sel = range(s.selectionRange);
  const r = range(s.range);
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
  const full = { start: before(sel.start, r.start) ? sel.start : r.start, end: before(r.end, sel.end) ? sel.end : r.end };
  return { ...s, range: full, selectionRange: sel, children: s.children?.map((c) => mapSymbol(c, range)) };
}
