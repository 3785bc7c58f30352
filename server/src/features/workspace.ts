// Workspace features: indexing the folders' reports, keeping the index current
// from file events, re-checking the open reports that depend on one that changed (next
// year's report of its body, the aggregates it is a part of), checking every report in the
// workspace, and the trends of one body.

import { fileURLToPath } from 'node:url';
import { FileChangeType, type CancellationToken, type DidChangeWatchedFilesParams, type WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check, fingerprintContext, t, trendLabel, trendRows, trendSvg, TREND_COLUMNS, type YearFacts } from '../engine';
import { CONFIG_FILE_NAME } from '../config';
import { readReport } from '../io/report';
import { isBaselineUri } from '../baseline';
import { MAX_BYTES, sameForAggregate, sameForNextYear } from '../workspace';
import type { CheckWorkspaceResult, TrendsData, UriParams } from '../protocol';
import { summarizeCheck, type ServerState } from '../state';
import type { Validator } from './diagnostics';
import { toDiagnostic } from './toDiagnostic';
import { sendStatus } from './status';
import { pdfLimits } from '../settings';

/** Indexes the folders' reports; resolves when the first scan is done (at once without folders). */
export function startIndexing(state: ServerState, folders: WorkspaceFolder[] | null | undefined, validator: Validator): Promise<void> {
  state.folders = folders ?? null;
  const uris = (folders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:'));
  if (uris.length === 0) return Promise.resolve();
  const excludes = (folder: string) =>
    state.connection.workspace.getConfiguration({ scopeUri: folder, section: 'files.exclude' }).then((v) => v as Record<string, unknown> | undefined);
  return state.index.scan(uris, state.settings.pull ? excludes : async () => undefined).then(() => {
    // Open reports may have checked before their previous year was indexed.
    state.invalidateAll();
    validator.revalidateAll();
  });
}

/**
 * A report's facts in the index went from `before` to `after` (either absent: created,
 * deleted, opened, closed): re-checks the open reports that read what changed, for its old
 * identity and its new one — the next year's reports of its body (`cross-year`: their
 * carry-over) and the open aggregates that list its body among their parts of the same year
 * (`aggregate`: their sums, or the parts they find missing), as each one's own configuration says.
 */
export function dependentsChanged(state: ServerState, validator: Validator, after: YearFacts | null | undefined, before: YearFacts | null | undefined): void {
  const nextYear = !before || !after || !sameForNextYear(before, after);
  const aggregates = !before || !after || !sameForAggregate(before, after);
  if (!nextYear && !aggregates) return;
  const due = new Set<TextDocument>();
  for (const f of [before, after]) {
    if (!f?.bodyKey || f.year === null) continue;
    if (nextYear) for (const doc of state.openReportsOf(f.bodyKey, f.year + 1)) due.add(doc);
    if (aggregates) for (const doc of state.openAggregatesOf(f.bodyKey, f.year)) if (doc.uri !== f.location) due.add(doc);
  }
  // A large document in its first check is not known as anyone's next year or aggregate yet.
  for (const doc of state.firstChecksUnderWay()) if (doc.uri !== after?.location && doc.uri !== before?.location) due.add(doc);
  for (const doc of due) {
    state.forget(doc.uri);
    validator.schedule(doc, 'open');
  }
}

export async function watchedFilesChanged(state: ServerState, validator: Validator, params: DidChangeWatchedFilesParams): Promise<void> {
  const configs = params.changes.filter((c) => c.uri.startsWith('file:') && isConfigUri(c.uri));
  if (configs.length > 0) {
    // A `.nianbao.jsonc` created, changed or deleted: every document's configuration is looked for
    // again; each changed file is read now, so its problems show even when no open document uses it.
    state.settings.configsChanged();
    for (const c of configs) {
      if (c.type === FileChangeType.Deleted) state.connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
      else void state.settings.configs.load(fileURLToPath(c.uri));
    }
    state.invalidateAll();
    validator.revalidateAll();
    // Their `ignore` patterns decide which files the index holds: the folders are scanned again.
    void startIndexing(state, state.folders, validator);
  }
  for (const change of params.changes) {
    if (!change.uri.startsWith('file:') || isConfigUri(change.uri)) continue;
    // A baseline of reviewed findings created, changed or deleted: every open document is checked again with it.
    if (isBaselineUri(change.uri)) {
      state.baselines.changed();
      state.invalidateAll();
      validator.revalidateAll();
      continue;
    }
    // The index's entry before and after (an open document's stays its live one).
    const before = state.index.registry.get(change.uri);
    if (change.type === FileChangeType.Deleted) state.index.removeFile(change.uri);
    else await state.index.indexFile(fileURLToPath(change.uri));
    dependentsChanged(state, validator, state.index.registry.get(change.uri), before);
  }
}

const isConfigUri = (uri: string) => uri.endsWith(`/${CONFIG_FILE_NAME}`);

/** Progress of 「检查工作区」: the LSP work-done progress the client asked for, or one the server created (or none). */
export interface CheckWorkspaceProgress {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

/** Reports progress after the first file, the last, and in between at most this often (ms). */
const PROGRESS_EVERY_MS = 100;

/**
 * 「检查工作区内全部年报」: publishes diagnostics for every indexed report that is not open.
 * Reports its progress (files done of all) and stops between two files when `token` is
 * cancelled — the request cancelled, or its progress cancelled in the client — answering
 * with the files checked so far and `cancelled`.
 */
export async function checkWorkspace(state: ServerState, token?: CancellationToken, progress?: CheckWorkspaceProgress): Promise<CheckWorkspaceResult> {
  await state.index.ready();
  let errors = 0;
  let warnings = 0;
  let files = 0;
  const uris = state.index.diskReports();
  const locale = state.localeFor(await state.settings.get(uris[0] ?? ''));
  const message = (done: number) => t(locale, 'server.checkWorkspace.progress', { done, total: uris.length });
  progress?.begin(t(locale, 'server.checkWorkspace.title'), 0, message(0), true);
  let reported = Date.now();
  try {
    for (const uri of uris) {
      if (token?.isCancellationRequested) return { files, errors, warnings, cancelled: true };
      const s = await state.settings.get(uri);
      // Read as the index read it; a file that has since become too large, a pipe or no report is passed over.
      const read = await readReport(fileURLToPath(uri), { maxSize: MAX_BYTES, trust: 'name', ...pdfLimits(s) });
      files++;
      if (!read.skipped && !s.ignored) {
        const { text, decoded } = read;
        const checked = check(text, { locale: state.localeFor(s), rules: s.rules, path: uri, lookup: state.index.registry.lookup, source: decoded, aliases: s.aliases, deadlines: s.deadlines, aggregations: s.aggregations, textReuse: s.textReuse });
        // Findings its baseline matched are left out, as for an open report.
        const result = { ...checked, findings: state.baselines.filter(uri, checked.findings, fingerprintContext(checked)) };
        const doc = TextDocument.create(uri, 'nianbao', 0, text);
        errors += result.findings.filter((f) => f.severity === 'error').length;
        warnings += result.findings.filter((f) => f.severity === 'warning').length;
        await state.connection.sendDiagnostics({ uri, diagnostics: result.findings.map((f) => toDiagnostic(doc, f)) });
        sendStatus(state.connection, uri, summarizeCheck(result, 0, state.localeFor(s)));
      }
      if (files === 1 || files === uris.length || Date.now() - reported >= PROGRESS_EVERY_MS) {
        progress?.report(Math.floor((files / uris.length) * 100), message(files));
        reported = Date.now();
      }
    }
  } finally {
    progress?.done();
  }
  return { files, errors, warnings };
}

export async function trends(state: ServerState, params: UriParams): Promise<TrendsData | null> {
  const doc = state.documents.get(params.uri);
  const checked = doc && (await state.resultFor(doc));
  if (!checked) return null;
  await state.index.ready();
  const { identity } = checked;
  const facts = identity.bodyKey ? state.index.registry.ofBody(identity.bodyKey) : (state.index.registry.get(params.uri) ? [state.index.registry.get(params.uri)!] : []);
  const rows = trendRows(facts);
  return {
    body: identity.body,
    locale: checked.locale,
    columns: TREND_COLUMNS.map((c) => ({ key: c.key, label: trendLabel(c.key, checked.locale), rate: !!c.rate })),
    rows,
    svg: trendSvg(rows, checked.locale),
  };
}
