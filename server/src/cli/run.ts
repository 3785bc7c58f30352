// The CLI's logic, separate from process handling so tests can call it.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { check, escapeControls, identifyReport, normalizeLocale, parse, t, YearRegistry, yearFacts, type CheckResult, type Locale, type YearFacts } from '../engine';
import { decode, type Decoded } from '../io/decode';
import { isReportPath, reportPatternsText } from '../io/kinds';
import { PDF_DEFAULTS } from '../io/pdf';
import { readReport, type ReportKind } from '../io/report';
import { resultInSource } from '../io/source-ranges';
import { originAt, type TextView } from '../io/view';
import { FIX_USAGE, runFix } from './fix';
import { runText, TEXT_USAGE } from './text-view';
import { runSummary, SUMMARY_USAGE } from './summary';

export { decode };
import { skippedJsonFile, toJsonFile, type JsonFile, type JsonLocation, type JsonSource } from './json';
import { toSarif } from './sarif';
import { escapePath, formatText } from './text';
import { skipReasonText, type SkipReason } from './skip';
import { optionValue } from './args';
import { BASELINE_USAGE, baselineOption, Baselines, defaultBaselineOptions, type BaselineOptions } from './baseline';
import { CONFIG_USAGE, loadRunConfig } from './config';
import { FETCH_DEFAULTS, FETCH_USAGE, fetchOption, fetchUrls, isUrl, type Fetched, type FetchOptions } from './fetch';

export type { SkipReason };

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `usage: nianbao check [--format text|json|sarif] [--locale zh-cn|en] [--config FILE] [--max-size SIZE] [--max-pages N] [--include-suppressed] [--baseline FILE] [--update-baseline [--reason TEXT]] [--include-baselined] [--save DIR] [--delay MS] [--timeout MS] PATH|URL...
  PATH                  report files, or folders searched recursively for ${reportPatternsText('and')} reports
${FETCH_USAGE}${CONFIG_USAGE}  --max-size SIZE       skip files larger than SIZE bytes (suffixes K, M, G: KiB, MiB, GiB; default 20MB)
  --max-pages N         skip PDFs of more than N pages (default ${PDF_DEFAULTS.maxPages})
  --include-suppressed  list findings silenced by nianbao-disable comments in the JSON output
                        (marked "suppressed": true; they are always counted, and always in SARIF)
${BASELINE_USAGE}
${FIX_USAGE}
${TEXT_USAGE}
${SUMMARY_USAGE}`;

export const DEFAULT_MAX_SIZE = 20 * 1024 * 1024;

interface Args {
  format: 'text' | 'json' | 'sarif';
  locale: string;
  maxSize: number;
  maxPages: number;
  includeSuppressed: boolean;
  baseline: BaselineOptions;
  config?: string;
  save?: string;
  delay: number;
  timeout: number;
  paths: string[];
}

/** `20MB`, `512k`, `1.5G`, `1000` → bytes (K, M, G are binary: 1024, 1024², 1024³); null when not a size. */
export function parseSize(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?$/i.exec(s.trim());
  if (!m) return null;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  if (m[3] && !m[2] && m[3].toLowerCase() !== 'b') return null; // `5ib`
  const n = Math.floor(Number(m[1]) * unit);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function parseArgs(argv: string[]): Args | string {
  if (argv[0] !== 'check') return argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' ? '' : `unknown command: ${argv[0]}`;
  const args: Args = { format: 'text', locale: 'zh-cn', maxSize: DEFAULT_MAX_SIZE, maxPages: PDF_DEFAULTS.maxPages, includeSuppressed: false, baseline: defaultBaselineOptions(), ...FETCH_DEFAULTS, paths: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const b = baselineOption(argv, i, args.baseline);
    if (b >= 0) {
      i = b;
      continue;
    }
    const value = (name: string) => {
      const r = optionValue(argv, i, name);
      i = r.next;
      return r.value;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif') return `unknown format: ${f}`;
      args.format = f;
    } else if (a === '--locale' || a.startsWith('--locale=')) {
      args.locale = value('--locale');
    } else if (a === '--max-size' || a.startsWith('--max-size=')) {
      const v = value('--max-size');
      const n = parseSize(v);
      if (n === null) return `invalid --max-size: ${v}`;
      args.maxSize = n;
    } else if (a === '--max-pages' || a.startsWith('--max-pages=')) {
      const v = value('--max-pages');
      if (!/^\d+$/.test(v) || Number(v) < 1) return `invalid --max-pages: ${v}`;
      args.maxPages = Number(v);
    } else if (a === '--config' || a.startsWith('--config=')) {
      args.config = value('--config');
    } else if (fetchOption(argv, i, args, value)) {
      // --save, --delay, --timeout
    } else if (a === '--include-suppressed') {
      args.includeSuppressed = true;
    } else if (a === '--help' || a === '-h') {
      return '';
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option: ${a}`;
    } else args.paths.push(a);
  }
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
  return { format, encoding: decoded.encoding, textView };
}

/** A finding's cell in a DOCX or PDF (CHECK-JSON "Additions": `location`), from the view's origin at its start. */
function locator(view: TextView | undefined): ((start: number) => JsonLocation | undefined) | undefined {
  if (!view) return undefined;
  return (start) => {
    const o = originAt(view, start);
    if (o?.kind === 'docx') return { table: o.table, row: o.row, cell: o.cell };
    if (o?.kind === 'pdf') return { page: o.page, box: o.box };
    return undefined;
  };
}

/** The files PATH... stands for: each file named, and the report files of each folder named (run.ts's walk). */
async function collect(paths: string[], fetched?: Map<string, Fetched>): Promise<Candidate[]> {
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
      candidates.push({ file: p, explicit: true, skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  }
  return candidates;
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
}

/**
 * Collects, reads and checks the files PATH... stands for, as `check` does (each report against the
 * same body's previous year among them); says on stderr what it could not check and any internal error.
 * `check` formats the result; `summary` (summary.ts) tabulates it.
 */
export async function checkFiles(
  paths: string[],
  options: { maxSize: number; maxPages: number; locale: string; config?: string; baseline?: BaselineOptions } & Partial<Omit<FetchOptions, 'maxSize'>>,
  io: Io,
): Promise<CheckedFiles> {
  const locale: Locale = normalizeLocale(options.locale);
  /** Set when something named on the command line could not be checked: the exit status is then 2. */
  let incomplete = false;
  // Addresses (fetch.ts): fetched first, then read from where they were saved (a temporary folder is removed once read).
  const fetching = paths.some(isUrl) ? await fetchUrls(paths.filter(isUrl), { ...FETCH_DEFAULTS, ...options }, io, locale) : undefined;
  const candidates = await collect(paths, fetching?.fetched);
  const config = await loadRunConfig(candidates.map((c) => c.file), options.config, locale);
  if ('problems' in config) {
    for (const p of config.problems) io.stderr(`nianbao: ${p}\n`);
    await fetching?.done();
    return { entries: [], results: [], incomplete: true, stopped: true };
  }
  // The same file reached twice in folders (through a link) is read once: as named on
  // the command line if it was, else by a path that is not a link if there is one.
  const byReal = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.skipped) continue;
    const real = await fs.realpath(c.file).catch(() => c.file);
    byReal.set(real, [...(byReal.get(real) ?? []), c]);
  }
  for (const [real, same] of byReal) {
    if (same.length < 2) continue;
    const keep = same.find((c) => c.explicit) ?? same.find((c) => path.resolve(c.file) === real) ?? same[0];
    for (const c of same) if (c !== keep && !c.explicit) c.skipped = 'duplicate';
  }
  const skip = (c: Candidate, skipped: SkipReason, detail: string, decoded?: Decoded, format?: ReportKind['format']): RunEntry => {
    // Named on the command line, or unusual in a folder: say so. Folders commonly hold other text files and links.
    if (skipped === 'unreadable') io.stderr(`nianbao: cannot read ${escapePath(c.file)}: ${escapeControls(detail)}\n`);
    else if (c.explicit || (skipped !== 'not a report' && skipped !== 'duplicate')) {
      const params = { path: escapePath(c.file), reason: skipReasonText(locale, skipped), detail: escapeControls(detail) };
      io.stderr(`nianbao: ${t(locale, detail ? 'cli.notChecked' : 'cli.notCheckedPlain', params)}\n`);
    }
    if (c.explicit) incomplete = true;
    return { file: c.file, explicit: c.explicit, skipped, detail, decoded, format };
  };
  // First pass: read every report and note who reported for which year, so that
  // each report can be checked against the same body's previous year among the files given.
  const entries: RunEntry[] = [];
  for (const c of candidates) {
    if (c.skipped) {
      entries.push(skip(c, c.skipped, c.detail ?? ''));
      continue;
    }
    // Named by its configuration's `ignore`: left out (said so when named on the command line).
    if (config.ignored(c.file)) {
      if (c.explicit) io.stderr(`nianbao: ${t(locale, 'cli.ignored', { path: escapePath(c.file), config: escapePath(config.of(c.file)!.file) })}\n`);
      continue;
    }
    // A file named on the command line must look like a report; one found in a folder is checked when it looks like one or its kind is a report by name.
    const read = await readReport(c.read ?? c.file, { maxSize: options.maxSize, maxPages: options.maxPages, trust: c.explicit ? 'content' : 'extension', charset: c.charset });
    if (read.skipped === 'not a report') entries.push(skip(c, read.skipped, t(locale, 'cli.noLabels', { encoding: read.decoded!.encoding }), read.decoded, read.format));
    else if (read.skipped) entries.push(skip(c, read.skipped, read.detail));
    else entries.push({ file: c.file, explicit: c.explicit, text: read.text, decoded: read.decoded, format: read.format, view: read.view, source: read.source });
  }
  await fetching?.done();
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
  for (const r of entries) {
    if (r.skipped) continue;
    const checked = check(r.text, { locale: options.locale, path: r.file, lookup: years.lookup, source: r.decoded, model: models.get(r), ...config.options(r.file) });
    // A form read through a text view with a source (HTML): ranges and fixes in the file itself.
    const result = r.view && r.source !== undefined ? resultInSource(checked, r.view, r.source) : checked;
    for (const failure of result.failures) io.stderr(`nianbao: internal error in rule ${failure.rule} on ${escapePath(r.file)}: ${failure.error}\n`);
    r.result = result;
    baselines.add(r.file, result);
    results.push({ file: r.file, result, source: sourceOf(r.format, r.decoded, !!r.view && r.source === undefined) });
  }
  if (!(await baselines.settle(io, locale))) incomplete = true;
  return { entries, results, incomplete };
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'text') return runText(argv.slice(1), io, DEFAULT_MAX_SIZE);
  if (argv[0] === 'summary') return runSummary(argv.slice(1), io, { parseSize, maxSize: DEFAULT_MAX_SIZE, checkFiles });
  if (argv[0] === 'fix') return runFix(argv.slice(1), io, { parseSize, maxSize: DEFAULT_MAX_SIZE, collect });
  let args: Args | string;
  try {
    args = parseArgs(argv);
  } catch (e) {
    args = (e as Error).message;
  }
  if (typeof args === 'string') {
    if (args) io.stderr(`nianbao: ${args}\n`);
    io.stderr(USAGE);
    return args ? 2 : 0;
  }
  const locale: Locale = normalizeLocale(args.locale);
  const { entries, results, incomplete, stopped } = await checkFiles(args.paths, args, io);
  if (stopped) return 2;
  const skipped = entries.flatMap((r) => (r.skipped ? [{ file: r.file, reason: r.skipped, explicit: r.explicit, detail: r.detail }] : []));
  const hasError = results.some((r) => r.result.findings.some((x) => x.severity === 'error'));
  if (args.format === 'json') {
    const files: JsonFile[] = entries.map((r) =>
      r.skipped ? skippedJsonFile(r.file, r.skipped, r.decoded ? sourceOf(r.format!, r.decoded) : undefined) : toJsonFile(r.file, r.result!, { source: sourceOf(r.format, r.decoded, !!r.view && r.source === undefined), includeSuppressed: args.includeSuppressed, includeBaselined: args.baseline.include, locate: locator(r.view) }),
    );
    io.stdout(JSON.stringify({ version: 1, files }, null, 2) + '\n');
  } else if (args.format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(results, { locale: args.locale, skipped }), null, 2) + '\n');
  } else {
    io.stdout(formatText(results, { locale, skipped }));
  }
  return incomplete ? 2 : hasError ? 1 : 0;
}
