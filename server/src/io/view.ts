// Structured forms (HTML, DOCX, PDF) as the engine reads them. A reader turns its form
// into a FormDocument: blocks of prose and tables, each table a grid of cells as the form
// lists them (a merged cell once, with its rowSpan/colSpan) and each cell with where it
// came from. `renderView` writes the one text view of it that the engine checks (prose as
// lines, each table row as one pipe row, an empty cell as an empty pipe cell) and
// remembers, for every piece of the view, its origin. Findings are computed on the view;
// `toSourceOffsets` maps them back into a source text (HTML: ranges in the file) and
// `originAt` gives the location of a cell (DOCX: table/row/cell; PDF: page and box).
// Pure: no fs, no vscode.

/** Where a piece of the view came from. */
export type Origin =
  /** Offsets in the source text (HTML): the text's first and last character; `insertAt` where a value is typed into an empty cell. */
  | { kind: 'offsets'; start: number; end: number; insertAt: number }
  /** Zero-based indices in the document's tables (`w:tbl`, `w:tr`, `w:tc`); `paragraph` for prose. */
  | { kind: 'docx'; table: number; row: number; cell: number }
  | { kind: 'docx-paragraph'; paragraph: number }
  /** Page (1-based) and box in PDF points, origin bottom-left. */
  | { kind: 'pdf'; page: number; box: [number, number, number, number] };

export interface FormCell {
  /** The cell's text; line breaks and runs of white space inside it are read as one space. */
  text: string;
  rowSpan: number;
  colSpan: number;
  origin?: Origin;
}

export interface FormTable {
  /** Rows as the form lists them: a cell merged over rows appears in its first row only. */
  rows: FormCell[][];
}

export type FormBlock =
  | {
      kind: 'text';
      text: string;
      origin?: Origin;
      /**
       * Finer origins, for prose whose source is in pieces (HTML runs and character
       * references): offsets in `text`, sorted, not overlapping. Used when `text` is already
       * one line with white space collapsed (`cellText(text) === text`), else `origin` is.
       */
      pieces?: { start: number; end: number; origin: Origin }[];
    }
  | { kind: 'table'; table: FormTable };

export interface FormDocument {
  format: 'html' | 'docx' | 'pdf';
  blocks: FormBlock[];
}

/** A piece of the view with its origin; `cell` for a table cell (empty cells too: their view range is empty, at the insertion point). */
export interface ViewSpan {
  start: number;
  end: number;
  origin: Origin;
  cell: boolean;
}

export interface TextView {
  text: string;
  /** Sorted by `start`, not overlapping. */
  spans: ViewSpan[];
}

/** One line, one cell: no line breaks, no pipes (a pipe in a cell's text would split it), runs of white space as one space. */
export function cellText(s: string): string {
  return s
    .replace(/[|｜]/g, '¦')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** The text view of a structured document (see the file comment). */
export function renderView(doc: FormDocument): TextView {
  // Every block's text ends with a line break: the next block starts a line of its own.
  let text = '';
  const spans: ViewSpan[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'text') {
      const s = cellText(block.text);
      if (!s) continue;
      if (block.pieces && s === block.text) for (const p of block.pieces) spans.push({ start: text.length + p.start, end: text.length + p.end, origin: p.origin, cell: false });
      else if (block.origin) spans.push({ start: text.length, end: text.length + s.length, origin: block.origin, cell: false });
      text += s + '\n';
      continue;
    }
    text += '\n'; // a table stands apart from the prose around it
    for (const row of block.table.rows) {
      text += '|';
      for (const c of row) {
        const s = cellText(c.text);
        text += ' ';
        if (c.origin) spans.push({ start: text.length, end: text.length + s.length, origin: c.origin, cell: true });
        text += s + ' |';
      }
      text += '\n';
    }
    text += '\n';
  }
  return { text, spans };
}

/** The span holding `offset` (or, for an empty range, touching it); undefined outside every span. */
export function spanAt(view: TextView, offset: number): ViewSpan | undefined {
  let lo = 0;
  let hi = view.spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = view.spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The span holding the character at `offset` (start ≤ offset < end). */
function spanHolding(view: TextView, offset: number): ViewSpan | undefined {
  let lo = 0;
  let hi = view.spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = view.spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The first span at or after `offset` (for a finding between cells, such as a table's start). */
function spanFrom(view: TextView, offset: number): ViewSpan | undefined {
  // Spans are sorted and do not overlap, so their ends rise too: the first end ≥ offset, by halves.
  const spans = view.spans;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end >= offset) hi = mid;
    else lo = mid + 1;
  }
  return spans[lo] ?? spans[spans.length - 1];
}

/** The origin of the piece of the view at `offset` (a cell, or the nearest piece after it). */
export function originAt(view: TextView, offset: number): Origin | undefined {
  return (spanAt(view, offset) ?? spanFrom(view, offset))?.origin;
}

/**
 * A view range as a range of the source text, for `offsets` origins. Within one span the
 * offsets move with the text when the span's text is the source's character for character,
 * else the range is the span's whole source range; an empty range in an empty cell is its
 * insertion point. Undefined when the view has no `offsets` spans near it.
 */
export function toSourceOffsets(view: TextView, source: string, start: number, end: number): { start: number; end: number } | undefined {
  // Where spans touch (prose in pieces), a range starts in the span holding its first character and ends in the one holding its last.
  const a = (end > start ? spanHolding(view, start) : undefined) ?? spanAt(view, start) ?? spanFrom(view, start);
  if (!a || a.origin.kind !== 'offsets') return undefined;
  const b = end === start ? a : (spanHolding(view, end - 1) ?? spanAt(view, end) ?? a);
  if (b.origin.kind !== 'offsets') return undefined;
  const exact = (s: ViewSpan) =>
    s.origin.kind === 'offsets' && s.origin.end - s.origin.start === s.end - s.start && source.slice(s.origin.start, s.origin.end) === viewSlice(view, s);
  if (a.start === a.end && start === end) return { start: a.origin.insertAt, end: a.origin.insertAt };
  const from = exact(a) && start >= a.start ? a.origin.start + (start - a.start) : a.origin.start;
  const to = exact(b) && end <= b.end && end >= b.start ? b.origin.start + (end - b.start) : b.origin.end;
  return { start: from, end: Math.max(from, to) };
}

function viewSlice(view: TextView, s: ViewSpan): string {
  return view.text.slice(s.start, s.end);
}

/**
 * The inverse of `toSourceOffsets` for one offset: a source offset inside a piece's source
 * range (or at an empty cell's insertion point) as an offset of the view — moving with the
 * text when the piece is the source's character for character, else the piece's start.
 * Undefined outside every piece (in markup between cells, say).
 */
export function toViewOffset(view: TextView, source: string, offset: number): number | undefined {
  for (const s of view.spans) {
    const o = s.origin;
    if (o.kind !== 'offsets') continue;
    if (s.start === s.end ? offset === o.insertAt || (offset >= o.start && offset <= o.end) : offset >= o.start && offset <= o.end) {
      const exact = o.end - o.start === s.end - s.start && source.slice(o.start, o.end) === viewSlice(view, s);
      return exact ? s.start + (offset - o.start) : s.start;
    }
  }
  return undefined;
}
