// The manifest and the message bundles stay in step with the code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BUNDLES, RULES } from '../../server/src/engine';
import { REPO } from '../support/paths';

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

test('both message bundles have the same keys, and every key the code uses exists', () => {
  assert.deepEqual(Object.keys(BUNDLES.en).sort(), Object.keys(BUNDLES['zh-cn']).sort());
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/\bt\(\s*(?:locale|ctx\.locale)\s*,\s*'([^']+)'/g)) used.add(m[1]);
    }
  };
  walk(path.join(REPO, 'server', 'src'));
  assert.ok(used.size > 30, `${used.size} keys found`);
  for (const k of used) assert.ok(BUNDLES.en[k] && BUNDLES['zh-cn'][k], `missing message ${k}`);
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
