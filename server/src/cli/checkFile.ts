// One file of `nianbao check`, in the two steps of a run (run.ts): read it (and parse it, and
// note its year facts), then — once every file's facts are known — check it. The same
// functions run on the CLI's thread (`--jobs 1`) and in the pool's workers (pool.ts,
// poolWorker.ts); what they return is plain data, so that a worker can post it.

import { check, identifyReport, parse, yearFacts, type CheckOptions, type CheckResult, type ReportModel, type YearFacts } from '../engine';
import { readReport, type ReadReport, type ReportKind } from '../io/report';
import { resultInSource } from '../io/source-ranges';
import { originAt, type TextView } from '../io/view';
import { toJsonFile, type JsonFile, type JsonLocation, type JsonSource } from './json';
import type { SkipReason } from './skip';

/** A file to read: named on the command line (`explicit`), or found in a folder. */
export interface FileJob {
  /** The path, or the address a fetched file came from (what findings name). */
  file: string;
  explicit: boolean;
  /** A fetched file: where it is on disk, and the charset it came with (cli/fetch.ts). */
  read?: string;
  charset?: string;
  /** What `check` takes from the file's configuration (.nianbao.jsonc): plain data, posted to a worker. */
  options?: Pick<CheckOptions, 'rules' | 'aliases' | 'deadlines' | 'aggregations' | 'textReuse'>;
}

export interface ReadSettings {
  maxSize: number;
  maxPages: number;
}

export interface CheckSettings {
  locale: string;
  format: 'text' | 'json' | 'sarif';
  includeSuppressed: boolean;
}

/** What the first step tells the run about a file: why it is skipped, or (for the runner, pool.ts) its year facts. */
export type FileRead =
  | { skipped: SkipReason; detail: string; encoding?: string; format?: ReportKind['format'] }
  | { skipped?: undefined; facts: YearFacts };

/** What the run itself learns of a file read (the facts stay with the runner, for the check step). */
export type FileReadSummary = Exclude<FileRead, { facts: YearFacts }> | { skipped?: undefined };

/** A report read, kept for the second step where it was read. */
export interface Held {
  file: string;
  options?: FileJob['options'];
  read: Extract<ReadReport, { text: string }>;
  model: ReportModel;
}

/** What the text and SARIF outputs read of a check (not the model: it stays where it was made). */
export type SlimResult = Pick<CheckResult, 'findings' | 'suppressed' | 'failures' | 'baselined'> & { model: { text: string } };

/** What the second step gives the run about a file. */
export interface FileChecked {
  source: JsonSource;
  failures: CheckResult['failures'];
  hasError: boolean;
  /** The file's entry of the JSON output (--format json), as text (`jsonEntry`). */
  json?: string;
  /** The findings, for the text and SARIF outputs. */
  result?: SlimResult;
}

/** Reads a file; a report is parsed, and kept in `held` for its check. */
export async function readOne(job: FileJob, settings: ReadSettings): Promise<{ read: FileRead; held?: Held }> {
  // A file named on the command line must look like a report; one found in a folder is checked when it looks like one or its kind is a report by name.
  const read = await readReport(job.read ?? job.file, { maxSize: settings.maxSize, maxPages: settings.maxPages, trust: job.explicit ? 'content' : 'extension', charset: job.charset });
  if (read.skipped === 'not a report') return { read: { skipped: read.skipped, detail: '', encoding: read.decoded!.encoding, format: read.format } };
  if (read.skipped) return { read: { skipped: read.skipped, detail: read.detail } };
  // Each report is parsed once: the model of the first step is the one it is checked with.
  const model = parse(read.text);
  const facts = yearFacts(model, job.file, identifyReport(read.text, job.file, model.year));
  return { read: { facts }, held: { file: job.file, options: job.options, read, model } };
}

/** `textView` when ranges are in the text view (a structured form without a source text to map them into: DOCX, PDF). */
export function sourceOf(format: ReportKind['format'], encoding: string, textView = false): JsonSource {
  return { format, encoding, textView };
}

/** A finding's cell in a DOCX or PDF (CHECK-JSON "Additions": `location`), from the view's origin at its start. */
export function locator(view: TextView | undefined): ((start: number) => JsonLocation | undefined) | undefined {
  if (!view) return undefined;
  return (start) => {
    const o = originAt(view, start);
    if (o?.kind === 'docx') return { table: o.table, row: o.row, cell: o.cell };
    if (o?.kind === 'pdf') return { page: o.page, box: o.box };
    return undefined;
  };
}

/** Checks a report read by `readOne`, against the year facts of every report of the run (`lookup`). */
export function checkOne(held: Held, lookup: (bodyKey: string, year: number) => YearFacts | null, settings: CheckSettings): FileChecked {
  const r = held.read;
  const checked = check(r.text, { locale: settings.locale, path: held.file, lookup, source: r.decoded, model: held.model, ...held.options });
  // A form read through a text view with a source (HTML): ranges and fixes in the file itself.
  const result = r.view && r.source !== undefined ? resultInSource(checked, r.view, r.source) : checked;
  const source = sourceOf(r.format, r.decoded.encoding, !!r.view && r.source === undefined);
  const out: FileChecked = { source, failures: result.failures, hasError: result.findings.some((x) => x.severity === 'error') };
  if (settings.format === 'json') out.json = jsonEntry(toJsonFile(held.file, result, { source, includeSuppressed: settings.includeSuppressed, locate: locator(r.view) }));
  else out.result = { findings: result.findings, suppressed: result.suppressed, failures: result.failures, model: { text: result.model.text } };
  return out;
}

/**
 * A file's entry of the JSON output as text, as `JSON.stringify({ version: 1, files }, null, 2)`
 * writes it at the depth of the `files` array's items (every line break indented four more
 * spaces; strings hold no raw line break). Made where the file was checked: a string is posted
 * from a worker far faster than the object, and the run only joins the entries (`jsonOutput`).
 */
export function jsonEntry(file: JsonFile): string {
  return JSON.stringify(file, null, 2).replace(/\n/g, '\n    ');
}

/** The JSON output (CHECK-JSON) of the entries of `jsonEntry`: `JSON.stringify({ version: 1, files }, null, 2)` and a line break. */
export function jsonOutput(entries: string[]): string {
  return entries.length === 0 ? '{\n  "version": 1,\n  "files": []\n}\n' : `{\n  "version": 1,\n  "files": [\n    ${entries.join(',\n    ')}\n  ]\n}\n`;
}
