// The fuzzer's engine worker: runs one input through the engine and reports what
// happened (or, with `mode: 'answers'`, what table 三 reads and which arithmetic findings it has). Runs in a worker thread so that the main thread can stop it when an input
// hangs (a non-linear regex, an endless loop) and start a fresh one.

import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engine = require(path.join(ROOT, 'out/server/src/engine/index.js'));

function sane(text, f) {
  const problems = [];
  const inText = (s, e) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= text.length;
  if (!inText(f.start, f.end)) problems.push(`finding ${f.code} range ${f.start}-${f.end} outside the text (${text.length})`);
  for (const r of f.related ?? []) if (!inText(r.start, r.end)) problems.push(`finding ${f.code}: related range ${r.start}-${r.end} outside the text`);
  for (const fix of f.fixes ?? []) for (const e of fix.edits) if (!inText(e.start, e.end)) problems.push(`finding ${f.code}: fix edit ${e.start}-${e.end} outside the text`);
  if (typeof f.message !== 'string' || f.message.length === 0) problems.push(`finding ${f.code} without a message`);
  return problems;
}

/** Runs `text` through the engine; `deep` adds fix-all (and a re-check), hovers, outline and export. */
function run(text, deep, seed) {
  const t0 = performance.now();
  const result = engine.check(text, { locale: seed % 2 ? 'en' : 'zh-cn' });
  const ms = performance.now() - t0;
  const problems = [];
  for (const f of result.failures) problems.push(`rule ${f.rule} threw: ${f.error.split('\n').slice(0, 3).join(' | ')}`);
  for (const f of result.findings) problems.push(...sane(text, f));
  let deepMs = 0;
  if (deep) {
    const d0 = performance.now();
    // Fix-all as the editor applies it (to its fixed point, as edits against the text).
    const options = { locale: seed % 2 ? 'en' : 'zh-cn' };
    const edits = engine.fixAll(text, options, undefined, result.findings);
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) problems.push(`fix-all edits overlap at ${sorted[i].start}`);
    const fixed = engine.applyEdits(text, edits);
    const again = engine.check(fixed, options);
    for (const f of again.failures) problems.push(`after fix-all, rule ${f.rule} threw: ${f.error.split('\n')[0]}`);
    const more = engine.fixAll(fixed, options, undefined, again.findings);
    if (more.length) problems.push(`fix-all is not at its fixed point: a second application has ${more.length} edit(s)`);
    for (let k = 0; k < 3; k++) engine.hoverAt(result.model, Math.floor(((seed * (k + 1) * 2654435761) >>> 0) % (text.length + 1)), 'zh-cn');
    if (result.context) engine.outline(result.context);
    engine.exportTables(result.model);
    engine.tablesToCsv(result.model);
    engine.looksLikeReport(text);
    engine.identifyReport(text, 'fuzz.txt', result.model.year);
    deepMs = performance.now() - d0;
  }
  return { ms, deepMs, findings: result.findings.length, problems };
}

/** The arithmetic rules whose findings on table 三 a mutation outside the table must keep. */
const ARITHMETIC = new Set(['carry-over', 'results-total', 'row-total']);

/**
 * Table 三 as read and its arithmetic findings, without offsets (a mutation before the
 * table moves them): where the table lies, its rows' values and rows not read, and each
 * finding's code, severity, cell, expected, actual, message and the text it covers.
 */
function answers(text) {
  const result = engine.check(text, { locale: 'zh-cn' });
  const a = result.model.applications;
  if (!a) return { table: null };
  return {
    span: { start: a.start, end: a.end },
    table: { rows: engine.exportTables(result.model).applications, unread: a.unread },
    findings: result.findings
      .filter((f) => ARITHMETIC.has(f.code) && f.cell?.table === 'applications')
      .map((f) => ({ code: f.code, severity: f.severity, cell: f.cell, expected: f.expected, actual: f.actual, message: f.message, at: text.slice(f.start, f.end) })),
  };
}

parentPort.on('message', ({ id, text, deep, seed, repeat, mode }) => {
  if (mode === 'answers') {
    try {
      parentPort.postMessage({ id, ok: true, answers: answers(text) });
    } catch (e) {
      parentPort.postMessage({ id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
    return;
  }
  try {
    let best = null;
    for (let k = 0; k < (repeat ?? 1); k++) {
      const r = run(text, deep && k === 0, seed);
      if (!best || r.ms < best.ms) best = { ...r, problems: best ? best.problems : r.problems, deepMs: best ? best.deepMs : r.deepMs };
    }
    parentPort.postMessage({ id, ok: true, ...best });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
