// The CLI's logic, separate from process handling so tests can call it.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { check, identifyReport, looksLikeReport, parse, YearRegistry, yearFacts, type CheckResult } from '../engine';
import { decode } from '../io/decode';

export { decode };
import { toJsonFile, type JsonFile } from './json';
import { toSarif } from './sarif';
import { formatText } from './text';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `usage: nianbao check [--format text|json|sarif] [--locale zh-cn|en] PATH...
  PATH  report files, or folders searched recursively for *.txt, *.md and *.nianbao reports
`;

const REPORT_FILE = /\.(txt|md|markdown|nianbao)$/i;

interface Args {
  format: 'text' | 'json' | 'sarif';
  locale: string;
  paths: string[];
}

function parseArgs(argv: string[]): Args | string {
  if (argv[0] !== 'check') return argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' ? '' : `unknown command: ${argv[0]}`;
  const args: Args = { format: 'text', locale: 'zh-cn', paths: [] };
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
    } else if (a === '--help' || a === '-h') {
      return '';
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option: ${a}`;
    } else args.paths.push(a);
  }
  if (args.paths.length === 0) return 'no PATH given';
  return args;
}

/** Files named on the command line are always checked; files found in folders only when they look like reports. */
async function expand(p: string, explicit: boolean, out: { file: string; explicit: boolean }[]): Promise<void> {
  const st = await fs.stat(p);
  if (st.isDirectory()) {
    const entries = (await fs.readdir(p, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = path.join(p, e.name);
      if (e.isDirectory()) await expand(child, false, out);
      else if (e.isFile() && REPORT_FILE.test(e.name)) out.push({ file: child, explicit: false });
    }
  } else out.push({ file: p, explicit });
}

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
  const files: { file: string; explicit: boolean }[] = [];
  for (const p of args.paths) {
    try {
      await expand(p, true, files);
    } catch (e) {
      io.stderr(`nianbao: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }
  // First pass: read every report and note who reported for which year, so that
  // each report can be checked against the same body's previous year among the files given.
  const reports: { file: string; text: string }[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = decode(await fs.readFile(f.file)).text;
    } catch (e) {
      io.stderr(`nianbao: cannot read ${f.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    if (!f.explicit && !f.file.endsWith('.nianbao') && !looksLikeReport(text)) continue;
    reports.push({ file: f.file, text });
  }
  const years = new YearRegistry();
  for (const r of reports) {
    const model = parse(r.text);
    years.add(yearFacts(model, r.file, identifyReport(r.text, r.file, model.year)));
  }
  const results: { file: string; result: CheckResult }[] = [];
  for (const r of reports) {
    const result = check(r.text, { locale: args.locale, path: r.file, lookup: years.lookup });
    for (const failure of result.failures) io.stderr(`nianbao: internal error in rule ${failure.rule} on ${r.file}: ${failure.error}\n`);
    results.push({ file: r.file, result });
  }
  const hasError = results.some((r) => r.result.findings.some((x) => x.severity === 'error'));
  if (args.format === 'json') {
    const files: JsonFile[] = results.map((r) => toJsonFile(r.file, r.result));
    io.stdout(JSON.stringify({ version: 1, files }, null, 2) + '\n');
  } else if (args.format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(results, { locale: args.locale }), null, 2) + '\n');
  } else {
    io.stdout(formatText(results));
  }
  return hasError ? 1 : 0;
}
