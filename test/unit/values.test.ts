import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseValue } from '../../server/src/engine/values';

test('plain numbers, including thousands separators and full-width digits', () => {
  assert.deepEqual(parseValue('5'), { kind: 'number', value: 5 });
  assert.deepEqual(parseValue(' 3,646 '), { kind: 'number', value: 3646 });
  assert.deepEqual(parseValue('１２'), { kind: 'number', value: 12 });
  assert.deepEqual(parseValue('52.15'), { kind: 'number', value: 52.15 });
});

test('signed changes as the 2019 table 二 writes them', () => {
  assert.deepEqual(parseValue('减5874'), { kind: 'signed', value: -5874 });
  assert.deepEqual(parseValue('增7'), { kind: 'signed', value: 7 });
  assert.deepEqual(parseValue('-82'), { kind: 'signed', value: -82 });
  assert.deepEqual(parseValue('+16'), { kind: 'signed', value: 16 });
  assert.deepEqual(parseValue('+0/-0'), { kind: 'signed', value: 0 });
});

test('amounts in 万元 and 元', () => {
  assert.deepEqual(parseValue('101973.15万'), { kind: 'amount', value: 101973.15 });
  assert.deepEqual(parseValue('16284万元'), { kind: 'amount', value: 16284 });
  assert.deepEqual(parseValue('251000元'), { kind: 'amount', value: 25.1 });
});

test('blank, markers and text stay distinct from 0', () => {
  assert.equal(parseValue('').kind, 'blank');
  assert.equal(parseValue('\t ').kind, 'blank');
  for (const m of ['/', '—', '——', '无']) assert.deepEqual(parseValue(m), { kind: 'marker', value: null }, m);
  assert.deepEqual(parseValue('五件'), { kind: 'text', value: null });
  assert.deepEqual(parseValue('0'), { kind: 'number', value: 0 });
});
