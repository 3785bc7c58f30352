// What the features share: open documents, their latest check results, settings.
//
// Memory: a full check result (model, cells, layout, memoised analyses) weighs about
// 120 KB for a report of 5,000 characters, a dozen times the text. Every open document keeps
// only what diagnostics, code actions, inlay hints, fix-all, the status item and the
// cross-year bookkeeping read (`Checked`: the findings and a few facts, a few KB). The
// full result (`FullChecked`) is kept only for the few documents whose model a feature
// read recently (hover, code lenses, symbols, folding, export: the visible editors,
// typically) and is recomputed when one asks for a document it was dropped for. Checks
// for diagnostics alone keep no full result, so the model of a report nobody looks at is
// garbage as soon as its diagnostics are out. Both kinds are keyed by version and locale,
// so neither is ever served stale.

import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments, type WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  aggregationOf,
  bodyKey,
  check,
  looksLikeReport,
  normalizeLocale,
  sameBody,
  yearFacts,
  type CheckOptions,
  type CheckResult,
  type Finding,
  type Locale,
  type ReportIdentity,
  type ReportModel,
  type YearFacts,
} from './engine';
import { WorkspaceIndex } from './workspace';
import { BaselineStore } from './baseline';
import { isIgnored } from './config';
import { pdfLimits, type Settings, type SettingsStore } from './settings';
import type { Checked, FullChecked } from './checked';
import { CheckWorker, WORKER_CHARS, WorkerStopped, type CheckReply } from './checkWorker';
import { runFeature, type FeatureParams, type FeatureResult, type FullFeature } from './features/full';
import { adaptFindings, checkedPath, checkedText, featureParams, featureResult, formOf } from './forms';

export type { Checked, FullChecked } from './checked';

/** Full results kept: those of the documents whose model features read most recently… */
const FULL_RESULTS_KEPT = 8;
/** …as long as their texts add up to at most this many characters (the most recent one is always kept). */
const FULL_RESULTS_CHARS = 4_000_000;

/** The compact part of a check result, as kept for every open document. */
export function summarizeCheck(result: CheckResult, version: number, locale: Locale, options: CheckOptions = { locale }): Checked {
  const { model } = result;
  return {
    version,
    locale,
    options,
    findings: result.findings,
    suppressed: result.suppressed.length,
    identity: result.identity,
    model: {
      template: model.template,
      year: model.year,
      tables: { disclosure: !!model.disclosure, applications: !!model.applications, appeals: !!model.appeals, legacy: !!model.legacy },
    },
  };
}

/** Full results in least-recently-used order (a Map iterates in insertion order; a hit re-inserts). */
class RecentResults {
  private entries = new Map<string, FullChecked>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  /** The entry for `uri`, marked as the most recently used. */
  get(uri: string): FullChecked | undefined {
    const e = this.entries.get(uri);
    if (e) {
      this.entries.delete(uri);
      this.entries.set(uri, e);
    }
    return e;
  }

  set(uri: string, e: FullChecked): void {
    this.delete(uri);
    this.entries.set(uri, e);
    this.chars += e.result.model.text.length;
    // Evict the least recently used until within both bounds; the newest entry stays regardless.
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= 1 || (this.entries.size <= this.maxEntries && this.chars <= this.maxChars)) break;
      this.entries.delete(oldest);
      this.chars -= old.result.model.text.length;
    }
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  delete(uri: string): void {
    const e = this.entries.get(uri);
    if (!e) return;
    this.entries.delete(uri);
    this.chars -= e.result.model.text.length;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

export class ServerState {
  /** The display language VS Code reported at initialize. */
  clientLocale: string | undefined;
  /** The compact result of every checked open document. */
  private results = new Map<string, Checked>();
  /** Full results of the few most recently used documents. */
  private full = new RecentResults(FULL_RESULTS_KEPT, FULL_RESULTS_CHARS);
  /** When each open document was last active, on a counter. */
  private activity = new Map<string, number>();
  private clock = 0;
  /** UTF-8 sizes of the documents near nianbao.maxDocumentSize, per version. */
  private sizes = new WeakMap<TextDocument, { version: number; bytes: number }>();
  /** Large documents are checked, and their model read, in this worker (checkWorker.ts). */
  private readonly worker: CheckWorker | null;
  /** Checks in the worker under way, by uri, version and locale (concurrent requests share one). */
  private inflight = new Map<string, Promise<Checked | null>>();
  /** Last year's (body, year) pairs the cross-year rule asked about, per large document. */
  private asked = new Map<string, [string, number][]>();
  /**
   * Bumped when what a document's check reads besides its text changes (`forget`: another
   * report's facts; `invalidateAll`: settings, configuration, baselines): a check begun under
   * an older stamp is stale and neither recorded nor published.
   */
  private stamps = new Map<string, number>();
  private epoch = 0;

  readonly index: WorkspaceIndex;
  /** The baselines of reviewed findings: their findings are not shown. */
  readonly baselines: BaselineStore;
  /** The workspace folders indexed (scanned again when configuration files change). */
  folders: WorkspaceFolder[] | null = null;
  /**
   * Called after every check of an open document with its facts and those they replaced in the
   * index (none when it had none): the reports that depend on them (next year's, the aggregates
   * it is a part of) are re-checked when what they read changed (features/workspace.ts).
   */
  onFactsChanged: (facts: YearFacts, before: YearFacts | undefined) => void = () => undefined;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly settings: SettingsStore,
  ) {
    this.index = new WorkspaceIndex(
      (m) => connection.console.log(m),
      async (uri) => pdfLimits(await this.settings.get(uri)),
    );
    this.baselines = new BaselineStore((m) => connection.console.log(m));
    this.index.ignored = async (file) => {
      const config = await settings.configs.forFile(file).catch(() => null);
      return !!config && isIgnored(config, file);
    };
    this.worker = CheckWorker.create((m) => connection.console.error(m));
  }

  /** Is the document checked in the worker? */
  isLarge(doc: TextDocument): boolean {
    // Forms (HTML documents, text views) are checked here: their findings are adapted (forms.ts).
    return this.worker !== null && doc.getText().length >= WORKER_CHARS && formOf(doc).kind === 'text';
  }

  /** The facts of the years a large document's cross-year rule asked about, as the index has them now. */
  private factsFor(uri: string): YearFacts[] {
    return (this.asked.get(uri) ?? []).map(([body, year]) => this.index.registry.lookup(body, year)).filter((f): f is YearFacts => !!f);
  }

  /** What the document's check reads besides its text, as a stamp: unchanged while a check is not stale. */
  stamp(uri: string): string {
    return `${this.epoch}.${this.stamps.get(uri) ?? 0}`;
  }

  /** Checks a large document in the worker; records the compact result as `compute` does. */
  private remoteCheck(doc: TextDocument, s: Settings, locale: Locale): Promise<Checked | null> {
    // A check begun before the document was forgotten is not shared: it read older facts or settings.
    const key = `${doc.uri}\n${doc.version}\n${locale}\n${this.stamp(doc.uri)}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.remoteCheckOnce(doc, s, locale).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async remoteCheckOnce(doc: TextDocument, s: Settings, locale: Locale): Promise<Checked | null> {
    const stamp = this.stamp(doc.uri);
    let r: CheckReply;
    try {
      r = await this.worker!.check(doc, locale, s, this.factsFor(doc.uri));
      // The cross-year rule asked for a year it was not given: give it what the index has, once.
      const asked = this.asked.get(doc.uri) ?? [];
      const fresh = r.misses.filter(([b, y]) => !asked.some(([b2, y2]) => b === b2 && y === y2));
      if (fresh.length > 0) {
        this.asked.set(doc.uri, [...asked, ...fresh]);
        if (fresh.some(([b, y]) => this.index.registry.lookup(b, y))) r = await this.worker!.check(doc, locale, s, this.factsFor(doc.uri));
      }
    } catch (e) {
      if (e instanceof WorkerStopped || this.documents.get(doc.uri) !== doc) return null;
      throw e;
    }
    // Closed or changed meanwhile: nothing to record.
    if (this.documents.get(doc.uri) !== doc) return null;
    const checked = this.withoutBaselined(doc, r.checked);
    // Forgotten meanwhile (a report it reads changed, or the settings): the result is given to
    // who asked, but not kept; the validation it was for publishes nothing (Validator), and the
    // check scheduled by whoever forgot it reads the new facts.
    if (this.stamp(doc.uri) !== stamp) return checked;
    const previous = this.results.get(doc.uri);
    if (!(previous?.version === doc.version && previous.locale === locale)) for (const f of r.failures) this.connection.console.error(`rule ${f.rule} failed on ${doc.uri}: ${f.error}`);
    this.results.set(doc.uri, checked);
    this.onFactsChanged(r.facts, this.index.setOpen(r.facts));
    return checked;
  }

  /** Runs a feature that reads the model of a large document in the worker; `undefined` when the document is not checked. */
  async remoteFeature<F extends FullFeature>(doc: TextDocument, name: F, params: FeatureParams<F>): Promise<FeatureResult<F> | undefined> {
    const s = await this.settings.get(doc.uri);
    if (this.documents.get(doc.uri) !== doc || !this.applies(doc, s) || this.oversize(doc, s)) return undefined;
    try {
      return await this.worker!.feature(doc, this.localeFor(s), s, this.factsFor(doc.uri), name, params);
    } catch (e) {
      if (e instanceof WorkerStopped || this.documents.get(doc.uri) !== doc) return undefined;
      throw e;
    }
  }

  localeFor(s: Settings): Locale {
    return normalizeLocale(s.locale === 'auto' ? this.clientLocale : s.locale);
  }

  /** Is this document one nianbao checks? */
  applies(doc: TextDocument, s: Settings): boolean {
    // Its configuration file's `ignore` names it.
    if (s.ignored) return false;
    if (doc.languageId === 'nianbao') return true;
    if (s.detect !== 'auto') return false;
    // An HTML document is checked when its text view (forms.ts) looks like a report; one over
    // nianbao.maxDocumentSize is not even parsed.
    if (doc.languageId === 'html') return !this.oversize(doc, s) && looksLikeReport(checkedText(doc));
    if (doc.languageId !== 'plaintext' && doc.languageId !== 'markdown') return false;
    return looksLikeReport(doc.getText());
  }

  /**
   * The document's size and the limit when it is over `nianbao.maxDocumentSize` (it is then
   * not checked), else null. UTF-8 is at least one byte per UTF-16 unit and at most three.
   */
  oversize(doc: TextDocument, s: Settings): { mb: number; limitMb: number } | null {
    const limit = s.maxDocumentSize * 1024 * 1024;
    const text = doc.getText();
    if (text.length * 3 <= limit) return null;
    let bytes = text.length;
    if (bytes <= limit) {
      // Counting a 10 MB text's bytes takes milliseconds: once per version.
      const known = this.sizes.get(doc);
      bytes = known?.version === doc.version ? known.bytes : Buffer.byteLength(text, 'utf8');
      this.sizes.set(doc, { version: doc.version, bytes });
    }
    return bytes > limit ? { mb: bytes / (1024 * 1024), limitMb: s.maxDocumentSize } : null;
  }

  /** Marks the document as the most recently active (opened, edited, asked about). */
  touch(uri: string): void {
    this.activity.set(uri, ++this.clock);
  }

  /** Open documents, the most recently active first. */
  byActivity(): TextDocument[] {
    const at = (uri: string) => this.activity.get(uri) ?? 0;
    return this.documents.all().sort((a, b) => at(b.uri) - at(a.uri));
  }

  /** The compact check result for the document's current version (computed when missing or stale). */
  resultFor(doc: TextDocument): Promise<Checked | null> {
    return this.lookup(doc, false);
  }

  /** The full check result for the document's current version (recomputed when missing, stale or dropped). */
  fullResultFor(doc: TextDocument): Promise<FullChecked | null> {
    return this.lookup(doc, true);
  }

  private lookup(doc: TextDocument, full: true): Promise<FullChecked | null>;
  private lookup(doc: TextDocument, full: false): Promise<Checked | null>;
  private async lookup(doc: TextDocument, full: boolean): Promise<Checked | null> {
    const s = await this.settings.get(doc.uri);
    // Closed (or closed and reopened) while settings were fetched: this result would be stale.
    if (this.documents.get(doc.uri) !== doc) return null;
    if (!this.applies(doc, s) || this.oversize(doc, s)) return null;
    const locale = this.localeFor(s);
    const hit = full ? this.full.get(doc.uri) : this.results.get(doc.uri);
    if (hit && hit.version === doc.version && hit.locale === locale) return hit;
    // A large document's model stays in the worker: features read it there (withFullCheck).
    if (this.isLarge(doc)) return full ? null : this.remoteCheck(doc, s, locale);
    this.worker?.forget(doc.uri);
    return this.compute(doc, s, locale, full);
  }

  /**
   * Checks the document's current version and records the compact result; the full one too
   * when a feature asked for it (`keepFull`) or one was kept for an older version.
   */
  private compute(doc: TextDocument, s: Settings, locale: Locale, keepFull: boolean): FullChecked {
    const form = formOf(doc);
    const options: CheckOptions = { locale, rules: s.rules, path: checkedPath(doc, form), lookup: this.index.registry.lookup, aliases: s.aliases, deadlines: s.deadlines, aggregations: s.aggregations, textReuse: s.textReuse };
    const result = check(checkedText(doc, form), options);
    const previous = this.results.get(doc.uri);
    // A recomputation of a dropped full result has already had its failures logged.
    const again = previous?.version === doc.version && previous.locale === locale;
    if (!again) for (const f of result.failures) this.connection.console.error(`rule ${f.rule} failed on ${doc.uri}: ${f.error}`);
    // The findings as the features read them: in the document's own offsets (forms.ts).
    const summary = this.withoutBaselined(doc, { ...summarizeCheck(result, doc.version, locale, options), findings: adaptFindings(form, result.findings, locale) });
    // Two objects: the compact entry must not hold on to the full result.
    const checked: FullChecked = { ...summary, result };
    this.results.set(doc.uri, summary);
    if (keepFull || this.full.has(doc.uri)) this.full.set(doc.uri, checked);
    const facts = yearFacts(result.model, doc.uri, result.identity);
    this.onFactsChanged(facts, this.index.setOpen(facts));
    return checked;
  }

  /** The compact result without the findings the document's baseline matched (in the document's offsets: its own text). */
  private withoutBaselined<C extends Checked>(doc: TextDocument, checked: C): C {
    const findings = this.baselines.filter(doc.uri, checked.findings, { text: doc.getText(), identity: checked.identity, template: checked.model.template });
    return findings === checked.findings ? checked : { ...checked, findings };
  }

  forget(uri: string): void {
    this.stamps.set(uri, (this.stamps.get(uri) ?? 0) + 1);
    this.results.delete(uri);
    this.full.delete(uri);
  }

  /** Drops everything kept for a closed document. */
  closed(uri: string): void {
    this.forget(uri);
    this.activity.delete(uri);
    this.asked.delete(uri);
    this.stamps.delete(uri);
    this.worker?.forget(uri);
  }

  /**
   * Open documents being checked in the worker for the first time: what they read from other
   * reports is not known until the check ends, so any change of facts may concern them.
   */
  firstChecksUnderWay(): TextDocument[] {
    const uris = new Set([...this.inflight.keys()].map((k) => k.slice(0, k.indexOf('\n'))));
    return [...uris].filter((u) => !this.results.has(u)).map((u) => this.documents.get(u)).filter((d): d is TextDocument => !!d);
  }

  /** Open documents reporting for `bodyKey` in `year` (their cross-year checks depend on others). */
  openReportsOf(bodyKey: string, year: number): TextDocument[] {
    return this.documents.all().filter((d) => {
      const c = this.results.get(d.uri);
      const r = c?.identity;
      return !!c && !!r?.bodyKey && r.year === year && sameBody(r.bodyKey, bodyKey, c.options.aliases);
    });
  }

  /**
   * Open documents whose own configuration (`aggregations`, `aliases`) makes them the aggregate
   * report of `year` that `key`'s report is a part of (their `aggregate` check depends on it).
   */
  openAggregatesOf(key: string, year: number): TextDocument[] {
    return this.documents.all().filter((d) => {
      const c = this.results.get(d.uri);
      const r = c?.identity;
      if (!c || !r?.bodyKey || r.year !== year) return false;
      const { aggregations, aliases } = c.options;
      // The rule looks each part up under its own key, then under its other spellings (lookupWithAliases).
      return !!aggregationOf(aggregations, r.bodyKey, aliases)?.parts.some((p) => sameBody(bodyKey(p), key, aliases));
    });
  }

  invalidateAll(): void {
    this.epoch++;
    this.results.clear();
    this.full.clear();
  }
}

/**
 * Runs a feature on the document's current check result; `empty` when there is none.
 * `withChecked` passes the compact result; `withFullCheck` runs a feature of
 * features/full.ts on the full one, in the check worker for a large document. A request
 * cancelled while it waits (for settings, or for the worker) is answered at once with
 * RequestCancelled; a failure becomes a log line and `empty`.
 */
export function withChecked<T>(
  state: ServerState,
  uri: string,
  token: CancellationToken,
  feature: (doc: TextDocument, checked: Checked) => T,
  empty: T,
): Promise<T> {
  return run(state, uri, token, empty, async (doc) => {
    const checked = await state.resultFor(doc);
    return !checked || token.isCancellationRequested ? empty : feature(doc, checked);
  });
}

export function withFullCheck<F extends FullFeature, E>(
  state: ServerState,
  uri: string,
  token: CancellationToken,
  name: F,
  params: FeatureParams<F>,
  empty: E,
): Promise<FeatureResult<F> | E> {
  return run<FeatureResult<F> | E>(state, uri, token, empty, async (doc) => {
    if (state.isLarge(doc)) return (await state.remoteFeature(doc, name, params)) ?? empty;
    const checked = await state.fullResultFor(doc);
    if (!checked || token.isCancellationRequested) return empty;
    const form = formOf(doc);
    if (form.kind !== 'html') return runFeature(name, doc, checked, params);
    // An HTML document: the feature reads the model of its view; positions are mapped both ways.
    const p = featureParams(doc, form, name, params);
    return p === undefined ? empty : (featureResult(doc, form, name, runFeature(name, form.viewDoc, checked, p as FeatureParams<F>)) as FeatureResult<F>);
  });
}

const CANCELLED = Symbol('cancelled');

async function run<T>(state: ServerState, uri: string, token: CancellationToken, empty: T, work: (doc: TextDocument) => Promise<T>): Promise<T> {
  const doc = state.documents.get(uri);
  if (!doc || token.isCancellationRequested) return empty;
  state.touch(uri);
  const answer = work(doc).catch((e: unknown) => {
    state.connection.console.error(`request on ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
    return empty;
  });
  let listener: { dispose(): void } | undefined;
  const cancelled = new Promise<typeof CANCELLED>((resolve) => {
    listener = token.onCancellationRequested(() => resolve(CANCELLED));
  });
  try {
    const r = await Promise.race([answer, cancelled]);
    if (r === CANCELLED) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    return r;
  } finally {
    listener?.dispose();
  }
}
