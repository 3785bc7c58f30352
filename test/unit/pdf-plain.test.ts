// Table 三 read from pdftotext's text without options of a Word-made PDF (engine/pdfPlain.ts):
// a paragraph per cell; a row read only where its label names it in the template's order and
// exactly as many paragraphs of digits as columns follow it. Everything else unread.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { APPEALS, APPLICATIONS } from '../../server/src/engine/declarations';
import { segment } from '../../server/src/engine/cells';
import { Cursor } from '../../server/src/engine/labels';
import { plainRows } from '../../server/src/engine/pdfPlain';
import { blankControls, formFeeds, lineStartsOf } from '../../server/src/engine/text';
import { writeEdit } from '../../server/src/engine/findings';
import { REPO } from '../support/paths';
import { errors, run, values } from '../support/util';

const LAYOUTS = path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf-plain');
const GENERATED = path.join(REPO, 'test', 'corpus', 'generated');
const fixture = (name: string) => readFileSync(path.join(LAYOUTS, `${name}.txt`), 'utf8');

/** The fixtures' table 三 is gen-01's (the generator's figures). */
const TRUTH = (JSON.parse(readFileSync(path.join(GENERATED, 'gen-01.truth.json'), 'utf8')) as { applications: Record<string, number[]> }).applications;

function rowsOf(text: string) {
  const simple = blankControls(text);
  const cells = segment(simple, lineStartsOf(simple));
  return plainRows(cells, new Cursor(cells), formFeeds(text));
}

describe('pdftotext without options, a paragraph per cell (pdfPlain.ts)', () => {
  test('every row of table 三 read, numbers broken over lines joined, labels cut by a page break placed', () => {
    const text = fixture('paragraphs');
    const { model, findings } = run(text);
    const table = model.applications!;
    assert.equal(table.shape, 'split-other');
    assert.deepEqual(table.unread, []);
    for (const row of APPLICATIONS.rows) {
      if (row.shape === 'single-other') continue;
      assert.deepEqual(values(table, row.key), TRUTH[row.key], row.key);
      assert.deepEqual(table.rows.get(row.key)?.extras, [], `${row.key} has extra values`);
    }
    // 55 printed `5⏎5`: one cell over both lines, which no fix edits.
    const cell = table.rows.get('new')!.cells[0];
    assert.equal(text.slice(cell.source!.start, cell.source!.end), '5\n5');
    assert.equal(writeEdit(text, cell, '56'), null);
    assert.deepEqual(errors(findings), []);
  });

  test('a break read through a joined number is found at its cell, with no fix over its lines', () => {
    const { model, findings } = run(fixture('paragraphs-breaking'));
    assert.deepEqual(model.applications!.unread, []);
    assert.deepEqual(values(model.applications, 'new'), [55, 13, 6, 9, 8, 3, 95]);
    const rowTotal = errors(findings).filter((f) => f.code === 'row-total');
    assert.equal(rowTotal.length, 1);
    assert.deepEqual(rowTotal[0].cell, { table: 'applications', row: 'new', column: 6 });
    // The cell spans two lines (`9⏎5`): no fix writes over them.
    assert.deepEqual(rowTotal[0].fixes, []);
  });

  test('rows not certain stay unread: a label out of order and the rows it passed, six paragraphs of values, a cell that is no number cut at its width', () => {
    const { model, findings } = run(fixture('paragraphs-unsure'));
    const table = model.applications!;
    assert.deepEqual(table.unread, ['new', 'carried', 'granted', 'partial', 'denied.1', 'denied.3', 'unable.2']);
    for (const key of table.rows.keys()) assert.deepEqual(values(table, key), TRUTH[key], key);
    assert.deepEqual(errors(findings), []);
    assert.deepEqual(
      findings.filter((f) => f.severity === 'warning'),
      [],
    );
  });

  test('the form is told apart: pdftotext -layout (cells of a line apart by runs of spaces) is not read here (its readers stand)', () => {
    for (const name of ['gen-01.word.layout', 'gen-06.word.layout', 'gen-01.chrome.layout', 'gen-04.word.layout', 'gen-12.word.plain']) {
      assert.equal(rowsOf(readFileSync(path.join(GENERATED, `${name}.txt`), 'utf8')), null, name);
    }
    assert.notEqual(rowsOf(fixture('paragraphs')), null);
    // Without form feeds (no extractor's text) the table's reader never asks it.
    assert.equal(run(fixture('paragraphs').replace(/\f/g, ' ')).model.applications?.rows.size ?? 0, 0);
  });

  test("Chromium's text: a row read only where seven values follow its label and its identity confirms them", () => {
    const text = fixture('paragraphs-chromium');
    const gen06 = (JSON.parse(readFileSync(path.join(GENERATED, 'gen-06.truth.json'), 'utf8')) as { applications: Record<string, number[]> }).applications;
    const { model, findings } = run(text);
    const table = model.applications!;
    // 3.补正后申请内容仍不明确 and 4.无正当理由大量反复申请 printed after 5.要求行政机关…: the rows between unsure too.
    assert.deepEqual(table.unread, ['carried', 'granted', 'partial', 'denied.4', 'denied.5', 'unable.1', 'unable.2', 'unable.3', 'ignored.1', 'ignored.2', 'ignored.3', 'ignored.4', 'ignored.5', 'other.1']);
    for (const key of table.rows.keys()) assert.deepEqual(values(table, key), gen06[key], key);
    assert.deepEqual(errors(findings), []);
    // 2.其他法律行政法规禁止公开 `5 0 0` ¶ `0` ¶ `0` ¶ `0` ¶ `5`: with its 总计 6, its identity does not confirm the reading: unread, no error.
    const changed = text.replace('2.其他法律行政法规禁止公开\n\n5 0 0\n\n0\n\n0\n\n0\n\n5\n', '2.其他法律行政法规禁止公开\n\n5 0 0\n\n0\n\n0\n\n0\n\n6\n');
    assert.notEqual(changed, text);
    const t2 = run(changed);
    assert.ok(t2.model.applications!.unread.includes('denied.2'));
    assert.deepEqual(errors(t2.findings), []);
  });

  test("Chromium's text: a row's values on lines of their own after its label (`37 7 4 9` / `8 2 67`) read; the rows whose later columns stand elsewhere unread", () => {
    for (const id of ['gen-01', 'gen-04']) {
      const truth = (JSON.parse(readFileSync(path.join(GENERATED, `${id}.truth.json`), 'utf8')) as { applications: Record<string, number[]> }).applications;
      const { model, findings } = run(readFileSync(path.join(GENERATED, `${id}.chrome.plain.txt`), 'utf8'));
      const table = model.applications!;
      assert.ok(table.rows.size >= 5, `${id}: ${table.rows.size} rows`);
      for (const key of table.rows.keys()) assert.deepEqual(values(table, key), truth[key], `${id} ${key}`);
      assert.deepEqual(errors(findings), [], id);
    }
  });

  test("table 四: another table's figures on the page before its column headers are no values of it; past them only all fifteen are read", () => {
    const appeals = (JSON.parse(readFileSync(path.join(GENERATED, 'gen-01.truth.json'), 'utf8')) as { appeals: Record<string, number[]> }).appeals;
    const { model, findings } = run(fixture('appeals-page-before'));
    assert.deepEqual(model.appeals!.unread, []);
    for (const row of APPEALS.rows) assert.deepEqual(values(model.appeals, row.key), appeals[row.key], row.key);
    assert.deepEqual(errors(findings), []);
    // Fourteen values: not read, never one of them read as blank.
    const short = run(fixture('appeals-page-before-short'));
    assert.deepEqual(short.model.appeals!.unread, APPEALS.rows.map((r) => r.key));
    assert.equal(short.model.appeals!.rows.size, 0);
    assert.deepEqual(errors(short.findings), []);
  });

  test('a paragraph of two labels is no row, but one of them naming a row passed shows labels out of order', () => {
    const text = fixture('paragraphs');
    // After 1.本机关不掌握相关政府信息's values: `（二）部分公开 1.属于国家秘密`, printed together.
    const at = text.indexOf('2.没有现成信');
    const changed = `${text.slice(0, at)}（二）部分公开 1.属于国家秘密\n\n${text.slice(at)}`;
    const table = run(changed).model.applications!;
    const keys = APPLICATIONS.rows.map((r) => r.key);
    assert.deepEqual(table.unread, keys.slice(keys.indexOf('partial'), keys.indexOf('unable.1') + 1));
    for (const key of table.rows.keys()) assert.deepEqual(values(table, key), TRUTH[key], key);
    assert.deepEqual(errors(run(changed).findings), []);
  });

  test('a row is never read from fewer or more paragraphs than columns', () => {
    const text = fixture('paragraphs');
    // One value paragraph of 一 dropped (a blank cell): 一 unread, the rest read.
    const cut = text.replace('一、本年新收政府信息公开申请数量\n\n5\n5\n\n', '一、本年新收政府信息公开申请数量\n\n');
    assert.notEqual(cut, text);
    const t1 = run(cut).model.applications!;
    assert.ok(t1.unread.includes('new'));
    assert.equal(t1.rows.get('carried') !== undefined, true);
    // One more: unread too.
    const more = text.replace('一、本年新收政府信息公开申请数量\n\n', '一、本年新收政府信息公开申请数量\n\n7\n\n');
    const t2 = run(more).model.applications!;
    assert.ok(t2.unread.includes('new'));
    assert.deepEqual(errors(run(cut).findings), []);
    assert.deepEqual(errors(run(more).findings), []);
  });
});

describe('table 四 of pdftotext without options', () => {
  test('fewer than fifteen values (one printed after the prose below): the groups after the last headers passed unread, never a value read as blank', () => {
    const appeals = (JSON.parse(readFileSync(path.join(GENERATED, 'gen-01.truth.json'), 'utf8')) as { appeals: Record<string, number[]> }).appeals;
    const { model, findings } = run(fixture('appeals-value-after-prose'));
    assert.deepEqual(model.appeals!.unread, ['litigationDirect', 'litigationAfterReview']);
    assert.deepEqual(values(model.appeals, 'review'), appeals.review);
    assert.deepEqual(findings.filter((f) => f.code === 'blank-cell' || f.code === 'appeals-total'), []);
    // gen-06's Word text: 复议后起诉's 总计 printed after the prose; the two groups before it, each whole between headers, read.
    const gen06 = (JSON.parse(readFileSync(path.join(GENERATED, 'gen-06.truth.json'), 'utf8')) as { appeals: Record<string, number[]> }).appeals;
    const t = run(readFileSync(path.join(GENERATED, 'gen-06.word.plain.txt'), 'utf8')).model.appeals!;
    assert.deepEqual(t.unread, ['litigationAfterReview']);
    for (const key of ['review', 'litigationDirect']) assert.deepEqual(values(t, key), gen06[key], key);
  });
});

describe('page breaks', () => {
  test('a form feed is a page break at a line\'s start only (pdftotext writes it there); inside a line it is a stray control', () => {
    assert.deepEqual(formFeeds('a\n\fb\fc\n\f'), [2, 7]);
    assert.deepEqual(formFeeds('\fa'), [0]);
  });
});
