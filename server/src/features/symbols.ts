// Document symbols (Outline view, breadcrumbs) and folding ranges: parts → tables → rows.

import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { outline, type OutlineNode } from '../engine';
import type { FullChecked } from '../checked';

const KIND: Record<OutlineNode['kind'], SymbolKind> = { part: SymbolKind.Namespace, table: SymbolKind.Struct, row: SymbolKind.Field };

function toSymbol(doc: TextDocument, n: OutlineNode): DocumentSymbol {
  const range = { start: doc.positionAt(n.start), end: doc.positionAt(Math.max(n.end, n.selectEnd)) };
  const selectionRange = { start: doc.positionAt(n.selectStart), end: doc.positionAt(n.selectEnd) };
  return { name: n.name || '—', detail: n.detail, kind: KIND[n.kind], range, selectionRange, children: n.children.map((c) => toSymbol(doc, c)) };
}

export function documentSymbols(doc: TextDocument, checked: FullChecked): DocumentSymbol[] {
  return outline(checked.result.context).map((n) => toSymbol(doc, n));
}

export function foldingRanges(doc: TextDocument, checked: FullChecked): FoldingRange[] {
  const out: FoldingRange[] = [];
  const visit = (n: OutlineNode) => {
    if (n.kind === 'row') return;
    const start = doc.positionAt(n.start).line;
    const end = doc.positionAt(n.end).line;
    if (end > start) out.push({ startLine: start, endLine: end, kind: n.kind === 'part' ? FoldingRangeKind.Region : undefined });
    n.children.forEach(visit);
  };
  outline(checked.result.context).forEach(visit);
  return out;
}
