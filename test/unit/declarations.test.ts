// The template declarations check themselves: every key they reference resolves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GRID_TABLES, PARTS } from '../../server/src/engine/declarations';
import { DISCLOSURE_TEMPLATES } from '../../server/src/engine/templates';
import { RULES } from '../../server/src/engine';
import { validateDeclarations, type Declarations } from '../../server/src/engine/validateDeclarations';

const real = (): Declarations => structuredClone({ grids: GRID_TABLES, disclosures: DISCLOSURE_TEMPLATES, parts: PARTS });
const ruleIds = RULES.map((r) => r.id);

test('the declarations are sound: every referenced row, column, group, item and rule exists, keys are unique', () => {
  assert.deepEqual(validateDeclarations(real(), ruleIds), []);
});

/** One typo each, and the problem it must produce. */
const BREAKS: { what: string; edit: (d: Declarations) => void; problem: string }[] = [
  {
    what: 'a figure cell with a misspelt column',
    edit: (d) => (d.grids[0].figures.find((f) => f.key === 'granted')!.cells[0] = 'granted:totl'),
    problem: 'applications.figures.granted: no column "totl" (in "granted:totl")',
  },
  {
    what: 'a figure cell with a misspelt row',
    edit: (d) => d.grids[0].figures.find((f) => f.key === 'denied')!.cells.push('denied.9:total'),
    problem: 'applications.figures.denied: no row "denied.9" (in "denied.9:total")',
  },
  {
    what: 'a cell reference without its column',
    edit: (d) => (d.grids[1].figures[0].cells[0] = 'review'),
    problem: 'appeals.figures.review: "review" is not a row:column reference',
  },
  {
    what: 'a rate over a row of the other table',
    edit: (d) => (d.grids[1].rates[0].numerator[0] = 'granted:corrected'),
    problem: 'appeals.rates.reviewCorrection: no row "granted" (in "granted:corrected")',
  },
  {
    what: 'an identity over columns naming a column as a row',
    edit: (d) => (d.grids[0].identities[0].rhs = ['natural', 'forward']),
    problem: 'applications.identities.carry-over: no row "natural"',
  },
  {
    what: 'an identity over rows naming a missing column',
    edit: (d) => d.grids[1].identities[0].rhs.push('withdrawn'),
    problem: 'appeals.identities.appeals-total: no column "withdrawn"',
  },
  {
    what: 'an identity whose anchor is no operand',
    edit: (d) => (d.grids[0].identities[2].anchor = 'natural '),
    problem: 'applications.identities.row-total: anchor "natural " is not an operand',
  },
  {
    what: 'an identity of an unknown rule',
    edit: (d) => ((d.grids[0].identities[0] as { rule: string }).rule = 'carryover'),
    problem: 'applications.identities.carryover: no rule "carryover"',
  },
  {
    what: 'a duplicated row key',
    edit: (d) => (d.grids[0].rows.find((r) => r.key === 'denied.2')!.key = 'denied.1'),
    problem: 'applications.rows: row "denied.1" declared twice',
  },
  {
    what: 'a row under a missing group',
    edit: (d) => (d.grids[0].rows.find((r) => r.key === 'unable.2')!.group = 'unabel'),
    problem: 'applications.rows.unable.2: no group "unabel"',
  },
  {
    what: 'rows of a group out of order',
    edit: (d) => {
      const rows = d.grids[0].rows;
      const i = rows.findIndex((r) => r.key === 'ignored.2');
      [rows[i], rows[i + 1]] = [rows[i + 1], rows[i]];
    },
    problem: 'applications.rows.ignored.3: enumerator "3." out of order in group ignored (expected 2.)',
  },
  {
    what: 'result rows out of order',
    edit: (d) => {
      const rows = d.grids[0].rows;
      const i = rows.findIndex((r) => r.key === 'granted');
      [rows[i], rows[i + 1]] = [rows[i + 1], rows[i]];
    },
    problem: 'applications.rows.granted: "(一)" out of order (after 二)',
  },
  {
    what: 'a part row after the results',
    edit: (d) => d.grids[0].rows.push(d.grids[0].rows.splice(1, 1)[0]),
    problem: 'applications.rows.carried: "二、" out of order (after 四)',
  },
  {
    what: 'a row named after another group',
    edit: (d) => (d.grids[0].rows.find((r) => r.key === 'unable.3')!.short = '（五）3'),
    problem: 'applications.rows.unable.3: short "（五）3" is not "（四）3"',
  },
  {
    what: 'a label that lost its enumerator',
    edit: (d) => (d.grids[0].rows.find((r) => r.key === 'partial')!.label = '部分公开'),
    problem: 'applications.rows.partial: label "部分公开" does not start with its enumerator "(二)"',
  },
  {
    what: 'an empty label',
    edit: (d) => (d.grids[1].columns[0].label = ' '),
    problem: 'appeals.columns.upheld: empty label',
  },
  {
    what: 'a table in a part that does not exist',
    edit: (d) => (d.grids[1].part = '七'),
    problem: 'appeals: no part "七"',
  },
  {
    what: 'a table title that is not its part’s',
    edit: (d) => (d.grids[0].title = '三、收到和处理政府信息公开申请'),
    problem: 'applications: title "三、收到和处理政府信息公开申请" is not part 三\'s "收到和处理政府信息公开申请情况"',
  },
  {
    what: 'a table 二 bound over a missing column',
    edit: (d) => (d.disclosures[0].bounds[0].rhs = 'inforce'),
    problem: 'table 二 (2019).bounds.一: no column "inforce" in item 一',
  },
  {
    what: 'a table 二 bound on a missing item',
    edit: (d) => (d.disclosures[0].bounds[0].item = '二'),
    problem: 'table 二 (2019).bounds.二: no item "二"',
  },
  {
    what: 'a table 二 item declared twice',
    edit: (d) => (d.disclosures[1].groups[2].item = '五'),
    problem: 'table 二 (2021): item "五" declared twice',
  },
  {
    what: 'a table 二 row key declared twice',
    edit: (d) => (d.disclosures[1].groups[2].rows[1].key = 'penalty'),
    problem: 'table 二 (2021).六: row "penalty" declared twice',
  },
];

for (const b of BREAKS) {
  test(`the self-check finds ${b.what}`, () => {
    const d = real();
    b.edit(d);
    const problems = validateDeclarations(d, ruleIds);
    assert.ok(problems.includes(b.problem), `expected «${b.problem}» among ${JSON.stringify(problems, null, 1)}`);
  });
}

test('the self-check does not touch the declarations it reads', () => {
  const before = JSON.stringify(real());
  validateDeclarations({ grids: GRID_TABLES, disclosures: DISCLOSURE_TEMPLATES, parts: PARTS }, ruleIds);
  assert.equal(JSON.stringify({ grids: GRID_TABLES, disclosures: DISCLOSURE_TEMPLATES, parts: PARTS }), before);
});
