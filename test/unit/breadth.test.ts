// Issue 4's breadth: layouts in the wild, legacy tables, prose, structure, dates, encodings.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as iconv from 'iconv-lite';
import { Converter } from 'opencc-js/cn2t';
import { applyEdits } from '../../server/src/engine';
import { decode, runCli } from '../../server/src/cli/run';
import { BUNDLES, splitPlaceholders, t, type Locale } from '../../server/src/engine/i18n';
import { chineseNumber } from '../../server/src/engine/rules/prose';
import { rng } from '../support/corpus';
import { defaultSpec, render } from '../support/generate';
import { codes, errors, run, values } from '../support/util';

const warnings = (text: string, code: string) => run(text).findings.filter((f) => f.code === code && (f.severity === 'warning' || f.severity === 'error'));

// ------------------------------------------------------------------ layouts

describe('layouts in the wild', () => {
  test('PDF text: table 四 with headers stacked one character per token', () => {
    const text = [
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议 行政诉讼',
      '结 结 其 尚 总 未经复议直接起诉 复议后起诉',
      '果 果 他 未 计 结 结 其 尚 总 结 结 其 尚 总',
      '维 纠 结 审 果 果 他 未 计 果 果 他 未 计',
      '持 正 果 结 维 纠 结 审 维 纠 结 审',
      '持 正 果 结 持 正 果 结',
      '0 1 0 0 1 2 0 0 1 3 0 0 0 0 0',
      '五、存在的主要问题及改进情况',
    ].join('\n');
    const { model, findings } = run(text);
    assert.deepEqual(values(model.appeals, 'review'), [0, 1, 0, 0, 1]);
    assert.deepEqual(values(model.appeals, 'litigationDirect'), [2, 0, 0, 1, 3]);
    assert.deepEqual(errors(findings), []);
  });

  test('PDF text: `总 计` split by spaces, a row on one line', () => {
    const text = render(defaultSpec(), 'pdf').replace('（七）总计', '（七）总  计');
    assert.deepEqual(values(run(text).model.applications, 'total'), [8, 1, 0, 0, 1, 0, 10]);
  });

  test('labels split by spaces (`商业 企业`, `本年新 制作数量`) and over two lines', () => {
    const spec = defaultSpec({ shape: 'single-other' });
    const text = render(spec, 'tab').replace('\t商业企业', '\t商业 企业').replace('\t本年新制作数量', '\t本年新\n制作数量');
    const { model } = run(text);
    assert.equal(model.disclosure?.template, '2019');
    assert.deepEqual(values(model.applications, 'new'), spec.applications.new);
  });

  test('Traditional characters throughout (OpenCC)', () => {
    const spec = defaultSpec();
    const traditional = Converter({ from: 'cn', to: 'hk' })(render(spec, 'pipe'));
    assert.notEqual(traditional, render(spec, 'pipe'));
    const { model, findings } = run(traditional);
    for (const [row, v] of Object.entries(spec.applications)) assert.deepEqual(values(model.applications, row), v, row);
    assert.equal(model.disclosure?.template, '2021');
    assert.deepEqual(codes(findings), []);
  });

  test('`—`, `/` and `无` as values: not blank, not a number; identities through them are notes, not errors', () => {
    const text = render(defaultSpec(), 'pipe').replace(/(（二）部分公开[^|]*\| \d+ \| )0( \|)/, '$1—$2');
    const { model, findings } = run(text);
    assert.equal(model.applications!.rows.get('partial')!.cells[1].value.kind, 'marker');
    assert.deepEqual(errors(findings), []);
    assert.equal(findings.filter((f) => f.code === 'blank-cell').length, 0);
    assert.ok(findings.some((f) => f.code === 'results-total' && f.severity === 'information'));
  });

  test('amounts with units and signed changes in table 二', () => {
    const text = render(defaultSpec({ shape: 'single-other' }), 'pipe').replace('1973.15万', '251000元').replace('减5', '-5');
    const { model, findings } = run(text);
    const procurement = model.disclosure!.rows.find((r) => r.key === 'procurement')!;
    assert.equal(procurement.cells[1].cell.value.value, 25.1);
    assert.deepEqual(codes(findings), []);
  });
});

// ------------------------------------------------------------------ legacy tables

const LEGACY = (rows: string[]) =>
  ['示例县2017年政府信息公开工作年度报告', '附件：政府信息公开情况统计表', '统 计 指 标 | 单位 | 统计数 |', ...rows, '联系电话：0000-0000000'].join('\n');

describe('legacy-sum', () => {
  const apply = (a: number, b: number, c: number, total: number) =>
    LEGACY([
      '三、依申请公开情况 | —— | |',
      `(一)收到申请数 | 件 | ${total} |`,
      `1.当面申请数 | 件 | ${a} |`,
      `2.网络申请数 | 件 | ${b} |`,
      `3.信函申请数 | 件 | ${c} |`,
    ]);
  test('holding: a row equals its numbered sub-rows', () => {
    assert.deepEqual(codes(run(apply(1, 2, 3, 6)).findings), []);
  });
  test('breaking: the sum is off → error on the parent value with the sum as expected', () => {
    const text = apply(1, 2, 3, 7);
    const f = run(text).findings.filter((x) => x.code === 'legacy-sum');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.equal(f[0].expected, 6);
    assert.equal(text.slice(f[0].start, f[0].end), '7');
  });
  const breakdown = (parts: number[], parent: number) =>
    LEGACY([`4.不同意公开答复数 | 件 | ${parent} |`, `其中：涉及国家秘密 | 件 | ${parts[0]} |`, `涉及商业秘密 | 件 | ${parts[1]} |`, `涉及个人隐私 | 件 | ${parts[2]} |`, '5.不属于本行政机关公开数 | 件 | 0 |']);
  test('holding and breaking: a 其中 breakdown of three rows equals its parent', () => {
    assert.deepEqual(codes(run(breakdown([1, 0, 2], 3)).findings), []);
    assert.deepEqual(codes(run(breakdown([1, 0, 2], 4)).findings), ['legacy-sum']);
  });
  const single = (child: number) => LEGACY([`1.参加或举办新闻发布会总次数 | 次 | 3 |`, `其中：主要负责同志参加新闻发布会次数 | 次 | ${child} |`]);
  test('holding and breaking: a single 其中 row never exceeds its parent', () => {
    assert.deepEqual(codes(run(single(2)).findings), []);
    assert.deepEqual(codes(run(single(4)).findings), ['legacy-sum']);
  });
  test('rows whose unit is —— are headings, not sums', () => {
    const text = LEGACY(['一、主动公开情况 | —— | 500 |', '(一)主动公开政府信息数 | 条 | 428 |', '(二)其他 | 条 | 3 |']);
    assert.deepEqual(codes(run(text).findings), []);
  });
});

// ------------------------------------------------------------------ prose

describe('prose-mismatch', () => {
  const spec = defaultSpec(); // 一 11, 二 1, （七）总计 10, 四 2, 予以公开 5
  const withProse = (sentence: string) => render(spec, 'pipe').replace('全面推进政务公开工作。', `全面推进政务公开工作。${sentence}`);
  test('holding: the figures agree', () => {
    assert.deepEqual(warnings(withProse('全年共收到政府信息公开申请11件，上年结转1件，办结10件，结转下年度2件，其中予以公开5件。'), 'prose-mismatch'), []);
  });
  test('breaking: several figures in one sentence, each compared; the finding sits on the prose number and links the cell', () => {
    const text = withProse('全年共收到政府信息公开申请13件，上年结转1件，办结9件。');
    const f = warnings(text, 'prose-mismatch');
    assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['13', '9']);
    assert.equal(f[0].expected, 11);
    assert.equal(f[0].related.length, 1);
    assert.equal(text.slice(f[0].related[0].start, f[0].related[0].end), '11');
  });
  test('Chinese numerals and thousands separators', () => {
    assert.equal(chineseNumber('二十二'), 22);
    assert.equal(chineseNumber('一百零五'), 105);
    assert.equal(chineseNumber('十'), 10);
    assert.equal(warnings(withProse('本年度受理依申请公开二十二件。'), 'prose-mismatch').length, 1);
    assert.equal(warnings(withProse('本年度受理依申请公开十一件。'), 'prose-mismatch').length, 0);
    assert.equal(warnings(withProse('本年度受理依申请公开3,646件。'), 'prose-mismatch')[0]?.actual, 3646);
  });
  test('precision: letters, messages and filings are different quantities', () => {
    assert.deepEqual(warnings(withProse('依申请公开工作中，办理群众来信80件，规范性文件备案12件，收到留言30件。'), 'prose-mismatch'), []);
  });
  test('received stated as new plus carried over is not a disagreement', () => {
    assert.deepEqual(warnings(withProse('共受理依申请公开12件（含上年结转1件）。'), 'prose-mismatch').filter((f) => f.actual === 12), []);
  });
  test('a topic word broken by a PDF space: `信息公开申 请` is still about applications', () => {
    assert.deepEqual(
      warnings(withProse('全年共收到政府信息公开申 请13件。'), 'prose-mismatch').map((f) => f.actual),
      [13],
    );
  });
  test('reviews and lawsuits: `未收到…行政复议和行政诉讼` states zero', () => {
    const text = withProse('全年未收到因政府信息公开引起的行政复议和行政诉讼案件。');
    assert.deepEqual(warnings(text, 'prose-mismatch').map((f) => f.message.includes('行政复议') || f.message.includes('行政诉讼')), [true, true]);
  });
});

// ------------------------------------------------------------------ structure

describe('structure', () => {
  const base = render(defaultSpec(), 'pipe');
  test('holding: six parts in order', () => {
    assert.deepEqual(warnings(base, 'structure'), []);
  });
  test('a missing part', () => {
    const text = base.replace('六、其他需要报告的事项\n无。', '无。');
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /缺少.*六、其他需要报告的事项/);
  });
  test('a misnamed part: warning with a quick fix that renames it', () => {
    const text = base.replace('四、政府信息公开行政复议、行政诉讼情况', '四、收到和处理政府信息公开申请情况');
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    const fixed = applyEdits(text, f[0].fixes[0].edits);
    assert.equal(fixed, base);
  });
  test('a part numbered with digits', () => {
    const text = base.replace('二、主动公开政府信息情况', '2、主动公开政府信息情况');
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.equal(applyEdits(text, f[0].fixes[0].edits), base);
  });
  test('a duplicated part and an inserted part', () => {
    const dup = base.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况\n一是公开意识有待进一步提高。\n五、存在的主要问题及改进情况');
    assert.match(warnings(dup, 'structure')[0].message, /重复的部分/);
    const extra = base.replace('二、主动公开政府信息情况', '二、依申请公开情况\n本年依申请公开工作平稳。\n三、主动公开政府信息情况');
    const f = warnings(extra, 'structure');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /多出的部分“二、依申请公开情况”/);
  });
  test('repeated paragraphs are reported once, at the repeat', () => {
    const para = '本区认真贯彻落实条例要求，健全工作机制，规范公开流程，全面提升政务公开质量和实效。';
    const text = base.replace('一、总体情况\n', `一、总体情况\n${para}\n${para}\n`);
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), para);
    assert.ok(f[0].start > text.indexOf(para));
  });
  test('a repeat is the same text whatever its whitespace; different lines are never repeats', () => {
    const para = '本区认真贯彻落实条例要求，健全工作机制，规范公开流程，全面提升政务公开质量和实效。';
    const spaced = `  ${para.slice(0, 9)} \u3000${para.slice(9)}\t`;
    const text = base.replace('一、总体情况\n', `一、总体情况\n${para}\n${spaced}\n`);
    const f = warnings(text, 'structure');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), spaced);
    // These two lines share the layout's hash of a line (FNV-1a, 28 bits): told apart by their text.
    const [a, b] = ['本年度依申请公开工作标真结请实真政真彻区到结本到彻落', '本年度依申请公开工作认落彻政真区开建规彻标贯建标建结'];
    const collide = base.replace('一、总体情况\n', `一、总体情况\n${a}\n说明。\n${b}\n说明。\n${b}\n说明。\n${a}\n`);
    assert.deepEqual(
      warnings(collide, 'structure').map((x) => [collide.slice(x.start, x.end), collide.slice(x.related[0].start, x.related[0].end), x.related[0].start]),
      [
        [b, b, collide.indexOf(b)],
        [a, a, collide.indexOf(a)],
      ],
    );
  });
  test('long lines that differ only in the middle are told apart; spaces in the middle do not make a repeat new', () => {
    // The layout hashes only the first and the last 32 characters of a long line.
    const head = '本区认真贯彻落实政府信息公开条例要求，健全工作机制，规范公开流程，';
    const tail = '全面提升政务公开质量和实效，持续推进政务公开标准化规范化建设。';
    const [a, b] = [`${head}甲${tail}`, `${head}乙${tail}`];
    const spaced = `${head} \u3000甲\t${tail}`;
    const text = base.replace('一、总体情况\n', `一、总体情况\n${a}\n说明。\n${b}\n说明。\n${b}\n说明。\n${spaced}\n`);
    assert.deepEqual(
      warnings(text, 'structure').map((x) => [text.slice(x.start, x.end), text.slice(x.related[0].start, x.related[0].end), x.related[0].start]),
      [
        [b, b, text.indexOf(b)],
        [spaced, a, text.indexOf(a)],
      ],
    );
  });
});

// ------------------------------------------------------------------ dates

describe('date', () => {
  const base = render(defaultSpec(), 'pipe');
  test('holding: period of the report year, signed after it ended', () => {
    assert.deepEqual(warnings(base + '\n示例区人民政府办公室\n2023年1月20日\n', 'date'), []);
  });
  test('a statistics period of another year', () => {
    assert.equal(warnings(base.replace('统计期限自2022年1月1日始，至2022年12月31日止', '统计期限自2021年1月1日始，至2021年12月31日止'), 'date').length, 1);
  });
  test('a signing or 填报 date before the period ended', () => {
    const f = warnings(base + '\n2022年2月11日\n填报日期：2022年1月11日\n', 'date');
    assert.equal(f.length, 2);
  });
  test('a date that does not exist', () => {
    assert.match(warnings(base + '\n2023年2月30日\n', 'date')[0].message, /不存在/);
  });
  test('garbled dates are unreadable notes, never guessed', () => {
    const f = run(base.replace('统计期限自', '报告统计数据时限为201911日。统计期限自')).findings.filter((x) => x.code === 'date');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.equal(f[0].expected, undefined);
  });
  test('a garbled date is a run of 5 to 7 digits before 日, not after 年月日', () => {
    const garbled = (s: string) => run(base.replace('统计期限自', `${s}。统计期限自`)).findings.filter((x) => x.code === 'date').map((x) => x.message.match(/\d+日/)?.[0]);
    assert.deepEqual(garbled('见（20211日）与x2020123日'), ['20211日', '2020123日']);
    assert.deepEqual(garbled('见20201231日、年20211日、19202111日'), []);
  });
});

// ------------------------------------------------------------------ encodings

describe('CLI encodings', () => {
  const text = render(defaultSpec(), 'pipe');
  const cases: [string, Buffer][] = [
    ['utf-8', Buffer.from(text, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])],
    ['gb18030', iconv.encode(text, 'gb18030')],
    ['gb18030', iconv.encode(text, 'gbk')],
  ];
  for (const [encoding, bytes] of cases) {
    test(`${encoding}: decoded exactly`, () => {
      const d = decode(bytes);
      assert.equal(d.encoding, encoding);
      assert.equal(d.text, text);
    });
  }
  test('the CLI reads a GBK file and a UTF-16 file like their UTF-8 twin', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-enc-'));
    writeFileSync(path.join(dir, 'a.txt'), iconv.encode(text, 'gbk'));
    writeFileSync(path.join(dir, 'b.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    let out = '';
    const code = await runCli(['check', '--format', 'json', dir], { stdout: (s) => (out += s), stderr: () => undefined });
    assert.equal(code, 0);
    const files = JSON.parse(out).files;
    assert.equal(files.length, 2);
    for (const f of files) assert.deepEqual(f.tables.applications.rows.total, [8, 1, 0, 0, 1, 0, 10]);
  });
});

// ------------------------------------------------------------------ messages

describe('messages', () => {
  test('splitPlaceholders splits as the pattern of l10n\'s format does', () => {
    const random = rng(11);
    const pieces = ['{', '}', 'a', '表', '{n}', '{}'];
    for (let k = 0; k < 5000; k++) {
      let s = '';
      for (let n = Math.floor(random() * 12); n > 0; n--) s += pieces[Math.floor(random() * pieces.length)];
      assert.deepEqual(splitPlaceholders(s), s.split(/{([^}]+)}/), JSON.stringify(s));
    }
  });
  test('t fills a message as l10n does: every placeholder named, or left as it is', () => {
    for (const locale of Object.keys(BUNDLES) as Locale[])
      for (const [key, message] of Object.entries(BUNDLES[locale])) {
        const names = [...message.matchAll(/{([^}]+)}/g)].map((m) => m[1]);
        const params: Record<string, string | number> = {};
        names.forEach((name, n) => (params[name] = n % 2 ? n : `<${name}>`));
        const expected = message.replace(/{([^}]+)}/g, (m, name: string) => String(params[name] ?? m));
        assert.equal(t(locale, key, params), expected, key);
        if (names.length > 1) assert.equal(t(locale, key, { [names[0]]: 'x' }), message.split(`{${names[0]}}`).join('x'), key);
        assert.equal(t(locale, key), message, key);
      }
  });
});
