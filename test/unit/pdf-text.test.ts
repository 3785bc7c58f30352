// Table 三 and 四 read from PDF text (engine/pdfText.ts): each pattern of real PDF copies,
// read cell by cell; an unsure pairing leaves rows unread, never an arithmetic error.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { APPLICATIONS, APPEALS } from '../../server/src/engine/declarations';
import { REPO } from '../support/paths';
import { errors, run, values } from '../support/util';

const LAYOUTS = path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf-text');
const PDFTEXT = path.join(REPO, 'test', 'fixtures', 'pdftext');
const ARITHMETIC = ['carry-over', 'results-total', 'row-total', 'appeals-total'];

type Truth = { applications: Record<string, number[]>; appeals: Record<string, number[]> };

/** The values of the pdf-text fixtures (rows not named: all 0). */
const FIXTURE: Truth = {
  applications: {
    new: [9, 1, 0, 0, 1, 0, 11],
    carried: [1, 0, 0, 0, 0, 0, 1],
    granted: [4, 1, 0, 0, 0, 0, 5],
    partial: [1, 0, 0, 0, 0, 0, 1],
    'denied.1': [1, 0, 0, 0, 0, 0, 1],
    'denied.2': [0, 0, 0, 0, 1, 0, 1],
    'unable.1': [1, 0, 0, 0, 0, 0, 1],
    'ignored.2': [1, 0, 0, 0, 0, 0, 1],
    total: [8, 1, 0, 0, 1, 0, 10],
    forward: [2, 0, 0, 0, 0, 0, 2],
  },
  appeals: { review: [1, 0, 0, 0, 1], litigationDirect: [2, 1, 0, 0, 3], litigationAfterReview: [0, 0, 0, 0, 0] },
};

/** Every row of the 2021 table 三 (split （六）) and table 四, compared cell by cell. */
function assertReads(text: string, truth: Truth, name: string): void {
  const { model, findings } = run(text);
  assert.equal(model.applications?.shape, 'split-other', name);
  assert.deepEqual(model.applications?.unread, [], `${name}: rows not read`);
  for (const row of APPLICATIONS.rows) {
    if (row.shape === 'single-other') continue;
    const want = truth.applications[row.key] ?? [0, 0, 0, 0, 0, 0, 0];
    assert.deepEqual(values(model.applications, row.key), want, `${name}: ${row.key}`);
    assert.deepEqual(model.applications?.rows.get(row.key)?.extras, [], `${name}: ${row.key} has extra values`);
  }
  for (const row of APPEALS.rows) assert.deepEqual(values(model.appeals, row.key), truth.appeals[row.key], `${name}: ${row.key}`);
  assert.deepEqual(errors(findings), [], name);
}

describe('PDF text: table 三 and 四 read cell by cell', () => {
  for (const name of ['values-before-label', 'wrapped-labels', 'wrapped-labels-raw', 'vertical-label', 'vertical-label-lines', 'rowspan-middle', 'page-marks', 'stacked-headers', 'appeals-page-marks']) {
    test(name, () => assertReads(readFileSync(path.join(LAYOUTS, `${name}.txt`), 'utf8'), FIXTURE, name));
  }

  const truth = (JSON.parse(readFileSync(path.join(PDFTEXT, 'truth.json'), 'utf8')) as { default: Truth }).default;
  for (const name of ['wide.layout', 'wide.raw', 'vertical.layout', 'vertical.raw']) {
    test(`pdftotext of a generated PDF: ${name}`, () => assertReads(readFileSync(path.join(PDFTEXT, `${name}.txt`), 'utf8'), truth, name));
  }

  test('2019 template, values before labels: every cell as the same report printed a row a line', () => {
    const inline = run(readFileSync(path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf', '2019-holding.txt'), 'utf8')).model;
    const { model, findings } = run(readFileSync(path.join(LAYOUTS, 'values-before-label-2019.txt'), 'utf8'));
    assert.equal(model.applications?.shape, 'single-other');
    assert.deepEqual(model.applications?.unread, []);
    for (const row of APPLICATIONS.rows) {
      if (row.shape === 'split-other') continue;
      assert.deepEqual(values(model.applications, row.key), values(inline.applications, row.key), row.key);
    }
    assert.deepEqual(errors(findings), []);
  });

  test('pdftotext without options (labels of a group before their values): no arithmetic error from a guess', () => {
    for (const name of ['wide.plain', 'vertical.plain']) {
      const { findings } = run(readFileSync(path.join(PDFTEXT, `${name}.txt`), 'utf8'));
      assert.deepEqual(
        errors(findings).filter((f) => ARITHMETIC.includes(f.code)),
        [],
        name,
      );
    }
  });
});

describe('PDF text: the patterns one by one', () => {
  const base = readFileSync(path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf', '2021-holding.txt'), 'utf8');

  test('a wrapped label whose second half stands before the values: `公开` is no value, and no value is extra', () => {
    const text = base.replace('2.其他法律行政法规禁止公开 0 0 0 0 0 0 0', '2．其他法律行政法规禁止\n公开 0 0 0 0 0 0 0');
    assert.notEqual(text, base);
    const { model, findings } = run(text);
    assert.deepEqual(values(model.applications, 'denied.2'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(model.applications?.rows.get('denied.2')?.extras, []);
    assert.deepEqual(model.applications?.unread, []);
    assert.deepEqual(errors(findings), []);
  });

  test('one character of a vertical label glued to a row: `本 2.其他… 0 …`', () => {
    const text = base
      .replace('（一）予以公开 4', '三 （一）予以公开 4')
      .replace('（二）部分公开', '、 （二）部分公开')
      .replace('（三）不予公开 1.属于国家秘密', '本 1.属于国家秘密')
      .replace('2.其他法律行政法规禁止公开', '年 2.其他法律行政法规禁止公开');
    const { model, findings } = run(text);
    assert.deepEqual(values(model.applications, 'granted'), [4, 1, 0, 0, 0, 0, 5]);
    assert.deepEqual(values(model.applications, 'denied.2'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(model.applications?.unread, []);
    assert.deepEqual(errors(findings), []);
  });

  test('values on the line before their label: each row takes the line above it', () => {
    const text = base.replace(/^(.*[^\d\s]) ((?:\d+ ){6}\d+)$/gm, '$2\n$1');
    assert.notEqual(text, base);
    const { model, findings } = run(text);
    assert.deepEqual(values(model.applications, 'new'), [9, 1, 0, 0, 1, 0, 11]);
    assert.deepEqual(values(model.applications, 'granted'), [4, 1, 0, 0, 0, 0, 5]);
    assert.deepEqual(values(model.applications, 'ignored.2'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(values(model.applications, 'forward'), [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(model.applications?.unread, []);
    assert.deepEqual(errors(findings), []);
  });

  test('a value line lost among labels without values of their own: those rows unread, no arithmetic finding', () => {
    const text = readFileSync(path.join(LAYOUTS, 'unsure-pairing.txt'), 'utf8');
    const { model, findings } = run(text);
    assert.deepEqual(model.applications?.unread, ['unable.1', 'unable.2', 'unable.3']);
    assert.deepEqual(
      errors(findings).filter((f) => ARITHMETIC.includes(f.code)),
      [],
    );
    assert.ok(findings.some((f) => f.code === 'unread-row'));
    // The rows around them are read as written.
    assert.deepEqual(values(model.applications, 'denied.8'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(values(model.applications, 'ignored.2'), [1, 0, 0, 0, 0, 0, 1]);
  });

  test('a break read through values printed before their labels is found at its cell', () => {
    const text = readFileSync(path.join(LAYOUTS, 'values-before-label-breaking.txt'), 'utf8');
    const { findings } = run(text);
    const arithmetic = errors(findings)
      .filter((f) => ARITHMETIC.includes(f.code))
      .map((f) => `${f.code}@${f.cell?.row}:${f.cell?.column}`)
      .sort();
    assert.deepEqual(arithmetic, ['results-total@ignored.2:0', 'row-total@ignored.2:0']);
  });

  test('page marks between rows are no values', () => {
    for (const mark of ['- 4 -', '— 4 —', '第 5 页', '第5页 共12页']) {
      const text = base.replace('4.保护第三方合法权益', `${mark}\n4.保护第三方合法权益`).replace('2.重复申请 1', `${mark}\n2.重复申请 1`);
      const { model } = run(text);
      assert.deepEqual(values(model.applications, 'denied.3'), [0, 0, 0, 0, 0, 0, 0], mark);
      assert.deepEqual(model.applications?.rows.get('denied.3')?.extras, [], mark);
      assert.deepEqual(model.applications?.rows.get('ignored.1')?.extras, [], mark);
      assert.deepEqual(values(model.applications, 'ignored.2'), [1, 0, 0, 0, 0, 0, 1], mark);
      assert.deepEqual(model.applications?.unread, [], mark);
    }
  });
});

describe('PDF text: labels printed out of the table\'s order', () => {
  test("a label printed above a row it follows (`（二）部分公开…` over `（一）予以公开`): neither row read, never the other's values", () => {
    // gen-01 (Chromium), -layout: the values of 予以公开 stand on the first line of 部分公开's wrapped label.
    const { model, findings } = run(readFileSync(path.join(REPO, 'test', 'corpus', 'generated', 'gen-01.chrome.layout.txt'), 'utf8'));
    const t = model.applications;
    assert.equal(values(t, 'partial'), undefined);
    assert.equal(values(t, 'granted'), undefined);
    assert.ok(t?.unread.includes('partial') && t.unread.includes('granted'));
    assert.deepEqual(values(t, 'denied.1'), [3, 0, 0, 0, 0, 0, 3]);
    assert.deepEqual(errors(findings).filter((f) => ARITHMETIC.includes(f.code)), []);
  });

  test('the lines of pdftotext, labels in order: read; the label above the row it follows: neither read', () => {
    // (A page mark `- 3 -` makes it PDF text: its rows rebuilt, pdfText.ts.)
    const base = readFileSync(path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf', '2021-holding.txt'), 'utf8');
    const rows = '三、本年度办理结果 （一）予以公开 4 1 0 0 0 0 5\n（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1';
    assert.ok(base.includes(rows));
    const inOrder = base.replace(rows, '三、本年度办理结果 （一）予以公开 4 1 0 0 0 0 5\n（二）部分公开（区分处理的，只计这一情形，不计其他情\n形） 1 0 0 0 0 0 1\n- 3 -');
    const t = run(inOrder).model.applications;
    assert.deepEqual(values(t, 'granted'), [4, 1, 0, 0, 0, 0, 5]);
    assert.deepEqual(values(t, 'partial'), [1, 0, 0, 0, 0, 0, 1]);
    const swapped = base.replace(rows, '办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情 4 1 0 0 0 0 5\n三、本年度 （一）予以公开\n形） 1 0 0 0 0 0 1\n- 3 -');
    const u = run(swapped).model.applications;
    assert.equal(values(u, 'partial'), undefined);
    assert.equal(values(u, 'granted'), undefined);
    assert.deepEqual(values(u, 'denied.1'), values(t, 'denied.1'));
  });
});

describe('PDF text without layout: a label with no value after it', () => {
  test('is not a blank row: gen-06 (Chromium) prints 保护第三方合法权益’s values after the next label; the row is unread, no blank-cell finding on it', () => {
    const text = readFileSync(path.join(REPO, 'test/corpus/generated/gen-06.chrome.plain.txt'), 'utf8');
    const r = run(text);
    const a = r.model.applications;
    assert.ok(a, 'table 三 is found');
    assert.ok(!a.rows.has('denied.4'), 'the row is not read (as blanks)');
    assert.ok(a.unread.includes('denied.4'));
    assert.deepEqual(r.findings.filter((f) => f.code === 'blank-cell' && f.cell?.row === 'denied.4'), []);
  });
});

describe('PDF text: rows printed every which way (fast-check)', () => {
  const base = readFileSync(path.join(REPO, 'test', 'fixtures', 'layouts', 'pdf', '2021-holding.txt'), 'utf8');
  const truth = run(base).model.applications!;
  const lines = base.split('\n');
  const first = lines.findIndex((l) => l.startsWith('一、本年新收'));
  const last = lines.findIndex((l) => l.startsWith('四、结转下年度'));
  const MARKS = ['- 4 -', '— 5 —', '第 6 页', '申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他'];
  // Per row of table 三: 0 as printed, 1 values on the line before, 2 values on the line after,
  // 3 label wrapped with its second half before the values, 4 wrapped, second half on a line
  // of its own, then the values, 5 a lone character glued before it; and a page mark or header after it or not.
  const rowArb = fc.record({ how: fc.integer({ min: 0, max: 5 }), cut: fc.integer({ min: 4, max: 12 }), mark: fc.integer({ min: -6, max: MARKS.length - 1 }) });

  test('every row is read as written or left unread; a consistent report gets no arithmetic error', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: last - first + 1, maxLength: last - first + 1 }), (ways) => {
        const out = lines.slice(0, first);
        for (let k = first; k <= last; k++) {
          const m = /^(.*[^\d\s]) ((?:\d+ ){6}\d+)$/.exec(lines[k])!;
          const [label, vals] = [m[1], m[2]];
          const { how, cut, mark } = ways[k - first];
          const c = Math.min(cut, label.length - 1);
          if (how === 1) out.push(vals, label);
          else if (how === 2) out.push(label, vals);
          else if (how === 3) out.push(label.slice(0, c), `${label.slice(c)} ${vals}`);
          else if (how === 4) out.push(label.slice(0, c), label.slice(c), vals);
          else if (how === 5) out.push(`本 ${label} ${vals}`);
          else out.push(lines[k]);
          if (mark >= 0) out.push(MARKS[mark]);
        }
        const text = [...out, ...lines.slice(last + 1)].join('\n');
        const { model, findings } = run(text);
        const t = model.applications;
        assert.ok(t);
        // Rows read are read right; a row not read is listed as such (or its whole group is, and the shape with it).
        for (const key of truth.rows.keys()) {
          if (t.rows.has(key)) assert.deepEqual(values(t, key), values(truth, key), `${key}\n${text}`);
          else assert.ok(t.unread.includes(key) || (t.shape !== truth.shape && t.unread.includes('other')), `${key} neither read nor unread\n${text}`);
        }
        assert.deepEqual(
          errors(findings).filter((f) => ARITHMETIC.includes(f.code)),
          [],
          text,
        );
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
