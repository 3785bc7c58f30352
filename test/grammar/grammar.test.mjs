// Tokenization tests for syntaxes/nianbao.tmLanguage.json (scopeName text.nianbao).
// Run: node --test test/grammar/
//
// Every case names a substring of a sample line and a scope that each of its characters must
// (or must not) carry. Two extra tests prove the cases can fail: a grammar that scopes nothing
// must fail every positive case, a grammar that scopes everything with every scope must fail
// every negative case, and removing any single rule of the real grammar must fail some case.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vsctm from 'vscode-textmate';
import onig from 'vscode-oniguruma';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/nianbao.tmLanguage.json');
const SCOPE = 'text.nianbao';
const RAW = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));

// ---- vscode-textmate plumbing ---------------------------------------------------------------

const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
const onigLib = onig.loadWASM({ data: wasm }).then(() => ({
  createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
  createOnigString: (s) => new onig.OnigString(s),
}));

async function loadGrammar(raw) {
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) =>
      scopeName === SCOPE ? vsctm.parseRawGrammar(JSON.stringify(raw), 'nianbao.tmLanguage.json') : null,
  });
  const grammar = await registry.loadGrammar(SCOPE);
  assert.ok(grammar, 'grammar loads');
  return grammar;
}

/** Tokenize a (possibly multi-line) text; returns one array per line of {start, end, scopes}. */
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
  });
}

/** Locate the n-th occurrence of `sub` in `text`; returns {line, col}. */
function locate(text, sub, nth = 0) {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    let from = 0;
    for (;;) {
      const col = lines[i].indexOf(sub, from);
      if (col < 0) break;
      if (seen++ === nth) return { line: i, col };
      from = col + 1;
    }
  }
  throw new Error(`test bug: ${JSON.stringify(sub)} (#${nth}) not in ${JSON.stringify(text)}`);
}

function scopesAt(lineTokens, col) {
  const t = lineTokens.find((tok) => tok.start <= col && col < tok.end);
  return t ? t.scopes : [];
}

/**
 * Check one case; returns null when it holds, or a message saying why not.
 * case: { text, sub, nth?, scope, not? }  — `scope` must be on every character of `sub`
 * (or, with not: true, on none of them). Scope match is exact or by dotted prefix.
 */
function check(grammar, c) {
  const tokens = tokenize(grammar, c.text);
  const { line, col } = locate(c.text, c.sub, c.nth ?? 0);
  const has = (scopes) => scopes.some((s) => s === c.scope || s.startsWith(c.scope + '.'));
  for (let i = col; i < col + c.sub.length; i++) {
    const scopes = scopesAt(tokens[line], i);
    if (!c.not && !has(scopes)) {
      return `expected ${c.scope} on ${JSON.stringify(c.sub)} at char ${i - col} (${JSON.stringify(c.text.split('\n')[line][i])}), got [${scopes.join(', ')}]`;
    }
    if (c.not && has(scopes)) {
      return `expected no ${c.scope} on ${JSON.stringify(c.sub)} at char ${i - col}, got [${scopes.join(', ')}]`;
    }
  }
  return null;
}

// ---- cases ----------------------------------------------------------------------------------

const HEADING = 'markup.heading.nianbao';
const SECTION = 'entity.name.section.nianbao';
const HEADING_MARK = 'punctuation.definition.heading.nianbao';
const GROUP = 'entity.name.section.group.nianbao';
const LABEL = 'entity.name.tag.label.nianbao';
const HEADER = 'support.type.property-name.nianbao';
const NUM = 'constant.numeric.nianbao';
const SIGN = 'keyword.operator.sign.nianbao';
const UNIT = 'keyword.other.unit.nianbao';
const NULL = 'constant.language.null.nianbao';
const PIPE = 'punctuation.separator.cell.nianbao';
const NOTE = 'comment.block.note.nianbao';
const PLACEHOLDER = 'comment.block.placeholder.nianbao';
const DIVIDER = 'punctuation.separator.row.nianbao';

const T3_ROW = '一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||';
const T3_GLUED = '3.危及“三安全一稳定”0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||';
const SPLIT_CELLS = '| 行政许可\n|\n25497\n|\n减5874\n|\n19623\n|\n||';
const TABBED = '\t（三）不予公开\n\t1．属于国家秘密\n\t0\n\t\n\t22';
const LEGACY = '一、主動公開情況 | —— | 428 |\n七、依申請公開信息收取的費用 | 萬元 | 0 |';

const POSITIVE = [
  // part headings
  { name: 'heading 一、', text: '一、总体情况', sub: '一、总体情况', scope: HEADING },
  { name: 'heading title', text: '一、总体情况', sub: '总体情况', scope: SECTION },
  { name: 'heading numeral', text: '一、总体情况', sub: '一、', scope: HEADING_MARK },
  { name: 'heading 六、', text: '六、其他需要报告的事项', sub: '其他需要报告的事项', scope: SECTION },
  { name: 'heading 七、 (extra part)', text: '七、其他需要报告的事项', sub: '七、', scope: HEADING },
  { name: 'heading with wrong name (seed 000)', text: '四、收到和处理政府信息公开申请情况', sub: '收到和处理政府信息公开申请情况', scope: SECTION },
  { name: 'heading 2、 (seed 001)', text: '2、 主动公开政府信息情况　', sub: '主动公开政府信息情况', scope: SECTION },
  { name: 'heading 2、 numeral', text: '2、 主动公开政府信息情况　', sub: '2、', scope: HEADING },
  { name: 'heading Traditional', text: '一、 加強組織領導,政務公開工作機制逐步健全完善', sub: '加強組織領導', scope: SECTION },
  { name: 'heading trailing spaces', text: '四、政府信息公开行政复议、行政诉讼情况      ', sub: '行政复议、行政诉讼', scope: SECTION },

  // table 二 group headers
  { name: 'group （一）', text: '第二十条第（一）项', sub: '第二十条第（一）项', scope: GROUP },
  { name: 'group (五)', text: '第二十条第(五)项', sub: '第二十条第(五)项', scope: GROUP },
  { name: 'group Traditional', text: '第二十條第（六）項', sub: '第二十條第（六）項', scope: GROUP },
  { name: 'group after pipe', text: '| 第二十条第(八)项\n|\n|||', sub: '第二十条第(八)项', scope: GROUP },
  { name: 'group, bare pipes', text: '第二十条第(一)项 | |||', sub: '第二十条第(一)项', scope: GROUP },

  // table 三 row labels
  { name: 'label 一、 row', text: T3_ROW, sub: '一、本年新收政府信息公开申请数量', scope: LABEL },
  { name: 'label （一） full-width', text: '\t（一）予以公开', sub: '（一）予以公开', scope: LABEL },
  { name: 'label (一) half-width', text: '三、本年度办理结果 | (一)予以公开 | 4 | 0 |', sub: '(一)予以公开', scope: LABEL },
  { name: 'label rowspan label', text: '三、本年度办理结果 | (一)予以公开 | 4 | 0 |', sub: '三、本年度办理结果', scope: LABEL },
  { name: 'label () lost enumerator', text: '()予以公开', sub: '()予以公开', scope: LABEL },
  { name: 'label ()总计', text: '()总计', sub: '()总计', scope: LABEL },
  { name: 'label 部分公开 with note', text: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', sub: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', scope: LABEL },
  { name: 'label 1.', text: '(三)不予公开 | 1.属于国家秘密 | 0 | 0 |', sub: '1.属于国家秘密', scope: LABEL },
  { name: 'label 1． full-width', text: TABBED, sub: '1．属于国家秘密', scope: LABEL },
  { name: 'label tab-indented parent', text: TABBED, sub: '（三）不予公开', scope: LABEL },
  { name: 'label Traditional', text: '1.屬於國家秘密 | 0 |', sub: '1.屬於國家秘密', scope: LABEL },
  { name: 'label glued number: label part', text: T3_GLUED, sub: '3.危及“三安全一稳定”', scope: LABEL },
  { name: 'label glued number: number part', text: T3_GLUED, sub: '0', scope: NUM },
  { name: 'label （七）总计', text: '（七）总计 | 0 | 0 |', sub: '（七）总计', scope: LABEL },
  { name: 'label 3.其他 (2021 sub-row)', text: '| 3.其他\n|\n0', sub: '3.其他', scope: LABEL },
  { name: 'label 四、结转', text: '四、结转下年度继续办理 | 0 | 0 |', sub: '四、结转下年度继续办理', scope: LABEL },
  { name: 'label 补证 variant (seed 003)', text: '3.补证后申请内容仍不明确', sub: '3.补证后申请内容仍不明确', scope: LABEL },
  { name: 'label table 二 row', text: SPLIT_CELLS, sub: '行政许可', scope: LABEL },
  { name: 'label table 二 行政规范性文件', text: '| 行政规范性文件\n|\n1', sub: '行政规范性文件', scope: LABEL },
  { name: 'label legacy row', text: LEGACY, sub: '一、主動公開情況', scope: LABEL },
  { name: 'label markdown row', text: '| 其中:涉及國家秘密 | 件 | 0 |', sub: '其中:涉及國家秘密', scope: LABEL },

  // column headers (tables 二, 三, 四)
  { name: 'header 行政复议', text: '行政复议\n|\n行政诉讼\n|', sub: '行政复议', scope: HEADER },
  { name: 'header 结果维持 in pipes', text: '| 结果维持 |', sub: '结果维持', scope: HEADER },
  { name: 'header 未经复议直接起诉', text: '\t未经复议直接起诉', sub: '未经复议直接起诉', scope: HEADER },
  { name: 'header bare 总计', text: '自然人 | 法人或其他组织 | 总计 | |||', sub: '总计', scope: HEADER },
  { name: 'header bare 其他', text: '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||', sub: '其他', scope: HEADER },
  { name: 'header split by a space', text: '商业 企业 | 科研机构 |', sub: '商业 企业', scope: HEADER },
  { name: 'header 本年增/减', text: '本年增/减\n|', sub: '本年增/减', scope: HEADER },
  { name: 'header broken over lines', text: '本年新\n制作数量 |', sub: '制作数量', scope: HEADER },
  { name: 'header 2021 amount column', text: '本年收费金额(单位:万元)\n|', sub: '本年收费金额(单位:万元)', scope: HEADER },

  // numbers
  { name: 'number in pipe row', text: T3_ROW, sub: '5', scope: NUM },
  { name: 'number tab cell', text: TABBED, sub: '22', scope: NUM },
  { name: 'number full-width', text: '\t２２', sub: '２２', scope: NUM },
  { name: 'number space-separated (PDF)', text: '0 0 12 0 0 0 12', sub: '12', scope: NUM },
  { name: 'number in prose', text: '收到依申请公开1件,上年结转0件', sub: '1', scope: NUM },
  { name: 'change 减', text: SPLIT_CELLS, sub: '减5874', scope: NUM },
  { name: 'change 减 sign', text: SPLIT_CELLS, sub: '减', scope: SIGN },
  { name: 'change 增', text: '增7', sub: '增7', scope: NUM },
  { name: 'change 增 sign', text: '增7', sub: '增', scope: SIGN },
  { name: 'change -', text: '\t-82', sub: '-82', scope: NUM },
  { name: 'change - sign', text: '\t-82', sub: '-', scope: SIGN },
  { name: 'change +', text: '+16', sub: '+16', scope: NUM },
  { name: 'change +0/-0', text: '行政事业性收费\n\n65\n\n+0/-0', sub: '+0/-0', scope: NUM },
  { name: 'change +0/-0 second sign', text: '+0/-0', sub: '-', scope: SIGN },
  { name: 'amount 万', text: '236\n|\n101973.15万\n|', sub: '101973.15万', scope: NUM },
  { name: 'amount 万元', text: '\t16284万元', sub: '16284万元', scope: NUM },
  { name: 'amount unit', text: '\t16284万元', sub: '万元', scope: UNIT },
  { name: 'amount 元', text: '251000元', sub: '251000元', scope: NUM },
  { name: 'amount full-width', text: '１２．５万元', sub: '１２．５万元', scope: NUM },

  // blank / not-applicable markers
  { name: 'marker / in pipes', text: '行政许可 | / | 0 |', sub: '/', scope: NULL },
  { name: 'marker — on its own line', text: '|\n—\n|', sub: '—', scope: NULL },
  { name: 'marker —— legacy unit column', text: LEGACY, sub: '——', scope: NULL },
  { name: 'marker 无 as a cell', text: '\t无\n\t0', sub: '无', scope: NULL },
  { name: 'unit cell (legacy)', text: LEGACY, sub: '萬元', scope: UNIT },

  // pipes and the rest
  { name: 'pipe in row', text: T3_ROW, sub: '|', scope: PIPE },
  { name: 'pipe run', text: T3_ROW, sub: '||', scope: PIPE },
  { name: 'pipe alone', text: SPLIT_CELLS, sub: '|', nth: 1, scope: PIPE },
  { name: 'full-width pipe', text: '规章｜0｜0', sub: '｜', scope: PIPE },
  { name: 'note', text: '\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', sub: '勾稽关系为', scope: NOTE },
  { name: 'note cut at the start (seed 000)', text: '的勾稽关系为:第一项加第二项之和) | 申请人情况 |', sub: '的勾稽关系为', scope: NOTE },
  { name: 'placeholder', text: '[image: C:/Users/ADMINI~1/AppData/output_1.jpg]2、强化监督', sub: 'ADMINI~1', scope: PLACEHOLDER },
  { name: 'markdown divider', text: '|---|:---:|', sub: '---', scope: DIVIDER },
];

const NEGATIVE = [
  { name: 'table 三 row label is not a heading', text: T3_ROW, sub: '一、本年新收', scope: HEADING },
  { name: 'bare 三、 is not a heading', text: '三、', sub: '三、', scope: HEADING },
  { name: 'numbered prose is not a heading', text: '1、行政权力运行公开。一是完善决策公开', sub: '行政权力运行公开', scope: HEADING },
  { name: 'legacy pipe row is not a heading', text: LEGACY, sub: '一、主動公開情況', scope: HEADING },
  { name: 'prose sub-heading is not a label', text: '（一）加强组织领导，强化监督考核培训', sub: '加强组织领导', scope: LABEL },
  { name: 'prose 行政复议 is not a header', text: '未收到因政府信息依申请公开的行政复议和行政诉讼案件。', sub: '行政复议', scope: HEADER },
  { name: 'prose 行政许可 is not a label', text: '行政许可事项全部公开', sub: '行政许可', scope: LABEL },
  { name: 'bare 总计 is not a row label', text: '\t总计', sub: '总计', scope: LABEL },
  { name: '无 in prose is not a marker', text: '无其他需要报告的事项', sub: '无', scope: NULL },
  { name: '无 in a sentence is not a marker', text: '需要说明的其他事项:无。', sub: '无', scope: NULL },
  { name: 'phone number has no sign', text: '聯系電話: 0377-6237892', sub: '-', scope: SIGN },
  { name: 'dash before digits is not a marker', text: '\t-82', sub: '-', scope: NULL },
  { name: 'label does not swallow the pipe', text: LEGACY, sub: '|', scope: LABEL },
  { name: 'label does not swallow the glued number', text: T3_GLUED, sub: '0', scope: LABEL },
  { name: 'enumerator of a label is not a number', text: '1.属于国家秘密 | 0 |', sub: '1.', scope: NUM },
  { name: 'placeholder digits are not numbers', text: '[image: output_1.jpg]', sub: '1', scope: NUM },
];

// ---- tests ----------------------------------------------------------------------------------

test('grammar file: scopeName and package.json contribution agree', () => {
  assert.equal(RAW.scopeName, SCOPE);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const g = pkg.contributes.grammars.find((x) => x.language === 'nianbao');
  assert.ok(g, 'package.json contributes a grammar for nianbao');
  assert.equal(g.scopeName, SCOPE);
  assert.equal(path.resolve(ROOT, g.path), GRAMMAR_PATH);
});

test('every regex compiles in Oniguruma', async () => {
  await onigLib;
  const regexes = [];
  (function walk(node) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const k of ['match', 'begin', 'end', 'while']) if (typeof node[k] === 'string') regexes.push(node[k]);
      Object.values(node).forEach(walk);
    }
  })(RAW);
  assert.ok(regexes.length >= 15, `found ${regexes.length} regexes`);
  for (const re of regexes) {
    assert.doesNotThrow(() => new onig.OnigScanner([re]), `compiles: ${re.slice(0, 80)}`);
  }
});

test('scopes: positive cases', async (t) => {
  const grammar = await loadGrammar(RAW);
  for (const c of POSITIVE) {
    await t.test(c.name, () => assert.equal(check(grammar, c), null));
  }
});

test('scopes: negative cases', async (t) => {
  const grammar = await loadGrammar(RAW);
  for (const c of NEGATIVE) {
    await t.test(c.name, () => assert.equal(check(grammar, { ...c, not: true }), null));
  }
});

test('the cases can fail: a grammar that scopes nothing fails every positive case', async () => {
  const grammar = await loadGrammar({ scopeName: SCOPE, patterns: [] });
  for (const c of POSITIVE) assert.notEqual(check(grammar, c), null, c.name);
});

test('the cases can fail: a grammar that scopes everything fails every negative case', async () => {
  const all = [...new Set([...POSITIVE, ...NEGATIVE].map((c) => c.scope))].join(' ');
  const grammar = await loadGrammar({ scopeName: SCOPE, patterns: [{ match: '.+', name: all }] });
  for (const c of NEGATIVE) assert.notEqual(check(grammar, { ...c, not: true }), null, c.name);
});

test('every rule of the grammar is pinned: removing any one rule breaks some case', async (t) => {
  // Collect every leaf rule (one with a `match`) by its path in the repository.
  const leaves = [];
  for (const [key, rule] of Object.entries(RAW.repository)) {
    if (rule.match) leaves.push([key]);
    (rule.patterns ?? []).forEach((sub, i) => sub.match && leaves.push([key, i]));
  }
  assert.ok(leaves.length >= 15);
  const cases = [...POSITIVE, ...NEGATIVE.map((c) => ({ ...c, not: true }))];
  for (const leaf of leaves) {
    await t.test(leaf.join('/'), async () => {
      const mutated = structuredClone(RAW);
      if (leaf.length === 1) mutated.repository[leaf[0]] = { patterns: [] };
      else mutated.repository[leaf[0]].patterns[leaf[1]] = { patterns: [] };
      const grammar = await loadGrammar(mutated);
      const broken = cases.filter((c) => check(grammar, c) !== null);
      assert.ok(broken.length > 0, `no case notices that rule ${leaf.join('/')} is gone`);
    });
  }
});

test('regexes stay linear: long adversarial lines tokenize in linear time', async () => {
  const grammar = await loadGrammar(RAW);
  // VS Code stops tokenizing lines longer than 20k characters by default (editor.maxTokenizationLineLength).
  const lines = {
    spaces: (n) => ' '.repeat(n),
    'full-width spaces': (n) => '　'.repeat(n),
    tabs: (n) => '\t'.repeat(n),
    pipes: (n) => '|'.repeat(n),
    'spaced pipes': (n) => '| '.repeat(n / 2),
    'cells of spaces': (n) => ('\t' + ' '.repeat(49)).repeat(n / 50),
    digits: (n) => '1'.repeat(n),
    'digits and dots': (n) => '1.'.repeat(n / 2),
    'space-separated values': (n) => '0 '.repeat(n / 2),
    'heading without end': (n) => '一、' + '情'.repeat(n),
    'heading then pipe': (n) => '一、' + ' '.repeat(n) + '|',
    'digit heading without keyword': (n) => '2、' + ' 主动'.repeat(n / 3),
    'label-like with no pipe': (n) => '(一)' + '字 '.repeat(n / 2) + '\t',
    'label prefix repeated': (n) => '（一）予以'.repeat(n / 5),
    'header words with spaces': (n) => '商业 '.repeat(n / 3) + 'x',
    'open brackets': (n) => '（'.repeat(n),
    'note without end': (n) => '勾稽关系为' + '字'.repeat(n),
    dashes: (n) => '-'.repeat(n),
    signs: (n) => '+-'.repeat(n / 2),
    'group header prefixes': (n) => '第二十条第（'.repeat(n / 6),
    'image without end': (n) => '[image:' + 'x'.repeat(n),
  };
  // The best of three runs: a busy machine stretches one run, never all three of a linear one into a quadratic ratio.
  const time = (line) => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      grammar.tokenizeLine(line, vsctm.INITIAL);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  for (const [name, make] of Object.entries(lines)) {
    const small = time(make(5000));
    assert.ok(small < 2000, `${name}: ${small.toFixed(0)} ms for 5000 chars`);
    const large = time(make(20000));
    if (process.env.NIANBAO_PERF) console.log(name, small.toFixed(1), large.toFixed(1));
    assert.ok(large < 2000, `${name}: ${large.toFixed(0)} ms for 20000 chars`);
    // 4x the input: about 4x the time when linear, 16x when quadratic
    assert.ok(large < 8 * small + 100, `${name}: ${small.toFixed(1)} ms -> ${large.toFixed(1)} ms for 4x the input`);
  }
});

// ---- the five seed reports (skipped when ../shared/seeds is not there) ------------------------

const SEEDS = path.resolve(ROOT, '../shared/seeds');
const seedFiles = fs.existsSync(SEEDS) ? fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort() : [];

// The part headings each seed holds, in order (first characters of the line).
const SEED_HEADINGS = {
  '000': ['一、总体情况', '二、主动公开', '三、收到和处理', '四、收到和处理', '五、存在的主要问题', '六、其他需要'],
  '001': ['一、总体情况', '2、 主动公开', '三、收到和处理', '四、政府信息公开行政复议', '五、存在的不足', '六、其他需要'],
  '002': ['一、 加強組織領導', '二、強化監督', '二、強化監督', '三、2017年', '四、工作中存在', '五、下一步', '四、工作中存在', '五、下一步'],
  '003': ['一、总体情况', '二、依申请公开', '三、主动公开', '四、收到和处理', '五、政府信息公开行政复议', '六、存在的主要问题', '七、其他需要'],
  '004': ['一、总体情况', '二、主动公开', '三、收到和处理', '四、政府信息公开行政复议', '五、存在的主要问题', '六、其他需要'],
};

test('seed reports', { skip: seedFiles.length === 0 && `no seeds at ${SEEDS}` }, async (t) => {
  const grammar = await loadGrammar(RAW);
  for (const file of seedFiles) {
    await t.test(file, () => {
      const text = fs.readFileSync(path.join(SEEDS, file), 'utf8').replace(/\r\n?/g, '\n');
      const lines = text.split('\n');
      const t0 = performance.now();
      const tokens = tokenize(grammar, text);
      assert.ok(performance.now() - t0 < 5000, 'tokenizes in time');

      const headings = [];
      lines.forEach((line, i) => {
        const scopesOf = (col) => scopesAt(tokens[i], col);
        // every | is a cell separator, never swallowed by a label or heading
        for (let col = line.indexOf('|'); col >= 0; col = line.indexOf('|', col + 1)) {
          assert.ok(scopesOf(col).includes(PIPE), `${file}:${i + 1}: | at ${col} is ${scopesOf(col)}`);
        }
        // a cell holding only a count is a number
        const m = /^(\t?)([0-9]+)[ \t]*$/.exec(line);
        if (m) assert.ok(scopesOf(m[1].length).includes(NUM), `${file}:${i + 1}: ${line} is not numeric`);
        const first = line.search(/\S/);
        if (first >= 0 && scopesOf(first).includes(HEADING)) headings.push(line.trim());
      });
      const expected = SEED_HEADINGS[file.slice(0, 3)];
      if (expected) {
        assert.equal(headings.length, expected.length, `headings found: ${JSON.stringify(headings)}`);
        expected.forEach((h, i) => assert.ok(headings[i].startsWith(h), `heading ${i}: ${headings[i]} vs ${h}`));
      }
    });
  }
});
