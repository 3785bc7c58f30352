// Protocol tests for the editor-experience features: symbols, folding, code lens,
// inlay hints, suppression, status, l10n, rule links, export and summary requests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CodeLens, DocumentSymbol, FoldingRange, InlayHint } from 'vscode-languageserver';
import { defaultSpec, render } from '../support/generate';
import { LspTestClient } from './lsp-client';

const SEED_000 = readFileSync(path.resolve(__dirname, '../../../../shared/seeds/000_38967d40d03fbadc.txt'), 'utf8');
const ERROR = 1;

describe('editor features over LSP', () => {
  let client: LspTestClient;
  const statuses: { uri: string; errors?: number; suppressed?: number; template?: string; year?: number; tables?: string[] }[] = [];
  before(async () => {
    client = await LspTestClient.start();
    client.connection.onNotification('nianbao/status', (s: (typeof statuses)[number]) => statuses.push(s));
  });
  after(async () => client.shutdown());

  const statusOf = async (uri: string) => {
    for (let i = 0; i < 100 && !statuses.some((x) => x.uri === uri); i++) await new Promise((r) => setTimeout(r, 20));
    return statuses.filter((x) => x.uri === uri).pop()!;
  };
  const open = async (name: string, text: string) => {
    const uri = `file:///work/${name}`;
    await client.open(uri, 'nianbao', text, 1);
    const p = await client.waitForDiagnostics(uri, () => true, 5000);
    return { uri, p };
  };

  test('document symbols: parts → tables → rows, for the Outline and breadcrumbs', async () => {
    const { uri } = await open('symbols.nianbao', render(defaultSpec(), 'pipe'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'],
    );
    const part3 = symbols[2];
    assert.equal(part3.children?.[0].name, '三、收到和处理政府信息公开申请情况');
    assert.equal(part3.children?.[0].children?.length, 25);
    assert.equal(part3.children?.[0].children?.[0].name, '一、本年新收政府信息公开申请数量');
    const groups = symbols[1].children?.[0].children ?? [];
    assert.deepEqual(groups.map((g) => g.name), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    assert.deepEqual(groups.map((g) => g.children?.length), [2, 1, 2, 1], 'table 二 rows under their groups');
  });

  test('folding ranges for parts and tables', async () => {
    const { uri } = await open('folding.nianbao', render(defaultSpec(), 'pipe-split'));
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(ranges.length >= 8, `${ranges.length} ranges`);
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });

  test('code lens: `勾稽关系 N/N ✔` on a clean table, `✘ k 处不一致` and `全部修复` on a broken one', async () => {
    const { uri } = await open('lens.nianbao', SEED_000);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((x) => /^✘ 4 处不一致/.test(x)), titles.join(' | '));
    assert.ok(titles.some((x) => /^勾稽关系 3\/3 ✔$/.test(x)), titles.join(' | '));
    const fix = lenses.find((l) => l.command?.title === '全部修复')!;
    assert.deepEqual(fix.command!.arguments, [uri, 'applications']);
    const r = await client.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: fix.command!.command, arguments: fix.command!.arguments });
    assert.equal(r.edits, 3); // the two totals and the glued 0, all in table 三
  });

  test('inlay hints: the computed value beside each wrong total', async () => {
    const { uri } = await open('inlay.nianbao', SEED_000);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } } });
    assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[155, '≠ 5'], [155, '≠ 5']]);
  });

  test('suppression: a comment silences the named rule on the next line, counted in the status', async () => {
    const lines = SEED_000.split('\n');
    const i = lines.findIndex((l) => l.startsWith('(七)总计'));
    lines.splice(i, 0, '<!-- nianbao-disable-next-line carry-over, results-total -- 原因：测试 -->');
    const { uri, p } = await open('suppress.nianbao', lines.join('\n'));
    assert.equal(p.diagnostics.filter((d) => d.severity === ERROR && d.range.start.line === i + 1).length, 0);
    const s = await statusOf(uri);
    assert.equal(s.suppressed, 4);
    assert.equal(s.errors, 0);
  });

  test('the quick fix 「在此忽略……」 inserts the comment above the line', async () => {
    const { uri, p } = await open('ignore.nianbao', SEED_000);
    const d = p.diagnostics.find((x) => x.code === 'carry-over')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const ignore = actions.find((a) => a.title.startsWith('在此忽略 carry-over'))!;
    const edit = ignore.edit!.changes![uri][0];
    assert.deepEqual(edit.range.start, { line: d.range.start.line, character: 0 });
    assert.match(edit.newText, /^<!-- nianbao-disable-next-line carry-over -- 原因： -->\n$/);
  });

  test('status: template, year, tables found, findings', async () => {
    const { uri } = await open('status.nianbao', SEED_000);
    const s = await statusOf(uri);
    assert.equal(s.template, '2019');
    assert.equal(s.year, 2020);
    assert.deepEqual(s.tables, ['二', '三', '四']);
    assert.equal(s.errors, 4);
  });

  test('each diagnostic links its rule page (codeDescription.href → docs/rules/<code>.md)', async () => {
    const { p } = await open('href.nianbao', SEED_000);
    for (const d of p.diagnostics) assert.match(d.codeDescription?.href ?? '', new RegExp(`/docs/rules/${d.code}\\.md$`));
  });

  test('features that read the model answer for every open report, also after its full result was dropped, and for the current version', async () => {
    // The server keeps full check results for a few recently used documents only (state.ts).
    const uris: string[] = [];
    for (let i = 0; i < 12; i++) uris.push((await open(`many-${i}.nianbao`, SEED_000)).uri);
    const lensTitles = async (uri: string) => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command?.title);
    const first = await Promise.all(uris.map(lensTitles));
    for (const titles of first) assert.deepEqual(titles, first[0]);
    assert.ok(first[0].some((x) => /^✘ 4 处不一致/.test(x ?? '')), first[0].join(' | '));
    // The first reports' full results were dropped for the later ones: recomputed, the same answer.
    assert.deepEqual(await lensTitles(uris[0]), first[0]);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uris[1] } });
    assert.equal(symbols.length, 6);
    // An edit: the answer is the new version's, never the cached one.
    await client.change(uris[0], 2, [{ text: render(defaultSpec(), 'pipe') }]);
    const edited = await lensTitles(uris[0]);
    assert.ok(edited.length > 0 && edited.every((x) => !x?.startsWith('✘')), edited.join(' | '));
  });

  test('export tables (JSON, CSV) and the summary', async () => {
    const { uri } = await open('export.nianbao', SEED_000);
    const json = JSON.parse(await client.request<string>('nianbao/exportTables', { uri, format: 'json' }));
    assert.deepEqual(json.tables.applications.rows.new, [5, 0, 0, 0, 0, 0, 5]);
    const csv = await client.request<string>('nianbao/exportTables', { uri, format: 'csv' });
    assert.match(csv, /^table,row,label,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计$/m);
    assert.match(csv, /^applications,new,一、本年新收政府信息公开申请数量,5,0,0,0,0,0,5$/m);
    const summary = await client.request<string>('nianbao/summary', { uri });
    assert.match(summary, /本年新收: 5/);
  });
});

describe('l10n: one message in both languages', () => {
  for (const [locale, pattern] of [
    ['zh-cn', /表三“自然人”列结转关系不成立：一 5 \+ 二 0 = 5/],
    ['en', /Table III column “自然人”: carry-over does not hold: 一 5 \+ 二 0 = 5/],
  ] as const) {
    test(locale, async () => {
      const client = await LspTestClient.start({ settings: { locale } });
      try {
        await client.open('file:///work/l10n.nianbao', 'nianbao', SEED_000, 1);
        const p = await client.waitForDiagnostics('file:///work/l10n.nianbao', () => true, 5000);
        assert.match(p.diagnostics.find((d) => d.code === 'carry-over')!.message, pattern);
      } finally {
        await client.shutdown();
      }
    });
  }
  test('auto follows the display language the editor reports', async () => {
    const client = await LspTestClient.start({ settings: { locale: 'auto' }, locale: 'en-US' });
    try {
      await client.open('file:///work/l10n-auto.nianbao', 'nianbao', SEED_000, 1);
      const p = await client.waitForDiagnostics('file:///work/l10n-auto.nianbao', () => true, 5000);
      assert.match(p.diagnostics[0].message, /[a-z]{4,}/);
      assert.doesNotMatch(p.diagnostics.find((d) => d.code === 'carry-over')!.message, /不成立/);
    } finally {
      await client.shutdown();
    }
  });
});
