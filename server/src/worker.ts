// The check worker: a thread of the language server that checks large documents and runs
// the features that read their model (features/full.ts), so that the server's own thread
// never spends seconds in the engine and a cancelled request is answered at once
// (checkWorker.ts is its other end). It keeps, per document, the text of the version it was
// last sent and the full result of the last check; it is terminated when no large document
// is open, which returns all of that memory.

import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check, yearFacts, type YearFacts } from './engine';
import { runFeature } from './features/full';
import { summarizeCheck, type FullChecked } from './state';
import type { CheckInput, CheckReply, WorkerReply, WorkerRequest } from './checkWorker';

interface Entry {
  doc: TextDocument;
  key?: string;
  full?: FullChecked;
  reply?: CheckReply;
}

const docs = new Map<string, Entry>();
/** The number of the latest text sent per slot (checkWorker.ts), written by the server's thread. */
const latest = (workerData as { latest: Int32Array }).latest;

function checked(input: CheckInput): Entry {
  let e = docs.get(input.uri);
  if (input.text !== undefined) {
    e = { doc: TextDocument.create(input.uri, 'nianbao', input.version, input.text) };
    docs.set(input.uri, e);
  }
  if (!e || e.doc.version !== input.version) throw new Error(`the check worker has version ${e?.doc.version ?? 'none'} of ${input.uri}, not ${input.version}`);
  const key = JSON.stringify([input.locale, input.rules, input.aliases, input.deadlines, input.aggregations, input.textReuse, input.facts]);
  if (e.key !== key || !e.full || !e.reply) {
    const misses: [string, number][] = [];
    const lookup = (bodyKey: string, year: number): YearFacts | null => {
      const f = input.facts.find((x) => x.bodyKey === bodyKey && x.year === year);
      if (!f) misses.push([bodyKey, year]);
      return f ?? null;
    };
    const result = check(e.doc.getText(), { locale: input.locale, rules: input.rules, path: input.uri, lookup, aliases: input.aliases, deadlines: input.deadlines, aggregations: input.aggregations, textReuse: input.textReuse });
    // The options sent back are plain data (no lookup): they cross the thread boundary.
    const options = { locale: input.locale, rules: input.rules, aliases: input.aliases, deadlines: input.deadlines, aggregations: input.aggregations, textReuse: input.textReuse };
    e.full = { ...summarizeCheck(result, input.version, input.locale, options), result };
    e.reply = {
      checked: summarizeCheck(result, input.version, input.locale, options),
      facts: yearFacts(result.model, input.uri, result.identity),
      failures: result.failures.map((f) => ({ rule: f.rule, error: String(f.error) })),
      misses,
    };
    e.key = key;
  }
  return e;
}

parentPort!.on('message', (m: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (m.kind === 'forget') {
      docs.delete(m.uri);
      return;
    }
    // The document was edited since this request was sent: its answer would be dropped anyway.
    if (m.input.slot >= 0 && m.input.text_no < Atomics.load(latest, m.input.slot)) {
      if (m.input.text !== undefined) docs.delete(m.input.uri);
      parentPort!.postMessage({ id: m.id, superseded: true } satisfies WorkerReply);
      return;
    }
    const e = checked(m.input);
    reply = { id: m.id, value: m.kind === 'check' ? e.reply : runFeature(m.name, e.doc, e.full!, m.params as never) };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
