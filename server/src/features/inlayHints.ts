// Inlay hints: the computed value beside a wrong cell (`≠ 5`) when the culprit search named it.

import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatNumber } from '../engine';
import type { Checked } from '../checked';

export function inlayHints(doc: TextDocument, checked: Checked, range: Range): InlayHint[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const seen = new Set<number>();
  const hints: InlayHint[] = [];
  for (const f of checked.findings) {
    if (f.severity !== 'error' || !f.cell || f.expected === undefined || f.actual === undefined || f.expected === f.actual) continue;
    if (!f.fixes.some((x) => x.preferred) || f.end < from || f.start > to || seen.has(f.end)) continue;
    seen.add(f.end);
    hints.push({
      position: doc.positionAt(f.end),
      label: `≠ ${formatNumber(f.expected)}`,
      kind: InlayHintKind.Parameter,
      tooltip: f.message,
      paddingLeft: true,
    });
  }
  return hints;
}
