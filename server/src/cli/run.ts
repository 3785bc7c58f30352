// The CLI's logic, separate from process handling so tests can call it.

import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { check, escapeControls, identifyReport, looksLikeReport, normalizeLocale, parse, t, YearRegistry, yearFacts, type CheckResult, type Locale } from '../engine';
import { decode, type Decoded } from '../io/decode';

export { decode };
import { skippedJsonFile, toJsonFile, type JsonFile, type JsonSource } from './json';
import { toSarif } from './sarif';
import { escapePath, formatText } from './text';
import { skipReasonText, type SkipReason } from './skip';

export type { SkipReason };

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `usage: nianbao check [--format text|json|sarif] [--locale zh-cn|en] [--max-size SIZE] [--include-suppressed] PATH...
  PATH                  report files, or folders searched recursively for *.txt, *.md and *.nianbao reports
  --max-size SIZE       skip files larger than SIZE bytes (suffixes K, M, G: KiB, MiB, GiB; default 20MB)
  --include-suppressed  list findings silenced by nianbao-disable comments in the JSON output
                        (marked "suppressed": true; they are always counted, and always in SARIF)
`;

const REPORT_FILE = /\.(txt|md|markdown|nianbao)$/i;

export const DEFAULT_MAX_SIZE = 20 * 1024 * 1024;

interface Args {
  format: 'text' | 'json' | 'sarif';
  locale: string;
  maxSize: number;
  includeSuppressed: boolean;
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
  const args: Args = { format: 'text', locale: 'zh-cn', maxSize: DEFAULT_MAX_SIZE, includeSuppressed: false, paths: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
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
 * The report files under a folder, in name order: `*.txt`, `*.md`, `*.markdown`,
 * `*.nianbao`, not hidden, not in node_modules. Symbolic links are followed, to files
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
        if (REPORT_FILE.test(e.name)) out.push({ file: child, explicit: false, skipped: 'broken link', detail: (err as NodeJS.ErrnoException).code ?? String(err) });
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
    } else if (REPORT_FILE.test(e.name)) out.push({ file: child, explicit: false }); // file, link to a file, or a special file (ruled out when read)
  }
}

/** What kind of non-regular file a stat describes, for messages. */
function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'named pipe';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSocket()) return 'socket';
  return 'special file';
}

type ReadOutcome = { bytes: Buffer } | { skipped: SkipReason; detail: string };

/**
 * A regular file's bytes, at most `maxSize` of them. The type and size are checked with
 * stat before the file is opened (a named pipe is never opened, so it cannot block, and
 * /dev/zero is never read); the file is opened non-blocking and checked again on the
 * handle, and reading stops past `maxSize` in case it grew.
 */
export async function readRegularFile(file: string, maxSize: number): Promise<ReadOutcome> {
  let st;
  try {
    st = await fs.stat(file);
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  if (!st.isFile()) return { skipped: 'not a regular file', detail: kindOf(st) };
  if (st.size > maxSize) return { skipped: 'too large', detail: `${st.size} > ${maxSize} bytes` };
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  try {
    const hst = await fh.stat();
    if (!hst.isFile()) return { skipped: 'not a regular file', detail: kindOf(hst) };
    if (hst.size > maxSize) return { skipped: 'too large', detail: `${hst.size} > ${maxSize} bytes` };
    const chunks: Buffer[] = [];
    let total = 0;
    let want = Math.min(hst.size + 1, maxSize + 1); // one read for a file that stays as it was, and one to see its end
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxSize + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxSize) return { skipped: 'too large', detail: `> ${maxSize} bytes` };
      chunks.push(buf.subarray(0, bytesRead));
      want = 1 << 16;
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function sourceOf(file: string, decoded: Decoded): JsonSource {
  return { format: /\.(md|markdown)$/i.test(file) ? 'markdown' : 'text', encoding: decoded.encoding, textView: false };
}

/** One file of the run, in the order found: checked, or skipped with the reason. */
export type RunEntry =
  | { file: string; explicit: boolean; text: string; decoded: Decoded; result?: CheckResult; skipped?: undefined }
  | { file: string; explicit: boolean; skipped: SkipReason; detail: string; decoded?: Decoded };

export async function runCli(argv: string[], io: Io): Promise<number> {
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
  const candidates: Candidate[] = [];
  for (const p of args.paths) {
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) {
        await walk(p, new Set([await fs.realpath(p)]), candidates);
      } else candidates.push({ file: p, explicit: true });
    } catch (e) {
      candidates.push({ file: p, explicit: true, skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
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
  const skip = (c: Candidate, skipped: SkipReason, detail: string, decoded?: Decoded): RunEntry => {
    // Named on the command line, or unusual in a folder: say so. Folders commonly hold other text files and links.
    if (skipped === 'unreadable') io.stderr(`nianbao: cannot read ${escapePath(c.file)}: ${escapeControls(detail)}\n`);
    else if (c.explicit || (skipped !== 'not a report' && skipped !== 'duplicate')) {
      const params = { path: escapePath(c.file), reason: skipReasonText(locale, skipped), detail: escapeControls(detail) };
      io.stderr(`nianbao: ${t(locale, detail ? 'cli.notChecked' : 'cli.notCheckedPlain', params)}\n`);
    }
    if (c.explicit) incomplete = true;
    return { file: c.file, explicit: c.explicit, skipped, detail, decoded };
  };
  // First pass: read every report and note who reported for which year, so that
  // each report can be checked against the same body's previous year among the files given.
  const entries: RunEntry[] = [];
  for (const c of candidates) {
    if (c.skipped) {
      entries.push(skip(c, c.skipped, c.detail ?? ''));
      continue;
    }
    const read = await readRegularFile(c.file, args.maxSize);
    if ('skipped' in read) {
      entries.push(skip(c, read.skipped, read.detail));
      continue;
    }
    const decoded = decode(read.bytes);
    const text = decoded.text;
    // A file named on the command line must be a report; one found in a folder is checked when it looks like one.
    if (!(c.file.endsWith('.nianbao') && !c.explicit) && !looksLikeReport(text)) {
      entries.push(skip(c, 'not a report', t(locale, 'cli.noLabels', { encoding: decoded.encoding }), decoded));
      continue;
    }
    entries.push({ file: c.file, explicit: c.explicit, text, decoded });
  }
  const years = new YearRegistry();
  for (const r of entries) {
    if (r.skipped) continue;
    const model = parse(r.text);
    years.add(yearFacts(model, r.file, identifyReport(r.text, r.file, model.year)));
  }
  const results: { file: string; result: CheckResult; source: JsonSource }[] = [];
  for (const r of entries) {
    if (r.skipped) continue;
    const result = check(r.text, { locale: args.locale, path: r.file, lookup: years.lookup, source: r.decoded });
    for (const failure of result.failures) io.stderr(`nianbao: internal error in rule ${failure.rule} on ${escapePath(r.file)}: ${failure.error}\n`);
    r.result = result;
    results.push({ file: r.file, result, source: sourceOf(r.file, r.decoded) });
  }
  const skipped = entries.flatMap((r) => (r.skipped ? [{ file: r.file, reason: r.skipped, explicit: r.explicit, detail: r.detail }] : []));
  const hasError = results.some((r) => r.result.findings.some((x) => x.severity === 'error'));
  if (args.format === 'json') {
    const files: JsonFile[] = entries.map((r) =>
      r.skipped ? skippedJsonFile(r.file, r.skipped, r.decoded ? sourceOf(r.file, r.decoded) : undefined) : toJsonFile(r.file, r.result!, { source: sourceOf(r.file, r.decoded), includeSuppressed: args.includeSuppressed }),
    );
    io.stdout(JSON.stringify({ version: 1, files }, null, 2) + '\n');
  } else if (args.format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(results, { locale: args.locale, skipped }), null, 2) + '\n');
  } else {
    io.stdout(formatText(results, { locale, skipped }));
  }
  return incomplete ? 2 : hasError ? 1 : 0;
}
