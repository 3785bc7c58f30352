// How the engine reads table rows: control bytes, annotated labels, rows not found (issue 13, items 2 and 3).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { exportTables, summarize, type Finding } from '../../server/src/engine';
import { APPLICATIONS } from '../../server/src/engine/declarations';
import { defaultSpec, LAYOUTS, render } from '../support/generate';
import { SEED } from '../support/paths';
import { errors, run, values } from '../support/util';

const seed000 = readFileSync(SEED.s000, 'utf8');
const one = (n: number) => [n, 0, 0, 0, 0, 0, n];

/** The arithmetic findings of table 三, without their offsets: code, cell, expected, actual, text at the range. */
function arithmetic(text: string, findings: Finding[]) {
  return findings
    .filter((f) => ['carry-over', 'results-total', 'row-total'].includes(f.code) && f.severity === 'error')
    .map((f) => ({ code: f.code, cell: f.cell, expected: f.expected, actual: f.actual, at: text.slice(f.start, f.end) }));
}

describe('C0 control characters are read as whitespace', () => {
  const base = arithmetic(seed000, run(seed000).findings);

  test('seed 000 has four arithmetic errors (the reference)', () => {
    assert.equal(base.length, 4);
  });

  test('seed 000 with a NUL after every newline: the same arithmetic findings, exact ranges', () => {
    const text = seed000.replace(/\n/g, '\n\0');
    const r = run(text);
    assert.deepEqual(arithmetic(text, r.findings), base);
    assert.deepEqual(values(r.model.applications, 'granted'), one(4));
    // Offsets did not move: the model's text is the text as given, every finding's range reads the cell.
    assert.equal(r.model.text, text);
    for (const f of errors(r.findings)) assert.equal(text.slice(f.start, f.end), '0');
  });

  test('other C0 controls (not tab, LF, CR) before and inside lines: the same arithmetic findings', () => {
    const controls = [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f];
    let n = 0;
    const text = seed000.replace(/\n/g, () => '\n' + String.fromCharCode(controls[n++ % controls.length])).replace(/ \| /g, ' |\u0001 ');
    const r = run(text);
    assert.deepEqual(arithmetic(text, r.findings), base);
    assert.equal(r.model.text, text);
  });
});

describe('annotated row labels are recognised', () => {
  const base = arithmetic(seed000, run(seed000).findings);
  for (const label of [
    '(一)予以公开（注：含网上申请）',
    '(一)予以公开(含网上申请)',
    '(一)予以公开 注：含网上申请',
    '(一)予以公开*',
    '(一)予以公开①',
    '*(一)予以公开',
  ]) {
    test(`${label}: the row is read and seed 000's four errors come out`, () => {
      const text = seed000.replace('(一)予以公开', label);
      const r = run(text);
      assert.deepEqual(values(r.model.applications, 'granted'), one(4));
      assert.deepEqual(r.model.applications!.unread, []);
      assert.deepEqual(arithmetic(text, r.findings), base);
    });
  }
});

describe('a template row that was not found takes part in no sum', () => {
  // Seed 000 without its line `三、本年度办理结果 | (一)予以公开 | 4 | …`.
  const text = seed000.replace(/^三、本年度办理结果 \| \(一\)予以公开[^\n]*\n/m, '');

  test('the row is marked unread on the model and in the exported tables', () => {
    assert.notEqual(text, seed000);
    const r = run(text);
    assert.deepEqual(r.model.applications!.unread, ['granted']);
    assert.deepEqual(exportTables(r.model).applications!.unread, ['granted']);
  });

  test('no results-total finding is computed without it; one information finding names the row and the identities', () => {
    const r = run(text);
    assert.deepEqual(
      r.findings.filter((f) => f.code === 'results-total'),
      [],
    );
    const notes = r.findings.filter((f) => f.code === 'unread-row');
    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, 'information');
    assert.match(notes[0].message, /（一）予以公开/);
    assert.match(notes[0].message, /办理结果合计/);
    assert.doesNotMatch(notes[0].message, /结转关系/); // carry-over does not need （一）, and is still checked
    assert.equal(r.findings.filter((f) => f.code === 'carry-over' && f.severity === 'error').length, 2);
    const en = run(text, { locale: 'en' }).findings.find((f) => f.code === 'unread-row')!;
    assert.match(en.message, /\(1\) disclosed|（一）予以公开/);
  });

  test('every table read in full has no unread rows, in every layout and both shapes', () => {
    for (const s of Object.values(SEED)) {
      const m = run(readFileSync(s, 'utf8')).model;
      if (m.applications) assert.deepEqual(m.applications.unread, [], s);
    }
    for (const shape of ['single-other', 'split-other'] as const)
      for (const layout of LAYOUTS) {
        const r = run(render(defaultSpec({ shape }), layout));
        assert.deepEqual(r.model.applications!.unread, [], `${shape} ${layout}`);
        assert.deepEqual(r.findings.filter((f) => f.code === 'unread-row'), [], `${shape} ${layout}`);
      }
  });

  test('a row missing from a generated report in the 2021 shape: its label as the template writes it', () => {
    const full = render(defaultSpec({ shape: 'split-other' }), 'pipe');
    const row = APPLICATIONS.rows.find((x) => x.key === 'denied.3')!;
    const lines = full.split('\n');
    const at = lines.findIndex((l) => l.includes('危及'));
    assert.ok(at > 0);
    lines.splice(at, 1);
    const r = run(lines.join('\n'));
    assert.deepEqual(r.model.applications!.unread, ['denied.3']);
    const note = r.findings.find((f) => f.code === 'unread-row')!;
    assert.ok(note.message.includes(row.label), note.message);
    assert.deepEqual(errors(r.findings), []);
  });
});

describe('a stray pipe line in the prose does not change how a table of another layout is read', () => {
  for (const layout of ['pdf', 'tab', 'plain'] as const) {
    test(`${layout}: a line \`| |\` before table 三 leaves its values and findings`, () => {
      const text = render(defaultSpec({ shape: 'split-other' }), layout);
      const lines = text.split('\n');
      const at = lines.findIndex((l) => l.includes('收到和处理政府信息公开申请情况'));
      assert.ok(at > 0);
      lines.splice(at, 0, '| |');
      const mutated = lines.join('\n');
      const before = run(text);
      const after = run(mutated);
      assert.deepEqual(exportTables(after.model).applications, exportTables(before.model).applications);
      assert.deepEqual(arithmetic(mutated, after.findings), arithmetic(text, before.findings));
    });
  }
});

describe('a row label with a figure in the prose above does not hide table 三', () => {
  for (const layout of ['pdf', 'pipe', 'tab'] as const) {
    test(`${layout}: \`本年新收政府信息公开申请数量 5\` eight lines above the table`, () => {
      const text = render(defaultSpec(), layout);
      const start = run(text).model.applications!.start;
      const lines = text.split('\n');
      lines.splice(text.slice(0, start).split('\n').length - 9, 0, '本年新收政府信息公开申请数量 5');
      const mutated = lines.join('\n');
      const after = run(mutated);
      assert.ok(after.model.applications, 'table 三 is found');
      assert.deepEqual(exportTables(after.model).applications, exportTables(run(text).model).applications);
    });
  }
  test('seed 000: the same four errors', () => {
    const start = run(seed000).model.applications!.start;
    const lines = seed000.split('\n');
    lines.splice(seed000.slice(0, start).split('\n').length - 9, 0, '本年新收政府信息公开申请数量 5');
    const mutated = lines.join('\n');
    assert.deepEqual(arithmetic(mutated, run(mutated).findings), arithmetic(seed000, run(seed000).findings));
  });
});

describe('summaries take no figure or rate without a row not read', () => {
  test('a generated report without （一）予以公开: no disclosure rate computed from （二） alone', () => {
    const text = render(defaultSpec(), 'pipe');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('予以公开'));
    assert.ok(at > 0);
    lines.splice(at, 1);
    const full = summarize(run(text).model.applications!, 'zh-cn');
    assert.ok(full.rates.some((r) => r.label === '公开率'));
    const s = summarize(run(lines.join('\n')).model.applications!, 'zh-cn');
    assert.deepEqual(s.rates.filter((r) => r.label === '公开率'), []);
  });
});
