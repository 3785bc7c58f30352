// The report model: what the parser found, with every cell tied to its source text.

import type { Cell } from './cells';
import type { GridTableDecl, Template } from './declarations';
import type { YearFigure } from './templates';
import type { Range } from './text';
import type { CellValue } from './values';

export interface ValueCell {
  /** The source cell; absent when the row was short of values (the cell is missing). */
  source?: Cell;
  value: CellValue;
  /** Where a value would be written when the cell is blank or missing. */
  insertAt: number;
}

export interface ExtraValue {
  /** The surplus text and where it stands. */
  start: number;
  end: number;
  text: string;
  /** Glued to the label (`3.危及“三安全一稳定”0`) rather than in a cell of its own. */
  glued: boolean;
}

export interface GridRow {
  key: string;
  /** The label cell as found (for a glued label: the label part only). */
  label?: Cell;
  labelEnd: number;
  cells: ValueCell[];
  extras: ExtraValue[];
}

export interface GridTable {
  decl: GridTableDecl;
  rows: Map<string, GridRow>;
  /** Shape of （六）其他处理 in table 三; `n/a` for other tables. */
  shape: 'single-other' | 'split-other' | 'n/a';
  /** The first and last source offsets the table covers. */
  start: number;
  end: number;
  /** Header cells (column titles, notes) seen inside the table. */
  headerStart: number;
  /**
   * Keys of the template's rows (for this shape) that were not found, in template order.
   * Identities that need one of them are not instantiated: never evaluated without it.
   */
  unread: string[];
}

export interface DisclosureRow {
  item: string;
  key: string;
  label: Cell;
  cells: { column: string; type: 'count' | 'signed' | 'amount'; cell: ValueCell }[];
}

export interface DisclosureTable {
  template: Template | 'unknown';
  rows: DisclosureRow[];
  /** The 第二十条第（X）项 groups: their header cell and extent. */
  groups: { item: string; label: Cell; end: number }[];
  start: number;
  end: number;
  /** The header cells that decided the template. */
  evidence: Cell[];
  /**
   * Rows found whose cells could not be read with certainty (PDF text put a word or a page
   * mark where a value stands): not read, never guessed; unread-row names them.
   */
  unread: { item: string; key: string; label: Cell }[];
}

/** A line of the document. */
export interface TextLine {
  index: number;
  start: number;
  end: number;
  /** Simplified text of the line (same offsets as the document). */
  text: string;
}

/** A part heading (`一、总体情况`), as headings.ts's `findPartHeadings` reads it. */
export interface PartHeading {
  line: TextLine;
  numeral: string;
  numeralStart: number;
  /** End of the numeral and its separator (`二、`). */
  numeralEnd: number;
  title: string;
  titleStart: number;
  titleEnd: number;
}

export interface LegacyRow {
  label: Cell;
  /** labelKey of the label. */
  key: string;
  /** 1 一、, 2 （一）, 3 1., 4 其中 (and the unnumbered rows of its group), 5 unnumbered. */
  level: 1 | 2 | 3 | 4 | 5;
  unit: string | null;
  unitCell?: Cell;
  value: ValueCell;
  /** Index of the parent row, or −1. */
  parent: number;
}

export interface LegacyTable {
  rows: LegacyRow[];
  start: number;
  end: number;
}

export interface ReportModel {
  text: string;
  /** The text with Traditional characters converted (same offsets); `text` itself when it has none. */
  simple: string;
  year: number | null;
  yearEvidence?: { start: number; end: number };
  template: Template | 'legacy' | 'unknown';
  applications: GridTable | null;
  appeals: GridTable | null;
  disclosure: DisclosureTable | null;
  legacy: LegacyTable | null;
  /**
   * The part headings (headings.ts), the one list the hover, the outline and the rules
   * read; null when `parse` was told to skip them (`partHeadingsOf` reads them then).
   */
  headings: PartHeading[] | null;
  cells: Cell[];
  /** Where each line starts, for `text` and `simple` alike (`lineStartsOf`). */
  lineStarts: Int32Array;
}

// Reports across years (computed in `years.ts`).

export interface ReportIdentity {
  /** The reporting body as written (`博山区`), or null. */
  body: string | null;
  /** The comparison key of the body (`人民政府` and spaces dropped). */
  bodyKey: string | null;
  year: number | null;
}

export interface Located {
  value: number | null;
  range: Range | null;
}

export interface YearFacts {
  /** Where the report is (a URI in the editor, a path in the CLI). */
  location: string;
  body: string | null;
  bodyKey: string | null;
  year: number | null;
  template: ReportModel['template'];
  /** Table 三 row 二 (carried over) and row 四 (carried forward), seven columns each. */
  carried: Located[] | null;
  forward: Located[] | null;
  /** 2021 table 二, 第二十条第（一）项: per row (rules, normative). */
  inForce: Record<string, { inForce: Located; issued: Located; repealed: Located }>;
  /** The trends view's figures and rates (a rate at its numerator's first cell). */
  figures: Record<TrendFigure, Located>;
  /** Per template part (PARTS' order), the hashes of its own sentences (partText.ts), for `text-reuse`. */
  partSentences: number[][];
  /** Tables 三 and 四 cell by cell, for the aggregate it is a part of (`aggregate`). */
  grid?: GridFacts;
}

/** The trends view's figures and rates, declared in templates.ts (`YEAR_FIGURES`). */
export type TrendFigure = YearFigure;

/** The tables an aggregate report is compared in (`aggregate`). */
export type AggregateTable = 'applications' | 'appeals';

/** Tables 三 and 四 of a report: row key → its cells (value null when blank, unread or not a number). */
export type GridFacts = Record<AggregateTable, Record<string, Located[]>>;

/** A report that aggregates others' (`.nianbao.jsonc`'s `aggregations`): its body, and its parts' bodies (names as configured). */
export interface AggregationOption {
  report: string;
  parts: readonly string[];
}
