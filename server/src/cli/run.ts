// The CLI's logic, separate from process handling so tests can call it.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { check, looksLikeReport, type CheckResult } from '../engine';
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

/**
 * Bytes → text: a BOM decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8;
 * else zero bytes in every other position mean UTF-16 without a BOM; else GB18030
 * (a superset of GBK and GB2312, what Chinese Windows writes).
 */
export function decode(buf: Buffer): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // not UTF-8
  }
  const sample = buf.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? oddZeros++ : evenZeros++);
  if (oddZeros > sample.length / 8 && evenZeros < oddZeros / 4) return { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le' };
  if (evenZeros > sample.length / 8 && oddZeros < evenZeros / 4) return { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be' };
  return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
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
  const results: { file: string; result: CheckResult }[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = decode(await fs.readFile(f.file)).text;
    } catch (e) {
      io.stderr(`nianbao: cannot read ${f.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    if (!f.explicit && !f.file.endsWith('.nianbao') && !looksLikeReport(text)) continue;
    const result = check(text, { locale: args.locale });
    for (const failure of result.failures) io.stderr(`nianbao: internal error in rule ${failure.rule} on ${f.file}: ${failure.error}\n`);
    results.push({ file: f.file, result });
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
