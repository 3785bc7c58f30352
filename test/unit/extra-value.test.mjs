// extra-value's fix removes a surplus value and nothing else, over the fuzzer's own
// mutations (scripts/fuzz/mutate.mjs), run deterministically by seed over the seeds and
// generated reports: the fix's range is exactly a value the parser marked surplus, and
// removing it leaves every other cell's value as it was.
// (Plain .mjs: it imports the fuzzer's mutators as they are; the engine from out/.)
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mutate } from '../../scripts/fuzz/mutate.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engine = require(path.join(ROOT, 'out/server/src/engine/index.js'));
const corpus = require(path.join(ROOT, 'out/test/support/corpus.js'));
const generate = require(path.join(ROOT, 'out/test/support/generate.js'));

/** Every value cell of the report's tables: `table:row:column` → value. */
function cellValues(model) {
  const out = new Map();
  for (const [id, t] of [['applications', model.applications], ['appeals', model.appeals]])
    if (t) for (const [row, r] of t.rows) r.cells.forEach((c, i) => out.set(`${id}:${row}:${i}`, c.value.value));
  for (const r of model.disclosure?.rows ?? []) r.cells.forEach((c, i) => out.set(`disclosure:${r.item}.${r.key}:${i}`, c.cell.value.value));
  return out;
}

/** Checks every extra-value fix of `text`; returns how many were checked. */
function checkRemovals(text, what) {
  const result = engine.check(text);
  const extras = [];
  for (const t of [result.model.applications, result.model.appeals]) if (t) for (const r of t.rows.values()) extras.push(...r.extras);
  const before = cellValues(result.model);
  let fixes = 0;
  for (const f of result.findings) {
    if (f.code !== 'extra-value') continue;
    for (const fix of f.fixes) {
      fixes++;
      assert.equal(fix.edits.length, 1, what);
      const [e] = fix.edits;
      assert.equal(e.newText, '', what);
      const x = extras.find((x) => x.start === e.start && x.end === e.end);
      assert.ok(x, `${what}: the fix's range ${e.start}-${e.end} “${text.slice(e.start, e.end)}” is a value the parser marked surplus`);
      assert.equal(text.slice(e.start, e.end), x.text, what);
      const after = cellValues(engine.check(engine.applyEdits(text, fix.edits)).model);
      for (const [k, v] of before) assert.equal(after.get(k), v, `${what}: removing “${x.text}” changed ${k}`);
    }
  }
  return fixes;
}

/** The inputs the fuzzer mutates: the seeds, then generated reports (as scripts/fuzz/main.mjs builds its pool). */
function pool() {
  const docs = [];
  const seeds = path.resolve(ROOT, '../shared/seeds');
  if (existsSync(seeds)) for (const f of readdirSync(seeds).sort()) docs.push(readFileSync(path.join(seeds, f), 'utf8'));
  for (let n = 0; n < 30; n++) docs.push(generate.render(corpus.randomSpec(n), generate.LAYOUTS[n % generate.LAYOUTS.length]));
  return docs;
}

/** Case `k` of a sweep: one or two stacks of the fuzzer's small mutations of one input, from `seed`. */
function mutated(docs, k, seed) {
  const rnd = corpus.rng(seed);
  let { text, ops } = mutate(docs[k % docs.length], rnd, docs, false);
  if (rnd() < 0.5) {
    const more = mutate(text, rnd, docs, false);
    text = more.text;
    ops = ops.concat(more.ops);
  }
  return { text, ops };
}

describe('extra-value removes only a surplus value', () => {
  test('a table 二 value that table 三 ran into is not offered for removal (found by the fuzzer)', () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/extra-value-in-table-2.txt'), 'utf8');
    const { model, findings } = engine.check(text);
    const procurement = model.disclosure.rows.find((r) => r.key === 'procurement');
    assert.ok(procurement, 'table 二 has its procurement row');
    for (const { cell } of procurement.cells) assert.ok(!findings.some((f) => f.code === 'extra-value' && f.start < cell.source.end && cell.source.start < f.end), `“${cell.source.text}” is table 二's`);
    checkRemovals(text, 'fixture');
  });

  test('over the fuzzer\'s mutations of the seeds and generated reports, by seed', () => {
    const docs = pool();
    let fixes = 0;
    // Two mutations that made table 三 run into table 二 (their extras were its values), then a sweep.
    const cases = [
      { k: 1267, seed: 101_268 },
      { k: 393, seed: 500_394 },
      ...Array.from({ length: 400 }, (_, k) => ({ k, seed: 700_000 + k })),
    ];
    for (const { k, seed } of cases) {
      const { text, ops } = mutated(docs, k, seed);
      if (text.length > 200_000) continue;
      fixes += checkRemovals(text, `seed ${seed} (${ops.join('; ')})`);
    }
    assert.ok(fixes >= 100, `extra-value fixes checked: ${fixes}`);
  });
});
