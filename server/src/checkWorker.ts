// The server's end of the check worker (worker.ts): documents of at least `WORKER_CHARS`
// characters are checked there, and the features that read their model run there. A check
// of a 10 MB report takes about 1.5 s; on the server's own thread it held up every message
// behind it, cancellations included (0 of 5 cancelled hovers on an 18 MB document were
// cancelled). With the worker the server's thread only waits, so a cancellation is answered
// at once (state.ts, `run`); the worker finishes its check, whose result serves the next
// request for that version.
//
// The worker is started on the first large document and terminated when the last one
// closes, which returns its memory (its heap holds the large documents' texts and models).

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale, YearFacts } from './engine';
import type { FeatureParams, FeatureResult, FullFeature } from './features/full';
import type { Settings } from './settings';
import type { Checked } from './checked';

/** Documents this long (UTF-16 units) or longer are checked in the worker: about 0.15 s of engine time and more. */
export const WORKER_CHARS = 1_000_000;

export interface CheckInput {
  uri: string;
  version: number;
  /** Sent when the worker does not have this version's text. */
  text?: string;
  locale: Locale;
  rules: Settings['rules'];
  /** The configuration file's body aliases, if any. */
  aliases?: Settings['aliases'];
  /** The configuration file's local publication deadlines, if any. */
  deadlines?: Settings['deadlines'];
  /** The configuration file's aggregate reports, if any. */
  aggregations?: Settings['aggregations'];
  /** The configuration file's text-reuse threshold, if any. */
  textReuse?: Settings['textReuse'];
  /** Last year's facts the cross-year rule may ask for (those it asked for before). */
  facts: YearFacts[];
  /** Which text this is about: the document's slot in `latest`, and the number of the text sent. */
  slot: number;
  text_no: number;
}

export interface CheckReply {
  checked: Checked;
  facts: YearFacts;
  failures: { rule: string; error: string }[];
  /** (body, year) pairs the cross-year rule asked for and `facts` lacked. */
  misses: [string, number][];
}

/** How many large documents have a slot in `latest` (more are still checked, only never skipped). */
export const SLOTS = 1024;

export type WorkerRequest =
  | { id: number; kind: 'check'; input: CheckInput }
  | { id: number; kind: 'feature'; input: CheckInput; name: FullFeature; params: unknown }
  | { id: number; kind: 'forget'; uri: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface WorkerReply {
  id: number;
  /** The request was about a text older than the latest sent: not checked. */
  superseded?: boolean;
  value?: unknown;
  error?: string;
}

/** The worker's bundle, beside the server's (dist/worker.js); absent when the server runs unbundled. */
const WORKER_FILE = path.join(__dirname, 'worker.js');

export class CheckWorker {
  private worker: Worker | null = null;
  private next = 0;
  private calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** The version whose text the worker has, per document. */
  private sent = new Map<string, number>();
  /**
   * The number of the latest text sent, per slot, shared with the worker: a request about an
   * older text (the document was edited since) is answered as superseded without a check,
   * so that the checks of versions nobody waits for any more (their requests cancelled, their
   * diagnostics dropped) do not queue in front of the current one.
   */
  private latest = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  private slots = new Map<string, number>();
  private texts = 0;

  private constructor(private readonly log: (message: string) => void) {}

  /** The worker, or null where its bundle is missing (the engine then runs on the server's thread). */
  static create(log: (message: string) => void): CheckWorker | null {
    return existsSync(WORKER_FILE) ? new CheckWorker(log) : null;
  }

  check(doc: TextDocument, locale: Locale, s: Settings, facts: YearFacts[]): Promise<CheckReply> {
    return this.call({ kind: 'check', input: this.input(doc, locale, s, facts) }) as Promise<CheckReply>;
  }

  feature<F extends FullFeature>(doc: TextDocument, locale: Locale, s: Settings, facts: YearFacts[], name: F, params: FeatureParams<F>): Promise<FeatureResult<F>> {
    return this.call({ kind: 'feature', input: this.input(doc, locale, s, facts), name, params }) as Promise<FeatureResult<F>>;
  }

  /** The document closed (or shrank): the worker drops it, and ends when it holds none. */
  forget(uri: string): void {
    const slot = this.slots.get(uri);
    if (slot !== undefined) {
      this.slots.delete(uri);
      Atomics.store(this.latest, slot, 0);
    }
    if (!this.sent.delete(uri)) return;
    if (this.sent.size > 0) this.worker?.postMessage({ id: ++this.next, kind: 'forget', uri } satisfies WorkerRequest);
    else this.stop('no large document is open');
  }

  private input(doc: TextDocument, locale: Locale, s: Settings, facts: YearFacts[]): CheckInput {
    const slot = this.slotOf(doc.uri);
    const input: CheckInput = { uri: doc.uri, version: doc.version, locale, rules: s.rules, aliases: s.aliases, deadlines: s.deadlines, aggregations: s.aggregations, textReuse: s.textReuse, facts, slot, text_no: 0 };
    if (this.sent.get(doc.uri) !== doc.version || !this.worker) {
      input.text = doc.getText();
      this.sent.set(doc.uri, doc.version);
      if (slot >= 0) Atomics.store(this.latest, slot, ++this.texts);
    }
    input.text_no = slot >= 0 ? Atomics.load(this.latest, slot) : 0;
    return input;
  }

  private slotOf(uri: string): number {
    let slot = this.slots.get(uri);
    if (slot === undefined) {
      const used = new Set(this.slots.values());
      for (let k = 0; k < SLOTS && slot === undefined; k++) if (!used.has(k)) slot = k;
      if (slot === undefined) return -1;
      this.slots.set(uri, slot);
    }
    return slot;
  }

  private call(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<unknown> {
    const worker = this.start();
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, { workerData: { latest: this.latest } });
    worker.on('message', (r: WorkerReply) => {
      const call = this.calls.get(r.id);
      if (!call) return;
      this.calls.delete(r.id);
      if (r.superseded) call.reject(new WorkerStopped('superseded by a newer text of the document'));
      else if (r.error !== undefined) call.reject(new Error(r.error));
      else call.resolve(r.value);
    });
    worker.on('error', (e) => this.log(`check worker failed: ${e.stack ?? e.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      if (code !== 0) this.log(`check worker exited with code ${code}`);
      this.drop(worker, `the check worker exited (code ${code})`);
    });
    this.worker = worker;
    return worker;
  }

  private stop(reason: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.drop(worker, reason);
    void worker.terminate();
  }

  /** Forgets the worker: its pending calls fail, every text must be sent again. */
  private drop(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.sent.clear();
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const c of calls) c.reject(new WorkerStopped(reason));
  }
}

/** A call the worker did not answer: it was stopped (its last document closed), or the text was superseded. */
export class WorkerStopped extends Error {}
