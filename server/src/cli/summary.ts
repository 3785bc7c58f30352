// nianbao summary PATH... [--xlsx FILE] [--csv FILE] [--html FILE]: a folder of reports checked as
// `check` checks them (run.ts checkFiles), tabulated for people who open a spreadsheet: a
// workbook (一览, 问题清单, 表三, 表四), the 一览 rows as CSV, and a page with the same tables and charts.

import { promises as fs } from 'node:fs';
import { csvCell, formatPercent, normalizeLocale, t, type CheckResult } from '../engine';
import { PDF_DEFAULTS } from '../io/pdf';
import { argsOrExit, readArgs } from './args';
import { FETCH_DEFAULTS, FETCH_USAGE, fetchOption } from './fetch';
import { escapePath } from './text';
import { sheetsOf, summarizeRun, type CheckedRun, type Sheet } from './summary/data';
import { writeHtml } from './summary/html';
// A bundle of its own (dist/xlsx.js, with exceljs), loaded when --xlsx is given: see LAZY in scripts/build.mjs.
import { writeXlsx } from './summary/xlsx';

export const SUMMARY_USAGE = `usage: nianbao summary [--xlsx FILE] [--csv FILE] [--html FILE] [--locale zh-cn|en] [--config FILE] [--max-size SIZE] [--max-pages N] [--urls FILE] [--save DIR] [--delay MS] [--timeout MS] PATH|URL...
  checks the reports as check does and writes a summary (at least one of):
  --xlsx FILE           a workbook: 一览 (a row per report), 问题清单 (every finding), 表三 and 表四 (every cell)
  --csv FILE            the 一览 rows as CSV (UTF-8 with a BOM)
  --html FILE           one page without outside resources: the same tables, sortable and filterable, and charts
  --config FILE         the configuration for every file (default: each file's nearest .nianbao.jsonc)
  --urls FILE           addresses to fetch and check, one a line (# starts a comment)
${FETCH_USAGE.trimEnd()}`;

type Io = { stdout(s: string): void; stderr(s: string): void };

/** run.ts's checkFiles, passed in (run.ts imports this file): the files found, checked as `check` checks them. */
type CheckFiles = (
  paths: string[],
  options: { maxSize: number; maxPages: number; locale: string; save?: string; delay: number; timeout: number },
  io: Io,
) => Promise<CheckedRun & { results: { result: CheckResult }[]; incomplete: boolean; stopped?: boolean }>;

interface SummaryArgs {
  xlsx?: string;
  csv?: string;
  html?: string;
  locale: string;
  config?: string;
  maxSize: number;
  maxPages: number;
  urls?: string;
  save?: string;
  delay: number;
  timeout: number;
  paths: string[];
}

/** The addresses of a --urls file: one a line, blank lines and `#` comments left out. */
export function urlList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l.length > 0);
}

function parseArgs(argv: string[], maxSize: number): SummaryArgs | string {
  const args: SummaryArgs = { locale: 'zh-cn', maxSize, maxPages: PDF_DEFAULTS.maxPages, ...FETCH_DEFAULTS, paths: [] };
  const read = readArgs(argv, 0, args, (r) => {
    if (r.is('--xlsx')) args.xlsx = r.value('--xlsx');
    else if (r.is('--csv')) args.csv = r.value('--csv');
    else if (r.is('--html')) args.html = r.value('--html');
    else if (r.is('--urls')) args.urls = r.value('--urls');
    else return fetchOption(r, args);
    return true;
  });
  if (typeof read === 'string') return read;
  if (args.paths.length === 0 && !args.urls) return 'no PATH given';
  if (!args.xlsx && !args.csv && !args.html) return 'no output given: --xlsx, --csv or --html';
  return args;
}

/** A sheet as CSV: a BOM (so that Excel reads UTF-8), the headers, the rows; ratios as percentages. */
export function sheetCsv(sheet: Sheet): string {
  const line = (cells: string[]) => cells.join(',') + '\r\n';
  let out = '\ufeff' + line(sheet.columns.map((c) => csvCell(c.header)));
  for (const row of sheet.rows) out += line(row.map((v, i) => csvCell(typeof v === 'number' && sheet.columns[i].format === 'percent' ? formatPercent(v) : v)));
  return out;
}

export async function runSummary(
  argv: string[],
  io: Io,
  deps: {
    maxSize: number;
    checkFiles: CheckFiles;
  },
): Promise<number> {
  const args = argsOrExit(() => parseArgs(argv, deps.maxSize), SUMMARY_USAGE + '\n', io);
  if (typeof args === 'number') return args;
  const locale = normalizeLocale(args.locale);
  if (args.urls !== undefined) {
    try {
      args.paths.push(...urlList(await fs.readFile(args.urls, 'utf8')));
    } catch (e) {
      io.stderr(`nianbao: cannot read ${escapePath(args.urls)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }
  const checked = await deps.checkFiles(args.paths, args, io);
  if (checked.stopped) return 2;
  const data = summarizeRun(checked, locale);
  const sheets = sheetsOf(data);
  const outputs: [string | undefined, () => Promise<string | Uint8Array>][] = [
    [args.xlsx, () => writeXlsx(sheets)],
    [args.csv, async () => sheetCsv(sheets[0])],
    [args.html, async () => writeHtml(data, sheets)],
  ];
  let failed = false;
  for (const [file, make] of outputs) {
    if (!file) continue;
    try {
      await fs.writeFile(file, await make());
      io.stdout(t(locale, 'summary.wrote', { path: escapePath(file) }) + '\n');
    } catch (e) {
      io.stderr(`nianbao: ${t(locale, 'summary.cannotWrite', { path: escapePath(file), detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message })}\n`);
      failed = true;
    }
  }
  const reports = data.reports.filter((r) => !r.skipped);
  io.stdout(
    t(locale, 'summary.stats', {
      reports: reports.length,
      failing: reports.filter((r) => r.errors > 0).length,
      errors: reports.reduce((s, r) => s + r.errors, 0),
      warnings: reports.reduce((s, r) => s + r.warnings, 0),
    }) + '\n',
  );
  const hasError = checked.results.some((r) => r.result.findings.some((x) => x.severity === 'error'));
  return failed || checked.incomplete ? 2 : hasError ? 1 : 0;
}
