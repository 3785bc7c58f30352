// nianbao summary: a generated folder of 200 reports (40 bodies × 5 years, some broken) tabulated
// as a workbook, CSV and a page; the workbook read back with exceljs agrees with `check --format json`
// on the same folder, and the page renders in Chromium with its charts and without a request.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { APPEALS, APPLICATIONS } from '../../server/src/engine';
import { tableCells } from '../../server/src/cli/summary/data';
import { generateFolder, type GeneratedReport } from '../support/folder';
import { defaultSpec, render } from '../support/generate';
import { REPO } from '../support/paths';
import { cli } from '../support/cli';

interface JsonDiag {
  code: string;
  severity: string;
}
interface JsonFileOut {
  path: string;
  year: number | null;
  skipped: string | null;
  diagnostics: JsonDiag[];
  tables: { applications: { rows: Record<string, (number | null)[]> } | null; appeals: Record<string, (number | null)[]> | null };
}

/** A worksheet as objects keyed by header; empty cells are absent (undefined). */
function rowsOf(ws: ExcelJS.Worksheet): { headers: string[]; rows: Record<string, unknown>[] } {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let i = 2; i <= ws.rowCount; i++) {
    const values = ws.getRow(i).values as unknown[];
    const o: Record<string, unknown> = {};
    headers.forEach((h, j) => {
      if (values[j + 1] !== undefined && values[j + 1] !== null) o[h] = values[j + 1];
    });
    rows.push(o);
  }
  return { headers, rows };
}

describe('nianbao summary', () => {
  let dir: string;
  let generated: GeneratedReport[];
  let json: { files: JsonFileOut[] };
  let checkCode: number;
  let summary: { code: number; stdout: string; stderr: string };
  let wb: ExcelJS.Workbook;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-summary-'));
    generated = generateFolder(path.join(dir, 'reports'));
    const check = await cli(['check', '--format', 'json', path.join(dir, 'reports')]);
    checkCode = check.code;
    json = JSON.parse(check.stdout);
    summary = await cli(['summary', path.join(dir, 'reports'), '--xlsx', path.join(dir, 'out.xlsx'), '--csv', path.join(dir, 'out.csv'), '--html', path.join(dir, 'out.html')]);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'out.xlsx'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the folder: 200 reports, some broken, and a file that is no report', () => {
    assert.equal(generated.length, 200);
    assert.ok(generated.filter((g) => g.breakage !== 'none').length >= 20);
    assert.equal(json.files.length, 201);
    assert.equal(json.files.filter((f) => f.skipped === null).length, 200);
  });

  test('exit status and output as check: 1 with an error finding; the files written are named', () => {
    assert.equal(checkCode, 1);
    assert.equal(summary.code, 1);
    assert.equal(summary.stderr, '');
    for (const f of ['out.xlsx', 'out.csv', 'out.html']) assert.match(summary.stdout, new RegExp(`已写入 .*${f.replace('.', '\\.')}`));
    const errors = json.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error').length;
    assert.ok(summary.stdout.includes(`错误 ${errors} 处`), summary.stdout);
  });

  test('the sheets, in order; header frozen and auto-filters on', () => {
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['一览', '问题清单', '表三', '表四'],
    );
    for (const ws of wb.worksheets) {
      assert.equal(ws.views[0]?.state, 'frozen', ws.name);
      assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1, ws.name);
      assert.ok(ws.autoFilter, ws.name);
    }
  });

  test('一览: a row per report, with the counts of the JSON output, by rule too', () => {
    const { headers, rows } = rowsOf(wb.getWorksheet('一览')!);
    const checked = json.files.filter((f) => f.skipped === null);
    assert.equal(rows.length, checked.length);
    const rules = [...new Set(checked.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code)))];
    assert.ok(rules.length >= 3, rules.join());
    for (const rule of rules) assert.ok(headers.includes(rule), rule);
    let failing = 0;
    for (const f of checked) {
      const row = rows.find((r) => r['文件'] === f.path);
      assert.ok(row, f.path);
      const count = (pred: (d: JsonDiag) => boolean) => f.diagnostics.filter(pred).length;
      assert.equal(row['错误'], count((d) => d.severity === 'error'), f.path);
      assert.equal(row['警告'], count((d) => d.severity === 'warning'), f.path);
      for (const rule of rules) assert.equal(row[rule], count((d) => d.code === rule && (d.severity === 'error' || d.severity === 'warning')), `${f.path} ${rule}`);
      assert.equal(row['年度'], f.year);
      const g = generated.find((x) => x.file === f.path)!;
      assert.equal(row['机关'], g.body);
      const status = String(row['状态']);
      if (count((d) => d.severity === 'error')) {
        failing++;
        assert.ok(status.startsWith('✘ '), status);
      } else assert.ok(status.startsWith(count((d) => d.severity === 'warning') ? '⚠ ' : '✔'), status);
      // The figures and the rates of the declarations, from the JSON's cells.
      const a = f.tables.applications!.rows;
      assert.equal(row['本年新收'], a.new[6] ?? undefined);
      assert.equal(row['结转下年度'], a.forward[6] ?? undefined);
      const disclosed = a.granted[6] !== null && a.partial[6] !== null && a.total[6] ? (a.granted[6] + a.partial[6]) / a.total[6] : undefined;
      assert.equal(row['公开率'], disclosed, f.path);
      const review = f.tables.appeals!.review;
      assert.equal(row['复议纠错率'], review[4] ? review[1]! / review[4] : undefined);
    }
    assert.ok(failing > 0 && failing < checked.length);
  });

  test('一览 rows with an error are coloured by a conditional format on the status column', () => {
    const ws = wb.getWorksheet('一览')!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[] }).conditionalFormattings;
    const rule = cf.flatMap((c) => c.rules.map((r) => ({ ref: c.ref, ...r }))).find((r) => r.formulae?.some((x) => x.includes('"✘"')) && r.style?.fill);
    assert.ok(rule, JSON.stringify(cf));
    assert.equal(rule.ref, `A2:${ws.getColumn(ws.columnCount).letter}${ws.rowCount}`);
    assert.equal(rule.style?.fill?.bgColor?.argb, 'FFFFC7CE');
  });

  test('问题清单: every finding of the JSON output, with its cell', () => {
    const { rows } = rowsOf(wb.getWorksheet('问题清单')!);
    const all = json.files.flatMap((f) => f.diagnostics.map((d) => ({ path: f.path, ...d })));
    assert.equal(rows.length, all.length);
    for (const sev of ['error', 'warning', 'information']) {
      assert.equal(rows.filter((r) => r['级别'] === sev).length, all.filter((d) => d.severity === sev).length, sev);
    }
    const carry = rows.find((r) => r['规则'] === 'carry-over');
    assert.ok(carry);
    assert.equal(carry['表'], '表三');
    assert.ok(typeof carry['应为'] === 'number' && typeof carry['实为'] === 'number');
  });

  test('表三 and 表四: every cell as the report wrote it — a number, an empty cell for a blank, "/" as text', () => {
    for (const [name, decl] of [
      ['表三', APPLICATIONS],
      ['表四', APPEALS],
    ] as const) {
      const { headers, rows } = rowsOf(wb.getWorksheet(name)!);
      const cells = tableCells(decl, 'zh-cn');
      assert.deepEqual(headers.slice(3), cells.map((c) => c.header));
      assert.equal(rows.length, 200);
      for (const f of json.files.filter((x) => x.skipped === null)) {
        const row = rows.find((r) => r['文件'] === f.path)!;
        const tableRows = decl.id === 'applications' ? f.tables.applications!.rows : f.tables.appeals!;
        for (const c of cells) {
          const v = tableRows[c.row]?.[c.column];
          if (typeof v === 'number') assert.equal(row[c.header], v, `${f.path} ${c.header}`);
          else assert.ok(row[c.header] === undefined || typeof row[c.header] === 'string', `${f.path} ${c.header}: ${row[c.header]}`);
        }
      }
    }
    const { rows } = rowsOf(wb.getWorksheet('表三')!);
    const header = (key: string, column: number) => tableCells(APPLICATIONS, 'zh-cn').find((c) => c.row === key && c.column === column)!.header;
    const marker = generated.find((g) => g.breakage === 'marker')!;
    assert.equal(rows.find((r) => r['文件'] === marker.file)![header('denied.1', 3)], '/');
    const blank = generated.find((g) => g.breakage === 'blank')!;
    const blankRow = rows.find((r) => r['文件'] === blank.file)!;
    assert.equal(blankRow[header('partial', 2)], undefined);
    assert.equal(blankRow[header('partial', 3)], 0);
  });

  test('--csv: the 一览 rows, UTF-8 with a BOM', () => {
    const csv = readFileSync(path.join(dir, 'out.csv'), 'utf8');
    assert.ok(csv.startsWith('\ufeff机关,年度,'));
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 201);
    assert.equal(lines.filter((l) => l.includes(',✘ ')).length, json.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).length);
  });

  test('the page in Chromium: charts drawn, tables sorted and filtered, no request', async () => {
    const chromium = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
    assert.ok(existsSync(chromium), `${chromium} not found: apt-get install chromium, or set NIANBAO_CHROMIUM`);
    const { chromium: pw } = await import('playwright-core');
    const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const url = 'file://' + path.join(dir, 'out.html');
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url);
      for (const id of ['#chart-rules', '#chart-bodies', '#chart-years']) {
        await page.locator(`${id} svg`).first().waitFor({ state: 'visible' });
      }
      assert.ok((await page.locator('#chart-rules rect.bar-error').count()) > 0);
      assert.equal(await page.locator('#chart-years figure.mini').count(), 40);
      assert.ok((await page.locator('#chart-years polyline.line-received').count()) >= 40);
      // Sort 一览 by errors, most first, then filter it.
      const overview = page.locator('#sheet-overview');
      const errorsHeader = overview.locator('th', { hasText: /^错误$/ });
      await errorsHeader.click();
      await errorsHeader.click();
      const firstErrors = Number(await overview.locator('tbody tr').first().locator('td').nth(13).textContent());
      const maxErrors = Math.max(...json.files.map((f) => f.diagnostics.filter((d) => d.severity === 'error').length));
      assert.equal(firstErrors, maxErrors);
      await overview.locator('input.filter').fill('东城区教育委员会');
      assert.equal(await overview.locator('tbody tr:not([hidden])').count(), 5);
      assert.equal(await overview.locator('.count').textContent(), '5 / 200');
      // The whole page, for a person to look at (artifacts/ is git-ignored).
      const shots = path.join(REPO, 'artifacts', 'summary');
      mkdirSync(shots, { recursive: true });
      await overview.locator('input.filter').fill('');
      await page.evaluate("document.querySelectorAll('.scroll').forEach((e) => { e.scrollLeft = 0; })");
      await page.screenshot({ path: path.join(shots, 'summary.png'), fullPage: true });
      assert.deepEqual(requests, [url]);
    } finally {
      await browser.close();
    }
  });

  test('a report file that cannot be read is a grey row saying why; a file that is no report is no row', async () => {
    const small = path.join(dir, 'small');
    mkdirSync(small);
    writeFileSync(path.join(small, '2022年示例区政府信息公开工作年度报告.txt'), render(defaultSpec(), 'pipe'));
    symlinkSync(path.join(small, 'gone.txt'), path.join(small, '2021年示例区政府信息公开工作年度报告.txt'));
    writeFileSync(path.join(small, 'notes.txt'), '会议记录\n');
    const out = path.join(dir, 'small.csv');
    const r = await cli(['summary', small, '--csv', out, '--html', path.join(dir, 'small.html')]);
    assert.equal(r.code, 0, r.stderr);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1], /2021年示例区.*,未检查：链接指向的文件不存在$/);
    assert.match(lines[2], /,✔$/);
    assert.match(readFileSync(path.join(dir, 'small.html'), 'utf8'), /<tr class="skipped">/);
  });

  test('bad arguments: no output, an unknown option (exit 2, the usage)', async () => {
    const none = await cli(['summary', dir]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no output given/);
    assert.match(none.stderr, /usage: nianbao summary/);
    const unknown = await cli(['summary', '--pdf', 'x', dir]);
    assert.equal(unknown.code, 2);
  });
});
