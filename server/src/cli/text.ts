// Compiler-style text output: file:line:col: severity [code] message (1-based).
// Control characters in file names and messages are escaped, so that one finding is
// always one line (a newline in a file name cannot forge a finding line for a problem
// matcher; see escapePath). The last lines are the totals — with the suppressed and the baselined
// findings when there are any — and, when files were skipped, how many and why.

import { escapeControls, LineIndex, t, type Locale } from '../engine';
import type { SlimResult } from './checkFile';
import { skipReasonText, type SkipReason } from './skip';

export interface TextOptions {
  locale?: Locale;
  skipped?: { file: string; reason: SkipReason }[];
}

/**
 * A file name for a finding line: control characters escaped (`\n`, `\x1b`, …), and a
 * colon that starts a `:line:col: ` of its own written `\x3a`, so that neither a newline
 * nor a name such as `x.txt:1:1: error [carry-over] …` can pass for a finding to a reader
 * or a problem matcher. Other names are printed as they are.
 */
export function escapePath(file: string): string {
  return escapeControls(file).replace(/:(?=\d+:\d+: )/g, '\\x3a');
}

export function formatText(results: { file: string; result: SlimResult }[], options: TextOptions = {}): string {
  const locale = options.locale ?? 'zh-cn';
  let out = '';
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let suppressed = 0;
  let baselined = 0;
  for (const { file, result } of results) {
    const idx = new LineIndex(result.model.text);
    const name = escapePath(file);
    suppressed += result.suppressed.length;
    baselined += result.baselined?.length ?? 0;
    for (const f of result.findings) {
      const p = idx.positionAt(f.start);
      counts[f.severity]++;
      out += `${name}:${p.line + 1}:${p.character + 1}: ${f.severity} [${f.code}] ${escapeControls(f.message)}\n`;
    }
  }
  out += `${results.length} file(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} note(s)`;
  if (suppressed) out += t(locale, 'cli.suppressed', { count: suppressed });
  if (baselined) out += t(locale, 'cli.baselined', { count: baselined });
  out += '\n';
  const skipped = options.skipped ?? [];
  if (skipped.length) {
    const byReason = new Map<SkipReason, number>();
    for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    const reasons = [...byReason].map(([reason, count]) => t(locale, 'cli.skippedReason', { count, reason: skipReasonText(locale, reason) }));
    out += t(locale, 'cli.skipped', { count: skipped.length, reasons: reasons.join(t(locale, 'cli.listSeparator')) }) + '\n';
  }
  return out;
}
