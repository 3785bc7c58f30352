// `nianbao new --from LAST_YEAR_FILE [--year N] [-o FILE]`: this year's report as a skeleton
// (engine/skeleton.ts) from last year's report of the same body, on stdout or into FILE.

import { promises as fs } from 'node:fs';
import { escapeControls, identifyReport, normalizeLocale, parse, reportSkeleton, t } from '../engine';
import { readReport } from '../io/report';
import { skipReasonText } from './skip';
import { escapePath } from './text';

export const NEW_USAGE = `usage: nianbao new --from LAST_YEAR_FILE [--year N] [-o FILE] [--locale zh-cn|en]
  writes this year's report skeleton: the template in force, the six parts' headings, tables
  二, 三 and 四 with 上年结转 and 现行有效件数 carried from LAST_YEAR_FILE, every other cell blank
`;

export async function runNew(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, maxSize: number): Promise<number> {
  let from: string | undefined;
  let out: string | undefined;
  let year: number | null = null;
  let locale = 'zh-cn';
  for (let i = 0; i < argv.length; i++) {
    const [a, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (a === '--from') from = value();
    else if (a === '-o' || a === '--output') out = value();
    else if (a === '--locale') locale = value() ?? locale;
    else if (a === '--year') {
      const v = value();
      if (!v || !/^(?:19|20)[0-9]{2}$/.test(v)) return io.stderr(`nianbao: --year ${v ?? ''}: not a year\n${NEW_USAGE}`), 2;
      year = Number(v);
    } else if (a === '--help' || a === '-h') return io.stderr(NEW_USAGE), 0;
    else return io.stderr(`nianbao: unknown argument: ${a}\n${NEW_USAGE}`), 2;
  }
  if (!from) return io.stderr(`nianbao: no --from file given\n${NEW_USAGE}`), 2;
  const loc = normalizeLocale(locale);
  const read = await readReport(from, { maxSize, trust: 'content' });
  if (read.skipped !== undefined) {
    const params = { path: escapePath(from), reason: skipReasonText(loc, read.skipped), detail: escapeControls(read.detail) };
    io.stderr(`nianbao: ${t(loc, read.detail ? 'cli.notChecked' : 'cli.notCheckedPlain', params)}\n`);
    return 2;
  }
  const text = read.decoded!.text;
  const skeleton = reportSkeleton(parse(text), identifyReport(text, from).body, year);
  if (!skeleton) return io.stderr(`nianbao: ${t(loc, 'skeleton.noTemplate', { path: escapePath(from) })}\n`), 2;
  if (out === undefined || out === '-') io.stdout(skeleton.text);
  else await fs.writeFile(out, skeleton.text, 'utf8');
  return 0;
}
