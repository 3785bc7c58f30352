// The edges between the client and the server, named once: nianbao's own requests,
// notifications and server commands, with the shapes of their parameters and results.
// Both sides import this module (the client through esbuild's bundle), so it holds only
// constants and types: no vscode, no LSP package, no value import of any kind.
// Other editors' clients see the same names on the wire; see README's "Other editors".

import type { TrendRow } from './engine/trends';
import type { Locale } from './engine/i18n';

/** Custom requests, client → server. */
export const REQUESTS = {
  /** The active report's tables as JSON or CSV: `ExportTablesParams` → `string | null` (null: not a report). */
  exportTables: 'nianbao/exportTables',
  /** A plain-text summary of the report: `UriParams` → `string | null`. */
  summary: 'nianbao/summary',
  /** The body's figures over the years and a chart: `UriParams` → `TrendsData | null`. */
  trends: 'nianbao/trends',
  /** The workspace index, once its first scan is done: `{}` → `IndexStats`. */
  indexStats: 'nianbao/indexStats',
  /** The text view of a report file in any form (DOCX, PDF, HTML, text), as the server checks it: `UriParams` (a file uri) → `TextViewResult`. */
  textView: 'nianbao/textView',
  /** This year's report skeleton from the document (last year's report): `NewReportParams` → `NewReportResult | null` (null: no year or template). */
  newReport: 'nianbao/newReport',
  /** Tables 二, 三 and 四 as the template draws them, for the table view: `UriParams` → `TableViewData | null` (null: no table). */
  tableView: 'nianbao/tableView',
} as const;

/** Notifications, server → client. */
export const NOTIFICATIONS = {
  /** What the language status item shows of one document: `StatusParams`. */
  status: 'nianbao/status',
} as const;

/** Commands the server runs through `workspace/executeCommand`. */
export const SERVER_COMMANDS = {
  /** `[uri, table?]` → `FixAllResult`: applies the unambiguous fixes (of one table, if named). */
  fixAll: 'nianbao.server.fixAll',
  /** `[]` → `CheckWorkspaceResult`: publishes diagnostics for every report in the workspace that is not open. */
  checkWorkspace: 'nianbao.server.checkWorkspace',
  /** `[uri]` (a .docx file, or its text view) → `FixDocxResult`: writes the fixed copy NAME.fixed.docx, as `nianbao fix` does. */
  fixDocx: 'nianbao.server.fixDocx',
  /** `[uri, fingerprint]` → `MarkReviewedResult`: 「标记为已核实」, adds the finding to the document's baseline file (.nianbao-baseline.json). */
  markReviewed: 'nianbao.server.markReviewed',
} as const;

/**
 * The scheme of the read-only text views the client opens (「用 nianbao 检查此文件」): a view's
 * uri is `nianbao-view:<source path>.nianbao?<source uri>#<format>` (the `format` of `TextViewResult`); the server checks it as a report
 * in the nianbao language and offers no edits on it.
 */
export const VIEW_SCHEME = 'nianbao-view';

export type TextViewResult =
  | { text: string; format: 'text' | 'markdown' | 'html' | 'docx' | 'pdf' }
  /** Not read as a report (not a report, no text layer, unreadable, …), with the detail for messages. */
  | { skipped: string; detail: string };

export interface UriParams {
  uri: string;
}

/** A position in the document (LSP's). */
interface ViewRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A cell of the table view. */
export interface TableViewCell {
  kind: 'head' | 'label' | 'value';
  /** As written (a value's source text, trimmed). */
  text: string;
  colspan?: number;
  rowspan?: number;
  /** A value's: blank, 0 and a marker such as "/" distinct; `missing`: the row was short of it; `unread`: its row was not found. */
  state?: 'number' | 'zero' | 'blank' | 'marker' | 'text' | 'missing' | 'unread';
  /** Where it is in the document (a blank's: where its value would be written). */
  range?: ViewRange;
  /** In an identity that does not hold. */
  broken?: boolean;
  /** The culprit search's cell, with the value it should hold. */
  culprit?: boolean;
  expected?: number;
  /** The most severe finding on the cell. */
  severity?: 'error' | 'warning' | 'information' | 'hint';
  message?: string;
}

export interface TableViewGrid {
  caption?: string;
  /** The first rows are the header's. */
  headerRows: number;
  rows: TableViewCell[][];
}

export interface TableViewTable {
  id: 'disclosure' | 'applications' | 'appeals';
  title: string;
  grids: TableViewGrid[];
}

export interface TableViewData {
  uri: string;
  /** The document version the view was computed for (the client drops an older one). */
  version: number;
  locale: Locale;
  tables: TableViewTable[];
  counts: { errors: number; warnings: number };
}

export interface NewReportParams extends UriParams {
  /** The new report's year (default: the year after the document's). */
  year?: number;
}

export interface NewReportResult {
  text: string;
  year: number;
  /** A file name for it: the document's own with its year replaced, else the title. */
  fileName: string;
}

export interface ExportTablesParams extends UriParams {
  format: 'json' | 'csv';
}

export interface StatusParams {
  uri: string;
  checked: boolean;
  template?: string;
  year?: number | null;
  tables?: string[];
  errors?: number;
  warnings?: number;
  notes?: number;
  suppressed?: number;
  /** Why the document was not checked, for the status item (when `checked` is false). */
  message?: string;
}

export interface TrendsData {
  body: string | null;
  locale: Locale;
  columns: { key: string; label: string; rate: boolean }[];
  rows: TrendRow[];
  svg: string;
}

/** The result of `indexStats`: folders, files and reports indexed, and how long the scan took. */
export type { IndexStats } from './workspace/workspaceIndex';

export interface FixAllResult {
  applied: boolean;
  edits: number;
}

export interface FixDocxResult {
  /** Changes written (0 when nothing was fixed). */
  changes: number;
  /** The file written (a file uri), when one was. */
  written?: string;
  /** Why the file was not fixed. */
  error?: string;
}

/** The baseline file written (a path) and how many entries it holds, or why it was not. */
export type MarkReviewedResult = { written: string; entries: number } | { error: string };

export interface CheckWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
  /** Set when the command was cancelled: `files` is then the number checked before it stopped. */
  cancelled?: boolean;
}

/**
 * Methods the server uses inside itself, never sent by a client: a request refused by the
 * lifecycle (before `initialize`, after `shutdown`) is dispatched as `refused`, whose
 * handler answers it with the error (transport.ts).
 */
export const INTERNAL_METHODS = {
  refused: '$/nianbao/refused',
} as const;
