// How `nianbao check` reads and checks its files: on its own thread (`--jobs 1`, and small
// runs), or in a pool of worker threads (poolWorker.ts), one per core by default.
//
// A run has two steps (run.ts): every file is read, parsed and its year facts noted; then
// each report is checked against the facts of all (the same body's previous year among the
// files given). In the pool, files are handed out one at a time to whichever worker is free;
// a worker keeps what it read (text and model) for the second step. Between the steps the
// facts a lookup can answer with (one report per body and year, chosen as YearRegistry
// chooses) are written once, as JSON, into one SharedArrayBuffer every worker reads; a worker
// parses only the facts its reports look up. (Sending every report's facts to every worker,
// as objects or one string, cost each worker a parse of all of them: the pool was no faster
// than one thread.) Only plain results come back (the JSON entry, or the findings with the
// text), never a model, so the output is the same as on one thread, byte for byte: the run
// puts every answer in the files' order.

import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { YearRegistry, type YearFacts } from '../engine';
import { type CheckSettings, checkOne, readOne, type FileChecked, type FileJob, type FileReadSummary, type Held, type ReadSettings } from './checkFile';

/** Reads and checks the files of a run; index i of every answer is `jobs[i]`. */
export interface FileRunner {
  /** The first step: each file read, a report parsed and kept with its year facts; `onFile` after each. */
  read(jobs: FileJob[], settings: ReadSettings, onFile: () => void): Promise<FileReadSummary[]>;
  /** The second step: each report read checked against the year facts of all (added in the files' order); undefined for files skipped. */
  check(settings: CheckSettings, onFile: () => void): Promise<(FileChecked | undefined)[]>;
  close(): Promise<void>;
}

/** Messages to a pool worker. */
export type PoolRequest =
  | { kind: 'read'; index: number; job: FileJob; settings: ReadSettings }
  /** `facts`: the facts lookups can answer with (see SharedFacts). */
  | { kind: 'check'; facts: SharedFacts; settings: CheckSettings };

/** What a worker tells of a report it read: its facts as JSON, and what the registry files them under. */
export interface FactsReply {
  json: string;
  location: string;
  bodyKey: string | null;
  year: number | null;
}

/** Messages from a pool worker: one per file read or checked, `checked-all` when its check step is done. */
export type PoolReply =
  | { kind: 'read'; index: number; read: FileReadSummary; facts?: FactsReply }
  | { kind: 'checked'; index: number; checked: FileChecked }
  | { kind: 'checked-all' }
  | { kind: 'error'; index: number; error: string };

/** The facts a lookup can answer with, as UTF-8 JSON in one buffer the workers share: `bodyKey|year` → [byte offset, byte length]. */
export interface SharedFacts {
  buffer: SharedArrayBuffer;
  index: [key: string, offset: number, length: number][];
}

/** The registry the check step looks last years up in: the facts added in the run's order. */
export function registryOf(facts: YearFacts[]): YearRegistry {
  const years = new YearRegistry();
  for (const f of facts) years.add(f);
  return years;
}

const keyOf = (bodyKey: string, year: number) => `${bodyKey}|${year}`;

/**
 * The facts of the reports a lookup can return (YearRegistry's choice among the reports of
 * one body and year, added in the run's order), written once into shared memory.
 */
export function shareFacts(facts: FactsReply[]): SharedFacts {
  // The registry over stand-ins: which report each body and year resolves to is its choice, not a copy of it.
  const stand = new Map<YearFacts, FactsReply>();
  const chosen = new Map<string, FactsReply>();
  const { lookup } = registryOf(
    facts.map((f) => {
      const s = { location: f.location, bodyKey: f.bodyKey, year: f.year } as YearFacts;
      stand.set(s, f);
      return s;
    }),
  );
  for (const f of facts) {
    if (f.bodyKey === null || f.year === null) continue;
    const k = keyOf(f.bodyKey, f.year);
    if (!chosen.has(k)) chosen.set(k, stand.get(lookup(f.bodyKey, f.year)!)!);
  }
  let size = 0;
  for (const f of chosen.values()) size += Buffer.byteLength(f.json);
  const buffer = new SharedArrayBuffer(size);
  const bytes = Buffer.from(buffer);
  const index: SharedFacts['index'] = [];
  let at = 0;
  for (const [k, f] of chosen) {
    const n = bytes.write(f.json, at);
    index.push([k, at, n]);
    at += n;
  }
  return { buffer, index };
}

/** The lookup over shared facts: each report's facts parsed the first time it is asked for. */
export function sharedLookup({ buffer, index }: SharedFacts): (bodyKey: string, year: number) => YearFacts | null {
  const where = new Map(index.map(([k, offset, length]) => [k, { offset, length }]));
  const parsed = new Map<string, YearFacts>();
  return (bodyKey, year) => {
    const k = keyOf(bodyKey, year);
    const hit = parsed.get(k);
    if (hit) return hit;
    const w = where.get(k);
    if (!w) return null;
    const f = JSON.parse(Buffer.from(buffer, w.offset, w.length).toString('utf8')) as YearFacts;
    parsed.set(k, f);
    return f;
  };
}

/** Every file on this thread, one after the other. */
export class InProcessRunner implements FileRunner {
  private held: (Held | undefined)[] = [];
  private facts: (YearFacts | undefined)[] = [];

  /** Files read at a time: the next files' disk reads overlap this one's parse. */
  static readonly READ_AHEAD = 8;

  async read(jobs: FileJob[], settings: ReadSettings, onFile: () => void): Promise<FileReadSummary[]> {
    const out: FileReadSummary[] = new Array(jobs.length);
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const i = next++;
        const r = await readOne(jobs[i], settings);
        out[i] = r.read.skipped ? r.read : {};
        if (!r.read.skipped) this.facts[i] = r.read.facts;
        this.held[i] = r.held;
        onFile();
      }
    };
    await Promise.all(Array.from({ length: Math.min(InProcessRunner.READ_AHEAD, jobs.length) }, lane));
    this.held.length = jobs.length;
    return out;
  }

  async check(settings: CheckSettings, onFile: () => void): Promise<(FileChecked | undefined)[]> {
    const { lookup } = registryOf(this.facts.filter((f): f is YearFacts => !!f));
    const out: (FileChecked | undefined)[] = [];
    for (let i = 0; i < this.held.length; i++) {
      const held = this.held[i];
      if (!held) {
        out.push(undefined);
        continue;
      }
      out.push(checkOne(held, lookup, settings));
      this.held[i] = undefined; // its text and model are no longer needed
      onFile();
    }
    return out;
  }

  async close(): Promise<void> {
    this.held = [];
  }
}

/** The pool worker's script: dist/poolWorker.js beside dist/cli.js, or out/…/cli/poolWorker.js beside this file when unbundled. */
export const POOL_WORKER_FILE = path.join(__dirname, 'poolWorker.js');

/** How many workers by default: one per core. */
export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Files given to each worker at a time, so that it never idles for a message and its disk reads overlap its parsing. */
const IN_FLIGHT = 4;

/** `jobs` worker threads, each running POOL_WORKER_FILE. */
export class PoolRunner implements FileRunner {
  private workers: Worker[];
  /** Which worker read (and holds) each report. */
  private holder: (Worker | undefined)[] = [];
  /** Each report's year facts, as JSON, in the files' order. */
  private facts: (FactsReply | undefined)[] = [];
  private failed: Error | null = null;

  constructor(jobs: number) {
    this.workers = Array.from({ length: jobs }, () => new Worker(POOL_WORKER_FILE));
  }

  /** The pool's script is there (a build without it runs on one thread). */
  static available(): boolean {
    return existsSync(POOL_WORKER_FILE);
  }

  read(jobs: FileJob[], settings: ReadSettings, onFile: () => void): Promise<FileReadSummary[]> {
    const out: FileReadSummary[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    return this.run<FileReadSummary[]>((resolve, reject) => {
      const give = (w: Worker) => {
        if (next >= jobs.length) return;
        const index = next++;
        this.holder[index] = w;
        w.postMessage({ kind: 'read', index, job: jobs[index], settings } satisfies PoolRequest);
      };
      if (jobs.length === 0) return resolve(out);
      return {
        start: () => {
          for (let k = 0; k < IN_FLIGHT; k++) for (const w of this.workers) give(w);
        },
        message: (w, m) => {
          if (m.kind === 'error') return reject(new Error(`${jobs[m.index]?.file}: ${m.error}`));
          if (m.kind !== 'read') return;
          out[m.index] = m.read;
          this.facts[m.index] = m.facts;
          if (m.read.skipped) this.holder[m.index] = undefined;
          onFile();
          if (++done === jobs.length) resolve(out);
          else give(w);
        },
      };
    });
  }

  check(settings: CheckSettings, onFile: () => void): Promise<(FileChecked | undefined)[]> {
    const out: (FileChecked | undefined)[] = new Array(this.holder.length).fill(undefined);
    const facts = shareFacts(this.facts.filter((f): f is FactsReply => f !== undefined));
    this.facts = [];
    let pending = this.workers.length;
    return this.run((resolve, reject) => ({
      start: () => {
        for (const w of this.workers) w.postMessage({ kind: 'check', facts, settings } satisfies PoolRequest);
      },
      message: (_w, m) => {
        if (m.kind === 'error') return reject(new Error(`${m.error}`));
        if (m.kind === 'checked') {
          out[m.index] = m.checked;
          onFile();
        } else if (m.kind === 'checked-all' && --pending === 0) resolve(out);
      },
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** One step: `setup` wires the workers' messages (or resolves at once); a worker that fails or exits fails the step. */
  private run<T>(setup: (resolve: (v: T) => void, reject: (e: Error) => void) => { start(): void; message(w: Worker, m: PoolReply): void } | void): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<T>((resolve, reject) => {
      const cleanup: (() => void)[] = [];
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        for (const c of cleanup) c();
        f();
      };
      const step = setup(
        (v) => finish(() => resolve(v)),
        (e) => finish(() => reject((this.failed = e))),
      );
      if (!step) return;
      for (const w of this.workers) {
        const onMessage = (m: PoolReply) => step.message(w, m);
        const onError = (e: Error) => finish(() => reject((this.failed = e)));
        const onExit = (code: number) => finish(() => reject((this.failed = new Error(`a worker of the pool exited (code ${code})`))));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        cleanup.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
      }
      step.start();
    });
  }
}

/**
 * The runner for a run of `files` files read: the pool when more than one job is asked for
 * and its script is there — with the default number of jobs, only for runs large enough to
 * pay for starting the workers (about 0.1 s each).
 */
export function runnerFor(files: number, jobs: number | undefined): FileRunner {
  const n = Math.min(jobs ?? (files >= MIN_FILES_FOR_POOL ? defaultJobs() : 1), files);
  return n > 1 && PoolRunner.available() ? new PoolRunner(n) : new InProcessRunner();
}

/** With the default `--jobs`, fewer files than this are read on the CLI's own thread. */
export const MIN_FILES_FOR_POOL = 16;
