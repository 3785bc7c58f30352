// End-to-end test of the packaged extension in a real VS Code workbench:
// code-server (installed by scripts/e2e/setup-code-server.sh) serves it, and
// Debian's chromium, driven by playwright-core, uses it as a person would.
//
// Run with `npm run e2e` (installs code-server if needed, packages nianbao.vsix,
// then runs this file), or `node --test test/e2e/codeserver.test.mjs` when both
// are already done. Screenshots go to artifacts/e2e/ (git-ignored).
//
// Environment:
//   NIANBAO_VSIX        the .vsix to install (default: ./nianbao.vsix)
//   NIANBAO_E2E_CACHE   where setup-code-server.sh installed (default ~/.cache/nianbao-e2e)
//   NIANBAO_E2E_KEEP=1  keep the temporary profile and workspaces after the run
//
// Nothing is skipped: if code-server, chromium or the .vsix is missing, or a
// process cannot start, the test fails and says why.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { installExtension, killGroup, readE2eEnv, startCodeServer } from './lib/processes.mjs';
import { applyEdits, byteOffset, changedLines, COLUMN, resultsTotalRow, tableRow } from './lib/report.mjs';
import {
  CHROMIUM_ARGS, Screenshots, activeTab, chooseQuickFix, clipboardText, codeLenses, copyEditorText, goTo,
  hoverAtCursor, languageStatusHover, notifications, openFile, openQuickFixMenu, openWorkbench,
  pickQuickPickItem, problems, problemsSummary, renderedLines, runCommand, save, squiggleLines,
  statusBarLanguage, waitFor, webviewFrame,
} from './lib/workbench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures');
// Reports in other forms than text (kept apart from fixtures/, which the CLI checks as a folder).
const FORMS = join(ROOT, 'test', 'e2e', 'forms');
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
const VSIX = resolve(process.env.NIANBAO_VSIX || join(ROOT, 'nianbao.vsix'));
const CLI = join(ROOT, 'dist', 'cli.js');

// seed 000: table 三's （七）总计 row is all 0 while its parts sum to 5.
const BROKEN = '栾城区2020年政府信息公开工作年度报告.txt';
// The same report without findings: both （七）总计 cells (自然人 and 总计) set
// to 5, the value glued to row （三）3's label removed, table 四's heading named
// as the template names it.
const CLEAN = '更正版-栾城区2020年政府信息公开工作年度报告.txt';
// Two years of one body, from test/support/generate.ts (defaultSpec, 'pipe'
// layout): the 2021 report carries 2 forward (四) in 自然人 and 总计, the 2022
// report says 1 was carried over (二): a cross-year error in each column.
const YEAR_2021 = '示例区2021年政府信息公开工作年度报告.txt';
const YEAR_2022 = '示例区2022年政府信息公开工作年度报告.txt';
// The 2022 report as an HTML page (test/support/html.ts): one row a line, each cell
// `<td><span>…</span></td>`; （七）总计 · 自然人 is 9 where its parts sum to 8.
const HTML_REPORT = '示例区2022年政府信息公开工作年度报告.html';
// Seed 000 as a Word file (test/fixtures/docx/make.mjs): table 三's （七）总计 row is all 0.
const DOCX_REPORT = 'seed-000.docx';
const PDF_REPORT = 'seed000.chromium.pdf';

// Generous bounds: every step waits for a state, and on a loaded 2-core
// machine a state can take many times longer to arrive than on an idle one.
const STEP_TIMEOUT = 300_000;

// Settings for a quiet, deterministic workbench: no welcome page, no chat
// side bar, nothing that reaches for the network.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'editor.wordWrap': 'off',
  'files.autoSave': 'off',
};

// The fix-all-on-save workspace (scenario d) holds this in .vscode/settings.json.
const FIX_ALL_ON_SAVE = { 'editor.codeActionsOnSave': { 'source.fixAll.nianbao': 'explicit' } };

/**
 * Runs the CLI's JSON check on a file: the same engine as the language server.
 * Its messages are asked for in English, the language of code-server's
 * workbench, which the server follows (nianbao.locale: auto).
 */
function cliCheck(file) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--locale', 'en', file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${CLI} check failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout).files[0];
}

/** Is this rendered editor line table 三's （七）总计 row? */
const onTotalRow = (text) => /^[(（]七[)）]总计\s*\|/.test(text?.replace(/\u00a0/g, ' ') ?? '');

describe('nianbao in code-server (real VS Code workbench)', () => {
  let env, tmp, dirs, server, browserServer, browser, page, shots;
  // Workspace folders: A for scenarios a–c, B (fix-all on save) for d, C (an
  // untouched copy of the broken report) for e–h, D (two years) for i–j.
  let wsA, wsB, wsC, wsD, wsE, wsF;
  const row = resultsTotalRow(readFileSync(join(FIXTURES, BROKEN), 'utf8'));

  // A failure while starting things is kept here and fails every scenario
  // (node:test would otherwise report them as cancelled, not failed).
  let setupError;

  before(async () => {
    try {
      await setUp();
    } catch (err) {
      setupError = err;
    }
  });

  async function setUp() {
    env = readE2eEnv();
    if (!existsSync(VSIX)) throw new Error(`${VSIX} not found: run \`npm run package\` first`);
    if (!existsSync(CLI)) throw new Error(`${CLI} not found: run \`npm run build\` first`);

    rmSync(ARTIFACTS, { recursive: true, force: true });
    shots = new Screenshots(ARTIFACTS);

    tmp = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
    dirs = {
      config: join(tmp, 'code-server.yaml'),
      userData: join(tmp, 'user-data'),
      extensions: join(tmp, 'extensions'),
    };
    writeFileSync(dirs.config, 'auth: none\n');
    mkdirSync(join(dirs.userData, 'User'), { recursive: true });
    writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

    wsA = join(tmp, 'workspace-a');
    wsB = join(tmp, 'workspace-b');
    mkdirSync(wsA);
    mkdirSync(join(wsB, '.vscode'), { recursive: true });
    copyFileSync(join(FIXTURES, BROKEN), join(wsA, BROKEN));
    copyFileSync(join(FIXTURES, CLEAN), join(wsA, CLEAN));
    copyFileSync(join(FIXTURES, CLEAN), join(wsB, CLEAN));
    writeFileSync(join(wsB, '.vscode', 'settings.json'), JSON.stringify(FIX_ALL_ON_SAVE, null, 2));
    wsC = join(tmp, 'workspace-c');
    wsD = join(tmp, 'workspace-d');
    mkdirSync(wsC);
    mkdirSync(wsD);
    copyFileSync(join(FIXTURES, BROKEN), join(wsC, BROKEN));
    copyFileSync(join(FIXTURES, YEAR_2021), join(wsD, YEAR_2021));
    copyFileSync(join(FIXTURES, YEAR_2022), join(wsD, YEAR_2022));
    wsE = join(tmp, 'workspace-e');
    mkdirSync(wsE);
    copyFileSync(join(FORMS, HTML_REPORT), join(wsE, HTML_REPORT));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'docx', DOCX_REPORT), join(wsE, DOCX_REPORT));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'pdf', PDF_REPORT), join(wsE, PDF_REPORT));
    // F: an untouched copy of the broken report, for the table view.
    wsF = join(tmp, 'workspace-f');
    mkdirSync(wsF);
    copyFileSync(join(FIXTURES, BROKEN), join(wsF, BROKEN));

    const log = join(ARTIFACTS, 'code-server.log');
    await installExtension(env, dirs, VSIX, log);
    server = await startCodeServer(env, dirs, log);

    // launchServer (rather than launch) exposes the browser's process, so
    // after() can end its process group by id whatever state it is in.
    browserServer = await chromium.launchServer({ executablePath: env.chromium, args: CHROMIUM_ARGS, timeout: 60_000 });
    browser = await chromium.connect(browserServer.wsEndpoint());
    // The clipboard permissions let the test read what the workbench copied
    // (Ctrl+C in an editor, nianbao: Copy the report summary).
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
    page.setDefaultTimeout(60_000);
  }

  after(async () => {
    // End everything this file started, by process id, whatever happened;
    // each step runs even when an earlier one fails.
    const steps = [
      () => browser?.close(),
      () => browserServer?.close(),
      () => killGroup(browserServer?.process()?.pid, 1000),
      () => killGroup(server?.child.pid),
    ];
    for (const step of steps) {
      await Promise.race([step(), new Promise((r) => setTimeout(r, 10_000).unref())]).catch(() => {});
    }
    if (tmp && process.env.NIANBAO_E2E_KEEP !== '1') rmSync(tmp, { recursive: true, force: true });
  });

  /** A test step that leaves a screenshot of the workbench when it fails. */
  function scenario(id, name, fn) {
    it(name, { timeout: STEP_TIMEOUT }, async () => {
      if (setupError) throw new Error(`could not start: ${setupError.stack ?? setupError}`);
      try {
        await fn();
      } catch (err) {
        if (page) await shots.take(page, `${id}-FAILED`).catch(() => {});
        throw err;
      }
    });
  }

  scenario('open', 'opens the workspace and gives the report the nianbao language', async () => {
    await openWorkbench(page, server.url, wsA);
    await shots.take(page, 'workbench');
    await openFile(page, BROKEN);
    const language = await statusBarLanguage(page);
    await shots.take(page, 'broken-report-open');
    assert.match(language, /政府信息公开年报|nianbao/, `status bar language is "${language}"`);
  });

  scenario('a', 'shows the findings in the Problems panel and squiggles the wrong cell', async () => {
    // Bring the （七）总计 row into view, cursor on the 自然人 cell.
    await goTo(page, row.line, row.cells[COLUMN.naturalPerson].start);
    const rows = await waitFor(
      async () => {
        const r = await problems(page);
        const codes = ['carry-over', 'results-total'].filter((c) => r.some((x) => x.text.includes(c)));
        return codes.length === 2 ? r : null;
      },
      { timeoutMs: 60_000, message: async () => `Problems panel never listed carry-over and results-total; it shows: ${JSON.stringify(await problems(page), null, 1)}` },
    );
    await shots.take(page, 'problems-panel');
    for (const code of ['carry-over', 'results-total']) {
      const hits = rows.filter((r) => r.text.includes(code));
      assert.ok(hits.some((r) => r.error), `${code} is not shown as an error: ${JSON.stringify(hits)}`);
      assert.ok(hits.some((r) => r.text.includes('总计')), `no ${code} message mentions 总计: ${JSON.stringify(hits)}`);
    }

    const squiggles = await waitFor(async () => {
      const s = await squiggleLines(page);
      return s.length ? s : null;
    }, { message: 'no .squiggly-error decoration in the editor' });
    await shots.take(page, 'squiggle');
    // The rendered line may carry inline decorations (e.g. "0≠ 5"), so match
    // it by the row's label.
    assert.ok(
      squiggles.some((s) => onTotalRow(s.text)),
      `no squiggle on the （七）总计 line; squiggles on: ${JSON.stringify(squiggles)}`,
    );
  });

  scenario('b', 'the hover on the wrong total cell states the identity with its numbers', async () => {
    await goTo(page, row.line, row.cells[COLUMN.naturalPerson].start);
    // The hover lists each identity through the cell, ✘ for the broken ones,
    // with the numbers filled in (the diagnostics' own text is in it too).
    const brokenCarryOver = (text) => text.split('\n').some((l) => /✘/.test(l) && /一\s*5\s*\+\s*二\s*0/.test(l));
    const text = await hoverAtCursor(page, { until: brokenCarryOver });
    await shots.take(page, 'hover');
    assert.ok(brokenCarryOver(text), `no ✘ line with the carry-over identity "一 5 + 二 0 …" in the hover:\n${text}`);
    await page.keyboard.press('Escape');
  });

  scenario('c', 'the preferred quick fix sets both （七）总计 cells of the unique repair, and nothing else, on disk', async () => {
    const file = join(wsA, BROKEN);
    const before = readFileSync(file);
    const cell = row.cells[COLUMN.naturalPerson];

    // The fixes the engine marks preferred for this cell (the CLI runs the same engine).
    const report = cliCheck(file);
    const preferred = report.diagnostics
      .filter((d) => d.cell?.table === 'applications' && d.cell.row === 'total' && d.cell.column === COLUMN.naturalPerson)
      .flatMap((d) => d.fixes ?? [])
      .filter((f) => f.preferred);
    assert.ok(preferred.length > 0, `the CLI offers no preferred fix for the cell: ${JSON.stringify(report.diagnostics)}`);

    await goTo(page, row.line, cell.start);
    const titles = await openQuickFixMenu(page);
    await shots.take(page, 'quick-fix-menu');
    const fix = preferred.find((f) => titles.includes(f.title));
    assert.ok(fix, `quick-fix menu ${JSON.stringify(titles)} lists none of the preferred fixes ${JSON.stringify(preferred.map((f) => f.title))}`);
    await chooseQuickFix(page, fix.title);
    await shots.take(page, 'quick-fix-applied');
    await save(page);

    // On disk: the file before with exactly the fix's edits applied, and
    // nothing else. The unique repair sets both （七）总计 cells (自然人 and 总计)
    // from 0 to 5 in one fix: either alone would leave the row's total broken.
    const after = readFileSync(file, 'utf8');
    const changes = `changes on disk: ${JSON.stringify(changedLines(before, Buffer.from(after)), null, 1)}`;
    assert.equal(after, applyEdits(before.toString('utf8'), fix.edits), `the file is not the report with the fix "${fix.title}" applied; ${changes}`);
    for (const c of [COLUMN.naturalPerson, COLUMN.total]) {
      const at = byteOffset(before.toString('utf8'), row.line, row.cells[c].start);
      assert.equal(`${before.toString('latin1', at, at + 1)}->${Buffer.from(after).toString('latin1', at, at + 1)}`, '0->5', changes);
    }
    assert.equal(fix.edits.length, 2, `the fix edits other cells too: ${JSON.stringify(fix.edits)}`);
  });

  scenario('d', 'fix-all on save repairs two totals broken by typing', async () => {
    const file = join(wsB, CLEAN);
    const clean = readFileSync(file);
    const cleanRow = resultsTotalRow(clean.toString('utf8'));
    await openWorkbench(page, server.url, wsB);
    await openFile(page, CLEAN);

    // Type a wrong value over the two （七）总计 cells that hold 5.
    for (const [column, wrong] of [[COLUMN.naturalPerson, '7'], [COLUMN.total, '3']]) {
      const cell = cleanRow.cells[column];
      assert.equal(cell.text, '5');
      await goTo(page, cleanRow.line, cell.start);
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type(wrong);
    }
    // Wait until the server has checked the text with both values typed: its inlay values
    // (`≠ 5`) stand after both cells. Saving earlier asks for fix-all on an older state.
    await waitFor(async () => {
      const line = (await renderedLines(page)).find((l) => onTotalRow(l.text));
      return line && line.text.includes('| 7 |') && line.text.includes('| 3 |') && line.hints.filter((h) => h.label === '≠ 5').length === 2;
    }, {
      message: async () => `the （七）总计 line never showed both typed values with their ≠ 5 hints: ${JSON.stringify((await renderedLines(page)).filter((l) => onTotalRow(l.text)))}`,
    });
    await shots.take(page, 'fix-all-broken');
    await save(page);
    await shots.take(page, 'fix-all-saved');

    const saved = readFileSync(file);
    assert.ok(
      saved.equals(clean),
      `after fix-all on save the file is not the clean report again: ${JSON.stringify(changedLines(clean, saved), null, 1)}`,
    );
    // The repaired report has no findings left: the diagnostics must follow.
    await waitFor(async () => (await problemsSummary(page)) === 'No Problems' && (await squiggleLines(page)).length === 0, {
      message: async () => `after the save the status bar says "${await problemsSummary(page)}", squiggles: ${JSON.stringify(await squiggleLines(page))}`,
    });
    await shots.take(page, 'fix-all-settled');
  });

  // ---------------------------------------------------------------- the editor's surfaces
  // The editor's own surfaces: code lens, inlay values, language status,
  // commands from the palette. Workspace C holds an untouched broken report.

  /** Error and warning counts the engine gives the broken report (the CLI runs the same engine). */
  const brokenCounts = () => {
    const report = cliCheck(join(FIXTURES, BROKEN));
    const count = (severity) => report.diagnostics.filter((d) => d.severity === severity).length;
    return { report, errors: count('error'), warnings: count('warning'), notes: count('information') + count('hint') };
  };
  // seed 000 breaks four identities of table 三: carry-over and results total,
  // each in the 自然人 and the 总计 column.
  const BROKEN_IDENTITIES = 4;

  scenario('e', 'the code lens over table 三 counts the broken identities and inlay values show ≠ 5 beside the wrong cells', async () => {
    await openWorkbench(page, server.url, wsC);
    await openFile(page, BROKEN);
    const lines = readFileSync(join(wsC, BROKEN), 'utf8').split('\n');
    const heading = lines.findIndex((l) => /^三、收到和处理政府信息公开申请情况/.test(l));
    assert.ok(heading >= 0 && heading < row.line, 'no table 三 heading above the （七）总计 row');
    // Put the middle of table 三 in the centre of the view, so that the lens
    // over its first line and the （七）总计 row both show.
    await goTo(page, Math.round((heading + row.line) / 2), 0);

    // Wait for the whole state: table 三's ✘ lens with the line it stands over
    // rendered, and table 四's lens below it (lenses and lines render in
    // separate passes, later on a loaded machine).
    const broken = (l) => l.titles.some((t) => t.startsWith('✘'));
    const lenses = await waitFor(async () => {
      const l = await codeLenses(page);
      const three = l.find(broken);
      return three && three.line !== null && l.some((x) => x.top > three.top) ? l : null;
    }, { timeoutMs: 60_000, message: async () => `no ✘ code lens over a rendered line with a lens below it; lenses: ${JSON.stringify(await codeLenses(page))}` });
    const total = await waitFor(async () => {
      const line = (await renderedLines(page)).find((l) => onTotalRow(l.text));
      return line?.hints.length >= 2 ? line : null;
    }, { message: async () => `no two inlay hints on the （七）总计 line; rendered: ${JSON.stringify((await renderedLines(page)).filter((l) => l.hints.length || onTotalRow(l.text)))}` });
    await shots.take(page, 'code-lens-and-inlay-values');

    // Table 三's lens: `✘ 4 broken (h/t hold)` and `Fix all`, over its first line.
    const three = lenses.find(broken);
    const m = /^✘ (\d+) broken \((\d+)\/(\d+) hold\)$/.exec(three.titles[0]);
    assert.ok(m, `table 三's lens reads ${JSON.stringify(three.titles)}`);
    assert.equal(Number(m[1]), BROKEN_IDENTITIES, `lens: ${three.titles[0]}`);
    assert.equal(Number(m[3]) - Number(m[2]), BROKEN_IDENTITIES, `holding + broken ≠ total in "${three.titles[0]}"`);
    assert.deepEqual(three.titles.slice(1), ['Fix all'], `table 三's lens commands: ${JSON.stringify(three.titles)}`);
    assert.ok(three.line !== null && lines.slice(heading, row.line).includes(three.line.trimEnd()), `table 三's lens stands over "${three.line}", not over a line of table 三`);
    // Table 四 below it holds all its identities.
    const four = lenses.find((l) => l.top > three.top);
    assert.ok(four, `no code lens below table 三's (table 四's); lenses: ${JSON.stringify(lenses)}`);
    assert.match(four.titles.join(' | '), /^identities (\d+)\/\1 ✔$/, `table 四's lens: ${JSON.stringify(four.titles)}`);

    // The inlay values: `≠ 5` right after the 自然人 and the 总计 cells, both 0.
    assert.equal(total.text, row.text, 'the rendered （七）总计 line (inlay hints left out) is not the line in the file');
    assert.deepEqual(
      total.hints,
      [COLUMN.naturalPerson, COLUMN.total].map((c) => ({ label: '≠ 5', offset: row.cells[c].end })),
      `inlay hints on "${total.text}"`,
    );
  });

  scenario('f', 'the language status item sums up the report', async () => {
    const { report, errors, warnings, notes } = brokenCounts();
    const text = await languageStatusHover(page);
    await shots.take(page, 'language-status');
    await page.keyboard.press('Escape');
    // item.text `$(warning) 2020 2019 · 4✘ 2⚠` (the icon is rendered, not written), then its detail.
    assert.match(text, new RegExp(`${report.year} ${report.template} · ${errors}✘ ${warnings}⚠`), `language status: ${text}`);
    assert.match(text, new RegExp(`tables 二、三、四; ${errors} error\\(s\\), ${warnings} warning\\(s\\), ${notes} note\\(s\\)`), `language status: ${text}`);
    assert.doesNotMatch(text, /\$\(/, `an icon is written out instead of rendered: ${text}`);
  });

  scenario('g', '"nianbao: Export the tables" as JSON opens the tables in a new untitled editor', async () => {
    const { report } = brokenCounts();
    // The export of the active report: the CLI's `tables` with its year and template.
    const expected = `${JSON.stringify({ year: report.year, template: report.template, tables: report.tables }, null, 2)}\n`;
    assert.deepEqual(report.tables.applications.rows.new, [5, 0, 0, 0, 0, 0, 5]);

    await page.keyboard.press('Control+1'); // the report's editor, not the status bar
    await runCommand(page, 'nianbao: Export the tables (JSON or CSV)');
    const offered = await pickQuickPickItem(page, 'json');
    assert.deepEqual(offered, ['json', 'csv'], 'the export format quick pick');
    await page.locator('.tabs-container .tab.active[data-resource-name^="Untitled-"]').waitFor({ timeout: 60_000 });
    await waitFor(async () => (await statusBarLanguage(page)) === 'JSON', {
      message: async () => `the new editor's language is "${await statusBarLanguage(page)}", not JSON`,
    });
    const shown = await waitFor(async () => {
      const l = (await renderedLines(page)).map((x) => x.text);
      return l.join('\n').includes('"applications"') ? l : null;
    }, { message: async () => `the new editor shows no "applications": ${JSON.stringify((await renderedLines(page)).map((x) => x.text))}` });
    await shots.take(page, 'export-json');
    // What shows is the start of the export, line by line (`"new": [5, 0, 0, 0, 0, 0, 5]`, one value a line).
    assert.deepEqual(shown, expected.split('\n').slice(0, shown.length), 'the lines on screen are not the start of the export');
    assert.match(shown.join('\n'), /"new": \[\s*5,\s*0,\s*0,\s*0,\s*0,\s*0,\s*5\s*\]/);
    // And the whole text, through the clipboard.
    const all = await copyEditorText(page);
    assert.equal(all, expected, 'the exported JSON differs from the CLI\'s tables');

    // Leave no unsaved editor behind.
    await runCommand(page, 'View: Revert and Close Editor');
    await activeTab(page, BROKEN).waitFor({ timeout: 60_000 });
  });

  scenario('h', '"nianbao: Copy the report summary" puts the summary on the clipboard', async () => {
    const { report, errors, warnings } = brokenCounts();
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await runCommand(page, 'nianbao: Copy the report summary');
    const summary = await waitFor(() => clipboardText(page), { timeoutMs: 60_000, message: 'nothing was copied to the clipboard' });
    await waitFor(async () => (await notifications(page)).some((t) => t.includes('Report summary copied.')), {
      message: async () => `no "Report summary copied." notification; notifications: ${JSON.stringify(await notifications(page))}`,
    });
    await shots.take(page, 'summary-copied');
    const lines = summary.split('\n');
    assert.equal(lines[0], `Report year ${report.year}, template ${report.template}`, summary);
    // Table III: what it received (一 · 总计) and its identities, as the code lens counts them.
    const iii = lines.indexOf('III Applications received and handled');
    assert.ok(iii > 0, `no table III section:\n${summary}`);
    const section = lines.slice(iii, lines.indexOf('', iii));
    assert.ok(section.includes(`  received: ${report.tables.applications.rows.new[COLUMN.total]}`), `table III section:\n${section.join('\n')}`);
    const ids = section.map((l) => /^ {2}identities: (\d+)\/(\d+)$/.exec(l)).find(Boolean);
    assert.ok(ids && Number(ids[2]) - Number(ids[1]) === BROKEN_IDENTITIES, `table III identities:\n${section.join('\n')}`);
    assert.equal(lines.filter(Boolean).at(-1), `${errors} error(s), ${warnings} warning(s)`, summary);
  });

  // ---------------------------------------------------------------- across years
  // Across years: workspace D holds the 2021 and 2022 reports of one body;
  // only the 2022 report is opened.

  scenario('i', 'the Problems panel shows the cross-year errors, related to the 2021 report', async () => {
    await openWorkbench(page, server.url, wsD);
    await openFile(page, YEAR_2022);
    const carried = tableRow(readFileSync(join(wsD, YEAR_2022), 'utf8'), /^二、上年结转政府信息公开申请数量\s*\|/, '二、上年结转');
    const forward = tableRow(readFileSync(join(wsD, YEAR_2021), 'utf8'), /^四、结转下年度继续办理\s*\|/, '四、结转下年度继续办理');
    const columns = [['自然人', COLUMN.naturalPerson], ['总计', COLUMN.total]];
    const message = (column) => `column “${column}”: carried over 1 differs from 2 carried forward in the 2021 report`;

    const rows = await waitFor(async () => {
      const r = await problems(page);
      return columns.every(([c]) => r.some((x) => x.level === 2 && x.text.includes(message(c)))) ? r : null;
    }, { timeoutMs: 60_000, message: async () => `the Problems panel never listed both cross-year errors; it shows: ${JSON.stringify(await problems(page), null, 1)}` });
    await shots.take(page, 'cross-year-problems');

    for (const [column, index] of columns) {
      const at = rows.findIndex((x) => x.level === 2 && x.text.includes(message(column)));
      const problem = rows[at];
      assert.ok(problem.error, `not an error: ${JSON.stringify(problem)}`);
      assert.ok(problem.text.includes('cross-year'), `no cross-year code: ${problem.text}`);
      const cell = carried.cells[index];
      assert.ok(problem.text.includes(`[Ln ${carried.line + 1}, Col ${cell.start + 1}]`), `not on the 2022 二 · ${column} cell: ${problem.text}`);
      // Its related information: the 2021 report's 四 cell, by file name and position.
      const related = [];
      for (let i = at + 1; i < rows.length && rows[i].level === 3; i++) related.push(rows[i].text);
      const there = forward.cells[index];
      assert.ok(
        related.some((t) => t.includes(YEAR_2021) && t.includes(`[Ln ${forward.line + 1}, Col ${there.start + 1}]`) && t.includes(`the 2021 report, IV carried forward · ${column} = ${there.text}`)),
        `the ${column} error has no related entry in ${YEAR_2021} at its 四 cell; related: ${JSON.stringify(related, null, 1)}`,
      );
    }
    // Only the 2022 report was opened.
    const tabs = await page.$$eval('.tabs-container .tab', (ts) => ts.map((t) => t.getAttribute('data-resource-name')));
    assert.deepEqual(tabs, [YEAR_2022]);
  });

  scenario('j', '"nianbao: Show this body’s trends over the years" renders both years in a webview', async () => {
    const yearOf = (name) => cliCheck(join(wsD, name));
    const years = [YEAR_2021, YEAR_2022].map(yearOf);

    await page.keyboard.press('Control+1'); // from the Problems panel back to the 2022 report
    await activeTab(page, YEAR_2022).waitFor();
    await runCommand(page, 'nianbao: Show this body’s trends over the years');
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'trends' });
    await tab.waitFor({ timeout: 60_000 });
    const title = (await tab.getAttribute('aria-label')) ?? '';
    const frame = await webviewFrame(page, 'table#trends');
    await frame.waitForSelector('#chart svg polyline', { state: 'attached', timeout: 60_000 });
    const view = await frame.evaluate(() => ({
      heading: document.querySelector('h2')?.textContent.trim(),
      header: [...document.querySelectorAll('table#trends thead th')].map((th) => th.textContent.trim()),
      rows: [...document.querySelectorAll('table#trends tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim())),
      polylines: document.querySelectorAll('#chart svg polyline').length,
      axis: [...document.querySelectorAll('#chart svg text')].map((t) => t.textContent.trim()),
    }));
    await shots.take(page, 'trends-view');

    assert.match(title, /^示例区 · trends/, `the trends tab is "${title}"`);
    assert.equal(view.heading, '示例区 over the years');
    assert.deepEqual(view.rows.map((r) => r[0]), ['2021', '2022'], `rows: ${JSON.stringify(view.rows)}`);
    assert.ok(view.polylines >= 1, 'no polyline in the chart');
    assert.ok(view.axis.includes('2021') && view.axis.includes('2022'), `the chart's labels: ${JSON.stringify(view.axis)}`);
    // The received column is each report's 一 · 总计.
    const received = view.header.indexOf('received');
    assert.ok(received > 0, `no received column: ${JSON.stringify(view.header)}`);
    assert.deepEqual(
      view.rows.map((r) => r[received]),
      years.map((y) => String(y.tables.applications.rows.new[COLUMN.total])),
      `received: ${JSON.stringify(view.rows)}`,
    );

    // A value is a link to its cell: the 2021 figure opens the 2021 report there.
    const newRow = tableRow(readFileSync(join(wsD, YEAR_2021), 'utf8'), /^一、本年新收政府信息公开申请数量\s*\|/, '一、本年新收');
    await frame.locator('table#trends tbody tr').first().locator('td').nth(received - 1).locator('a').click();
    await activeTab(page, YEAR_2021).waitFor({ timeout: 60_000 });
    const cell = newRow.cells[COLUMN.total];
    const want = `Ln ${newRow.line + 1}, Col ${cell.end + 1} (${cell.text.length} selected)`;
    await waitFor(async () => (await page.locator('#status\\.editor\\.selection').innerText()).trim() === want, {
      timeoutMs: 60_000,
      message: async () => `after the click the selection is "${(await page.locator('#status\\.editor\\.selection').innerText()).trim()}", not ${want}`,
    });
    await shots.take(page, 'trends-link-opened-2021');
  });

  // ---------------------------------------------------------------- other forms
  // Workspace E holds the 2022 report as an HTML page, with a wrong （七）总计 · 自然人.

  /** The HTML report's （七）总计 · 自然人 cell: its line and the character where its text (9) starts. */
  const htmlCell = () => {
    const lines = readFileSync(join(FORMS, HTML_REPORT), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('<td><span>（七）总计</span></td><td><span>9</span>'));
    assert.ok(line >= 0, 'no （七）总计 row with 9 in the HTML fixture');
    return { line, character: lines[line].indexOf('<td><span>9</span>') + '<td><span>'.length, lines };
  };

  /** Runs "Check This File" from the explorer's context menu on a file of the workspace. */
  async function checkFromExplorer(name) {
    // The menu lists the extension's item once the workbench has read the extension's
    // contributions: until then, close it and open it again.
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Check This File' }).first();
    await waitFor(async () => {
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ button: 'right' });
      await page.locator('.monaco-menu .action-item').first().waitFor({ timeout: 30_000 });
      if (await item.isVisible()) return true;
      await page.keyboard.press('Escape');
      return false;
    }, { timeoutMs: 120_000, intervalMs: 1000, message: `the explorer's context menu of ${name} never listed "Check This File"` });
    await shots.take(page, `explorer-context-menu-${name}`);
    await item.click();
    await activeTab(page, `${name}.nianbao`).waitFor({ timeout: 60_000 });
  }

  scenario('k', '"Check This File" in the explorer\'s context menu opens the text view of the HTML report, checked in the nianbao language', async () => {
    await openWorkbench(page, server.url, wsE);
    await checkFromExplorer(HTML_REPORT);
    await waitFor(async () => /政府信息公开年报|nianbao/.test(await statusBarLanguage(page)), {
      message: async () => `the text view's language is "${await statusBarLanguage(page)}"`,
    });
    // The view's text is the table as pipe rows, not the HTML.
    const shown = await waitFor(async () => {
      const l = (await renderedLines(page)).map((x) => x.text.replace(/\u00a0/g, ' '));
      return l.some((t) => t.includes('示例区2022年政府信息公开工作年度报告')) ? l : null;
    }, { message: async () => `the text view shows: ${JSON.stringify((await renderedLines(page)).map((x) => x.text))}` });
    assert.ok(!shown.some((t) => t.includes('<td>')), `the text view shows markup: ${JSON.stringify(shown)}`);
    // Its findings are the report's, and say that fixes belong to the file itself.
    const rows = await waitFor(async () => {
      const r = await problems(page);
      return r.some((x) => x.text.includes('results-total') && x.text.includes('read-only view')) ? r : null;
    }, { timeoutMs: 60_000, message: async () => `the Problems panel never listed results-total for the text view; it shows: ${JSON.stringify(await problems(page), null, 1)}` });
    await shots.take(page, 'text-view');
    assert.ok(rows.some((r) => r.level === 1 && r.text.includes(`${HTML_REPORT}.nianbao`)), `no file row for the text view: ${JSON.stringify(rows)}`);
    assert.ok(!rows.some((r) => r.level === 1 && r.text.startsWith(`${HTML_REPORT} `)), 'the HTML file itself is not open, so not checked');
    await runCommand(page, 'View: Revert and Close Editor');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 60_000 });
  });

  scenario('l', 'an HTML report is checked as it is: the squiggle on the cell text, and the quick fix edits that text only', async () => {
    const file = join(wsE, HTML_REPORT);
    const before = readFileSync(file, 'utf8');
    const { line, character, lines } = htmlCell();
    // Opened from the explorer (quick open would also list the text view of k).
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: HTML_REPORT }).first().dblclick();
    await activeTab(page, HTML_REPORT).waitFor({ timeout: 60_000 });
    await page.locator('.editor-instance .monaco-editor .view-line').first().waitFor();
    await goTo(page, line, character);
    // The finding is on the cell's text inside its markup: [Ln, Col] of the 9.
    await waitFor(async () => {
      const r = await problems(page);
      return r.some((x) => x.level === 2 && x.text.includes('results-total') && x.text.includes(`[Ln ${line + 1}, Col ${character + 1}]`));
    }, { timeoutMs: 60_000, message: async () => `the Problems panel never listed results-total at [Ln ${line + 1}, Col ${character + 1}]; it shows: ${JSON.stringify(await problems(page), null, 1)}` });
    await page.keyboard.press('Control+1');
    const squiggles = await waitFor(async () => {
      const s = (await squiggleLines(page)).filter((x) => x.text?.includes('（七）总计'));
      return s.length ? s : null;
    }, { message: async () => `no squiggle on the （七）总计 line; squiggles: ${JSON.stringify(await squiggleLines(page))}` });
    await shots.take(page, 'html-squiggle');
    // One character wide (the 9), not the markup around it.
    for (const s of squiggles) assert.ok(parseFloat(s.width) < 20, `a squiggle wider than the cell text: ${JSON.stringify(s)}`);

    await goTo(page, line, character);
    const titles = await openQuickFixMenu(page);
    await shots.take(page, 'html-quick-fix-menu');
    const fix = titles.find((t) => /to 8$/.test(t));
    assert.ok(fix, `the quick-fix menu ${JSON.stringify(titles)} has no fix to 8`);
    await chooseQuickFix(page, fix);
    await save(page);
    const after = readFileSync(file, 'utf8');
    const want = [...lines.slice(0, line), lines[line].slice(0, character) + '8' + lines[line].slice(character + 1), ...lines.slice(line + 1)].join('\n');
    assert.equal(after, want, `the HTML on disk is not the page with the 9 replaced by 8; ${JSON.stringify(changedLines(Buffer.from(before), Buffer.from(after)), null, 1)}`);
    // Clean: no error or warning left on the page (its prose may still carry information notes, part-content's).
    const errorsOrWarnings = (rows) => {
      const at = rows.findIndex((r) => r.level === 1 && r.text.startsWith(`${HTML_REPORT} `));
      if (at < 0) return [];
      const end = rows.findIndex((r, i) => i > at && r.level === 1);
      return rows.slice(at + 1, end < 0 ? rows.length : end).filter((r) => /^(Error|Warning)\b/.test(r.aria ?? ''));
    };
    await waitFor(async () => errorsOrWarnings(await problems(page)).length === 0 && (await squiggleLines(page)).length === 0, {
      message: async () => `after the fix the Problems panel shows: ${JSON.stringify(await problems(page), null, 1)}`,
    });
    await shots.take(page, 'html-fixed');
  });

  scenario('m', 'a Word report: its text view shows the findings, and "nianbao: Fix the DOCX file" writes the fixed copy', async () => {
    await openWorkbench(page, server.url, wsE);
    await checkFromExplorer(DOCX_REPORT);
    // The view's text: the Word file's tables as pipe rows.
    const shown = await waitFor(async () => {
      const l = (await renderedLines(page)).map((x) => x.text.replace(/\u00a0/g, ' '));
      return l.some((t) => t.startsWith('| 第二十条第')) ? l : null;
    }, { message: async () => `the Word report's text view shows: ${JSON.stringify((await renderedLines(page)).map((x) => x.text))}` });
    assert.ok(shown.length > 0);
    const rows = await waitFor(async () => {
      const r = await problems(page);
      const mine = r.filter((x) => x.level === 2 && x.text.includes('Word file'));
      return ['carry-over', 'results-total'].every((c) => mine.some((x) => x.error && x.text.includes(c))) ? r : null;
    }, { timeoutMs: 60_000, message: async () => `the Problems panel never listed the Word report's carry-over and results-total errors; it shows: ${JSON.stringify(await problems(page), null, 1)}` });
    await shots.take(page, 'docx-text-view');
    assert.ok(rows.some((r) => r.level === 1 && r.text.startsWith(`${DOCX_REPORT}.nianbao `)), `no file row for the Word report's view: ${JSON.stringify(rows)}`);

    const fixed = join(wsE, 'seed-000.fixed.docx');
    assert.ok(!existsSync(fixed));
    await page.keyboard.press('Control+1');
    await runCommand(page, 'nianbao: Fix the DOCX file');
    await waitFor(async () => (await notifications(page)).some((t) => t.includes('seed-000.fixed.docx')), {
      message: async () => `no notification naming seed-000.fixed.docx; notifications: ${JSON.stringify(await notifications(page))}`,
    });
    await shots.take(page, 'docx-fixed');
    assert.ok(existsSync(fixed), 'seed-000.fixed.docx was not written');
    const check = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', fixed], { encoding: 'utf8' });
    const after = JSON.parse(check.stdout).files[0];
    assert.ok(!after.diagnostics.some((d) => d.code === 'results-total'), `the fixed copy still breaks results-total: ${JSON.stringify(after.diagnostics.map((d) => d.code))}`);
  });

  scenario('n', 'a PDF report: its text view, rebuilt from the page, shows the findings and says to correct the source document', async () => {
    await openWorkbench(page, server.url, wsE);
    await checkFromExplorer(PDF_REPORT);
    await waitFor(async () => {
      const l = (await renderedLines(page)).map((x) => x.text.replace(/\u00a0/g, ' '));
      return l.some((t) => t.startsWith('| ')) ? l : null;
    }, { message: async () => `the PDF report's text view shows: ${JSON.stringify((await renderedLines(page)).map((x) => x.text))}` });
    const rows = await waitFor(async () => {
      const r = await problems(page);
      const mine = r.filter((x) => x.level === 2 && x.text.includes('source document'));
      return ['carry-over', 'results-total'].every((c) => mine.some((x) => x.error && x.text.includes(c))) ? r : null;
    }, { timeoutMs: 60_000, message: async () => `the Problems panel never listed the PDF report's carry-over and results-total errors; it shows: ${JSON.stringify(await problems(page), null, 1)}` });
    await shots.take(page, 'pdf-text-view');
    assert.ok(rows.some((r) => r.level === 1 && r.text.startsWith(`${PDF_REPORT}.nianbao `)), `no file row for the PDF report's view: ${JSON.stringify(rows)}`);
  });
  // ---------------------------------------------------------------- table view
  // Workspace F holds an untouched copy of the broken report (（七）总计 is 0 where its parts sum to 5).

  scenario('t', '"nianbao: Show the table view" draws tables 三 and 四 with merged headers and marks the culprit cells with the value they should hold', async () => {
    await openWorkbench(page, server.url, wsF);
    await openFile(page, BROKEN);
    await runCommand(page, 'nianbao: Show the table view');
    const frame = await webviewFrame(page, 'table[data-table="applications"]', { timeoutMs: 120_000 });
    const view = await waitFor(
      async () => {
        const v = await frame.evaluate(() => ({
          culprits: [...document.querySelectorAll('table[data-table="applications"] td.culprit')].map((td) => td.textContent.trim()),
          header: [...document.querySelectorAll('table[data-table="applications"] thead th')].map((th) => [th.textContent.trim(), th.colSpan, th.rowSpan]),
          appeals: [...document.querySelectorAll('table[data-table="appeals"] thead tr:first-child th')].map((th) => [th.textContent.trim(), th.colSpan]),
        }));
        return v.culprits.length ? v : null;
      },
      { timeoutMs: 120_000, message: async () => `the table view never marked a culprit cell: ${await frame.evaluate(() => document.body.innerText.slice(0, 400)).catch((e) => String(e))}` },
    );
    await frame.locator('td.culprit').first().scrollIntoViewIfNeeded();
    await shots.take(page, 'table-view-culprit');
    // Seed 000's repair: （七）总计 · 自然人 and · 总计 should be 5.
    assert.deepEqual(view.culprits.map((c) => c.replace(/\s+/g, '')), ['0→5', '0→5'], `culprits: ${JSON.stringify(view.culprits)}`);
    assert.deepEqual(view.header.slice(1, 4).map((h) => h[0]), ['申请人情况', '自然人', '法人或其他组织'], `header: ${JSON.stringify(view.header)}`);
    assert.equal(view.header[1][1], 7, '申请人情况 spans the seven columns');
    assert.deepEqual(view.appeals, [['行政复议', 5], ['行政诉讼', 10]]);

    // A click on the culprit selects its cell in the report.
    await frame.locator('td.culprit').first().click();
    const cell = row.cells[COLUMN.naturalPerson];
    const want = `Ln ${row.line + 1}, Col ${cell.end + 1} (${cell.text.length} selected)`;
    await waitFor(async () => (await page.locator('#status\\.editor\\.selection').innerText()).trim() === want, {
      timeoutMs: 60_000,
      message: async () => `after the click the selection is "${(await page.locator('#status\\.editor\\.selection').innerText()).trim()}", not ${want}`,
    });
  });
});
