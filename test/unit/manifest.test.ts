// The manifest and the message bundles stay in step with the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { BUNDLES, RULES } from '../../server/src/engine';
import { REPO } from '../support/paths';
import { literalTexts, sources, walk, where } from '../support/sources';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

test('the nianbao.rules setting lists exactly the rule table', () => {
  const props = pkg.contributes.configuration.properties['nianbao.rules'].properties;
  assert.deepEqual(Object.keys(props).sort(), RULES.map((r) => r.id).sort());
});

test('every %key% of package.json exists in package.nls.json and package.nls.zh-cn.json', () => {
  const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 10);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(readFileSync(path.join(REPO, file), 'utf8'));
    for (const k of keys) assert.ok(nls[k], `${file} lacks ${k}`);
  }
});

/**
 * Calls that pass a message key on to `t()` without it being a literal there, and why the
 * test may trust them: the key is collected from the calls of the named helper instead.
 */
const KEY_FORWARDERS: { file: string; helper: string; keyArg: number; reason: string }[] = [
  { file: 'server/src/engine/rules/date.ts', helper: 'add', keyArg: 2, reason: '`add(start, end, key, params)` builds one finding with `t(locale, key, params)`' },
];

/** The message keys of the code: the key argument of every `t(locale, key, params?)` call and of the forwarders, found in the AST. */
function usedKeys(): { keys: Map<string, string[]>; problems: string[]; calls: number } {
  const keys = new Map<string, string[]>(); // key → where
  const problems: string[] = [];
  let calls = 0;
  const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
  for (const src of sources()) {
    const forwarders = KEY_FORWARDERS.filter((f) => f.file === src.file);
    walk(src.ast, (node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      const name = node.expression.text;
      const forwarder = forwarders.find((f) => f.helper === name);
      const keyArg = name === 't' && node.arguments.length >= 2 ? 1 : forwarder ? forwarder.keyArg : -1;
      if (keyArg < 0) return;
      calls++;
      const arg = node.arguments[keyArg];
      const at = where(src, node);
      // A literal, or a choice between literals: every key it can be.
      const literals = (e: ts.Expression): string[] | null => {
        while (ts.isParenthesizedExpression(e)) e = e.expression;
        if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
        if (ts.isConditionalExpression(e)) {
          const a = literals(e.whenTrue);
          const b = literals(e.whenFalse);
          return a && b ? [...a, ...b] : null;
        }
        return null;
      };
      const found = arg ? literals(arg) : null;
      if (!found) {
        // Allowed: `t(locale, key, …)` inside the forwarder's own definition (`const add = (…, key, …) => … t(locale, key, params) …`).
        let inside: ts.Node | undefined = node.parent;
        while (inside && !(ts.isVariableDeclaration(inside) && ts.isIdentifier(inside.name))) inside = inside.parent;
        const helper = inside && ((inside as ts.VariableDeclaration).name as ts.Identifier).text;
        const allowed = name === 't' && arg && ts.isIdentifier(arg) && forwarders.some((f) => f.helper === helper);
        if (!allowed) problems.push(`${at}: the key of ${name}(…) is not a string literal: ${arg?.getText(src.ast)}`);
        return;
      }
      // The parameters given, when they are an object literal: they fill the message's placeholders exactly.
      const paramsArg = node.arguments[keyArg + 1];
      const given =
        paramsArg && ts.isObjectLiteralExpression(paramsArg) && paramsArg.properties.every((p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))
          ? paramsArg.properties.map((p) => (p.name as ts.Identifier).text).sort()
          : paramsArg
            ? null
            : [];
      for (const key of found) {
        keys.set(key, [...(keys.get(key) ?? []), at]);
        const message = BUNDLES.en[key];
        if (message !== undefined && given !== null && JSON.stringify(placeholders(message)) !== JSON.stringify(given))
          problems.push(`${at}: ${key} has placeholders ${placeholders(message).join(', ') || '(none)'} but is given ${given.join(', ') || '(none)'}`);
      }
    });
  }
  return { keys, problems, calls };
}

test('both message bundles have the same keys', () => {
  assert.deepEqual(Object.keys(BUNDLES.en).sort(), Object.keys(BUNDLES['zh-cn']).sort());
});

test('every message key the code uses (found in its AST) exists in both bundles, with the placeholders it is given', () => {
  const { keys, problems, calls } = usedKeys();
  assert.ok(calls > 60 && keys.size > 60, `${calls} calls, ${keys.size} keys found`);
  assert.deepEqual(problems, []);
  const missing = [...keys].filter(([k]) => BUNDLES.en[k] === undefined || BUNDLES['zh-cn'][k] === undefined).map(([k, at]) => `${k} (${at.join(', ')})`);
  assert.deepEqual(missing, [], 'keys used but missing from a bundle');
});

test('every key of the bundles is used by the code', () => {
  const { keys } = usedKeys();
  assert.deepEqual(Object.keys(BUNDLES.en).filter((k) => !keys.has(k)), [], 'dead keys in the bundles');
});

test('no inline bilingual text: no choice on the locale between two pieces of text', () => {
  // `en ? 'blank' : '空白'`, `locale === 'en' ? … : …`, `zh() ? … : …`: the text belongs in the bundles.
  // A choice between two data fields (`locale === 'en' ? decl.en : decl.zh`) is not text of the code.
  const LOCALE_TEST = /\ben\b|\blocale\b|\bzh\b/;
  // Text: any literal piece but a language tag (`'en-US'`, `'zh-cn'` name locales, they are not shown as words).
  const hasText = (e: ts.Expression) => literalTexts(e).some((s) => s !== '' && !/^[a-z]{2}(-[A-Za-z]{2})?$/.test(s));
  const found: string[] = [];
  for (const src of sources()) {
    walk(src.ast, (node) => {
      if (ts.isConditionalExpression(node) && LOCALE_TEST.test(node.condition.getText(src.ast)) && (hasText(node.whenTrue) || hasText(node.whenFalse)))
        found.push(`${where(src, node)}: ${node.getText(src.ast).slice(0, 100)}`);
    });
  }
  assert.deepEqual(found, []);
});

test('the placeholders of each message are the same in both languages', () => {
  for (const [k, zh] of Object.entries(BUNDLES['zh-cn'])) {
    const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    assert.deepEqual(names(BUNDLES.en[k]), names(zh), k);
  }
});

test('the manifest declares how the extension behaves in untrusted and virtual workspaces', () => {
  const caps = pkg.capabilities;
  assert.ok(caps, 'package.json has a capabilities block');
  // The extension runs no code from the workspace (no workspace-defined paths, scripts or
  // executables): it only reads reports, so Restricted Mode needs no limits.
  assert.equal(caps.untrustedWorkspaces?.supported, true, JSON.stringify(caps.untrustedWorkspaces));
  // Virtual workspaces: open documents are checked (the client's selector takes their
  // scheme); what needs files on disk is said in the description.
  const v = caps.virtualWorkspaces;
  assert.equal(v?.supported, 'limited', JSON.stringify(v));
  assert.match(v.description, /^%.+%$/, 'the description is localised');
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(readFileSync(path.join(REPO, file), 'utf8'));
    assert.ok(nls[v.description.slice(1, -1)], `${file} explains the limits`);
  }
  const client = readFileSync(path.join(REPO, 'client', 'src', 'extension.ts'), 'utf8');
  const selector = /documentSelector:[^\n]*\[([^\]]*)\]/.exec(client)?.[1] ?? '';
  assert.match(selector, /'vscode-vfs'/, `the client's document selector takes virtual documents: ${selector}`);
  // The README says what each mode does.
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  assert.match(readme, /Restricted Mode/);
  assert.match(readme, /virtual workspace/i);
});
