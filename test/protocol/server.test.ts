// Protocol tests: the BUNDLED language server (dist/server.js) driven over stdio
// JSON-RPC, as an editor drives it. Run after `node scripts/build.mjs && npx tsc -p tsconfig.json`.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent, Range, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { defaultSpec, render } from '../support/generate';
import { describeDiagnostics, LspTestClient, SERVER_JS, type Publish } from './lsp-client';

const SEEDS = path.resolve(__dirname, '../../../../shared/seeds');
const SEED_000 = path.join(SEEDS, '000_38967d40d03fbadc.txt');

// ------------------------------------------------------------------ text helpers

const ERROR = 1;

function lineIndex(text: string, startsWith: string): number {
  const i = text.split('\n').findIndex((l) => l.startsWith(startsWith));
  assert.ok(i >= 0, `no line starts with ${startsWith}`);
  return i;
}

/** The range of the trimmed text of cell `cell` (0 = the label) of a pipe row. */
function pipeCellRange(text: string, line: number, cell: number): Range {
  const l = text.split('\n')[line];
  let from = 0;
  for (let i = 0; i < cell; i++) {
    from = l.indexOf('|', from) + 1;
    assert.ok(from > 0, `line ${line} has fewer than ${cell + 1} cells: ${l}`);
  }
  let to = l.indexOf('|', from);
  if (to < 0) to = l.length;
  const raw = l.slice(from, to);
  const start = from + (raw.length - raw.trimStart().length);
  const end = from + raw.trimEnd().length;
  return { start: { line, character: start }, end: { line, character: end } };
}

function textAt(text: string, r: Range): string {
  return text.slice(offsetAt(text, r.start), offsetAt(text, r.end));
}

function offsetAt(text: string, p: { line: number; character: number }): number {
  let off = 0;
  for (let i = 0; i < p.line; i++) {
    const nl = text.indexOf('\n', off);
    assert.ok(nl >= 0, `line ${p.line} is past the end of the text`);
    off = nl + 1;
  }
  return off + p.character;
}

/** Applies LSP text edits (non-overlapping, all against the same text). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].end <= sorted[i - 1].start, 'edits overlap');
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The same edits as incremental content changes, applicable one after another (last position first). */
function asContentChanges(text: string, edits: TextEdit[]) {
  return [...edits]
    .sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start))
    .map((e) => ({ range: e.range, text: e.newText }));
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

function hoverText(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
}

// ------------------------------------------------------------------ seed 000 geometry

let seed = '';
let totalLine = -1; // the （七）总计 row
let personCell: Range; // （七）总计 · 自然人
let totalCell: Range; // （七）总计 · 总计
let gluedZero: Range; // the `0` glued to 3.危及“三安全一稳定”
let headingLine = -1; // 三、收到和处理政府信息公开申请情况
let headerLine = -1; // 自然人 | 法人或其他组织 | 总计
/** Seed 000 with the three unambiguous repairs made by hand. */
let seedFixed = '';

function loadSeed(): void {
  assert.ok(existsSync(SEED_000), `seed not found at ${SEED_000} (shared/ must sit beside the repo)`);
  seed = readFileSync(SEED_000, 'utf8');
  totalLine = lineIndex(seed, '(七)总计');
  personCell = pipeCellRange(seed, totalLine, 1);
  totalCell = pipeCellRange(seed, totalLine, 7);
  assert.equal(textAt(seed, personCell), '0');
  assert.equal(textAt(seed, totalCell), '0');
  const glued = lineIndex(seed, '3.危及“三安全一稳定”0');
  const ch = seed.split('\n')[glued].indexOf('”0') + 1;
  gluedZero = { start: { line: glued, character: ch }, end: { line: glued, character: ch + 1 } };
  headingLine = lineIndex(seed, '三、收到和处理政府信息公开申请情况');
  headerLine = lineIndex(seed, '自然人 | 法人或其他组织 | 总计');
  seedFixed = applyEdits(seed, [
    { range: personCell, newText: '5' },
    { range: totalCell, newText: '5' },
    { range: gluedZero, newText: '' },
  ]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asserts that each publish's carry-over finding on （七）总计·自然人 matches the digit its version holds there. */
function assertMatchesContent(published: Publish[], digits: Map<number, string>): void {
  for (const p of published) {
    assert.ok(p.version !== undefined && digits.has(p.version), `published version ${p.version} was never sent`);
    const carry = p.diagnostics.find((d) => d.code === 'carry-over' && sameRange(d.range, personCell));
    const digit = digits.get(p.version)!;
    if (digit === '5') assert.equal(carry, undefined, `version ${p.version} (自然人 = 5) still has carry-over`);
    else assert.ok(carry && carry.message.includes(`（七）总计 ${digit} `), `version ${p.version} (自然人 = ${digit}) published: ${carry?.message}`);
  }
}

let n = 0;
const uriFor = (name: string) => `file:///nianbao-protocol-test/${++n}-${name}`;

// ------------------------------------------------------------------ the tests

describe('language server over LSP (bundled dist/server.js --stdio)', () => {
  let client: LspTestClient;

  before(async () => {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run node scripts/build.mjs first`);
    loadSeed();
    client = await LspTestClient.start();
  });

  after(async () => {
    await client?.shutdown();
  });

  /** Opens a document and waits for the publish of its first version. */
  async function openAndWait(uri: string, text: string, languageId = 'nianbao'): Promise<Publish> {
    await client.open(uri, languageId, text, 1);
    return client.waitForDiagnostics(uri, (p) => p.version === 1);
  }

  test('initialize announces the features', () => {
    const caps = client.initializeResult!.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual((caps.executeCommandProvider as { commands: string[] }).commands, ['nianbao.server.fixAll', 'nianbao.server.checkWorkspace', 'nianbao.server.fixDocx', 'nianbao.server.markReviewed']);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('quickfix') && kinds.includes('source.fixAll.nianbao'), JSON.stringify(kinds));
  });

  test('1. didOpen of seed 000 publishes carry-over and results-total on the （七）总计 cells', async () => {
    const uri = uriFor('seed000.nianbao');
    const p = await openAndWait(uri, seed);
    assert.equal(p.version, 1);
    const errors = p.diagnostics.filter((d) => d.severity === ERROR);
    const ctx = `\n${describeDiagnostics(p.diagnostics)}`;
    for (const cell of [personCell, totalCell]) {
      for (const code of ['carry-over', 'results-total']) {
        const d = errors.find((x) => x.code === code && sameRange(x.range, cell));
        assert.ok(d, `no ${code} error on ${JSON.stringify(cell)}${ctx}`);
        assert.equal(d.source, 'nianbao');
        assert.equal(textAt(seed, d.range), '0');
        assert.equal(d.range.start.line, totalLine);
        assert.ok(d.relatedInformation && d.relatedInformation.length > 0, `${code} has no relatedInformation`);
        for (const r of d.relatedInformation) {
          assert.equal(r.location.uri, uri);
          assert.ok(r.message.length > 0);
        }
        if (code === 'carry-over') assert.ok(d.message.includes('一 5 + 二 0 = 5'), d.message);
        else assert.match(d.message, /（七）总计 0 ≠ .* = 5/);
      }
    }
    // Every error points into the （七）总计 row: nothing else in seed 000 is arithmetically wrong.
    for (const d of errors) assert.equal(d.range.start.line, totalLine, `unexpected error${ctx}`);
    assert.ok(!client.logs.some((l) => l.type === ERROR), client.failureContext());
  });

  test('2. an incremental didChange republishes for the new version with the new findings', async () => {
    const uri = uriFor('seed000-change.nianbao');
    const first = await openAndWait(uri, seed);
    await client.change(uri, 2, [{ range: personCell, text: '5' }]);
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.equal(second.version, 2);
    const before = new Set(first.diagnostics.map(key));
    const after = new Set(second.diagnostics.map(key));
    assert.notDeepEqual([...after].sort(), [...before].sort(), 'the findings did not change');
    const ctx = `\n${describeDiagnostics(second.diagnostics)}`;
    for (const code of ['carry-over', 'results-total'])
      assert.ok(!second.diagnostics.some((d) => d.code === code && sameRange(d.range, personCell)), `${code} on 自然人 still reported${ctx}`);
    // The 总计 column is still wrong: 一 5 + 二 0 ≠ （七） 0 + 四 0.
    assert.ok(second.diagnostics.some((d) => d.code === 'carry-over' && sameRange(d.range, totalCell)), `carry-over on 总计 is gone${ctx}`);
    // …and the （七）总计 row no longer adds up: 5 + 0 + … ≠ 0.
    assert.ok(second.diagnostics.some((d) => d.code === 'row-total' && d.range.start.line === totalLine), `no row-total on （七）总计${ctx}`);
  });

  test('3. quick fixes and source.fixAll.nianbao repair exactly the culprit cells', async () => {
    const uri = uriFor('seed000-fix.nianbao');
    const p = await openAndWait(uri, seed);

    for (const cell of [personCell, totalCell]) {
      const diagnostics = p.diagnostics.filter((d) => overlaps(d.range, cell));
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: cell, context: { diagnostics } });
      assert.ok(Array.isArray(actions) && actions.length > 0, `no code actions at ${JSON.stringify(cell)}`);
      const preferred = actions.filter((a) => a.kind === 'quickfix' && a.isPreferred === true);
      assert.ok(preferred.length > 0, `no preferred quick fix: ${JSON.stringify(actions.map((a) => a.title))}`);
      for (const a of preferred) {
        const edits = a.edit?.changes?.[uri];
        assert.ok(edits, `preferred fix without edits for ${uri}: ${JSON.stringify(a)}`);
        // The unique repair sets both cells: one action, one edit per cell (either alone would break （七）总计's row).
        assert.deepEqual(edits, [{ range: personCell, newText: '5' }, { range: totalCell, newText: '5' }]);
        // One action for the cell, carrying both findings on it (carry-over and results-total).
        assert.ok(a.diagnostics && a.diagnostics.length === 2 && a.diagnostics.every((d) => sameRange(d.range, cell)));
      }
      assert.equal(preferred.length, 1, `the same edit is offered once: ${JSON.stringify(actions.map((a) => a.title))}`);
      // Applying the preferred fixes of both cells, one at a time, is tested through fix-all below.
    }

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
    });
    assert.equal(actions.length, 1, `expected one fix-all action: ${JSON.stringify(actions)}`);
    const fixAll = actions[0];
    assert.equal(fixAll.kind, 'source.fixAll.nianbao');
    const edits = fixAll.edit?.changes?.[uri];
    assert.ok(edits, `fix-all without edits: ${JSON.stringify(fixAll)}`);
    const ranges = edits.map((e) => `${JSON.stringify(e.range)}=>${e.newText}`).sort();
    const expected = [
      { range: personCell, newText: '5' },
      { range: totalCell, newText: '5' },
      { range: gluedZero, newText: '' },
    ]
      .map((e) => `${JSON.stringify(e.range)}=>${e.newText}`)
      .sort();
    assert.deepEqual(ranges, expected, 'fix-all edits other cells than the culprits and the glued 0');
    const fixed = applyEdits(seed, edits);
    // Outside the edited ranges the text is unchanged.
    assert.equal(fixed, seedFixed);

    await client.change(uri, 2, asContentChanges(seed, edits));
    const re = await client.waitForDiagnostics(uri, (x) => x.version === 2);
    const errors = re.diagnostics.filter((d) => d.severity === ERROR);
    assert.deepEqual(errors, [], `errors left after fix-all:\n${describeDiagnostics(errors)}`);
    assert.ok(!re.diagnostics.some((d) => d.code === 'extra-value'), `extra-value left:\n${describeDiagnostics(re.diagnostics)}`);

    // The server's copy of the document is the fixed text: a fresh open of it publishes the same.
    const twin = uriFor('seed000-fixed-twin.nianbao');
    const fresh = await openAndWait(twin, seedFixed);
    assert.deepEqual(fresh.diagnostics.map(key).sort(), re.diagnostics.map(key).sort());
    // Nothing left for fix-all to do.
    const again = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
    });
    assert.deepEqual(again, []);
  });

  test('3b. seed 001: source.fixAll.nianbao and nianbao.server.fixAll reach the fixed point in one application', async () => {
    const text = readFileSync(path.join(SEEDS, '001_25f0704815ae6a25.txt'), 'utf8');
    const fixAllOf = async (uri: string) => {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
      });
      return actions.length ? actions[0].edit!.changes![uri] : [];
    };
    const uri = uriFor('seed001-fixall.nianbao');
    await openAndWait(uri, text);
    const edits = await fixAllOf(uri);
    assert.ok(edits.length > 6, `blanks filled in one application: ${edits.length}`);
    await client.change(uri, 2, asContentChanges(text, edits));
    await client.waitForDiagnostics(uri, (x) => x.version === 2);
    assert.deepEqual(await fixAllOf(uri), [], 'a second fix-all has nothing to do');

    // The command applies the same edits.
    const cmd = uriFor('seed001-command.nianbao');
    await openAndWait(cmd, text);
    const since = client.appliedEdits.length;
    const result = await client.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [cmd] });
    const applied = await client.waitForApplyEdit(2000, since);
    assert.deepEqual(result, { applied: true, edits: edits.length });
    const changes = applied.edit.documentChanges as TextDocumentEdit[] | undefined;
    const sent = changes ? (changes[0].edits as TextEdit[]) : applied.edit.changes![cmd];
    assert.equal(applyEdits(text, sent), applyEdits(text, edits));
  });

  test('4. hover: a wrong cell shows its broken identities; the heading and header show the summary', async () => {
    const uri = uriFor('seed000-hover.nianbao');
    await openAndWait(uri, seed);

    const onCell = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: personCell.start });
    const cellMd = hoverText(onCell);
    assert.ok(cellMd.includes('✘'), cellMd);
    assert.ok(cellMd.includes('一 5 + 二 0'), cellMd);
    assert.ok(onCell!.range && sameRange(onCell!.range, personCell), `hover range ${JSON.stringify(onCell!.range)}`);

    const onTotal = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: totalCell.start });
    assert.ok(hoverText(onTotal).includes('✘'));

    // A consistent cell (一 · 商业企业): every identity it takes part in holds.
    const okCell = pipeCellRange(seed, lineIndex(seed, '一、本年新收政府信息公开申请数量'), 2);
    const okMd = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: okCell.start }));
    assert.ok(okMd.includes('✔') && !okMd.includes('✘'), okMd);

    const onHeading = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: headingLine, character: 2 } }));
    assert.ok(onHeading.includes('本年新收'), onHeading);
    assert.match(onHeading, /不成立/, 'the summary counts the broken identities');

    const onHeader = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: headerLine, character: 1 } }));
    assert.ok(onHeader.includes('本年新收'), onHeader);

    // In seed 000 （七）总计·总计 is 0, so no rate can be given; once fixed, the 公开率 appears with its formula.
    const fixedUri = uriFor('seed000-hover-fixed.nianbao');
    await openAndWait(fixedUri, seedFixed);
    const fixedHeading = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: fixedUri }, position: { line: headingLine, character: 2 } }));
    assert.ok(fixedHeading.includes('本年新收'), fixedHeading);
    assert.match(fixedHeading, /公开率 = .+ \/ .+ = 80\.0%/, fixedHeading); // (（一）4 + （二）0) / （七）5
  });

  test('5a. detect auto checks a plaintext report; languageOnly does not', async () => {
    const spec = defaultSpec();
    spec.applications.total = [...(spec.applications.total as number[])];
    (spec.applications.total as number[])[0] += 1; // one broken total
    const text = render(spec, 'pipe');

    const auto = uriFor('report-auto.txt');
    const p = await openAndWait(auto, text, 'plaintext');
    assert.ok(
      p.diagnostics.some((d) => d.severity === ERROR && d.code === 'results-total'),
      `no results-total error on a plaintext report:\n${describeDiagnostics(p.diagnostics)}`,
    );

    // A plaintext document that is not a report is not checked.
    const prose = uriFor('notes.txt');
    const mark0 = client.mark();
    await client.open(prose, 'plaintext', 'Shopping list:\n| eggs | 12 |\n| milk | 2 |\n', 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(client.publishesFor(prose, mark0).every((x) => x.diagnostics.length === 0));

    // The same text under detect languageOnly (settings for this uri only).
    const only = uriFor('report-languageOnly.txt');
    client.settingsByUri.set(only, { detect: 'languageOnly' });
    const mark = client.mark();
    await client.open(only, 'plaintext', text, 1);
    // A request answered after the open shows the server has processed it (and fetched its settings).
    await client.request('textDocument/hover', { textDocument: { uri: only }, position: { line: 0, character: 0 } });
    await new Promise((r) => setTimeout(r, 500));
    const published = client.publishesFor(only, mark);
    assert.ok(published.every((x) => x.diagnostics.length === 0), `languageOnly published:\n${published.map((x) => describeDiagnostics(x.diagnostics)).join('\n')}`);
    // languageOnly still checks nianbao documents.
    const nb = uriFor('report-languageOnly.nianbao');
    client.settingsByUri.set(nb, { detect: 'languageOnly' });
    const q = await openAndWait(nb, text, 'nianbao');
    assert.ok(q.diagnostics.some((d) => d.code === 'results-total'));
  });

  test('6. locale en gives English messages', async () => {
    const uri = uriFor('seed000-en.nianbao');
    client.settingsByUri.set(uri, { locale: 'en' });
    const p = await openAndWait(uri, seed);
    const carry = p.diagnostics.find((d) => d.code === 'carry-over' && sameRange(d.range, personCell));
    assert.ok(carry, describeDiagnostics(p.diagnostics));
    assert.ok(carry.message.includes('does not hold'), carry.message);
    // The zh-cn default differs.
    const zh = uriFor('seed000-zh.nianbao');
    const pz = await openAndWait(zh, seed);
    const carryZh = pz.diagnostics.find((d) => d.code === 'carry-over' && sameRange(d.range, personCell))!;
    assert.ok(!carryZh.message.includes('does not hold') && carryZh.message.includes('不成立'), carryZh.message);
    // The hover follows the locale too.
    const h = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: personCell.start }));
    assert.ok(/Row|Column/.test(h), h);
  });

  test('7. rapid changes never publish stale results; close publishes an empty list', async () => {
    const uri = uriFor('seed000-rapid.nianbao');
    client.settingsByUri.set(uri, { debounceMs: 50 });
    await openAndWait(uri, seed);
    const mark = client.mark();

    // Versions 2..21 set （七）总计·自然人 to a digit; the last one to 5, which repairs that column.
    const digits = new Map<number, string>([[1, '0']]);
    let text = seed;
    const cycle = ['1', '2', '3', '4', '6', '7', '8', '9', '0'];
    for (let v = 2; v <= 21; v++) {
      const d = v === 21 ? '5' : cycle[v % cycle.length];
      digits.set(v, d);
      text = applyEdits(text, [{ range: personCell, newText: d }]);
      void client.change(uri, v, [{ range: personCell, text: d }]);
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 21, 5000, mark);
    await sleep(200); // any late (stale) publish would arrive now
    const published = client.publishesFor(uri, mark);
    // Every publish is for a version that was sent, and its diagnostics match that version's content.
    assertMatchesContent(published, digits);
    const versions = published.map((p) => p.version!);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, `publishes out of order: ${versions}`);
    assert.equal(published[published.length - 1], last, `a publish came after version 21: ${versions}`);
    assert.ok(published.length < 20, `debounce did not coalesce: ${published.length} publishes`);

    // The final publish is what a fresh check of the final text gives.
    const twin = uriFor('seed000-rapid-twin.nianbao');
    const fresh = await openAndWait(twin, text);
    assert.deepEqual(
      last.diagnostics.map((d) => `${key(d)} ${d.message}`).sort(),
      fresh.diagnostics.map((d) => `${key(d)} ${d.message}`).sort(),
    );

    const beforeClose = client.mark();
    await client.close(uri);
    const closed = await client.waitForDiagnostics(uri, () => true, 3000, beforeClose);
    assert.deepEqual(closed.diagnostics, []);
  });

  test(
    '7c. a document closed and reopened (same version, new text) while a request is in flight is checked afresh',
    async () => {
      const uri = uriFor('seed000-reopen.nianbao');
      await client.open(uri, 'nianbao', seed, 1);
      // The hover's check waits for this new uri's settings; meanwhile the document is closed and reopened.
      const hover = client.request('textDocument/hover', { textDocument: { uri }, position: personCell.start });
      void client.close(uri);
      const mark = client.mark();
      void client.open(uri, 'nianbao', seedFixed, 1);
      await hover;
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 3000, mark);
      await sleep(150);
      for (const p of client.publishesFor(uri, mark))
        assert.ok(!p.diagnostics.some((d) => d.severity === ERROR), `the reopened (fixed) text got the old text's errors:\n${describeDiagnostics(p.diagnostics)}`);
      const md = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: personCell.start }));
      assert.ok(md.includes('自然人 = 5') && !md.includes('✘'), md);
    },
  );

  test('8. bad input does not crash the server', async () => {
    // Deterministic pseudo-random bytes, decoded as UTF-8 (invalid sequences become U+FFFD).
    let s = 0x2f6b1d;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) >>> 0) / 0x7fffffff;
    const bytes = Buffer.alloc(20_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256);
    const huge = '9'.repeat(400);
    const docs: [string, string][] = [
      ['random-bytes', bytes.toString('utf8')],
      ['random-bytes-with-labels', `三、收到和处理政府信息公开申请情况\n${bytes.toString('latin1')}\n(七)总计 | \u0000 | \uFFFF | \uD800 |`],
      [
        'huge-numbers',
        seed
          .replace(/\| 5 \| 0 \| 0 \| 0 \| 0 \| 0 \| 5 \|/, `| ${huge} | 1e308 | -0 | ０５ | 1.5 | NaN | ${huge}9 |`)
          .replace(/\(七\)总计 \| 0 \| 0/, `(七)总计 | ${huge} | Infinity`),
      ],
      ['only-pipes', '|'.repeat(50_000)],
      ['pipe-lines', '| | | | | | | | |\n'.repeat(5_000)],
      ['empty', ''],
      ['table-no-values', '三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n(七)总计\n四、结转下年度继续办理\n'],
    ];
    const t0 = Date.now();
    for (const [name, text] of docs) {
      const uri = uriFor(`${name}.nianbao`);
      await client.open(uri, 'nianbao', text, 1);
      // Every request still gets an answer (a hover or null).
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        context: { diagnostics: [] },
      });
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 5000);
      assert.ok(client.alive, `server died on ${name}\n${client.failureContext()}`);
    }
    assert.ok(Date.now() - t0 < 10_000, `bad input took ${Date.now() - t0} ms`);
    // A valid request on a valid document still answers correctly.
    const uri = uriFor('after-bad-input.nianbao');
    await openAndWait(uri, seed);
    const md = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: personCell.start }));
    assert.ok(md.includes('✘'));
    assert.ok(client.alive);
    const failures = client.logs.filter((l) => /uncaught exception|unhandled rejection|failed/.test(l.message));
    assert.deepEqual(failures, [], client.failureContext());
  });

  test('9. workspace/executeCommand nianbao.server.fixAll sends workspace/applyEdit with the fix-all edits', async () => {
    const uri = uriFor('seed000-command.nianbao');
    await openAndWait(uri, seed);
    const since = client.appliedEdits.length;
    const result = await client.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [uri] });
    const applied = await client.waitForApplyEdit(2000, since);
    assert.deepEqual(result, { applied: true, edits: 3 });
    // The label VS Code shows on its undo stack is a bundle message, in the client's locale.
    assert.equal(applied.label, 'nianbao：全部修复');
    const changes = applied.edit.documentChanges as TextDocumentEdit[] | undefined;
    let edits: TextEdit[];
    if (changes) {
      assert.equal(changes.length, 1);
      assert.equal(changes[0].textDocument.uri, uri);
      assert.equal(changes[0].textDocument.version, 1);
      edits = changes[0].edits as TextEdit[];
    } else {
      edits = applied.edit.changes![uri];
    }
    assert.equal(applyEdits(seed, edits), seedFixed);

    // An unknown document: nothing to apply, no applyEdit.
    const r2 = await client.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: ['file:///nowhere.nianbao'] });
    assert.deepEqual(r2, { applied: false, edits: 0 });
    assert.equal(client.appliedEdits.length, since + 1);
  });
});

describe('configuration changes (a second server instance)', () => {
  let client: LspTestClient;

  before(async () => {
    if (!seed) loadSeed();
    client = await LspTestClient.start();
  });

  after(async () => {
    await client?.shutdown();
  });

  test('5b. switching detect to languageOnly withdraws a plaintext document’s diagnostics', async () => {
    const spec = defaultSpec();
    spec.applications.total = [...(spec.applications.total as number[])];
    (spec.applications.total as number[])[6] += 2;
    const text = render(spec, 'pipe');
    const uri = uriFor('report.txt');
    await client.open(uri, 'plaintext', text, 1);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 1);
    assert.ok(p.diagnostics.some((d) => d.severity === ERROR), describeDiagnostics(p.diagnostics));

    client.settings = { ...client.settings, detect: 'languageOnly' };
    const mark = client.mark();
    await client.changeConfiguration(null);
    const withdrawn = await client.waitForDiagnostics(uri, () => true, 3000, mark);
    assert.deepEqual(withdrawn.diagnostics, [], 'languageOnly should withdraw the plaintext diagnostics');

    // Re-opened under languageOnly: nothing is published.
    await client.close(uri);
    const mark2 = client.mark();
    await client.open(uri, 'plaintext', text, 1);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(client.publishesFor(uri, mark2).every((x) => x.diagnostics.length === 0));

    // And back to auto: checked again.
    client.settings = { ...client.settings, detect: 'auto' };
    const mark3 = client.mark();
    await client.changeConfiguration(null);
    const back = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length > 0, 3000, mark3);
    assert.equal(back.version, 1);
  });

  test('7b. a check overtaken by an edit while its settings are re-fetched is not published', async () => {
    const uri = uriFor('seed000-overtaken.nianbao');
    client.settingsByUri.set(uri, { debounceMs: 50 });
    await client.open(uri, 'nianbao', seed, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const mark = client.mark();
    client.configDelayMs = 150;
    try {
      await client.change(uri, 2, [{ range: personCell, text: '1' }]); // the check of version 2 is due at ~50 ms
      await sleep(10);
      await client.changeConfiguration(null); // settings dropped: that check waits for them until ~160 ms
      await sleep(90);
      await client.change(uri, 3, [{ range: personCell, text: '2' }]); // …and is overtaken by version 3
      await client.waitForDiagnostics(uri, (p) => p.version === 3, 3000, mark);
      await sleep(100);
    } finally {
      client.configDelayMs = 0;
    }
    const published = client.publishesFor(uri, mark);
    assertMatchesContent(
      published,
      new Map([
        [2, '1'],
        [3, '2'],
      ]),
    );
    assert.equal(published[published.length - 1].version, 3);
  });

  test('validate onSave: typing does not re-check, saving does', async () => {
    const uri = uriFor('seed000-onsave.nianbao');
    client.settingsByUri.set(uri, { validate: 'onSave' });
    await client.open(uri, 'nianbao', seed, 1);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.ok(first.diagnostics.length > 0);
    const mark = client.mark();
    await client.change(uri, 2, [{ range: personCell, text: '5' }]);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.publishesFor(uri, mark).length, 0, 'onSave re-checked on a change');
    await client.notify('textDocument/didSave', { textDocument: { uri } });
    const saved = await client.waitForDiagnostics(uri, (p) => p.version === 2, 3000, mark);
    assert.ok(!saved.diagnostics.some((d) => d.code === 'carry-over' && sameRange(d.range, personCell)));
  });
});
