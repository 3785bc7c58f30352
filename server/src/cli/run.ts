// The CLI's logic, separate from process handling so tests can call it.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isDynamicPattern, glob } from 'tinyglobby';
import { escapeControls, normalizeLocale, t, type Locale } from '../engine';
import { decode } from '../io/decode';
import { isReportPath, reportPatternsText } from '../io/kinds';
import { PDF_DEFAULTS } from '../io/pdf';
import type { ReportKind } from '../io/report';
import { jsonEntry, jsonOutput, sourceOf, type FileChecked, type FileReadSummary, type SlimResult } from './checkFile';
import { FIX_USAGE, runFix } from './fix';
import { defaultJobs, runnerFor } from './pool';
import { createProgress, type ProgressSink } from './progress';
import { runText, TEXT_USAGE } from './text-view';

export { decode };
import { skippedJsonFile, type JsonSource } from './json';
import { toSarif } from './sarif';
import { escapePath, formatText } from './text';
import { skipReasonText, type SkipReason } from './skip';
import { optionValue } from './args';

export type { SkipReason };

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Where the progress bar is drawn: drawn only when this is a terminal (main.ts passes process.stderr). */
  progress?: ProgressSink;
}

const USAGE = `usage: nianbao check [--format text|json|sarif] [--locale zh-cn|en] [--max-size SIZE] [--max-pages N] [--include-suppressed] [--jobs N] [--no-progress] PATH...
  PATH                  report files, folders searched recursively for ${reportPatternsText('and')} reports,
                        or quoted glob patterns ("reports/**/*2023*")
  --max-size SIZE       skip files larger than SIZE bytes (suffixes K, M, G: KiB, MiB, GiB; default 20MB)
  --max-pages N         skip PDFs of more than N pages (default ${PDF_DEFAULTS.maxPages})
  --include-suppressed  list findings silenced by nianbao-disable comments in the JSON output
                        (marked "suppressed": true; they are always counted, and always in SARIF)
  --jobs N              read and check on N threads (default: one per core, here ${defaultJobs()}; 1: no worker threads)
  --no-progress         no progress bar (it is drawn on stderr only when stderr is a terminal)
${FIX_USAGE}
${TEXT_USAGE}`;

export const DEFAULT_MAX_SIZE = 20 * 1024 * 1024;

interface Args {
  format: 'text' | 'json' | 'sarif';
  locale: string;
  maxSize: number;
  maxPages: number;
  includeSuppressed: boolean;
  /** Threads to read and check on; undefined: one per core for large runs (pool.ts `runnerFor`). */
  jobs?: number;
  progress: boolean;
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
  const args: Args = { format: 'text', locale: 'zh-cn', maxSize: DEFAULT_MAX_SIZE, maxPages: PDF_DEFAULTS.maxPages, includeSuppressed: false, progress: true, paths: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
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
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = value('--jobs');
      if (!/^\d+$/.test(v) || Number(v) < 1) return `invalid --jobs: ${v}`;
      args.jobs = Number(v);
    } else if (a === '--no-progress') {
      args.progress = false;
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
  file: string;
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

/**
 * The files PATH... stands for: each file named, the report files of each folder named
 * (run.ts's walk), and the files a glob pattern matches (`*.{txt,pdf}`, `reports/**`, for a
 * shell that did not expand it; tinyglobby, in name order). A path that exists is taken
 * as it is, even when it looks like a pattern.
 */
export async function collect(paths: string[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const p of paths) {
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
type RunEntry =
  | { file: string; explicit: boolean; checked: FileChecked; skipped?: undefined }
  | { file: string; explicit: boolean; skipped: SkipReason; detail: string; encoding?: string; format?: ReportKind['format'] };

export async function runCli(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'text') return runText(argv.slice(1), io, DEFAULT_MAX_SIZE);
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
  /** Set when something named on the command line could not be checked: the exit status is then 2. */
  let incomplete = false;
  const candidates = await collect(args.paths);
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
  const skip = (c: Candidate, skipped: SkipReason, detail: string, encoding?: string, format?: ReportKind['format']): RunEntry => {
    // Named on the command line, or unusual in a folder: say so. Folders commonly hold other text files and links.
    if (skipped === 'unreadable') io.stderr(`nianbao: cannot read ${escapePath(c.file)}: ${escapeControls(detail)}\n`);
    else if (c.explicit || (skipped !== 'not a report' && skipped !== 'duplicate')) {
      const params = { path: escapePath(c.file), reason: skipReasonText(locale, skipped), detail: escapeControls(detail) };
      io.stderr(`nianbao: ${t(locale, detail ? 'cli.notChecked' : 'cli.notCheckedPlain', params)}\n`);
    }
    if (c.explicit) incomplete = true;
    return { file: c.file, explicit: c.explicit, skipped, detail, encoding, format };
  };
  // First step: read every report and note who reported for which year, so that
  // each report can be checked against the same body's previous year among the files given.
  const toRead = candidates.filter((c) => !c.skipped);
  const progress = createProgress(io.progress, args.progress);
  const runner = runnerFor(toRead.length, args.jobs);
  let reads: FileReadSummary[];
  let checks: (FileChecked | undefined)[];
  try {
    progress.step(t(locale, 'cli.progress.reading'), toRead.length);
    reads = await runner.read(toRead, { maxSize: args.maxSize, maxPages: args.maxPages }, () => progress.tick());
    progress.step(t(locale, 'cli.progress.checking'), reads.filter((r) => !r.skipped).length);
    checks = await runner.check({ locale: args.locale, format: args.format, includeSuppressed: args.includeSuppressed }, () => progress.tick());
  } finally {
    progress.done();
    await runner.close();
  }
  const entries: RunEntry[] = [];
  let k = 0;
  for (const c of candidates) {
    if (c.skipped) {
      entries.push(skip(c, c.skipped, c.detail ?? ''));
      continue;
    }
    const index = k++;
    const read = reads[index];
    if (read.skipped === 'not a report') entries.push(skip(c, read.skipped, t(locale, 'cli.noLabels', { encoding: read.encoding! }), read.encoding, read.format));
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
    io.stdout(jsonOutput(entries.map((r) => (r.skipped ? jsonEntry(skippedJsonFile(r.file, r.skipped, r.encoding !== undefined ? sourceOf(r.format!, r.encoding) : undefined)) : r.checked.json!))));
  } else if (args.format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(results, { locale: args.locale, skipped }), null, 2) + '\n');
  } else {
    io.stdout(formatText(results, { locale, skipped }));
  }
  return incomplete ? 2 : hasError ? 1 : 0;
}
