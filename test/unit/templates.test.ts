// The templates as values (engine/templates.ts): which template is in force for a year,
// the declared variants and chains, and that a template year is a data entry — a
// hypothetical third template in a list is picked by the same lookups, with no code change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APPLICATIONS, GRID_TABLES, type Template } from '../../server/src/engine/declarations';
import { TEMPLATES, templateById, templateForShape, templateInForce, YEAR_FIGURES, type TemplateDecl } from '../../server/src/engine/templates';
import { TREND_COLUMNS, trendLabel } from '../../server/src/engine/trends';
import { winner } from '../../server/src/engine/tables/disclosure';
import { templateVerdict } from '../../server/src/engine/rules/templateMismatch';

test('the template in force: 2019 for 2019–2020 reports, 2021 from 2021, none before 2019', () => {
  assert.equal(templateInForce(2018), null);
  assert.equal(templateInForce(null), null);
  assert.equal(templateInForce(2019)?.id, '2019');
  assert.equal(templateInForce(2020)?.id, '2019');
  assert.equal(templateInForce(2021)?.id, '2021');
  assert.equal(templateInForce(2025)?.id, '2021');
  assert.equal(templateById('2019')?.issuedBy, '国办公开办函〔2019〕60号');
  assert.equal(templateById('2021')?.issuedBy, '国办公开办函〔2021〕30号');
  assert.equal(templateById('legacy'), undefined);
  assert.equal(templateForShape('split-other')?.id, '2021');
  assert.equal(templateForShape('single-other')?.id, '2019');
});

test('the years in force of the shipped templates follow one another without gap or overlap', () => {
  for (let n = 1; n < TEMPLATES.length; n++) assert.equal(TEMPLATES[n].yearsInForce.from, (TEMPLATES[n - 1].yearsInForce.to ?? NaN) + 1, TEMPLATES[n].id);
  assert.equal(TEMPLATES[TEMPLATES.length - 1].yearsInForce.to, null);
});

test('every chain names rows and columns its template declares', () => {
  for (const tpl of TEMPLATES) {
    assert.equal(tpl.disclosure.template, tpl.id, `${tpl.id}: table 二 is its own`);
    for (const c of tpl.carry) for (const row of [c.row, c.from]) assert.ok(APPLICATIONS.rows.some((r) => r.key === row), `${tpl.id}: carry row ${row}`);
    for (const s of tpl.stock) {
      const grp = tpl.disclosure.groups.find((g) => g.item === s.item);
      assert.ok(grp, `${tpl.id}: stock item ${s.item}`);
      for (const col of [s.stock, s.added, s.removed]) assert.ok(grp.columns.some((c) => c.key === col), `${tpl.id}: stock column ${col}`);
    }
  }
  assert.deepEqual(templateById('2021')?.stock.map((s) => s.stock), ['inForce'], '现行有效件数 chains in 2021 only');
  assert.deepEqual(templateById('2019')?.stock, []);
});

test('the 23-row table 三 under a 2021 table 二 is a declared variant: noted, not flagged', () => {
  assert.deepEqual(templateVerdict(2022, '2021', 'single-other'), { disclosure: null, applications: 'variant' });
  assert.deepEqual(templateVerdict(2022, '2021', 'split-other'), { disclosure: null, applications: null });
  assert.deepEqual(templateVerdict(2022, '2019', 'single-other'), { disclosure: 'old', applications: null });
  assert.deepEqual(templateVerdict(2020, '2021', 'split-other'), { disclosure: 'new', applications: 'early' });
  assert.deepEqual(templateVerdict(2018, '2021', 'split-other'), { disclosure: null, applications: null }, 'no template in force before 2019');
});

/** A hypothetical template issued for 2030 on: the 2021 one re-issued under another number. */
function withA2030Template(): TemplateDecl[] {
  const t2021 = templateById('2021')!;
  const t2030: TemplateDecl = { ...t2021, id: '2030' as Template, issuedBy: '国办公开办函〔2030〕1号', yearsInForce: { from: 2030, to: null } };
  return [TEMPLATES[0], { ...t2021, yearsInForce: { from: 2021, to: 2029 } }, t2030];
}

test('a template year is a data entry: a third template in the list is in force for its years', () => {
  const list = withA2030Template();
  assert.equal(templateInForce(2029, list)?.id, '2021');
  assert.equal(templateInForce(2030, list)?.id, '2030');
  assert.equal(templateInForce(2035, list)?.issuedBy, '国办公开办函〔2030〕1号');
  // A 2030 report on the 2021 table 二 is on an older template; a 2025 report on the 2030 one, on a newer.
  assert.equal(templateVerdict(2030, '2021', 'split-other', list).disclosure, 'old');
  assert.equal(templateVerdict(2025, '2030', 'split-other', list).disclosure, 'new');
  assert.equal(templateVerdict(2031, '2030', 'single-other', list).applications, 'variant');
});

test('table 二 detection: the template with the most votes, unknown on a tie', () => {
  assert.equal(winner({ '2019': 3, '2021': 1 }), '2019');
  assert.equal(winner({ '2019': 0, '2021': 2 }), '2021');
  assert.equal(winner({ '2019': 2, '2021': 2 }), 'unknown');
  assert.equal(winner({ '2019': 0, '2021': 0 }), 'unknown');
  assert.equal(winner({ '2019': 2, '2021': 2, '2030': 5 }, withA2030Template()), '2030');
  assert.equal(winner({ '2019': 1, '2021': 4, '2030': 4 }, withA2030Template()), 'unknown');
});

test('the trends columns are the declared figures and rates, named as the hover summary names them', () => {
  const named = (key: (typeof YEAR_FIGURES)[number]['key']) => {
    const f = YEAR_FIGURES.find((x) => x.key === key)!;
    const table = GRID_TABLES.find((t) => t.id === f.table)!;
    return 'rate' in f ? table.rates.find((r) => r.key === f.rate)! : table.figures.find((g) => g.key === f.figure)!;
  };
  assert.deepEqual(TREND_COLUMNS.map((c) => c.key), YEAR_FIGURES.map((f) => f.key));
  for (const c of TREND_COLUMNS) {
    assert.ok(named(c.key), c.key);
    assert.equal(trendLabel(c.key, 'zh-cn'), named(c.key).zh);
    assert.equal(trendLabel(c.key, 'en'), named(c.key).en);
    assert.equal(!!c.rate, 'numerator' in named(c.key), `${c.key}: a rate iff declared as one`);
  }
  assert.equal(trendLabel('disclosureRate', 'zh-cn'), '公开率');
  assert.equal(trendLabel('lawsuitCorrectionRate', 'en'), 'lawsuit correction rate');
});
