// The edges between client and server — custom requests, notifications, server command
// ids — are named once, in server/src/protocol.ts, which both sides import.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
import { literalTexts, sources, walk, where } from '../support/sources';

const PROTOCOL = 'server/src/protocol.ts';
/** A method or command name of nianbao's own: `nianbao/…` or `nianbao.server.…`. */
const EDGE = /nianbao\/[A-Za-z]|nianbao\.server\.[A-Za-z]/;

test('no client or server source names a custom request, notification or server command outside protocol.ts', () => {
  const found: string[] = [];
  let seen = 0;
  for (const src of sources()) {
    walk(src.ast, (node) => {
      for (const text of literalTexts(node)) {
        if (!EDGE.test(text)) continue;
        if (src.file === PROTOCOL) seen++;
        else found.push(`${where(src, node)}: ${JSON.stringify(text)}`);
      }
    });
  }
  assert.deepEqual(found, [], 'literal edge names outside protocol.ts');
  // The guard looks at the right thing: the protocol module itself holds every name.
  assert.equal(seen, 13, `${PROTOCOL} should hold the 7 requests, 1 notification, 4 server commands and 1 internal method`);
});

test('protocol.ts imports nothing but types, so the client can bundle it', () => {
  const src = sources().find((s) => s.file === PROTOCOL);
  assert.ok(src, `${PROTOCOL} exists`);
  for (const st of src.ast.statements) {
    if (ts.isImportDeclaration(st)) assert.ok(st.importClause?.isTypeOnly, `${where(src, st)} is a value import: ${st.getText(src.ast)}`);
    if (ts.isExportDeclaration(st) && st.moduleSpecifier) assert.ok(st.isTypeOnly, `${where(src, st)} re-exports values: ${st.getText(src.ast)}`);
  }
});

test('the client and the server both take the edge names from protocol.ts', () => {
  for (const file of ['client/src/extension.ts', 'server/src/server.ts']) {
    const src = sources().find((s) => s.file === file)!;
    const imports = src.ast.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
    assert.ok(imports.some((m) => /(^|\/)protocol$/.test(m)), `${file} imports the protocol module (imports: ${imports.join(', ')})`);
  }
});
