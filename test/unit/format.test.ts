// One percentage formatter for every rate the user sees: hover, copied summary, trends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
import { formatPercent, formatTrend } from '../../server/src/engine';
import { sources, walk, where } from '../support/sources';

test('formatPercent: one decimal, halves rounded up as written in decimal', () => {
  assert.equal(formatPercent(0), '0.0%');
  assert.equal(formatPercent(1), '100.0%');
  assert.equal(formatPercent(0.5), '50.0%');
  assert.equal(formatPercent(2 / 3), '66.7%');
  assert.equal(formatPercent(1 / 3), '33.3%');
  assert.equal(formatPercent(1 / 16), '6.3%'); // 6.25 %
  // 0.15 % is 0.1499999… in binary after × 100: rounding the product would give 0.1 %.
  assert.equal(formatPercent(3 / 2000), '0.2%');
  assert.equal(formatPercent(1.5), '150.0%');
});

test('the trends view formats its rates with formatPercent', () => {
  const cell = { value: 3 / 2000, location: 'file:///x', range: null };
  assert.equal(formatTrend(cell, true), formatPercent(3 / 2000));
  assert.equal(formatTrend({ ...cell, value: null }, true), '—');
});

test('no other code writes a percentage: no `${…}%` outside engine/format.ts', () => {
  const found: string[] = [];
  for (const src of sources()) {
    if (src.file === 'server/src/engine/format.ts') continue;
    walk(src.ast, (node) => {
      if (ts.isTemplateSpan(node) && node.literal.text.startsWith('%')) found.push(`${where(src, node)}: ${node.parent.getText(src.ast)}`);
    });
  }
  assert.deepEqual(found, []);
});
