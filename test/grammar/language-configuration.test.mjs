// Checks for language-configuration.json (brackets, auto-closing pairs, wordPattern).
// Run: node --test test/grammar/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG_PATH = path.join(ROOT, 'language-configuration.json');
const config = JSON.parse(fs.readFileSync(CONFIG_PATH, 'utf8'));

test('package.json points the nianbao language at this file', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const lang = pkg.contributes.languages.find((l) => l.id === 'nianbao');
  assert.ok(lang);
  assert.equal(path.resolve(ROOT, lang.configuration), CONFIG_PATH);
});

test('brackets and pairs', () => {
  const pairs = (list) => list.map((p) => (Array.isArray(p) ? p.join('') : p.open + p.close));
  for (const p of ['（）', '()', '《》']) {
    assert.ok(pairs(config.brackets).includes(p), `brackets has ${p}`);
    assert.ok(pairs(config.autoClosingPairs).includes(p), `autoClosingPairs has ${p}`);
    assert.ok(pairs(config.surroundingPairs).includes(p), `surroundingPairs has ${p}`);
  }
  assert.ok(pairs(config.autoClosingPairs).includes('“”'));
  assert.ok(pairs(config.surroundingPairs).includes('“”'));
  // quotes are not brackets: a cut-off “ in a copied report must not light up as unbalanced
  assert.ok(!pairs(config.brackets).includes('“”'));
  for (const p of [...config.brackets, ...config.surroundingPairs]) assert.equal(p.length, 2);
  for (const p of config.autoClosingPairs) {
    assert.equal([...p.open].length, 1);
    assert.equal([...p.close].length, 1);
    assert.notEqual(p.open, p.close);
  }
  for (const c of '，。；：、）》') assert.ok(config.autoCloseBefore.includes(c), `autoCloseBefore has ${c}`);
});

test('wordPattern: numbers, signed changes, amounts and CJK runs are words', () => {
  const re = new RegExp(config.wordPattern, 'g');
  const words = (s) => s.match(re);
  assert.deepEqual(words('减5874'), ['减5874']);
  assert.deepEqual(words('增7 -82 +16'), ['增7', '-82', '+16']);
  assert.deepEqual(words('101973.15万 16284万元'), ['101973.15万', '16284万元']);
  assert.deepEqual(words('２２'), ['２２']);
  assert.deepEqual(words('2020年收到申请22件'), ['2020', '年收到申请', '22', '件']);
  assert.deepEqual(words('（一）予以公开 | 4 |'), ['一', '予以公开', '4']);
  assert.deepEqual(words('屬於國家秘密'), ['屬於國家秘密']);
  assert.deepEqual(words('www.boshan.gov.cn'), ['www', 'boshan', 'gov', 'cn']);
  // punctuation and pipes are never part of a word
  assert.equal(words('|｜，。、（）《》“”'), null);
});

test('wordPattern never matches the empty string', () => {
  const re = new RegExp(config.wordPattern, 'g');
  for (const s of ['', ' ', '|', '，', '\t', '—']) {
    for (const m of s.matchAll(re)) assert.ok(m[0].length > 0);
  }
  assert.ok(!new RegExp(`^(?:${config.wordPattern})$`).test(''));
});
