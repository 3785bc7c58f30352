// The CLI's logic, separate from process handling so tests can call it.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isDynamicPattern, glob } from 'tinyglobby';
import { check, escapeControls, rosterMissing, identifyReport, normalizeLocale, parse, t, YearRegistry, yearFacts, type CheckResult, type Locale, type YearFacts } from '../engine';
import { decode, type Decoded } from '../io/decode';
import { isReportPath, reportPatternsText } from '../io/kinds';
import { PDF_DEFAULTS } from '../io/pdf';
import { readReport, type ReportKind } from '../io/report';
import { resultInSource } from '../io/source-ranges';
import { originAt, type TextView } from '../io/view';
import { FIX_USAGE, runFix } from './fix';
import { runText, TEXT_USAGE } from './text-view';
import { runSummary, SUMMARY_USAGE } from './summary';
import { jsonEntry, jsonOutput, locator, sourceOf as sourceOfEncoding, type FileChecked, type FileJob, type FileReadSummary, type SlimResult } from './checkFile';
import { defaultJobs, runnerFor } from './pool';
import { createProgress, type Progress, type ProgressSink } from './progress';
import { NEW_USAGE, runNew } from './new';

export { decode };
import { skippedJsonFile, toJsonFile, type JsonFile, type JsonLocation, type JsonSource } from './json';
import { toSarif } from './sarif';
import { escapePath, formatText } from './text';
import { skipReasonText, type SkipReason } from './skip';
import { argsOrExit, countOption, parseSize, readArgs } from './args';
import { BASELINE_USAGE, baselineOption, Baselines, defaultBaselineOptions, findBaseline, type BaselineOptions } from './baseline';
import { CONFIG_USAGE, loadRunConfig, type RunConfig } from './config';
import type { MissingReport } from './summary/data';
import { FETCH_DEFAULTS, FETCH_USAGE, fetchOption, fetchUrls, isUrl, type Fetched, type FetchOptions } from './fetch';

export type { SkipReason };

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Where the progress bar is drawn: drawn only when this is a terminal (main.ts passes process.stderr). */
  progress?: ProgressSink;
}

const USAGE = `usage: nianbao check [--format text|json|sarif] [--locale zh-cn|en] [--config FILE] [--max-size SIZE] [--max-pages N] [--include-suppressed] [--baseline FILE] [--update-baseline [--reason TEXT]] [--include-baselined] [--jobs N] [--no-progress] [--save DIR] [--delay MS] [--timeout MS] PATH|URL...
  PATH                  report files, folders searched recursively for ${reportPatternsText('and')} reports,
                        or quoted glob patterns ("reports/**/*2023*")
${FETCH_USAGE}${CONFIG_USAGE}  --max-size SIZE       skip files larger than SIZE bytes (suffixes K, M, G: KiB, MiB, GiB; default 20MB)
  --max-pages N         skip PDFs of more than N pages (default ${PDF_DEFAULTS.maxPages})
  --include-suppressed  list findings silenced by nianbao-disable comments in the JSON output
                        (marked "suppressed": true; they are always counted, and always in SARIF)
  --jobs N              read and check on N threads (default: one per core, here ${defaultJobs()}; 1: no worker threads)
  --no-progress         no progress bar (it is drawn on stderr only when stderr is a terminal)
${BASELINE_USAGE}
${FIX_USAGE}
${TEXT_USAGE}
${SUMMARY_USAGE}
${NEW_USAGE}`;

export const DEFAULT_MAX_SIZE = 20 * 1024 * 1024;

interface Args {
  format: 'text' | 'json' | 'sarif';
  locale: string;
  maxSize: number;
  maxPages: number;
  includeSuppressed: boolean;
  baseline: BaselineOptions;
  config?: string;
  /** Threads to read and check on; undefined: one per core for large runs (pool.ts `runnerFor`). */
  jobs?: number;
  progress: boolean;
  save?: string;
  delay: number;
  timeout: number;
  paths: string[];
}

export { parseSize };

function parseArgs(argv: string[]): Args | string {
  if (argv[0] !== 'check') return argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' ? '' : `unknown command: ${argv[0]}`;
  const args: Args = { format: 'text', locale: 'zh-cn', maxSize: DEFAULT_MAX_SIZE, maxPages: PDF_DEFAULTS.maxPages, includeSuppressed: false, baseline: defaultBaselineOptions(), progress: true, ...FETCH_DEFAULTS, paths: [] };
  const read = readArgs(argv, 1, args, (r) => {
    if (baselineOption(r, args.baseline) || fetchOption(r, args)) return true;
    if (r.is('--format')) {
      const f = r.value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new Error(`unknown format: ${f}`);
      args.format = f;
    } else if (r.is('--jobs')) args.jobs = countOption('--jobs', r.value('--jobs'));
    else if (r.arg === '--no-progress') args.progress = false;
    else if (r.arg === '--include-suppressed') args.includeSuppressed = true;
    else return false;
    return true;
  });
  if (typeof read === 'string') return read;
  if (args.paths.length === 0) return 'no PATH given';
  return args;
}

/** A file to read: named on the command line (`explicit`), or found in a folder. */
interface Candidate {
  /** The path, or the address a fetched file came from (what findings name). */
  file: string;
  /** A fetched file: where it is on disk, and the charset it came with. */
  read?: string;
  charset?: string;
  explicit: boolean;
  /** Set when the file was ruled out before it was read (a link to nothing). */
  skipped?: SkipReason;
  detail?: string;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The report files under a folder (`isReportPath`, io/kinds.ts), in name order: not hidden, not in node_modules. Symbolic links are followed, to files
 * and to folders; each folder (by its real path) is searched once, so a link to a
 * folder above it or beside it is not searched again and loops end.
 */
async function walk(dir: string, seenDirs: Set<string>, out: Candidate[]): Promise<void> {
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort(byName);
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const child = path.join(dir, e.name);
    let isDir = e.isDirectory();
    if (e.isSymbolicLink()) {
      try {
        isDir = (await fs.stat(child)).isDirectory();
      } catch (err) {
        if (isReportPath(e.name)) out.push({ file: child, explicit: false, skipped: 'broken link', detail: (err as NodeJS.ErrnoException).code ?? String(err) });
        continue;
      }
    }
    if (isDir) {
      let real: string;
      try {
        real = await fs.realpath(child);
      } catch {
        continue;
      }
      if (seenDirs.has(real)) continue;
      seenDirs.add(real);
      try {
        await walk(child, seenDirs, out);
      } catch {
        // an unreadable folder inside the tree: nothing to list in it
      }
    } else if (isReportPath(e.name)) out.push({ file: child, explicit: false }); // file, link to a file, or a special file (ruled out when read)
  }
}

/** `textView` when ranges are in the text view (a structured form without a source text to map them into: DOCX, PDF). */
function sourceOf(format: ReportKind['format'], decoded: Decoded, textView = false): JsonSource {
  return sourceOfEncoding(format, decoded.encoding, textView);
}

/**
 * The files PATH... stands for: each file named, the report files of each folder named
 * (run.ts's walk), and the files a glob pattern matches (`*.{txt,pdf}`, `reports/**`, for a
 * shell that did not expand it; tinyglobby, in name order). A path that exists is taken
 * as it is, even when it looks like a pattern.
 */
export async function collect(paths: string[], fetched?: Map<string, Fetched>): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const p of paths) {
    const f = fetched?.get(p);
    if (f) {
      candidates.push({ ...f, explicit: true });
      continue;
    }
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) {
        await walk(p, new Set([await fs.realpath(p)]), candidates);
      } else candidates.push({ file: p, explicit: true });
    } catch (e) {
      const matched = isDynamicPattern(p) ? await expand(p) : [];
      if (matched.length) candidates.push(...matched);
      else candidates.push({ file: p, explicit: true, skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  }
  return candidates;
}

/** The files a glob pattern matches, as files found in a folder: not hidden, not in node_modules, in name order. */
async function expand(pattern: string): Promise<Candidate[]> {
  const files = await glob(pattern, { absolute: path.isAbsolute(pattern), onlyFiles: true, expandDirectories: false, ignore: ['**/node_modules/**'] });
  return files.sort().map((file) => ({ file, explicit: false }));
}

/** `f` of each item, at most `limit` at a time (many small file-system calls overlap), the answers in the items' order. */
async function mapConcurrently<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** One file of the run, in the order found: checked, or skipped with the reason. */
export type RunEntry =
  | { file: string; explicit: boolean; text: string; decoded: Decoded; format: ReportKind['format']; view?: TextView; source?: string; result?: CheckResult; facts?: YearFacts; skipped?: undefined }
  | { file: string; explicit: boolean; skipped: SkipReason; detail: string; decoded?: Decoded; format?: ReportKind['format'] };

/** What checkFiles found: every file in the order found, and the checked ones with their results. */
export interface CheckedFiles {
  entries: RunEntry[];
  results: { file: string; result: CheckResult; source: JsonSource }[];
  /** Something named on the command line could not be checked (the exit status is then 2). */
  incomplete: boolean;
  /** Nothing was checked: a configuration file the run needs has mistakes (said on stderr); exit 2 with no output. */
  stopped?: boolean;
  /** Roster units without a report among the files checked; absent when no configuration used has a roster. */
  missing?: MissingReport[];
}

/** A configuration file's path as the run shows it: relative to the working folder when under it. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export interface RunOptions extends Partial<Omit<FetchOptions, 'maxSize'>> {
  maxSize: number;
  maxPages: number;
  locale: string;
  config?: string;
  baseline?: BaselineOptions;
  /** Draw the progress bar (on `io.progress`, when it is a terminal). */
  progress?: boolean;
}

/** A skipped file, said on stderr where people expect it (see `prepare`). */
type Skip = (c: Candidate, skipped: SkipReason, detail: string, decoded?: Decoded, format?: ReportKind['format']) => Extract<RunEntry, { skipped: SkipReason }>;

/** The files of a run, ready to be read: collected, their configuration read, duplicates and ignored files set apart. */
interface Prepared {
  locale: Locale;
  /** The candidates in the order found; `skipped` set on those not to be read. */
  candidates: Candidate[];
  /** Files left out by their configuration's `ignore`. */
  ignored: Set<Candidate>;
  config: RunConfig;
  skip: Skip;
  /** Set by `skip` when a file named on the command line could not be checked: the exit status is then 2. */
  state: { incomplete: boolean };
  /** Once the files are read: removes the temporary folder of the addresses fetched (fetch.ts), if any. */
  fetched(): Promise<void>;
}

/** Collects the files PATH... stands for and reads their configuration; null (said on stderr) when a configuration has mistakes. */
async function prepare(paths: string[], options: RunOptions, io: Io): Promise<Prepared | null> {
  const locale: Locale = normalizeLocale(options.locale);
  const state = { incomplete: false };
  // Addresses (fetch.ts): fetched first, then read from where they were saved (a temporary folder is removed once read).
  const fetching = paths.some(isUrl) ? await fetchUrls(paths.filter(isUrl), { ...FETCH_DEFAULTS, ...options }, io, locale) : undefined;
  const fetched = async () => {
    await fetching?.done();
  };
  const candidates = await collect(paths, fetching?.fetched);
  const config = await loadRunConfig(candidates.map((c) => c.file), options.config, locale, io);
  if (!config) {
    await fetched();
    return null;
  }
  // The same file reached twice in folders (through a link) is read once: as named on
  // the command line if it was, else by a path that is not a link if there is one.
  const byReal = new Map<string, Candidate[]>();
  const reals = await mapConcurrently(candidates, 16, (c) => (c.skipped ? Promise.resolve('') : fs.realpath(c.file).catch(() => c.file)));
  candidates.forEach((c, i) => {
    if (c.skipped) return;
    const same = byReal.get(reals[i]);
    if (same) same.push(c);
    else byReal.set(reals[i], [c]);
  });
  for (const [real, same] of byReal) {
    if (same.length < 2) continue;
    const keep = same.find((c) => c.explicit) ?? same.find((c) => path.resolve(c.file) === real) ?? same[0];
    for (const c of same) if (c !== keep && !c.explicit) c.skipped = 'duplicate';
  }
  const skip: Skip = (c, skipped, detail, decoded, format) => {
    // Named on the command line, or unusual in a folder: say so. Folders commonly hold other text files and links.
    if (skipped === 'unreadable') io.stderr(`nianbao: cannot read ${escapePath(c.file)}: ${escapeControls(detail)}\n`);
    else if (c.explicit || (skipped !== 'not a report' && skipped !== 'duplicate')) {
      const params = { path: escapePath(c.file), reason: skipReasonText(locale, skipped), detail: escapeControls(detail) };
      io.stderr(`nianbao: ${t(locale, detail ? 'cli.notChecked' : 'cli.notCheckedPlain', params)}\n`);
    }
    if (c.explicit) state.incomplete = true;
    return { file: c.file, explicit: c.explicit, skipped, detail, decoded, format };
  };
  // Named by its configuration's `ignore`: left out (said so when named on the command line).
  const ignored = new Set<Candidate>();
  for (const c of candidates) {
    if (c.skipped || !config.ignored(c.file)) continue;
    ignored.add(c);
    if (c.explicit) config.sayIgnored(c.file);
  }
  return { locale, candidates, ignored, config, skip, state, fetched };
}

/**
 * Collects, reads and checks the files PATH... stands for, as `check` does (each report against the
 * same body's previous year among them); says on stderr what it could not check and any internal error.
 * `check` formats the result; `summary` (summary.ts) tabulates it.
 */
export async function checkFiles(paths: string[], options: RunOptions, io: Io): Promise<CheckedFiles> {
  const prepared = await prepare(paths, options, io);
  if (!prepared) return { entries: [], results: [], incomplete: true, stopped: true };
  return readAndCheck(prepared, options, io);
}

/** checkFiles on this thread, every result whole (for the baseline, the summary and the cross-report rules). */
async function readAndCheck(prepared: Prepared, options: RunOptions, io: Io): Promise<CheckedFiles> {
  const { locale, candidates, ignored, config, skip, state } = prepared;
  const progress = createProgress(io.progress, options.progress ?? false);
  try {
    // First pass: read every report and note who reported for which year, so that
    // each report can be checked against the same body's previous year among the files given.
    const entries: RunEntry[] = [];
    progress.step(t(locale, 'cli.progress.reading'), candidates.filter((c) => !c.skipped && !ignored.has(c)).length);
    for (const c of candidates) {
      if (c.skipped) {
        entries.push(skip(c, c.skipped, c.detail ?? ''));
        continue;
      }
      if (ignored.has(c)) continue;
      // A file named on the command line must look like a report; one found in a folder is checked when it looks like one or its kind is a report by name.
      const read = await readReport(c.read ?? c.file, { maxSize: options.maxSize, maxPages: options.maxPages, trust: c.explicit ? 'content' : 'extension', charset: c.charset });
      if (read.skipped === 'not a report') entries.push(skip(c, read.skipped, t(locale, 'cli.noLabels', { encoding: read.decoded!.encoding }), read.decoded, read.format));
      else if (read.skipped) entries.push(skip(c, read.skipped, read.detail));
      else entries.push({ file: c.file, explicit: c.explicit, text: read.text, decoded: read.decoded, format: read.format, view: read.view, source: read.source });
      progress.tick();
    }
    await prepared.fetched();
    // Each report is parsed once: the model of the first pass is the one it is checked with.
    const years = new YearRegistry();
    const models = new Map<RunEntry, ReturnType<typeof parse>>();
    for (const r of entries) {
      if (r.skipped) continue;
      const model = parse(r.text);
      models.set(r, model);
      const facts = yearFacts(model, r.file, identifyReport(r.text, r.file, model.year));
      r.facts = facts;
      years.add(facts);
    }
    const results: { file: string; result: CheckResult; source: JsonSource }[] = [];
    const baselines = new Baselines(options.baseline ?? defaultBaselineOptions());
    progress.step(t(locale, 'cli.progress.checking'), models.size);
    for (const r of entries) {
      if (r.skipped) continue;
      const checked = check(r.text, { locale: options.locale, path: r.file, lookup: years.lookup, source: r.decoded, model: models.get(r), ...config.options(r.file) });
      // A form read through a text view with a source (HTML): ranges and fixes in the file itself.
      const result = r.view && r.source !== undefined ? resultInSource(checked, r.view, r.source) : checked;
      for (const failure of result.failures) io.stderr(`nianbao: internal error in rule ${failure.rule} on ${escapePath(r.file)}: ${failure.error}\n`);
      r.result = result;
      baselines.add(r.file, result);
      results.push({ file: r.file, result, source: sourceOf(r.format, r.decoded, !!r.view && r.source === undefined) });
      progress.tick();
    }
    if (!(await baselines.settle(io, locale))) state.incomplete = true;
    // Rosters: every unit of each year a configuration's roster lists, without a report of its own
    // among the reports checked under that configuration.
    let missing: MissingReport[] | undefined;
    for (const c of config.used) {
      const roster = c.config?.roster;
      if (!roster || Object.keys(roster).length === 0) continue;
      const reports = entries.flatMap((r) => (!r.skipped && r.facts && config.of(r.file) === c ? [r.facts] : []));
      missing = [...(missing ?? []), ...rosterMissing(roster, reports, c.config!.aliases).map((m) => ({ ...m, config: shownPath(c.file) }))];
    }
    return { entries, results, incomplete: state.incomplete, ...(missing ? { missing } : {}) };
  } finally {
    progress.done();
  }
}

/**
 * Whether a run needs every result whole on this thread (readAndCheck) rather than the pool's
 * plain answers: a roster is configured, or a baseline is named, updated or found beside a file.
 */
function needsWholeResults(prepared: Prepared, options: RunOptions): boolean {
  // A roster is checked against the reports of the whole run (the listing of units that did not file).
  if (prepared.config.used.some((c) => c.config && Object.keys(c.config.roster).length > 0)) return true;
  const b = options.baseline;
  if (b && (b.file !== undefined || b.update)) return true;
  const dirs = new Set(prepared.candidates.filter((c) => !c.skipped && !prepared.ignored.has(c)).map((c) => path.dirname(path.resolve(c.file))));
  for (const d of dirs) if (findBaseline(d)) return true;
  return false;
}

/** A file of the pool's run (runPooled): skipped, or its answer from the check step. */
type PooledEntry = (Extract<RunEntry, { skipped: SkipReason }> & { encoding?: string }) | { file: string; explicit: boolean; checked: FileChecked; skipped?: undefined };

/** `check` on the pool (pool.ts): the files read and checked on worker threads, their answers put back in order. */
async function runPooled(prepared: Prepared, args: Args, io: Io): Promise<number> {
  const { locale, candidates, ignored, config, skip, state } = prepared;
  const toRead = candidates.filter((c) => !c.skipped && !ignored.has(c));
  const jobs: FileJob[] = toRead.map((c) => ({ file: c.file, explicit: c.explicit, read: c.read, charset: c.charset, options: config.options(c.file) }));
  const progress = createProgress(io.progress, args.progress);
  const runner = runnerFor(toRead.length, args.jobs);
  let reads: FileReadSummary[];
  let checks: (FileChecked | undefined)[];
  try {
    progress.step(t(locale, 'cli.progress.reading'), toRead.length);
    reads = await runner.read(jobs, { maxSize: args.maxSize, maxPages: args.maxPages }, () => progress.tick());
    await prepared.fetched();
    progress.step(t(locale, 'cli.progress.checking'), reads.filter((r) => !r.skipped).length);
    checks = await runner.check({ locale: args.locale, format: args.format, includeSuppressed: args.includeSuppressed }, () => progress.tick());
  } finally {
    progress.done();
    await runner.close();
  }
  const entries: PooledEntry[] = [];
  let k = 0;
  for (const c of candidates) {
    if (c.skipped) {
      entries.push(skip(c, c.skipped, c.detail ?? ''));
      continue;
    }
    if (ignored.has(c)) continue;
    const index = k++;
    const read = reads[index];
    if (read.skipped === 'not a report') entries.push({ ...skip(c, read.skipped, t(locale, 'cli.noLabels', { encoding: read.encoding! }), undefined, read.format), encoding: read.encoding });
    else if (read.skipped) entries.push(skip(c, read.skipped, read.detail));
    else entries.push({ file: c.file, explicit: c.explicit, checked: checks[index]! });
  }
  const results: { file: string; result: SlimResult; source: JsonSource }[] = [];
  for (const r of entries) {
    if (r.skipped) continue;
    for (const failure of r.checked.failures) io.stderr(`nianbao: internal error in rule ${failure.rule} on ${escapePath(r.file)}: ${failure.error}\n`);
    if (r.checked.result) results.push({ file: r.file, result: r.checked.result, source: r.checked.source });
  }
  const skipped = entries.flatMap((r) => (r.skipped ? [{ file: r.file, reason: r.skipped, explicit: r.explicit, detail: r.detail }] : []));
  const hasError = entries.some((r) => !r.skipped && r.checked.hasError);
  if (args.format === 'json') {
    // The entries were written as text where each file was checked (checkFile.ts jsonEntry).
    io.stdout(jsonOutput(entries.map((r) => (r.skipped ? jsonEntry(skippedJsonFile(r.file, r.skipped, r.encoding !== undefined ? sourceOfEncoding(r.format!, r.encoding) : undefined)) : r.checked.json!))));
  } else if (args.format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(results, { locale: args.locale, skipped }), null, 2) + '\n');
  } else {
    io.stdout(formatText(results, { locale, skipped }));
  }
  return state.incomplete ? 2 : hasError ? 1 : 0;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'text') return runText(argv.slice(1), io, DEFAULT_MAX_SIZE);
  if (argv[0] === 'summary') return runSummary(argv.slice(1), io, { maxSize: DEFAULT_MAX_SIZE, checkFiles });
  if (argv[0] === 'new') return runNew(argv.slice(1), io, DEFAULT_MAX_SIZE);
  if (argv[0] === 'fix') return runFix(argv.slice(1), io, { maxSize: DEFAULT_MAX_SIZE, collect });
  const args = argsOrExit(() => parseArgs(argv), USAGE, io);
  if (typeof args === 'number') return args;
  const locale: Locale = normalizeLocale(args.locale);
  const prepared = await prepare(args.paths, args, io);
  if (!prepared) return 2;
  if (!needsWholeResults(prepared, args)) return runPooled(prepared, args, io);
  const { entries, results, incomplete, missing } = await readAndCheck(prepared, args, io);
  const skipped = entries.flatMap((r) => (r.skipped ? [{ file: r.file, reason: r.skipped, explicit: r.explicit, detail: r.detail }] : []));
  const hasError = results.some((r) => r.result.findings.some((x) => x.severity === 'error'));
  if (args.format === 'json') {
    const files: JsonFile[] = entries.map((r) =>
      r.skipped ? skippedJsonFile(r.file, r.skipped, r.decoded ? sourceOf(r.format!, r.decoded) : undefined) : toJsonFile(r.file, r.result!, { source: sourceOf(r.format, r.decoded, !!r.view && r.source === undefined), includeSuppressed: args.includeSuppressed, includeBaselined: args.baseline.include, locate: locator(r.view) }),
    );
    io.stdout(JSON.stringify({ version: 1, files, ...(missing ? { missing } : {}) }, null, 2) + '\n');
  } else if (args.format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(results, { locale: args.locale, skipped }), null, 2) + '\n');
  } else {
    io.stdout(formatText(results, { locale, skipped }));
    for (const m of missing ?? []) io.stdout(t(locale, 'cli.rosterMissing', { config: escapePath(m.config), year: m.year, body: escapeControls(m.body) }) + '\n');
  }
  return incomplete ? 2 : hasError ? 1 : 0;
}
