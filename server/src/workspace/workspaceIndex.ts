// The workspace index: every report file in the workspace folders, keyed by body
// and year, kept as compact facts (not texts). Open documents override their file's
// entry with the live text, so editing last year's report updates this year's checks.
// Bounded: at most MAX_FILES files of at most MAX_BYTES each; the scan yields to the
// event loop so that requests are answered while it runs.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { identifyReport, parse, YearRegistry, yearFacts, type YearFacts } from '../engine';
import { isReportPath, reportKind } from '../io/kinds';
import { readReport } from '../io/report';
import { excludeMatcher } from './glob';

export const MAX_FILES = 20_000;
export const MAX_BYTES = 5 * 1024 * 1024;
/** Files read ahead while the index parses. */
const READ_AHEAD = 8;
const SKIP_DIRS = new Set(['node_modules', '.git', '.svn', '.hg']);

export interface IndexStats {
  folders: number;
  files: number;
  reports: number;
  ms: number;
  truncated: boolean;
}

export class WorkspaceIndex {
  readonly registry = new YearRegistry();
  /** Entries read from disk, by URI (restored when an open document closes). */
  private fromDisk = new Map<string, YearFacts>();
  private open = new Set<string>();
  stats: IndexStats = { folders: 0, files: 0, reports: 0, ms: 0, truncated: false };
  private scanning: Promise<IndexStats> | null = null;

  /** Is the file named by its configuration's `ignore` (.nianbao.jsonc)? Then it is not indexed, as the CLI does not read it. */
  ignored: (file: string) => Promise<boolean> = async () => false;

  /**
   * @param readOptions a file's reading limits from its settings (nianbao.pdf.*, settings.ts `pdfLimits`)
   */
  constructor(
    private readonly log: (s: string) => void = () => undefined,
    private readonly readOptions: (uri: string) => Promise<{ maxPages?: number; timeLimitMs?: number }> = async () => ({}),
  ) {}

  /** Scans the folders (URIs); `excludes` are the folders' files.exclude settings. */
  scan(folders: string[], excludes: (folder: string) => Promise<Record<string, unknown> | undefined>): Promise<IndexStats> {
    this.scanning = this.doScan(folders, excludes);
    return this.scanning;
  }

  ready(): Promise<IndexStats> {
    return this.scanning ?? Promise.resolve(this.stats);
  }

  private async doScan(folders: string[], excludes: (folder: string) => Promise<Record<string, unknown> | undefined>): Promise<IndexStats> {
    const t0 = Date.now();
    let files = 0;
    let truncated = false;
    const pending = new Set<Promise<void>>();
    for (const folderUri of folders) {
      let root: string;
      try {
        root = fileURLToPath(folderUri);
      } catch {
        continue;
      }
      const excluded = excludeMatcher(await excludes(folderUri).catch(() => undefined));
      const stack = [root];
      while (stack.length) {
        const dir = stack.pop()!;
        let entries: import('node:fs').Dirent[];
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const e of entries) {
          const full = path.join(dir, e.name);
          const rel = path.relative(root, full).split(path.sep).join('/');
          if (excluded(rel)) continue;
          if (e.isDirectory()) {
            if (!SKIP_DIRS.has(e.name)) stack.push(full);
          } else if (e.isFile() && isReportPath(e.name)) {
            if (files >= MAX_FILES) {
              truncated = true;
              break;
            }
            files++;
            // A few reads in flight while one file is parsed: reading overlaps parsing.
            const task: Promise<void> = this.indexFile(full).then(() => {
              pending.delete(task);
            });
            pending.add(task);
            if (pending.size >= READ_AHEAD) await Promise.race(pending);
            if (files % 64 === 0) await new Promise((r) => setImmediate(r));
          }
        }
      }
    }
    await Promise.all(pending);
    this.stats = { folders: folders.length, files, reports: this.fromDisk.size, ms: Date.now() - t0, truncated };
    this.log(`indexed ${this.stats.reports} report(s) in ${files} file(s) in ${this.stats.ms} ms${truncated ? ` (stopped at ${MAX_FILES} files)` : ''}`);
    return this.stats;
  }

  /**
   * (Re)reads one file from disk. Returns the facts, or null when it is not a report:
   * not readable as one by `readReport`, whose name (as the editor's language
   * association, io/kinds.ts) or content must make it one.
   */
  async indexFile(file: string): Promise<YearFacts | null> {
    const uri = pathToFileURL(file).toString();
    try {
      if (await this.ignored(file)) return this.forgetDisk(uri);
      // Only a PDF's read has limits from the settings: other files cost no configuration round trip.
      const limits = reportKind(file)?.format === 'pdf' ? await this.readOptions(uri) : {};
      const read = await readReport(file, { maxSize: MAX_BYTES, trust: 'name', ...limits });
      if (read.skipped) return this.forgetDisk(uri);
      const text = read.text;
      // The facts come from the tables and the year: the part headings are not read.
      const model = parse(text, { headings: false });
      const facts = yearFacts(model, uri, identifyReport(text, file, model.year));
      this.fromDisk.set(uri, facts);
      if (!this.open.has(uri)) this.registry.add(facts);
      return facts;
    } catch (e) {
      this.log(`cannot index ${file}: ${e instanceof Error ? e.message : String(e)}`);
      return this.forgetDisk(uri);
    }
  }

  private forgetDisk(uri: string): null {
    this.fromDisk.delete(uri);
    if (!this.open.has(uri)) this.registry.remove(uri);
    return null;
  }

  removeFile(uri: string): void {
    this.forgetDisk(uri);
  }

  /** An open document's live facts replace its file's (or its earlier live ones). Returns the facts replaced, if any. */
  setOpen(facts: YearFacts): YearFacts | undefined {
    const before = this.registry.get(facts.location);
    this.open.add(facts.location);
    this.registry.add(facts);
    return before;
  }

  /** When a document closes, its file's facts (if any) come back. */
  closed(uri: string): YearFacts | undefined {
    const live = this.registry.get(uri);
    this.open.delete(uri);
    const disk = this.fromDisk.get(uri);
    if (disk) this.registry.add(disk);
    else this.registry.remove(uri);
    return live;
  }

  /** URIs of reports on disk that are not open (for checking the whole workspace). */
  diskReports(): string[] {
    return [...this.fromDisk.keys()].filter((u) => !this.open.has(u));
  }
}

/**
 * Do the two facts say the same to the next year's report of the body? It reads 结转下年度
 * and the stock chains (`cross-year`), each part's sentence hashes (`text-reuse`). A change
 * elsewhere (a blank line, another table's cell) needs no re-check.
 */
export function sameForNextYear(a: YearFacts, b: YearFacts): boolean {
  return a.bodyKey === b.bodyKey && a.year === b.year && sameData(a.forward, b.forward) && sameData(a.inForce, b.inForce) && sameData(a.partSentences, b.partSentences);
}

/** Do the two facts say the same to an aggregate report of the same year (`aggregate`)? It reads tables 三 and 四: values and places. */
export function sameForAggregate(a: YearFacts, b: YearFacts): boolean {
  return a.bodyKey === b.bodyKey && a.year === b.year && sameData(a.grid, b.grid);
}

/** Equality of plain data (objects, arrays, primitives), stopping at the first difference: no key strings built on every check. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => sameData(x, other[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameData(x[k], y[k]));
}
