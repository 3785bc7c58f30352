// `nianbao text FILE`: the text the engine reads of a file — the file itself for text
// forms, the text view of a structured form (HTML, DOCX, PDF; io/view.ts) — on stdout.
// Ranges of `textView: true` in the JSON output are offsets in this text.

import { escapeControls, normalizeLocale, t } from '../engine';
import { readReport } from '../io/report';
import { skipReasonText } from './skip';
import { escapePath } from './text';

export const TEXT_USAGE = `usage: nianbao text [--locale zh-cn|en] FILE
  prints the text the checker reads of FILE (for HTML, Word and PDF files: their text view)
`;

export async function runText(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, maxSize: number): Promise<number> {
  let locale = 'zh-cn';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--locale') locale = argv[++i] ?? locale;
    else if (a.startsWith('--locale=')) locale = a.slice('--locale='.length);
    else if (a === '--help' || a === '-h') return io.stderr(TEXT_USAGE), 0;
    else if (a.startsWith('-') && a !== '-') return io.stderr(`nianbao: unknown option: ${a}\n${TEXT_USAGE}`), 2;
    else files.push(a);
  }
  if (files.length !== 1) return io.stderr(`nianbao: ${files.length ? 'one FILE only' : 'no FILE given'}\n${TEXT_USAGE}`), 2;
  const file = files[0];
  // Its text is printed whether or not it looks like a report.
  const read = await readReport(file, { maxSize, trust: 'content' });
  if (read.skipped === undefined || (read.skipped === 'not a report' && read.decoded)) {
    io.stdout(read.decoded!.text);
    return 0;
  }
  const loc = normalizeLocale(locale);
  const params = { path: escapePath(file), reason: skipReasonText(loc, read.skipped), detail: escapeControls(read.detail) };
  io.stderr(`nianbao: ${t(loc, read.detail ? 'cli.notChecked' : 'cli.notCheckedPlain', params)}\n`);
  return 2;
}
