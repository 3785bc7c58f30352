// The features that read a document's full check result (its model), by name: the server
// runs them on its own thread for most documents and in the check worker (worker.ts) for
// large ones, so that they are one table for both.

import type { HoverParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FullChecked } from '../checked';
import { codeLenses } from './codeLens';
import { provideHover } from './hover';
import { exportTablesRequest, newReportRequest, summaryRequest } from './requests';
import { documentSymbols, foldingRanges } from './symbols';
import { tableView } from './tableView';

export const FULL_FEATURES = {
  hover: (doc: TextDocument, c: FullChecked, p: HoverParams) => provideHover(doc, c, p),
  documentSymbol: (doc: TextDocument, c: FullChecked, _p: unknown) => documentSymbols(doc, c),
  foldingRange: (doc: TextDocument, c: FullChecked, _p: unknown) => foldingRanges(doc, c),
  codeLens: (doc: TextDocument, c: FullChecked, _p: unknown) => codeLenses(doc, c),
  exportTables: (_doc: TextDocument, c: FullChecked, p: { format: 'json' | 'csv' }) => exportTablesRequest(c, p.format),
  summary: (_doc: TextDocument, c: FullChecked, _p: unknown) => summaryRequest(c),
  tableView: (doc: TextDocument, c: FullChecked, _p: unknown) => tableView(doc, c),
  newReport: (doc: TextDocument, c: FullChecked, p: { year?: number }) => newReportRequest(doc.uri, c, p.year),
};

export type FullFeature = keyof typeof FULL_FEATURES;
export type FeatureParams<F extends FullFeature> = Parameters<(typeof FULL_FEATURES)[F]>[2];
export type FeatureResult<F extends FullFeature> = ReturnType<(typeof FULL_FEATURES)[F]>;

/** Runs a feature by name (the parameters it does not read are ignored). */
export function runFeature<F extends FullFeature>(name: F, doc: TextDocument, c: FullChecked, params: FeatureParams<F>): FeatureResult<F> {
  return (FULL_FEATURES[name] as (d: TextDocument, c: FullChecked, p: unknown) => FeatureResult<F>)(doc, c, params);
}
