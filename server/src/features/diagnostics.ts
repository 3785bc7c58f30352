// Diagnostics: debounced validation on change (or on save), published only for
// the version they were computed from.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { t } from '../engine';
import type { ServerState } from '../state';
import { sendStatus } from './status';
import { toDiagnostic } from './toDiagnostic';

/** Documents re-checked at a time after a settings change, between turns of the event loop. */
const REVALIDATION_SLICE = 16;

export class Validator {
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents waiting for a re-check after a settings change, the most recently active first. */
  private backlog: string[] = [];
  private draining = false;
  /** The version and content of the diagnostics last published, per document. */
  private published = new Map<string, { version: number; payload: string }>();

  constructor(private readonly state: ServerState) {}

  /** Schedules a check after the debounce delay; a newer change resets the timer. */
  schedule(doc: TextDocument, reason: 'open' | 'change' | 'save'): void {
    this.state.touch(doc.uri);
    void this.state.settings.get(doc.uri).then((s) => {
      if (reason === 'change' && s.validate === 'onSave') return;
      const delay = reason === 'change' ? s.debounceMs : 0;
      this.cancel(doc.uri);
      this.timers.set(
        doc.uri,
        setTimeout(() => {
          this.timers.delete(doc.uri);
          void this.validate(doc.uri);
        }, delay),
      );
    });
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  async validate(uri: string): Promise<void> {
    const doc = this.state.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const stamp = this.state.stamp(uri);
    try {
      const s = await this.state.settings.get(uri);
      const over = this.state.documents.get(uri) === doc && this.state.applies(doc, s) ? this.state.oversize(doc, s) : null;
      if (over) {
        if (this.published.delete(uri)) await this.state.connection.sendDiagnostics({ uri, version, diagnostics: [] });
        const locale = this.state.localeFor(s);
        sendStatus(this.state.connection, uri, null, t(locale, 'server.tooLarge', { size: over.mb.toFixed(1), limit: over.limitMb }));
        return;
      }
      const checked = await this.state.resultFor(doc);
      // The document may have changed or closed while settings were fetched: never publish stale results.
      const now = this.state.documents.get(uri);
      if (!now || now !== doc || now.version !== version) return;
      // Forgotten meanwhile (features/workspace.ts: a report it reads changed; settings): what was
      // checked may have read the old facts. Whoever forgot it scheduled a check of its own.
      if (this.state.stamp(uri) !== stamp) return;
      const diagnostics = checked ? checked.findings.map((f) => toDiagnostic(doc, f)) : [];
      if (!checked && !this.published.has(uri)) return;
      // Re-checks that change nothing (after the workspace index is ready, say) publish nothing:
      // republishing would make the editor redraw and close an open hover.
      const payload = JSON.stringify(diagnostics);
      const last = this.published.get(uri);
      if (last && last.version === version && last.payload === payload) return;
      this.published.set(uri, { version, payload });
      await this.state.connection.sendDiagnostics({ uri, version, diagnostics });
      sendStatus(this.state.connection, uri, checked);
    } catch (e) {
      this.state.connection.console.error(`validation of ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  closed(uri: string): void {
    this.cancel(uri);
    if (this.published.delete(uri)) void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Re-checks every open document (settings changed, the index is ready): the most recently
   * active first, a slice at a time, yielding to the event loop between slices so that a
   * document opened or edited meanwhile is checked before the rest of the backlog (its own
   * schedule does not wait for it), and one settings request per document in the slice only.
   */
  revalidateAll(): void {
    this.backlog = this.state.byActivity().map((d) => d.uri);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.backlog.length > 0) {
        await Promise.all(this.backlog.splice(0, REVALIDATION_SLICE).map((uri) => this.validate(uri)));
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.draining = false;
    }
  }
}
