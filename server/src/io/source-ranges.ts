// Findings computed on the text view of a structured form, moved into its source text
// (HTML: ranges in the file, fixes that edit the file). The result reads as if the engine
// had checked the source: its model's text is the source, so line and column positions
// (CLI text, JSON, SARIF; the editor's diagnostics) are the file's. Pure: no fs, no vscode.

import type { CheckResult, Finding } from '../engine';
import { toSourceOffsets, type TextView } from './view';

/** Text typed into HTML: `&`, `<` and `>` as character references. */
export function escapeHtmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A finding's range, related ranges and fix edits in the source (an edit's new text escaped for HTML). */
export function findingInSource(f: Finding, view: TextView, source: string): Finding {
  const map = (start: number, end: number) => toSourceOffsets(view, source, start, end) ?? { start: 0, end: 0 };
  return {
    ...f,
    ...map(f.start, f.end),
    related: f.related.map((r) => (r.external ? r : { ...r, ...map(r.start, r.end) })),
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, ...map(e.start, e.end), newText: escapeHtmlText(e.newText) })) })),
  };
}

/** The check result with every range in `source` and the model's text the source (see the file comment). */
export function resultInSource(result: CheckResult, view: TextView, source: string): CheckResult {
  return {
    ...result,
    model: { ...result.model, text: source },
    findings: result.findings.map((f) => findingInSource(f, view, source)),
    suppressed: result.suppressed.map((f) => findingInSource(f, view, source)),
  };
}
