// Compiler-style text output: file:line:col: severity [code] message (1-based).

import { LineIndex, type CheckResult } from '../engine';

export function formatText(results: { file: string; result: CheckResult }[]): string {
  let out = '';
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const { file, result } of results) {
    const idx = new LineIndex(result.model.text);
    for (const f of result.findings) {
      const p = idx.positionAt(f.start);
      counts[f.severity]++;
      out += `${file}:${p.line + 1}:${p.character + 1}: ${f.severity} [${f.code}] ${f.message}\n`;
    }
  }
  out += `${results.length} file(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} note(s)\n`;
  return out;
}
