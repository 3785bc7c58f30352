// HTML reports in the CLI: read as their text view, reported in the HTML file itself
// (every range, related range and fix edit slices the source at the cell's text).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { check, exportTables, LineIndex } from '../../server/src/engine';
import { readHtml } from '../../server/src/io/html';
import { defaultSpec, type ReportSpec } from '../support/generate';
import { appealsRows, applicationsHeader, applicationsRows, pageHtml, reportHtml } from '../support/html';
import { seed000Html } from '../support/seed-html';
import { REPO, SEED } from '../support/paths';
import { cli } from '../support/cli';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'html');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'nianbao-html-'));

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Diag { code: string; severity: string; message: string; range: Range; cell?: unknown; expected?: number; actual?: number; related: { range: Range }[]; fixes: { preferred: boolean; edits: { range: Range; newText: string }[] }[] }
const json = async (file: string) => JSON.parse((await cli(['check', '--format', 'json', file])).stdout).files[0];
const slicer = (text: string) => {
  const idx = new LineIndex(text);
  return (r: Range) => text.slice(idx.offsetAt(r.start), idx.offsetAt(r.end));
};
/** Applies edits (ranges in `text`) from the last to the first. */
function apply(text: string, edits: { range: Range; newText: string }[]): string {
  const idx = new LineIndex(text);
  const abs = edits.map((e) => ({ start: idx.offsetAt(e.range.start), end: idx.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of abs) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

describe('seed 000 as an HTML page', () => {
  test('the fixture is what test/support/seed-html.ts writes', () => {
    assert.equal(readFileSync(path.join(FIXTURES, 'seed-000.html'), 'utf8'), seed000Html());
  });
  test('the same findings as its text (codes, messages, cells, values) and the same tables', async () => {
    const html = await json(path.join(FIXTURES, 'seed-000.html'));
    const text = await json(SEED.s000);
    const key = (d: Diag) => JSON.stringify([d.code, d.severity, d.message, d.cell, d.expected, d.actual, d.fixes.length, d.related.length]);
    assert.ok(html.diagnostics.length >= 6);
    assert.deepEqual(html.diagnostics.map(key), text.diagnostics.map(key));
    assert.deepEqual(html.tables, text.tables);
    assert.deepEqual(html.source, { format: 'html', encoding: 'utf-8', textView: false });
  });
  test('every range, related range and fix edit is in the HTML file, at the same text as in the seed', async () => {
    const src = readFileSync(path.join(FIXTURES, 'seed-000.html'), 'utf8');
    const html = await json(path.join(FIXTURES, 'seed-000.html'));
    const text = await json(SEED.s000);
    const inHtml = slicer(src);
    const inText = slicer(readFileSync(SEED.s000, 'utf8'));
    html.diagnostics.forEach((d: Diag, i: number) => {
      const t: Diag = text.diagnostics[i];
      assert.equal(inHtml(d.range), inText(t.range), d.code);
      assert.doesNotMatch(inHtml(d.range), /[<>]/, 'a cell’s text, not its markup');
      d.related.forEach((r, j) => assert.equal(inHtml(r.range).replace(/\s+/g, ''), inText(t.related[j].range).replace(/\s+/g, '')));
      d.fixes.forEach((x, j) => x.edits.forEach((e, k) => assert.equal(inHtml(e.range), inText(t.fixes[j].edits[k].range))));
    });
  });
  test('its preferred fixes, applied to the HTML file, leave no carry-over or results-total error', async () => {
    const src = readFileSync(path.join(FIXTURES, 'seed-000.html'), 'utf8');
    const html = await json(path.join(FIXTURES, 'seed-000.html'));
    const first: Diag = html.diagnostics.find((d: Diag) => d.code === 'carry-over');
    const fixed = apply(src, first.fixes.find((x) => x.preferred)!.edits);
    const file = path.join(tmp(), 'fixed.html');
    writeFileSync(file, fixed);
    const after = await json(file);
    assert.deepEqual(after.diagnostics.filter((d: Diag) => d.severity === 'error'), []);
    assert.deepEqual(after.tables.applications.rows.total, [5, 0, 0, 0, 0, 0, 5]);
  });
  test('a suppression comment in the page silences findings as in a text report', async () => {
    const src = readFileSync(path.join(FIXTURES, 'seed-000.html'), 'utf8').replace('<div class=WordSection1>', '<div class=WordSection1>\n<!-- nianbao-disable carry-over, results-total -- 原因：测试 --><!-- an ordinary comment -->');
    const file = path.join(tmp(), 'suppressed.html');
    writeFileSync(file, src);
    const out = await json(file);
    assert.equal(out.suppressed, 4);
    assert.deepEqual(out.diagnostics.filter((d: Diag) => d.severity === 'error'), []);
  });
  test('text and SARIF output give lines and columns in the HTML file', async () => {
    const file = path.join(FIXTURES, 'seed-000.html');
    const src = readFileSync(file, 'utf8');
    const lines = src.split('\n');
    const r = await cli(['check', file]);
    const m = /seed-000\.html:(\d+):(\d+): error \[carry-over\]/.exec(r.stdout)!;
    assert.ok(m, r.stdout);
    assert.equal(lines[Number(m[1]) - 1].slice(Number(m[2]) - 1, Number(m[2])), '0');
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', file])).stdout);
    const res = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'carry-over');
    const reg = res.locations[0].physicalLocation.region;
    assert.equal(lines[reg.startLine - 1].slice(reg.startColumn - 1, reg.endColumn - 1), '0');
  });
});

/** A spec whose every cell holds a different number: a misread cell cannot go unnoticed. */
const distinct = (shape: ReportSpec['shape']): ReportSpec => {
  const base = defaultSpec({ shape });
  let n = 100;
  const applications = Object.fromEntries(Object.keys(base.applications).map((k) => [k, base.applications[k].map(() => n++)]));
  return { ...base, applications, appeals: base.appeals.map(() => n++) };
};

describe('template-shaped HTML tables: every cell of 三 and 四 is read', () => {
  for (const shape of ['split-other', 'single-other'] as const) {
    for (const [name, spec] of [['consistent', defaultSpec({ shape })], ['distinct values', distinct(shape)]] as const) {
      test(`${shape}, ${name}`, async () => {
        const file = path.join(tmp(), 'r.html');
        writeFileSync(file, reportHtml(spec));
        const out = await json(file);
        assert.equal(out.template, shape === 'split-other' ? '2021' : '2019');
        assert.deepEqual(out.tables.applications.rows, spec.applications);
        const a = spec.appeals;
        assert.deepEqual(out.tables.appeals, { review: a.slice(0, 5), litigationDirect: a.slice(5, 10), litigationAfterReview: a.slice(10, 15) });
        if (name === 'consistent') assert.deepEqual(out.diagnostics, []);
      });
    }
  }
  test('table 三 broken by a page at any row (as it is, its header repeated, its merged label columns recreated empty): every cell read', async () => {
    for (const shape of ['split-other', 'single-other'] as const) {
      const spec = distinct(shape);
      const rows = [...applicationsHeader(), ...applicationsRows(spec.applications, shape)];
      for (let at = 4; at < rows.length; at++) {
        for (const mode of ['plain', 'header', 'empty'] as const) {
          let rest = rows.slice(at);
          if (mode === 'header') rest = [...rows.slice(0, 3), ...rest];
          const width = rest[0].reduce((n, c) => n + (c.colSpan ?? 1), 0);
          if (mode === 'empty' && width < 10) rest = [[...Array.from({ length: 10 - width }, () => ({ text: '', rowSpan: rest.length })), ...rest[0]], ...rest.slice(1)];
          const page = pageHtml([`${spec.year}年度报告`, '三、收到和处理政府信息公开申请情况', rows.slice(0, at), '\u00a0', rest, '四、政府信息公开行政复议、行政诉讼情况', appealsRows(spec.appeals)]);
          const r = readHtml(Buffer.from(page));
          const model = check(r.decoded.text).model;
          assert.deepEqual(exportTables(model).applications?.rows, spec.applications, `${shape}, broken before row ${at}, ${mode}`);
        }
      }
    }
  });
  test('the fixtures: template-2021.html, and the GBK copy of the 2019 shape', async () => {
    const t21 = await json(path.join(FIXTURES, 'template-2021.html'));
    assert.deepEqual(t21.tables.applications.rows, defaultSpec({ shape: 'split-other' }).applications);
    const gbk = await json(path.join(FIXTURES, 'template-2019-gbk.html'));
    assert.equal(gbk.source.encoding, 'gb18030');
    assert.deepEqual(gbk.tables.applications.rows, defaultSpec({ shape: 'single-other' }).applications);
    assert.deepEqual(gbk.diagnostics, []);
  });
  test('a blank cell: the finding and its fix point inside the cell, where a value is typed', async () => {
    const spec = defaultSpec();
    spec.applications = { ...spec.applications, partial: ['', 0, 0, 0, 0, 0, 1] };
    const file = path.join(tmp(), 'r.html');
    const src = reportHtml(spec);
    writeFileSync(file, src);
    const out = await json(file);
    const blank: Diag = out.diagnostics.find((d: Diag) => d.code === 'blank-cell');
    assert.ok(blank, JSON.stringify(out.diagnostics.map((d: Diag) => d.code)));
    const idx = new LineIndex(src);
    const at = idx.offsetAt(blank.range.start);
    assert.ok(src.slice(0, at).endsWith('<span lang=EN-US>'), src.slice(at - 60, at + 20));
    for (const x of blank.fixes) {
      const fixed = apply(src, x.edits);
      writeFileSync(file, fixed);
      assert.equal((await json(file)).diagnostics.filter((d: Diag) => d.code === 'blank-cell').length, 0);
    }
  });
});

describe('nianbao text FILE', () => {
  test('an HTML page: its text view, as the checker reads it', async () => {
    const r = await cli(['text', path.join(FIXTURES, 'template-2021.html')]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\| 三、本年度办理结果 \| （一）予以公开 \| 4 \| 1 \| 0 \| 0 \| 0 \| 0 \| 5 \|$/m);
    assert.doesNotMatch(r.stdout, /<|nav =/);
  });
  test('a text file: the text itself; a missing file: exit 2', async () => {
    const r = await cli(['text', SEED.s000]);
    assert.equal(r.stdout, readFileSync(SEED.s000, 'utf8'));
    const bad = await cli(['text', path.join(tmp(), 'missing.html')]);
    assert.equal(bad.code, 2);
    assert.equal((await cli(['text'])).code, 2);
  });
});
