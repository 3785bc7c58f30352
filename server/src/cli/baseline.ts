// Baseline files for `nianbao check` (.nianbao-baseline.json): reviewed findings kept
// outside the documents. The fingerprints and their matching are the engine's
// (engine/fingerprint.ts); this file finds, reads and writes the files.
//
//   --baseline FILE      the baseline of every file checked (default: the nearest
//                        .nianbao-baseline.json in the file's folder or above it)
//   --update-baseline    write every finding of the files checked to their baseline
//                        (created in the current folder when none is found)
//   --reason TEXT        why, for the entries --update-baseline adds
//   --include-baselined  list baselined findings in the JSON output

import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyBaseline, baselineEntries, baselineText, fingerprintContext, t, updateBaseline, type BaselineEntry, type CheckResult, type Locale } from '../engine';
import { BASELINE_FILE } from '../io/kinds';
import type { ArgReader } from './args';
import { escapePath } from './text';

export { BASELINE_FILE };

export const BASELINE_USAGE = `  --baseline FILE       the baseline of reviewed findings (default: the nearest ${BASELINE_FILE} in each file's folder or above)
  --update-baseline     record every finding of the files checked in the baseline, keeping the reviews of those still found
  --reason TEXT         why, for the entries --update-baseline adds
  --include-baselined   list baselined findings in the JSON output (marked "baselined": true; they are always counted)`;

export interface BaselineOptions {
  file?: string;
  update: boolean;
  reason: string;
  include: boolean;
}

export function defaultBaselineOptions(): BaselineOptions {
  return { update: false, reason: '', include: false };
}

/** Reads a baseline option into `opts`; false when the argument is none of them. */
export function baselineOption(r: ArgReader, opts: BaselineOptions): boolean {
  if (r.is('--baseline')) opts.file = r.value('--baseline');
  else if (r.is('--reason')) opts.reason = r.value('--reason');
  else if (r.arg === '--update-baseline') opts.update = true;
  else if (r.arg === '--include-baselined') opts.include = true;
  else return false;
  return true;
}

/** The nearest baseline file in `dir` or a folder above it, or null. */
export function findBaseline(dir: string): string | null {
  for (let d = path.resolve(dir); ; ) {
    const f = path.join(d, BASELINE_FILE);
    if (existsSync(f)) return f;
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

/** Who reviews: `git config user.name`, else the login name. */
export function reviewer(cwd?: string): string {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    if (name) return name;
  } catch {
    // no git, or no name configured
  }
  return process.env.USER ?? process.env.USERNAME ?? '';
}

/** A baseline file's text → its entries, or an Error when it is not a baseline. */
export function parseBaseline(text: string): BaselineEntry[] | Error {
  try {
    const json = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    if (!json || typeof json !== 'object' || !Array.isArray((json as { entries?: unknown }).entries)) return new Error('not a baseline file (no "entries" list)');
    return baselineEntries(json);
  } catch (e) {
    return e as Error;
  }
}

/** A baseline file's entries; [] when it does not exist; an Error when it cannot be read or is not a baseline. */
export async function readBaseline(file: string): Promise<BaselineEntry[] | Error> {
  try {
    return parseBaseline(await fs.readFile(file, 'utf8'));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? [] : (e as Error);
  }
}

/** Writes a baseline file whole (a temporary file renamed over it). */
export async function writeBaseline(file: string, entries: readonly BaselineEntry[]): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, baselineText(entries), 'utf8');
  await fs.rename(tmp, file);
}

/**
 * The baselines of one run: each checked file's result is added; `settle` reads the
 * baseline files (and updates them with --update-baseline), then sets the findings they
 * match apart in each result (`CheckResult.baselined`). Returns false when a baseline
 * file could not be read or written (said on stderr): the run's exit status is then 2.
 */
export class Baselines {
  private files: { file: string; result: CheckResult }[] = [];

  constructor(private readonly opts: BaselineOptions) {}

  add(file: string, result: CheckResult): void {
    this.files.push({ file, result });
  }

  async settle(io: { stderr(s: string): void }, locale: Locale): Promise<boolean> {
    const { opts } = this;
    // Which baseline file each checked file has.
    const byBaseline = new Map<string, CheckResult[]>();
    for (const { file, result } of this.files) {
      const found = opts.file ?? findBaseline(path.dirname(path.resolve(file))) ?? (opts.update ? path.resolve(BASELINE_FILE) : null);
      if (!found) continue;
      const list = byBaseline.get(found);
      if (list) list.push(result);
      else byBaseline.set(found, [result]);
    }
    let ok = true;
    const who = opts.update ? reviewer() : '';
    const when = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const [file, results] of byBaseline) {
      let entries = await readBaseline(file);
      if (entries instanceof Error || (!opts.update && opts.file && !existsSync(file))) {
        const detail = entries instanceof Error ? entries.message : 'ENOENT';
        io.stderr(`nianbao: ${t(locale, 'cli.baseline.unreadable', { path: escapePath(file), detail })}\n`);
        ok = false;
        continue;
      }
      if (opts.update) {
        const u = updateBaseline(entries, results.map((r) => ({ findings: r.findings, ctx: fingerprintContext(r) })), who, opts.reason, when);
        try {
          await writeBaseline(file, u.entries);
        } catch (e) {
          io.stderr(`nianbao: ${t(locale, 'cli.baseline.unwritable', { path: escapePath(file), detail: (e as Error).message })}\n`);
          ok = false;
          continue;
        }
        io.stderr(`nianbao: ${t(locale, 'cli.baseline.updated', { path: escapePath(file), count: u.entries.length, added: u.added, kept: u.kept, dropped: u.dropped })}\n`);
        entries = u.entries;
      }
      for (const r of results) {
        const applied = applyBaseline(r, entries);
        r.findings = applied.findings;
        r.baselined = applied.baselined;
      }
    }
    return ok;
  }
}
