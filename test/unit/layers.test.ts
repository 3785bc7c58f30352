// The code's layers, enforced (as rust-analyzer's tidy tests do): no import cycle in
// server/src, and the engine's files import only from the layers ARCHITECTURE.md's table
// "The engine, layer by layer" lists before them. Type-only imports count: a cycle of
// types is still a cycle for whoever reads the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO } from '../support/paths';
import { sources } from '../support/sources';

/**
 * The engine's layers, lowest first, as server/src/engine-relative paths. A file may
 * import from any earlier layer, never from its own or a later one; `rules/*` (every
 * rule file but the table) is one layer whose files import no other rule file.
 */
const ENGINE_LAYERS: string[][] = [
  ['chinese.ts'],
  ['text.ts'],
  ['normalize.ts'],
  ['values.ts'],
  ['tabRows.ts'],
  ['cells.ts'],
  ['declarations.ts'],
  ['templates.ts'],
  ['validateDeclarations.ts'],
  ['model.ts'],
  ['legacy.ts'],
  ['headings.ts'],
  ['layout.ts'],
  ['parts.ts'],
  ['dates.ts', 'partText.ts', 'sentences.ts'],
  ['title.ts'],
  ['labels.ts'],
  ['tables/rows.ts'],
  ['pdfStacks.ts'],
  ['pdfColumns.ts'],
  ['pdfText.ts'],
  ['pdfBlocks.ts'],
  ['pdfTails.ts'],
  ['pdfPlain.ts'],
  ['tables/applications.ts', 'tables/appeals.ts', 'tables/disclosure.ts'],
  ['parse.ts'],
  ['i18n.ts'],
  ['format.ts'],
  ['identities.ts'],
  ['culprit.ts'],
  ['findings.ts'],
  ['analysis.ts'],
  ['summary.ts'],
  ['years.ts'],
  ['aggregate.ts'],
  ['rules/*'],
  ['rules/index.ts'],
  ['suppress.ts'],
  ['check.ts'],
  ['fingerprint.ts'],
  ['outline.ts'],
  ['trends.ts'],
  ['export.ts'],
  ['tableLayout.ts'],
  ['skeleton.ts'],
  ['index.ts'],
];

const ENGINE = 'server/src/engine/';

/** Each server/src file's imports (type-only and re-exports included), as repo paths or bare names. */
function importGraph(): Map<string, { internal: string[]; external: string[] }> {
  const graph = new Map<string, { internal: string[]; external: string[] }>();
  const files = new Set(sources().map((s) => s.file));
  for (const src of sources()) {
    if (!src.file.startsWith('server/src/')) continue;
    const internal: string[] = [];
    const external: string[] = [];
    const add = (spec: string) => {
      if (!spec.startsWith('.')) return void external.push(spec);
      const base = path.posix.join(path.posix.dirname(src.file), spec);
      const hit = [`${base}.ts`, `${base}/index.ts`].find((f) => files.has(f));
      if (hit) internal.push(hit); // else a JSON bundle or similar, not code
    };
    for (const st of src.ast.statements) {
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) add(st.moduleSpecifier.text);
      if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression))
        add(st.moduleReference.expression.text);
    }
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) add(n.arguments[0].text);
      if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) add(n.argument.literal.text);
      ts.forEachChild(n, visit);
    };
    visit(src.ast);
    graph.set(src.file, { internal, external });
  }
  return graph;
}

/** Every cycle's files, one strongly connected component of two or more files (or a self-import) each. */
function cycles(graph: Map<string, { internal: string[] }>): string[][] {
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const strong = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.internal ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)!.internal.includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);
  return out;
}

/** One path around a cycle through `scc`, for the message. */
function circle(graph: Map<string, { internal: string[] }>, scc: string[]): string {
  const inside = new Set(scc);
  const start = scc[0];
  const seen = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v)!.internal) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const back = [v];
        for (let u = v; u !== start; ) back.push((u = seen.get(u)!));
        return [...back.reverse(), start].join(' → ');
      }
      if (!seen.has(w)) seen.set(w, v), queue.push(w);
    }
  }
  return scc.join(', ');
}

function layerOf(file: string): number {
  const rel = file.slice(ENGINE.length);
  const exact = ENGINE_LAYERS.findIndex((l) => l.includes(rel));
  if (exact !== -1) return exact;
  if (rel.startsWith('rules/')) return ENGINE_LAYERS.findIndex((l) => l.includes('rules/*'));
  return -1;
}

test('no import cycle in server/src', () => {
  const graph = importGraph();
  assert.ok(graph.size > 20, 'the sources are read');
  const found = cycles(graph).map((scc) => circle(graph, scc));
  assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
});

test('the cycle finder finds a circle of three files and a self-import', () => {
  const g = new Map([
    ['a', { internal: ['b'] }],
    ['b', { internal: ['c'] }],
    ['c', { internal: ['a', 'd'] }],
    ['d', { internal: ['d'] }],
    ['e', { internal: ['a'] }],
  ]);
  const found = cycles(g);
  assert.deepEqual(found, [['d'], ['a', 'b', 'c']]);
  assert.equal(circle(g, ['a', 'b', 'c']), 'a → b → c → a');
});

test('every engine file has its layer', () => {
  const graph = importGraph();
  const missing = [...graph.keys()].filter((f) => f.startsWith(ENGINE) && layerOf(f) === -1);
  assert.deepEqual(missing, [], 'files to add to ENGINE_LAYERS and to ARCHITECTURE.md');
  for (const l of ENGINE_LAYERS.flat()) {
    if (l === 'rules/*') continue;
    assert.ok(graph.has(ENGINE + l), `${l} is listed but does not exist`);
  }
});

test('the engine imports no editor, protocol, file system or path module', () => {
  const builtins = new Set(builtinModules);
  const bad: string[] = [];
  for (const [file, { external }] of importGraph()) {
    if (!file.startsWith(ENGINE)) continue;
    for (const spec of external)
      if (spec === 'vscode' || spec.startsWith('vscode-languageserver') || spec.startsWith('vscode-jsonrpc') || spec.startsWith('node:') || builtins.has(spec))
        bad.push(`${file} imports ${spec}`);
  }
  assert.deepEqual(bad, []);
});

test('engine files import only from lower layers, and rules from no other rule', () => {
  const bad: string[] = [];
  for (const [file, { internal }] of importGraph()) {
    if (!file.startsWith(ENGINE)) continue;
    const mine = layerOf(file);
    for (const dep of internal) {
      if (!dep.startsWith(ENGINE)) {
        bad.push(`${file} imports ${dep}, outside the engine`);
        continue;
      }
      const theirs = layerOf(dep);
      if (theirs >= mine) bad.push(`${file} (layer ${mine}) imports ${dep} (layer ${theirs})`);
    }
  }
  assert.deepEqual(bad, []);
});

test('no engine file is over 400 lines', () => {
  const long: string[] = [];
  for (const src of sources()) {
    if (!src.file.startsWith(ENGINE)) continue;
    const lines = src.ast.getLineStarts().length - (src.ast.text.endsWith('\n') ? 1 : 0);
    if (lines > 400) long.push(`${src.file}: ${lines} lines`);
  }
  assert.deepEqual(long, []);
});

test("ARCHITECTURE.md's engine table lists the layers in this order", () => {
  const doc = readFileSync(path.join(REPO, 'ARCHITECTURE.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## The engine, layer by layer'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| layer |')));
  const listed: string[] = [];
  for (const row of table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| layer'))) {
    const files = row.split('|')[2];
    for (const m of files.matchAll(/`engine\/([^`]+)`/g)) listed.push(m[1]);
  }
  assert.deepEqual(listed, ENGINE_LAYERS.flat().filter((l) => l !== 'rules/index.ts').map((l) => (l === 'rules/*' ? 'rules/*.ts' : l)));
});
