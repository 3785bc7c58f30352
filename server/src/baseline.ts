// The language server's baselines of reviewed findings (.nianbao-baseline.json): which
// baseline a document has (the nearest one in its folder or above), its entries (read
// once, read again when the file changes: the client watches BASELINE_GLOB), and the
// 「标记为已核实」 command that adds a finding's entry. Fingerprints and matching are the
// engine's (engine/fingerprint.ts); the file format and its reading are cli/baseline.ts's.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineEntry, matchBaseline, type BaselineEntry, type Finding, type FingerprintContext, type Fingerprint } from './engine';
import { findBaseline, parseBaseline, readBaseline, reviewer, writeBaseline } from './cli/baseline';
import { BASELINE_FILE } from './io/kinds';
import { viewSource } from './forms';
import type { MarkReviewedResult } from './protocol';

/** The path of a `file:` URI, or of a text view's source file (DOCX, PDF); else null (an untitled document has no baseline). */
function pathOf(uri: string): string | null {
  const file = viewSource(uri)?.source ?? uri;
  if (!file.startsWith('file:')) return null;
  try {
    return fileURLToPath(file);
  } catch {
    return null;
  }
}

export class BaselineStore {
  /** Folder → the nearest baseline file in it or above (null: none). */
  private nearest = new Map<string, string | null>();
  /** Baseline file → its entries. */
  private entries = new Map<string, BaselineEntry[]>();

  constructor(private readonly log: (message: string) => void) {}

  /** A baseline file was created, changed or deleted: everything is looked up and read again. */
  changed(): void {
    this.nearest.clear();
    this.entries.clear();
  }

  private fileFor(uri: string): string | null {
    const p = pathOf(uri);
    if (!p) return null;
    const dir = path.dirname(p);
    let f = this.nearest.get(dir);
    if (f === undefined) {
      f = findBaseline(dir);
      this.nearest.set(dir, f);
    }
    return f;
  }

  private entriesOf(file: string): BaselineEntry[] {
    let list = this.entries.get(file);
    if (!list) {
      let parsed: BaselineEntry[] | Error;
      try {
        parsed = parseBaseline(readFileSync(file, 'utf8'));
      } catch (e) {
        parsed = e as Error;
      }
      if (parsed instanceof Error) this.log(`baseline ${file} not read: ${parsed.message}`);
      list = parsed instanceof Error ? [] : parsed;
      this.entries.set(file, list);
    }
    return list;
  }

  /** The findings of a document its baseline does not match (all of them when it has none). */
  filter(uri: string, findings: Finding[], ctx: FingerprintContext): Finding[] {
    const file = this.fileFor(uri);
    if (!file) return findings;
    const entries = this.entriesOf(file);
    return entries.length ? matchBaseline(findings, ctx, entries).kept : findings;
  }


  /**
   * Adds a reviewed finding to the document's baseline: the nearest one, else a new one in
   * the workspace folder holding the document, else in the document's folder.
   */
  async markReviewed(uri: string, fp: Fingerprint, folders: readonly string[]): Promise<MarkReviewedResult> {
    const p = pathOf(uri);
    if (!p) return { error: `not a file: ${uri}` };
    const dir = path.dirname(p);
    const folder = folders
      .map(pathOf)
      .filter((f): f is string => !!f && (dir === f || dir.startsWith(f.endsWith(path.sep) ? f : f + path.sep)))
      .sort((a, b) => b.length - a.length)[0];
    const file = findBaseline(dir) ?? path.join(folder ?? dir, BASELINE_FILE);
    const entries = await readBaseline(file);
    if (entries instanceof Error) return { error: `${file}: ${entries.message}` };
    entries.push(baselineEntry(fp, reviewer(dir), '', new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')));
    try {
      await writeBaseline(file, entries);
    } catch (e) {
      return { error: `${file}: ${(e as Error).message}` };
    }
    this.changed();
    return { written: file, entries: entries.length };
  }
}

/** May a document's findings be marked as reviewed (it is a file on disk, or the text view of one)? */
export function reviewable(uri: string): boolean {
  return pathOf(uri) !== null;
}

/** Is this (a watched file's URI) a baseline file? */
export function isBaselineUri(uri: string): boolean {
  return uri.endsWith('/' + BASELINE_FILE);
}
