// The rule docs are generated from the declarations; committed copies must be current.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/engine';
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
