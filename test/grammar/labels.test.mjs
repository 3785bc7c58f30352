// The grammar's row-label and column-header patterns are generated from the declarations
// (server/src/tools/grammar.ts, `npm run docs`): the committed grammar must be current, and
// every label and header the declarations name must be scoped as such, in Simplified and in
// Traditional (OpenCC) characters.
// Needs the compiled tools: `npx tsc -p tsconfig.json` first (run-tests.mjs does).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vsctm from 'vscode-textmate';
import onig from 'vscode-oniguruma';
import * as OpenCC from 'opencc-js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/nianbao.tmLanguage.json');
const SCOPE = 'text.nianbao';
const LABEL = 'entity.name.tag.label.nianbao';
const HEADER = 'support.type.property-name.nianbao';
const require = createRequire(import.meta.url);
const { generatedGrammar } = require(path.join(ROOT, 'out/server/src/tools/grammar.js'));
const { APPEALS, APPLICATIONS } = require(path.join(ROOT, 'out/server/src/engine/declarations.js'));
const { DISCLOSURE_TEMPLATES } = require(path.join(ROOT, 'out/server/src/engine/templates.js'));

const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
const onigLib = onig.loadWASM({ data: wasm }).then(() => ({
  createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
  createOnigString: (s) => new onig.OnigString(s),
}));

async function loadGrammar(text) {
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => (scopeName === SCOPE ? vsctm.parseRawGrammar(text, 'nianbao.tmLanguage.json') : null),
  });
  return registry.loadGrammar(SCOPE);
}

/**
 * Does every character of `label`, as the first cell of a tab-separated row, carry the label
 * scope? (Tabs, not pipes: the first cell of a pipe row is a label whatever its text.)
 */
function scopedAsLabel(grammar, label) {
  return scoped(grammar, `${label}\t12\t3`, label, LABEL);
}

/** Does every character of `header`, as a cell of a tab-separated header row, carry the header scope? */
function scopedAsHeader(grammar, header) {
  return scoped(grammar, `指标\t${header}\t总计`, header, HEADER);
}

function scoped(grammar, line, sub, scope) {
  const { tokens } = grammar.tokenizeLine(line, vsctm.INITIAL);
  const start = line.indexOf(sub);
  for (let i = start; i < start + sub.length; i++) {
    const t = tokens.find((x) => x.startIndex <= i && i < x.endIndex);
    if (!t || !t.scopes.includes(scope)) return false;
  }
  return true;
}

/** Every row label of table 三 and table 二 as the templates write them. */
const LABELS = [
  ...APPLICATIONS.rows.map((r) => r.label),
  ...APPLICATIONS.groups.map((g) => g.label).filter((l) => !/^[一二三四五六七八九十]、/.test(l)),
  ...new Set(DISCLOSURE_TEMPLATES.flatMap((t) => t.groups.flatMap((g) => g.rows.map((r) => r.label)))),
];
/** Every column header of tables 三, 四 and 二, and table 四's row headers, as the templates write them. */
const HEADERS = [
  ...new Set([
    ...APPLICATIONS.columns.map((c) => c.label),
    ...APPEALS.columns.map((c) => c.label),
    ...APPEALS.rows.flatMap((r) => r.label.split('·')),
    ...DISCLOSURE_TEMPLATES.flatMap((t) => t.groups.flatMap((g) => g.columns.map((c) => c.label))),
  ]),
];
const VARIANTS = [
  ['Simplified', (s) => s],
  ['Traditional (Taiwan)', OpenCC.Converter({ from: 'cn', to: 'tw' })],
  ['Traditional (Hong Kong)', OpenCC.Converter({ from: 'cn', to: 'hk' })],
  ['Traditional (OpenCC)', OpenCC.Converter({ from: 'cn', to: 't' })],
];

test('the grammar’s row-label and column-header patterns are the ones generated from the declarations (run `npm run docs`)', () => {
  const text = fs.readFileSync(GRAMMAR_PATH, 'utf8');
  assert.equal(text, generatedGrammar(text), `${GRAMMAR_PATH} is stale`);
});

test('every row label of the declarations is scoped as a label, in Simplified and Traditional characters', async () => {
  const grammar = await loadGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  assert.ok(LABELS.length > 30, `${LABELS.length} labels`);
  const missed = [];
  for (const [name, convert] of VARIANTS) for (const label of LABELS) if (!scopedAsLabel(grammar, convert(label))) missed.push(`${name}: ${convert(label)}`);
  assert.deepEqual(missed, []);
});

test('every column header of the declarations is scoped as a header, in Simplified and Traditional characters', async () => {
  const grammar = await loadGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  assert.ok(HEADERS.length > 25, `${HEADERS.length} headers`);
  const missed = [];
  for (const [name, convert] of VARIANTS) for (const h of HEADERS) if (!scopedAsHeader(grammar, convert(h))) missed.push(`${name}: ${convert(h)}`);
  assert.deepEqual(missed, []);
});

test('the header test can fail: a grammar whose column-header pattern matches nothing scopes no header', async () => {
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  raw.repository['column-header'].match = '(?!)(x)';
  const grammar = await loadGrammar(JSON.stringify(raw));
  assert.deepEqual(HEADERS.filter((h) => scopedAsHeader(grammar, h)), []);
});

test('the label test can fail: a grammar whose row-label patterns match nothing scopes no label', async () => {
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  for (const p of raw.repository['row-label'].patterns) p.match = '(?!)(x)';
  delete raw.repository['legacy-row-label'];
  const grammar = await loadGrammar(JSON.stringify(raw));
  assert.deepEqual(LABELS.filter((l) => scopedAsLabel(grammar, l)), []);
});
