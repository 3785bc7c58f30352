// `nianbao fix [--dry-run] [--in-place] PATH...`: applies the preferred fixes (the
// engine's fixAll, re-checked until none is left) to report files. Text and markdown
// files are edited where they are, written back in the encoding they were read in; an
// HTML file (a reader that gives `source`) through the view's map back to the file
// (io/source-ranges.ts `editInSource`); a .docx by cell (the view span's origin → table, row,
// cell), written to NAME.fixed.docx, or over the file with --in-place (the old one kept as
// NAME.docx.bak). A PDF has no fixes. --dry-run prints what would change and writes nothing:
// a unified diff (jsdiff) for files edited as text, the changed cells for a .docx. Exit status
// as `eslint --fix`: 0 no error left after fixing, 1 some left, 2 a file could not be read or fixed.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyEdits, check, escapeControls, fixAll, identifyReport, LineIndex, normalizeLocale, parse, t, YearRegistry, yearFacts, type Edit, type Locale } from '../engine';
import { encode } from '../io/decode';
import { fixDocx, type DocxCellEdit } from '../io/docx';
import { READERS, readRegularFile, readReport, reportKind, type ReadReport } from '../io/report';
import { editInSource } from '../io/source-ranges';
import { spanAt, type TextView } from '../io/view';
import { escapePath } from './text';
import { argsOrExit, readArgs } from './args';
import { CONFIG_USAGE, loadRunConfig } from './config';

type Io = { stdout(s: string): void; stderr(s: string): void };
/** A file found in a folder or named, as run.ts's folder walk gives it. */
export type FoundFile = { file: string; explicit: boolean; skipped?: string; detail?: string };

export const FIX_USAGE = `usage: nianbao fix [--dry-run] [--in-place] [--locale zh-cn|en] [--config FILE] [--max-size SIZE] PATH...
  applies the preferred fixes of \`nianbao check\`: text, markdown and HTML files are edited in place;
  a .docx is written to NAME.fixed.docx (only the text of the fixed cells changes)
  exit status: 0 no error-severity finding is left after fixing, 1 some are (not fixable), 2 a file could not be read or fixed
  --dry-run    print what would change, write nothing: a unified diff for text, markdown and HTML files,
               the changed cells for a .docx
  --in-place   write a .docx over itself, keeping the original as NAME.docx.bak
${CONFIG_USAGE}`;

interface FixArgs {
  dryRun: boolean;
  inPlace: boolean;
  locale: string;
  maxSize: number;
  config?: string;
  paths: string[];
}

/** One change for people: where (in the file, or the text view of a .docx) and what. */
export interface FixChange {
  line: number;
  column: number;
  before: string;
  after: string;
  location?: { table: number; row: number; cell: number };
}

/** What fixing one read file comes to: its new bytes and the changes, or why it cannot be fixed. */
export type FixPlan = { bytes: Uint8Array; changes: FixChange[]; skipped: FixChange[]; text?: { before: string; after: string } } | { error: string };

/**
 * The new bytes of a file whose check gave `edits` (against `read.text`): text as read and
 * written back in its encoding; a structured form through its view.
 */
export function planFix(read: Extract<ReadReport, { text: string }>, original: Uint8Array, edits: Edit[], locale: Locale): FixPlan {
  const idx = new LineIndex(read.text);
  const change = (e: Edit, location?: FixChange['location']): FixChange => {
    const p = idx.positionAt(e.start);
    return { line: p.line + 1, column: p.character + 1, before: read.text.slice(e.start, e.end), after: e.newText, location };
  };
  if (read.format === 'pdf') return { error: t(locale, 'cli.fix.pdf') };
  if (read.format === 'docx' && read.view) return planDocx(read.view, original, edits, change, locale);
  let target = read.text;
  let mapped = edits;
  const changes: FixChange[] = [];
  const skipped: FixChange[] = [];
  if (read.view && read.source !== undefined) {
    // HTML: each edit's view range as a range of the file's text.
    target = read.source;
    mapped = [];
    for (const e of edits) {
      const r = editInSource(e, read.view, read.source);
      if (r) mapped.push(r);
      (r ? changes : skipped).push(change(e));
    }
  } else if (read.view) return { error: t(locale, 'cli.fix.noMap') };
  else changes.push(...edits.map((e) => change(e)));
  if (read.replaced.length > 0) return { error: t(locale, 'cli.fix.undecodable') };
  // Written back as read: the decoded text must encode to the original bytes (a BOM the decoder dropped is put back).
  let prefix: Uint8Array = new Uint8Array(0);
  try {
    const again = encode(target, read.encoding);
    if (!Buffer.from(original).equals(again)) {
      const bom = original.subarray(0, original.length - again.length);
      if (!(bom.length === 2 && Buffer.from(original.subarray(2)).equals(again))) return { error: t(locale, 'cli.fix.encoding', { encoding: read.encoding }) };
      prefix = bom;
    }
    const after = applyEdits(target, mapped);
    const bytes = Buffer.concat([prefix, encode(after, read.encoding)]);
    return { bytes, changes, skipped, text: { before: target, after } };
  } catch {
    return { error: t(locale, 'cli.fix.encoding', { encoding: read.encoding }) };
  }
}

/** A .docx: the edits grouped by the table cell of the view they fall in, each cell's new text written into its runs. */
function planDocx(view: TextView, original: Uint8Array, edits: Edit[], change: (e: Edit, l?: FixChange['location']) => FixChange, locale: Locale): FixPlan {
  const cells = new Map<string, { cell: DocxCellEdit; start: number; end: number; edits: Edit[] }>();
  const changes: FixChange[] = [];
  const skipped: FixChange[] = [];
  for (const e of edits) {
    const span = spanAt(view, e.start);
    if (!span || !span.cell || span.origin.kind !== 'docx' || e.end > span.end) {
      skipped.push(change(e));
      continue;
    }
    const { table, row, cell } = span.origin;
    const key = `${table}/${row}/${cell}`;
    const entry = cells.get(key) ?? { cell: { table, row, cell, text: '' }, start: span.start, end: span.end, edits: [] };
    entry.edits.push({ start: e.start - span.start, end: e.end - span.start, newText: e.newText });
    cells.set(key, entry);
    changes.push(change(e, { table, row, cell }));
  }
  const cellEdits = [...cells.values()].map((c) => ({ ...c.cell, text: applyEdits(view.text.slice(c.start, c.end), c.edits) }));
  if (cellEdits.length === 0) return { bytes: original, changes, skipped };
  try {
    return { bytes: fixDocx(original, cellEdits), changes, skipped };
  } catch (e) {
    return { error: t(locale, 'cli.fix.docx', { detail: e instanceof Error ? e.message : String(e) }) };
  }
}

function parseFixArgs(argv: string[], maxSize: number): FixArgs | string {
  const args: FixArgs = { dryRun: false, inPlace: false, locale: 'zh-cn', maxSize, paths: [] };
  const read = readArgs(argv, 0, args, (r) => {
    if (r.arg === '--dry-run' || r.arg === '-n') args.dryRun = true;
    else if (r.arg === '--in-place') args.inPlace = true;
    else return false;
    return true;
  });
  if (typeof read === 'string') return read;
  if (args.paths.length === 0) return 'no PATH given';
  return args;
}

/** Where a fixed .docx goes: NAME.fixed.docx beside it (NAME.docx itself with --in-place). */
export function fixedPath(file: string, inPlace: boolean): string {
  if (inPlace) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.fixed${ext}`;
}

export async function runFix(
  argv: string[],
  io: Io,
  env: { maxSize: number; collect: (paths: string[]) => Promise<FoundFile[]> },
): Promise<number> {
  const args = argsOrExit(() => parseFixArgs(argv, env.maxSize), FIX_USAGE, io);
  if (typeof args === 'number') return args;
  const locale = normalizeLocale(args.locale);
  let incomplete = false;
  const say = (line: string) => io.stdout(`${line}\n`);
  const fail = (file: string, detail: string) => {
    io.stderr(`nianbao: ${t(locale, 'cli.fix.failed', { path: escapePath(file), detail: escapeControls(detail) })}\n`);
    incomplete = true;
  };
  // Read every report first, so that each is fixed with the same body's previous year at hand, as `check` does.
  const reads: { file: string; read: Extract<ReadReport, { text: string }> }[] = [];
  const found = await env.collect(args.paths);
  const config = await loadRunConfig(found.map((c) => c.file), args.config, locale, io);
  if (!config) return 2;
  for (const c of found) {
    if (c.skipped) {
      if (c.explicit) fail(c.file, c.detail ?? c.skipped);
      continue;
    }
    if (config.ignored(c.file)) {
      if (c.explicit) config.sayIgnored(c.file);
      continue;
    }
    const read = await readReport(c.file, { maxSize: args.maxSize, trust: c.explicit ? 'content' : 'extension' });
    if (read.skipped) {
      if (c.explicit) fail(c.file, read.detail || read.skipped);
      continue;
    }
    reads.push({ file: c.file, read });
  }
  const years = new YearRegistry();
  for (const { file, read } of reads) {
    const model = parse(read.text);
    years.add(yearFacts(model, file, identifyReport(read.text, file, model.year)));
  }
  /** Set when a file keeps an error-severity finding after its fixes (the exit status is then 1). */
  let errorsLeft = false;
  const stillErrs = (file: string, text: string, source: ReadReport['decoded']) =>
    check(text, { locale: args.locale, path: file, lookup: years.lookup, source, ...config.options(file) }).findings.some((f) => f.severity === 'error');
  for (const { file, read } of reads) {
    const options = { locale: args.locale, path: file, lookup: years.lookup, source: read.decoded, ...config.options(file) };
    const edits = fixAll(read.text, options);
    const shown = escapePath(file);
    if (edits.length === 0) {
      say(t(locale, 'cli.fix.none', { path: shown }));
      if (stillErrs(file, read.text, read.decoded)) errorsLeft = true;
      continue;
    }
    const original = await readRegularFile(file, args.maxSize);
    if ('skipped' in original) {
      fail(file, original.detail);
      continue;
    }
    const plan = planFix(read, original.bytes, edits, locale);
    if ('error' in plan) {
      fail(file, plan.error);
      continue;
    }
    // What is left after the fixes: the new bytes read as the file will be read, and checked.
    try {
      const again = await READERS[reportKind(file)?.id ?? 'text'](Buffer.from(plan.bytes), { maxSize: args.maxSize });
      if (again.skip || stillErrs(file, again.decoded.text, again.decoded)) errorsLeft = true;
    } catch {
      errorsLeft = true;
    }
    const patch = args.dryRun && plan.text !== undefined;
    if (patch) {
      // A unified diff (`patch -p1` applies it), the file named as given or relative to the working folder.
      const rel = path.relative(process.cwd(), path.resolve(file));
      const name = (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
      if (plan.changes.length > 0) io.stdout(createTwoFilesPatch(`a/${name}`, `b/${name}`, plan.text!.before, plan.text!.after, undefined, undefined, { context: 3 }));
    } else
      for (const c of plan.changes) {
        const params = { path: shown, line: c.line, column: c.column, before: escapeControls(c.before), after: escapeControls(c.after) };
        if (c.location) say(t(locale, 'cli.fix.cellChange', { ...params, table: c.location.table + 1, row: c.location.row + 1, cell: c.location.cell + 1 }));
        else say(t(locale, 'cli.fix.change', params));
      }
    for (const c of plan.skipped) {
      const line = t(locale, 'cli.fix.unmapped', { path: shown, line: c.line, column: c.column });
      if (patch) io.stderr(`nianbao: ${line}\n`);
      else say(line);
    }
    if (plan.changes.length === 0) continue;
    if (args.dryRun) {
      if (!patch) say(t(locale, 'cli.fix.dryRun', { path: shown, count: plan.changes.length }));
      continue;
    }
    const docx = read.format === 'docx';
    const out = docx ? fixedPath(file, args.inPlace) : file;
    try {
      if (docx && args.inPlace) await fs.copyFile(file, `${file}.bak`);
      // Written beside the target and renamed over it: a failed write leaves the file as it was.
      const tmp = path.join(path.dirname(out), `.${path.basename(out)}.nianbao-${process.pid}.tmp`);
      await fs.writeFile(tmp, plan.bytes, { mode: (await fs.stat(file)).mode & 0o777 });
      await fs.rename(tmp, out).catch(async (e) => {
        await fs.unlink(tmp).catch(() => undefined);
        throw e;
      });
    } catch (e) {
      fail(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
      continue;
    }
    say(t(locale, 'cli.fix.wrote', { path: shown, count: plan.changes.length, out: escapePath(out) }));
    if (docx && args.inPlace) say(t(locale, 'cli.fix.backup', { path: escapePath(`${file}.bak`) }));
  }
  return incomplete ? 2 : errorsLeft ? 1 : 0;
}
