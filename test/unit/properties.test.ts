// Properties over generated reports (fast-check): every layout the parser supports,
// the 2019 and 2021 templates and the 23-row variant of the 2021 template.
//
//  - a consistent report gives no error;
//  - every single-cell change of table 三 or 四 is detected, and the share of changes
//    whose culprit is named (uniquely, with the original value) is measured and printed;
//  - fix-all on a report with random single-cell errors edits number cells only,
//    nothing else byte for byte, and leaves no arithmetic error where the culprits
//    were located;
//  - the engine's fast paths equal their definitions (labelKey, toHalfWidth,
//    parseValue, the similarity index, isSpace).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, check, fixAllEdits, type Finding, type GridTable } from '../../server/src/engine';
import { isSpace, labelKey, labelKeyOf, similarity, SimilarityIndex, stripEnumerators, toHalfWidth } from '../../server/src/engine/normalize';
import { parseValue, type CellValue } from '../../server/src/engine/values';
import { isMarkdownRule, segment } from '../../server/src/engine/cells';
import { APPLICATIONS, PARTS } from '../../server/src/engine/declarations';
import { findPartHeadings, matchHeading } from '../../server/src/engine/headings';
import { GLUED_DIGITS, mayBeRowLabel, TRAILING_DIGITS } from '../../server/src/engine/labels';
import { PERIOD } from '../../server/src/engine/rules/date';
import { withoutExclusions } from '../../server/src/engine/rules/legacySum';
import { CLAUSE, NUMBER } from '../../server/src/engine/rules/prose';
import { findSuppressions } from '../../server/src/engine/suppress';
import { lineStartsOf, scanDocument } from '../../server/src/engine/text';
import { hasTraditional } from '../../server/src/engine/chinese';
import { cellsOf, changeArb, changedValue, reportArb, VARIANTS, type CellPick } from '../support/arbitraries';
import { LAYOUTS } from '../support/generate';

const ARITHMETIC = new Set(['carry-over', 'results-total', 'row-total', 'appeals-total']);
const arithmeticErrors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error' && ARITHMETIC.has(f.code));

function tableOf(model: ReturnType<typeof check>['model'], id: CellPick['table']): GridTable {
  const t = id === 'applications' ? model.applications : model.appeals;
  assert.ok(t, `table ${id} parsed`);
  return t;
}

function sourceOf(table: GridTable, c: CellPick) {
  const src = table.rows.get(c.row)!.cells[c.column].source;
  assert.ok(src, `${c.table} ${c.row}:${c.column} has a source cell`);
  return src;
}

/** Writes `value` into one cell of the text (the cell's exact source range). */
function setCell(text: string, table: GridTable, c: CellPick, value: number): string {
  const src = sourceOf(table, c);
  return text.slice(0, src.start) + String(value) + text.slice(src.end);
}

const share = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '—');

describe('generated reports (fast-check)', () => {
  test('a consistent report has no error, in every layout and template variant', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(reportArb, (r) => {
        const result = check(r.text);
        seen.add(`${r.variant.name}/${r.layout}`);
        assert.deepEqual(result.failures, []);
        assert.deepEqual(
          result.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`),
          [],
          `${r.variant.name}, ${r.layout}`,
        );
        assert.ok(result.model.applications && result.model.appeals, 'tables 三 and 四 found');
        assert.equal(result.model.applications.shape, r.spec.shape);
      }),
      { numRuns: 300 },
    );
    assert.ok(seen.size >= VARIANTS.length * LAYOUTS.length - 3, `variants × layouts covered: ${seen.size}`);
  });

  // Counts over the runs of the next test, printed at its end.
  const tally = {
    applications: { changes: 0, detected: 0, named: 0, listed: 0 },
    appeals: { changes: 0, detected: 0, named: 0, listed: 0 },
  };

  test('every single-cell change of table 三 or 四 is detected; the culprit is named (share printed)', (t) => {
    fc.assert(
      fc.property(reportArb, changeArb, (r, { pick, delta }) => {
        const { model } = check(r.text);
        const cells = [...cellsOf(model.applications, 'applications'), ...cellsOf(model.appeals, 'appeals')];
        const c = cells[pick % cells.length];
        const table = tableOf(model, c.table);
        const original = table.rows.get(c.row)!.cells[c.column].value.value!;
        const value = changedValue(original, delta);
        const broken = setCell(r.text, table, c, value);
        const result = check(broken);
        const errors = arithmeticErrors(result.findings);
        const count = tally[c.table];
        count.changes++;
        assert.ok(errors.length > 0, `${c.table} ${c.row}:${c.column} ${original} → ${value} not detected (${r.variant.name}, ${r.layout})`);
        count.detected++;
        // Named: every error points at the changed cell and expects its original value.
        if (errors.every((f) => f.cell?.table === c.table && f.cell.row === c.row && f.cell.column === c.column && f.expected === original)) count.named++;
        // Listed: among the repairs offered, one sets the changed cell back.
        const src = sourceOf(tableOf(result.model, c.table), c);
        if (errors.some((f) => f.fixes.some((x) => x.edits.length === 1 && x.edits[0].start === src.start && x.edits[0].newText === String(original)))) count.listed++;
      }),
      { numRuns: 800 },
    );
    const all = { changes: 0, detected: 0, named: 0, listed: 0 };
    for (const k of ['changes', 'detected', 'named', 'listed'] as const) all[k] = tally.applications[k] + tally.appeals[k];
    const line = (name: string, x: typeof all) =>
      `${name}: ${x.changes} changes, detected ${share(x.detected, x.changes)}, culprit named ${share(x.named, x.changes)}, culprit among the repairs offered ${share(x.listed, x.changes)}`;
    const report = [line('table 三', tally.applications), line('table 四', tally.appeals), line('三 and 四', all)];
    for (const l of report) t.diagnostic(l);
    console.log(report.map((l) => `  ${l}`).join('\n'));
    assert.equal(all.detected, all.changes, 'every change detected');
    // Table 三: every cell sits in two identities that no other cell shares, so a
    // single wrong cell is always located.
    assert.ok(tally.applications.named / tally.applications.changes >= 0.95, line('table 三', tally.applications));
    // Table 四: one identity per group of five; the wrong cell is among the repairs offered.
    assert.ok(all.listed / all.changes >= 0.95, line('三 and 四', all));
  });

  // The target: the culprit named for ≥ 95 % of single-cell changes of 三 and 四
  // together. Table 四 keeps it just below: one identity per group of five, so a wrong
  // cell there has several single-cell repairs (all offered, none preferred) and is
  // named only when the others would go negative. Kept visible as a todo.
  test('the culprit is named for ≥ 95 % of single-cell changes of 三 and 四 together', { todo: 'table 四 culprits are ambiguous by construction (see the shares printed above)' }, () => {
    const named = tally.applications.named + tally.appeals.named;
    const changes = tally.applications.changes + tally.appeals.changes;
    assert.ok(changes > 0);
    assert.ok(named / changes >= 0.95, `named ${share(named, changes)}`);
  });

  test('fix-all on random single-cell errors edits number cells only and leaves no located error', (t) => {
    let reports = 0;
    let repaired = 0;
    fc.assert(
      fc.property(reportArb, fc.array(changeArb, { minLength: 1, maxLength: 3 }), (r, changes) => {
        let text = r.text;
        let model = check(text).model;
        const changed = new Set<string>();
        for (const { pick, delta } of changes) {
          const cells = [...cellsOf(model.applications, 'applications'), ...cellsOf(model.appeals, 'appeals')];
          const c = cells[pick % cells.length];
          const key = `${c.table}:${c.row}:${c.column}`;
          if (changed.has(key)) continue;
          changed.add(key);
          const table = tableOf(model, c.table);
          text = setCell(text, table, c, changedValue(table.rows.get(c.row)!.cells[c.column].value.value!, delta));
          model = check(text).model;
        }
        const result = check(text);
        const edits = fixAllEdits(result.findings);
        // Every edit rewrites exactly one number cell of table 三 or 四 with a whole number.
        const numberCells = [...cellsOf(result.model.applications, 'applications'), ...cellsOf(result.model.appeals, 'appeals')].map((c) =>
          sourceOf(tableOf(result.model, c.table), c),
        );
        for (const e of edits) {
          assert.match(e.newText, /^[0-9]+$/);
          assert.ok(
            numberCells.some((s) => s.start === e.start && s.end === e.end && /^[0-9]+$/.test(text.slice(s.start, s.end))),
            `edit ${e.start}-${e.end} "${text.slice(e.start, e.end)}" → "${e.newText}" is not a number cell`,
          );
        }
        const fixed = applyEdits(text, edits);
        // Byte for byte, outside the edited cells nothing moved.
        const sorted = [...edits].sort((a, b) => a.start - b.start);
        let from = 0;
        let shift = 0;
        for (const e of sorted) {
          assert.equal(fixed.slice(from + shift, e.start + shift), text.slice(from, e.start));
          shift += e.newText.length - (e.end - e.start);
          from = e.end;
        }
        assert.equal(fixed.slice(from + shift), text.slice(from));
        // Tables whose culprits were located uniquely hold afterwards.
        reports++;
        const after = arithmeticErrors(check(fixed).findings);
        const located = (id: string) => {
          const errs = arithmeticErrors(result.findings).filter((f) => f.cell?.table === id);
          return errs.length > 0 && errs.every((f) => f.fixes.some((x) => x.preferred));
        };
        for (const id of ['applications', 'appeals']) if (located(id)) assert.deepEqual(after.filter((f) => f.cell?.table === id).map((f) => f.message), [], `table ${id} after fix-all`);
        if (after.length === 0) repaired++;
        // A single error in table 三 is always repaired, and exactly.
        if (changed.size === 1 && [...changed][0].startsWith('applications:')) {
          assert.deepEqual(after, []);
          assert.equal(fixed, r.text);
        }
      }),
      { numRuns: 300 },
    );
    const msg = `fix-all: ${reports} reports with 1–3 wrong cells, ${share(repaired, reports)} left with no arithmetic error`;
    t.diagnostic(msg);
    console.log(`  ${msg}`);
  });
});

// ------------------------------------------------------------------ fast paths = definitions

/** parseValue as first written (before the character pre-test), with numbers beyond 2^53 read as too large. */
function parseValueReference(raw: string): CellValue {
  const MARKERS = new Set(['/', '／', '—', '——', '－', '-', '--', '无', '無', '空', '\\', '×']);
  const t = toHalfWidth(raw).replace(/[\s\u00a0]+/g, '');
  const num = (s: string) => Number(s.replace(/,/g, ''));
  const read = (kind: CellValue['kind'], value: number, digits: number): CellValue => (Math.abs(digits) > Number.MAX_SAFE_INTEGER ? { kind, value: null, tooLarge: true } : { kind, value });
  if (t === '') return { kind: 'blank', value: null };
  if (MARKERS.has(t)) return { kind: 'marker', value: null };
  if (/^[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?$/.test(t)) return read('number', num(t), num(t));
  if (/^\+0\/-0$|^\+0\/−0$|^±0$/.test(t)) return { kind: 'signed', value: 0 };
  let m = /^(增|减|減|\+|-|−|－)([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)$/.exec(t);
  if (m) return read('signed', (m[1] === '增' || m[1] === '+' ? 1 : -1) * num(m[2]), num(m[2]));
  m = /^([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(万元|万|萬元|萬|元)$/.exec(t);
  if (m) {
    const v = num(m[1]);
    return read('amount', m[2].endsWith('元') && !m[2].startsWith('万') && !m[2].startsWith('萬') ? v / 10000 : v, v);
  }
  return { kind: 'text', value: null };
}

/** toHalfWidth as first written (code point by code point). */
function toHalfWidthReference(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Strings mixing the characters that matter to labels and values with arbitrary UTF-16. */
const interesting = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'0123456789０１２３４５６７８９,.，．。、/／-－+＋—−±×增减減万萬元无無空（）()“”「」『』"：:;　 \t\u00a0\u2003\ufeffAZaz報數條Σİ'.split('')),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 16,
});

describe('fast paths equal their definitions', () => {
  test('labelKey (one pass) = labelKeyOf (the definition): every UTF-16 code unit, in context, and random strings', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `一${ch}a`, `${ch}Σ`]) assert.equal(labelKey(s), labelKeyOf(s), `U+${c.toString(16)} in ${JSON.stringify(s)}`);
    }
    for (const s of ['𐐀', 'A𐐀', 'İ', 'ΑΣ b', '\ud801', 'ＡＢ　ｃ', '報告 ＡＢ', '三、本年度 办理结果（一）予以公开']) assert.equal(labelKey(s), labelKeyOf(s), s);
    fc.assert(fc.property(interesting, (s) => labelKey(s) === labelKeyOf(s)), { numRuns: 20_000 });
  });

  test('toHalfWidth and parseValue equal their first versions', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `1${ch}`, `${ch}1`, `增1${ch}`, `1${ch}元`]) {
        assert.equal(toHalfWidth(s), toHalfWidthReference(s));
        assert.deepEqual(parseValue(s), parseValueReference(s), JSON.stringify(s));
      }
    }
    fc.assert(
      fc.property(interesting, (s) => {
        assert.equal(toHalfWidth(s), toHalfWidthReference(s));
        assert.deepEqual(parseValue(s), parseValueReference(s));
      }),
      { numRuns: 20_000 },
    );
  });

  test('isSpace is the regex \\s, code unit by code unit', () => {
    for (let c = 0; c < 0x10000; c++) assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  test('SimilarityIndex.scores = similarity against each target; mayMatch false only when none reaches the threshold', () => {
    const word = fc.string({ unit: fc.constantFrom(...'本年新收申请数量予以公开不处理其他总计结转下年度一二三()1.、'.split('')), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(word, { maxLength: 8 }), (targets, queries) => {
        const index = new SimilarityIndex(targets);
        for (const q of [...queries, ...targets, 'x'.repeat(300), targets[0].repeat(9)]) {
          const s = index.scores(q);
          targets.forEach((t, j) => assert.equal(s[j], similarity(q, t), `${q} ~ ${t}`));
          for (const th of [0.6, 0.72, 0.8]) if (!index.mayMatch(q, th)) assert.ok(targets.every((t) => similarity(q, t) < th), `mayMatch(${q}, ${th})`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

// ------------------------------------------------------------------ linear rewrites = the regexes they replace

/** Strings of tokens (and long runs of one of them, where backtracking used to blow up). */
function tokens(list: string[], maxLength = 14): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...list), { maxLength }).map((xs) => xs.join('')) },
    { weight: 1, arbitrary: fc.tuple(fc.array(fc.constantFrom(...list), { maxLength: 4 }), fc.constantFrom(...list), fc.nat({ max: 60 }), fc.array(fc.constantFrom(...list), { maxLength: 4 })).map(([a, r, n, b]) => a.join('') + r.repeat(n) + b.join('')) },
  );
}
const allMatches = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => [m.index, ...m]);

describe('linear rewrites match exactly as the regexes they replace', () => {
  test('isMarkdownRule', () => {
    const old = /^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$/;
    fc.assert(fc.property(tokens([' ', '\t', '|', '-', '---', ':', 'x', '\u3000', '\n'], 16), (s) => isMarkdownRule(s) === old.test(s)), { numRuns: 40_000 });
    // A line far longer than the regex could take.
    assert.equal(isMarkdownRule('| --- '.repeat(1_000_000) + '|'), true);
  });

  test('the clause pattern of the prose rule', () => {
    const old = /(?:[^，,；;：:]|(?<=[0-9]),(?=[0-9]{3}))+/g;
    fc.assert(fc.property(tokens(['1', '000', ',', '，', '；', ':', 'a', '件', ' ']), (s) => assert.deepEqual(allMatches(CLAUSE, s), allMatches(old, s))), { numRuns: 30_000 });
    assert.equal([...('报'.repeat(12_000_000) + '，1').matchAll(CLAUSE)].length, 2);
  });

  test('GLUED_DIGITS and TRAILING_DIGITS', () => {
    const oldGlued = /([0-9０-９]+)\s*$/;
    const oldTrailing = /[0-9]+$/;
    fc.assert(
      fc.property(tokens(['1', '2', '０', ' ', '\t', 'a', '、', '\n', '.']), (s) => {
        assert.deepEqual(GLUED_DIGITS.exec(s)?.slice(), oldGlued.exec(s)?.slice());
        assert.equal(GLUED_DIGITS.exec(s)?.index, oldGlued.exec(s)?.index);
        assert.equal(s.replace(TRAILING_DIGITS, ''), s.replace(oldTrailing, ''));
      }),
      { numRuns: 30_000 },
    );
  });

  test('PERIOD (date rule)', () => {
    const old = /统计期限(?:为|是)?\s*(?:自|从)?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起|始)?\s*[，,]?\s*(?:至|到|—|-)\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
    const parts = ['统计期限', '为', '是', '自', '从', ' ', '　', '\n', '2021', '1999', '年', '1', '12', '月', '31', '日', '起', '始', '，', ',', '至', '到', '—', '-', 'x'];
    fc.assert(fc.property(tokens(parts, 30), (s) => assert.deepEqual(allMatches(PERIOD, s), allMatches(old, s))), { numRuns: 30_000 });
    // The shape of a real period, with its optional words and spaces varied.
    const period = fc
      .tuple(...Array.from({ length: 8 }, () => fc.constantFrom('', ' ', '　', '\n ')), fc.constantFrom('', '为', '是'), fc.constantFrom('', '自', '从'), fc.constantFrom('', '起', '始'), fc.constantFrom('', '，', ','), fc.constantFrom('至', '到', '—', '-'))
      .map(([a, b, c, d, e, f, g, h, w, z, q, k, t]) => `统计期限${w}${a}${z}${b}2021${c}年1月1日${d}${q}${e}${k}${f}${t}${g}2021年12月31${h}日`);
    fc.assert(fc.property(period, (s) => assert.deepEqual(allMatches(PERIOD, s), allMatches(old, s))), { numRuns: 5_000 });
  });

  test('NUMBER (prose rule)', () => {
    const old = /([0-9０-９][0-9０-９,，]*|[零〇一二两三四五六七八九十百千]+)\s*(件|宗|起)(?![0-9０-９%])/g;
    fc.assert(fc.property(tokens(['1', '2', '０', ',', '，', '一', '十', '两', '件', '宗', '起', ' ', '%', 'x', '年']), (s) => assert.deepEqual(allMatches(NUMBER, s), allMatches(old, s))), { numRuns: 30_000 });
  });

  test('withoutExclusions (legacy-sum)', () => {
    fc.assert(fc.property(tokens(['(', ')', '（', '）', '不', '(不', '（不', 'a', ' ']), (s) => withoutExclusions(s) === s.replace(/\(不[^)]*\)|（不[^）]*）/g, '')), { numRuns: 30_000 });
  });

  test('findSuppressions', () => {
    const DIRECTIVE = /<!--\s*nianbao-disable(-next-line)?\s+([^>]*?)\s*(?:--\s*([^>]*?))?\s*-->/g;
    const reference = (text: string) =>
      !text.includes('nianbao-disable')
        ? []
        : [...text.matchAll(DIRECTIVE)].map((m) => {
            const start = m.index!;
            let line = 0;
            for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
            const rules = m[2].split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean);
            return { line, start, end: start + m[0].length, target: m[1] ? line + 1 : null, rules, reason: (m[3] ?? '').trim() };
          });
    const parts = ['<!--', 'nianbao-disable', '-next-line', ' ', '\n', '\t', '-', '--', '-->', '>', 'a', ',', '*', '原因', 'carry-over'];
    fc.assert(fc.property(tokens(parts, 20), (s) => assert.deepEqual(findSuppressions(s), reference(s))), { numRuns: 20_000 });
    // Comments of the right shape, their insides varied, with noise around them.
    const noise = fc.array(fc.constantFrom(...parts), { maxLength: 4 }).map((xs) => xs.join(''));
    const space = fc.constantFrom('', ' ', '  ', '\n', '\t ');
    const comment = fc
      .tuple(noise, space, fc.constantFrom('', '-next-line'), space, noise, noise, fc.constantFrom('-->', ' -->', '--->', '->', '>'), noise)
      .map(([a, w1, nl, w2, body, tail, close, b]) => `${a}<!--${w1}nianbao-disable${nl}${w2}${body}${tail}${close}${b}`);
    fc.assert(fc.property(fc.array(comment, { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')), (s) => assert.deepEqual(findSuppressions(s), reference(s))), { numRuns: 20_000 });
  });

  test('mayBeRowLabel: a text it rules out scores 0 against every row of table 三', () => {
    const rowCores = APPLICATIONS.rows.map((r) => stripEnumerators(labelKey(r.label)).core);
    const unit = fc.oneof(
      fc.constantFrom('2', '0', '-', '.', ' ', '(', ')', 'a', 'A', '\u00a0', '“', '”', 'Ꭰ', 'Ꮿ', 'İ', 'Σ', '自', '然', '人', '（', '一', '、', '予以公开'),
      fc.integer({ min: 0, max: 0x2e7f }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 16 }).map((xs) => xs.join('')), (s) => {
        if (mayBeRowLabel(s)) return;
        const { core } = stripEnumerators(labelKey(s));
        for (const rc of rowCores) assert.equal(similarity(core, rc), 0, `${JSON.stringify(s)} vs ${rc}`);
      }),
      { numRuns: 20_000 },
    );
  });

  test('segment: cells in document order, disjoint; the scan\'s hints change nothing', () => {
    const parts = ['|', '｜', '---', '| --- | :---: |', '<!-- nianbao-disable carry-over -->', '<', '-', '\n', '\r\n', '\n\n', ' ', '\t', '\u3000', '5', '0', '本年新收', '（一）', '自然人', '。', '報'];
    fc.assert(
      fc.property(tokens(parts, 40), (s) => {
        const cells = segment(s);
        assert.deepEqual(segment(s, lineStartsOf(s), scanDocument(s)), cells, JSON.stringify(s));
        // What parse's searches over the text rely on: cells in document order, each
        // non-blank one the text between its offsets, none sharing a character but
        // whitespace and pipes.
        let prev: (typeof cells)[number] | null = null;
        for (const c of cells) {
          if (!c.blank) assert.equal(c.text, s.slice(c.start, c.end), JSON.stringify(s));
          if (prev) {
            assert.ok(c.start > prev.start, `cells out of order in ${JSON.stringify(s)}`);
            assert.match(s.slice(c.start, Math.max(c.start, prev.end)), /^[\s|｜]*$/, `cells overlap in ${JSON.stringify(s)}`);
          }
          prev = c;
        }
      }),
      { numRuns: 5_000 },
    );
  });

  test('matchHeading and findPartHeadings (the one heading finder)', () => {
    const OLD_LINE = /^([ \t\u3000]*(?:\[image:[^\]]*\])*[ \t\u3000]*)([一二三四五六七八九十]+|[0-9０-９]{1,2})[ \t\u3000]*([、.．])[ \t\u3000]*([^|｜。；;]{2,32}?)[ \t\u3000。]*$/;
    // Each `\n` line (less a CR at its end, as `lineEndOf`) read by OLD_LINE; a title after digits must
    // score 0.6 against a part's, a long one (key over 16 characters) after a numeral 0.25.
    const referenceHeadings = (text: string) => {
      const out = [];
      let start = 0;
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; start += lines[i].length + 1, i++) {
        const line = lines[i].replace(/\r$/, '');
        const m = OLD_LINE.exec(line);
        if (!m) continue;
        const key = labelKey(m[4]);
        const best = Math.max(...PARTS.map((p) => similarity(key, labelKey(p.title))));
        const chinese = /^[一二三四五六七八九十]+$/.test(m[2]);
        if (chinese ? best < 0.25 && key.length > 16 : best < 0.6) continue;
        const titleStart = start + line.indexOf(m[4], m[1].length + m[2].length);
        out.push({ numeral: m[2], title: m[4], line: i, numeralStart: start + m[1].length, titleStart, titleEnd: titleStart + m[4].length });
      }
      return out;
    };
    const found = (s: string) =>
      findPartHeadings(s, lineStartsOf(s), []).map((h) => ({ numeral: h.numeral, title: h.title, line: h.line.index, numeralStart: h.numeralStart, titleStart: h.titleStart, titleEnd: h.titleEnd }));
    const parts = [' ', '\t', '\u3000', '[image:x]', '一', '二', '1', '２', '12', '、', '.', '．', 'a', '总体情况', '主动公开政府信息情况', '|', '。', '；', '\r', '\n', '\u2028', '\r\n', '\r\n', '\n', '報告', '｜', '-', '<', '\u0000', '\u000c'];
    fc.assert(
      fc.property(tokens(parts, 24), (s) => {
        const line = s.split('\n')[0];
        const old = OLD_LINE.exec(line);
        assert.deepEqual(matchHeading(line), old ? old.slice(1) : null, JSON.stringify(line));
        assert.deepEqual(found(s), referenceHeadings(s), JSON.stringify(s));
        assert.deepEqual(
          scanDocument(s),
          { traditional: hasTraditional(s), otherBreaks: /\r(?!\n)|[\u2028\u2029]/.test(s), fullWidthPipe: s.includes('｜'), hyphen: s.includes('-'), lessThan: s.includes('<'), controls: /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s) },
          JSON.stringify(s),
        );
      }),
      { numRuns: 30_000 },
    );
    // Lines shaped like headings, spaces and lengths varied.
    const space = fc.constantFrom('', ' ', '\t', '\u3000', '  ', ' '.repeat(40));
    const heading = fc
      .tuple(space, fc.constantFrom('', '[image:a]', '[image:a][image:b] '), fc.constantFrom('一', '二', '十一', '1', '12', '２', '123'), space, fc.constantFrom('、', '.', '．', ''), space, fc.string({ unit: fc.constantFrom('总', '体', '情', '况', ' ', '|', '。', '；', 'x', '\r'), maxLength: 45 }), space, fc.constantFrom('', '。', '\r', '\u2028'))
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.array(heading, { minLength: 1, maxLength: 4 }), (hs) => {
        for (const h of hs) {
          const old = OLD_LINE.exec(h);
          assert.deepEqual(matchHeading(h), old ? old.slice(1) : null, JSON.stringify(h));
        }
        const s = hs.join('\n');
        assert.deepEqual(found(s), referenceHeadings(s), JSON.stringify(s));
      }),
      { numRuns: 20_000 },
    );
  });
});
