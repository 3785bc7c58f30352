// What the features share: open documents, their latest check results, settings.

import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { check, looksLikeReport, normalizeLocale, yearFacts, type CheckResult, type Locale, type YearFacts } from './engine';
import { WorkspaceIndex } from './workspace';
import type { Settings, SettingsStore } from './settings';

export interface Checked {
  version: number;
  result: CheckResult;
  locale: Locale;
}

export class ServerState {
  /** The display language VS Code reported at initialize. */
  clientLocale: string | undefined;
  private results = new Map<string, Checked>();

  readonly index: WorkspaceIndex;
  /** Called when an open document's cross-year facts changed (its next year's report must be re-checked). */
  onFactsChanged: (facts: YearFacts) => void = () => undefined;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly settings: SettingsStore,
  ) {
    this.index = new WorkspaceIndex((m) => connection.console.log(m));
  }

  localeFor(s: Settings): Locale {
    return normalizeLocale(s.locale === 'auto' ? this.clientLocale : s.locale);
  }

  /** Is this document one nianbao checks? */
  applies(doc: TextDocument, s: Settings): boolean {
    if (doc.languageId === 'nianbao') return true;
    if (s.detect !== 'auto') return false;
    if (doc.languageId !== 'plaintext' && doc.languageId !== 'markdown') return false;
    return looksLikeReport(doc.getText());
  }

  /** The check result for the document's current version (computed when missing or stale). */
  async resultFor(doc: TextDocument): Promise<Checked | null> {
    const s = await this.settings.get(doc.uri);
    // Closed (or closed and reopened) while settings were fetched: this result would be stale.
    if (this.documents.get(doc.uri) !== doc) return null;
    if (!this.applies(doc, s)) return null;
    const locale = this.localeFor(s);
    const cached = this.results.get(doc.uri);
    if (cached && cached.version === doc.version && cached.locale === locale) return cached;
    const result = check(doc.getText(), { locale, rules: s.rules, path: doc.uri, lookup: this.index.registry.lookup });
    const checked: Checked = { version: doc.version, result, locale };
    for (const f of checked.result.failures) this.connection.console.error(`rule ${f.rule} failed on ${doc.uri}: ${f.error}`);
    this.results.set(doc.uri, checked);
    const facts = yearFacts(result.model, doc.uri, result.identity);
    if (this.index.setOpen(facts)) this.onFactsChanged(facts);
    return checked;
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  /** Open documents reporting for `bodyKey` in `year` (their cross-year checks depend on others). */
  openReportsOf(bodyKey: string, year: number): TextDocument[] {
    return this.documents.all().filter((d) => {
      const r = this.results.get(d.uri)?.result.identity;
      return r?.bodyKey === bodyKey && r.year === year;
    });
  }

  invalidateAll(): void {
    this.results.clear();
  }
}

/** Runs a feature on the document's current check result; `empty` when there is none or the request was cancelled. */
export async function withChecked<T>(
  state: ServerState,
  uri: string,
  token: CancellationToken,
  feature: (doc: TextDocument, checked: Checked) => T,
  empty: T,
): Promise<T> {
  const doc = state.documents.get(uri);
  if (!doc || token.isCancellationRequested) return empty;
  const checked = await state.resultFor(doc);
  if (!checked || token.isCancellationRequested) return empty;
  try {
    return feature(doc, checked);
  } catch (e) {
    state.connection.console.error(`request on ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
    return empty;
  }
}
