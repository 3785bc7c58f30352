// The rule docs are generated from the declarations; committed copies must be current.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/engine';
import { generatedManifest, ruleSettingsSchema } from '../../server/src/tools/manifest';
import { generatedReadme, ruleTable } from '../../server/src/tools/readme';
import { ruleDocs } from '../../server/src/tools/ruleDocs';
import { REPO } from '../support/paths';

test('docs/rules is up to date with the rule table (run `npm run docs`)', () => {
  const docs = ruleDocs();
  assert.equal(docs.size, RULES.length + 1);
  for (const [name, text] of docs) {
    const file = path.join(REPO, 'docs', 'rules', name);
    assert.equal(readFileSync(file, 'utf8'), text, `${file} is stale`);
  }
});

test('every identity rule documents its formula from the declaration', () => {
  const doc = ruleDocs().get('carry-over.md')!;
  assert.match(doc, /一 \+ 二 = （七）总计 \+ 四/);
  assert.match(ruleDocs().get('appeals-total.md')!, /总计 = 结果维持 \+ 结果纠正 \+ 其他结果 \+ 尚未审结/);
});

test('package.json’s nianbao.rules schema is the one generated from the rule table (run `npm run docs`)', () => {
  const file = path.join(REPO, 'package.json');
  const text = readFileSync(file, 'utf8');
  assert.equal(text, generatedManifest(text), `${file} is stale`);
});

test('the manifest generator rewrites a stale nianbao.rules schema and touches nothing else', () => {
  const text = readFileSync(path.join(REPO, 'package.json'), 'utf8');
  const stale = JSON.parse(text);
  const props = stale.contributes.configuration.properties['nianbao.rules'].properties;
  delete props.encoding;
  props.date.description = '日期';
  props['no-such-rule'] = { type: 'string' };
  const staleText = JSON.stringify(stale, null, 2) + '\n';
  assert.notEqual(staleText, text);
  assert.equal(generatedManifest(staleText), text);
  const schema = ruleSettingsSchema();
  assert.deepEqual(Object.keys(schema), RULES.map((r) => r.id));
  for (const rule of RULES) assert.match(JSON.stringify(schema[rule.id]), new RegExp(`"description":"${rule.zh} / ${rule.en}"`));
  assert.throws(() => generatedManifest('{"contributes":{}}'), /nianbao\.rules/);
});

/** The rows of README's rule table: code (and its link), severities, finding. */
function readmeRuleRows(readme: string): { id: string; link: string; severities: string[]; finding: string }[] {
  const lines = readme.split('\n');
  const head = lines.findIndex((l) => /^\| code \| severity \| finding \|$/.test(l));
  assert.ok(head >= 0, 'README.md has no `| code | severity | finding |` table');
  const rows = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const m = /^\| \[`([^`]+)`\]\(([^)]+)\) \| ([^|]+) \| (.+) \|$/.exec(line);
    assert.ok(m, `README.md: unreadable rule row: ${line}`);
    rows.push({ id: m[1], link: m[2], severities: m[3].trim().split(' / '), finding: m[4] });
  }
  return rows;
}

test('README’s rule table lists the rule table: same codes, same order, default severity first, links to the generated pages', () => {
  const rows = readmeRuleRows(readFileSync(path.join(REPO, 'README.md'), 'utf8'));
  assert.deepEqual(
    rows.map((r) => r.id),
    RULES.map((r) => r.id),
  );
  const severities = ['error', 'warning', 'information', 'hint'];
  for (const [i, row] of rows.entries()) {
    const rule = RULES[i];
    assert.equal(row.link, `docs/rules/${rule.id}.md`, `README.md: ${rule.id} links elsewhere`);
    assert.ok(ruleDocs().has(`${rule.id}.md`));
    assert.equal(row.severities[0], rule.severity, `README.md: ${rule.id}'s default severity is ${rule.severity}`);
    for (const s of row.severities) assert.ok(severities.includes(s), `README.md: ${rule.id}: unknown severity ${s}`);
    assert.equal(new Set(row.severities).size, row.severities.length);
    assert.ok(row.finding.trim().length > 0);
  }
});

test('README’s rule table is the one generated from the rule table (run `npm run docs`)', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  assert.equal(readme, generatedReadme(readme));
  // Each rule's row comes from its own file: its summary and its severities.
  for (const r of RULES) assert.ok(ruleTable().includes(`| [\`${r.id}\`](docs/rules/${r.id}.md) | ${(r.severities ?? [r.severity]).join(' / ')} | ${r.summary} |`), r.id);
});

test('the README generator rewrites a stale rule table and touches nothing else', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const stale = readme.replace(/^\| \[`carry-over`\].*\n/m, '').replace(/(\| \[`encoding`\][^|]*\| warning \| )/, '$1(edited) ');
  assert.notEqual(stale, readme);
  assert.equal(generatedReadme(stale), readme);
  assert.throws(() => generatedReadme('no markers here'), /markers/);
});
