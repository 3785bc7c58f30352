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
import { byteOffset, changedBytes, changedLines, COLUMN, resultsTotalRow } from './lib/report.mjs';
import {
  CHROMIUM_ARGS, Screenshots, chooseQuickFix, goTo, hoverAtCursor, openFile, openQuickFixMenu,
  openWorkbench, problems, problemsSummary, save, squiggleLines, statusBarLanguage, waitFor,
} from './lib/workbench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures');
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
const VSIX = resolve(process.env.NIANBAO_VSIX || join(ROOT, 'nianbao.vsix'));
const CLI = join(ROOT, 'dist', 'cli.js');

// seed 000: table 三's （七）总计 row is all 0 while its parts sum to 5.
const BROKEN = '栾城区2020年政府信息公开工作年度报告.txt';
// The same report without findings: both （七）总计 cells (自然人 and 总计) set
// to 5, the value glued to row （三）3's label removed, table 四's heading named
// as the template names it.
const CLEAN = '更正版-栾城区2020年政府信息公开工作年度报告.txt';

const STEP_TIMEOUT = 120_000;

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
  let wsA, wsB; // workspace folders: A for scenarios a–c, B (fix-all on save) for d
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

    const log = join(ARTIFACTS, 'code-server.log');
    await installExtension(env, dirs, VSIX, log);
    server = await startCodeServer(env, dirs, log);

    // launchServer (rather than launch) exposes the browser's process, so
    // after() can end its process group by id whatever state it is in.
    browserServer = await chromium.launchServer({ executablePath: env.chromium, args: CHROMIUM_ARGS, timeout: 60_000 });
    browser = await chromium.connect(browserServer.wsEndpoint());
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(30_000);
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

  scenario('a', '(a) shows the findings in the Problems panel and squiggles the wrong cell', async () => {
    // Bring the （七）总计 row into view, cursor on the 自然人 cell.
    await goTo(page, row.line, row.cells[COLUMN.naturalPerson].start);
    const rows = await waitFor(
      async () => {
        const r = await problems(page);
        const codes = ['carry-over', 'results-total'].filter((c) => r.some((x) => x.text.includes(c)));
        return codes.length === 2 ? r : null;
      },
      { timeoutMs: 45_000, message: async () => `Problems panel never listed carry-over and results-total; it shows: ${JSON.stringify(await problems(page), null, 1)}` },
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

  scenario('b', '(b) the hover on the wrong total cell states the identity with its numbers', async () => {
    await goTo(page, row.line, row.cells[COLUMN.naturalPerson].start);
    const text = await hoverAtCursor(page);
    await shots.take(page, 'hover');
    // The hover lists each identity through the cell, ✘ for the broken ones,
    // with the numbers filled in (the diagnostics' own text is in it too).
    assert.ok(
      text.split('\n').some((l) => /✘/.test(l) && /一\s*5\s*\+\s*二\s*0/.test(l)),
      `no ✘ line with the carry-over identity "一 5 + 二 0 …" in the hover:\n${text}`,
    );
    await page.keyboard.press('Escape');
  });

  scenario('c', '(c) the preferred quick fix changes only the wrong cell, on disk', async () => {
    const file = join(wsA, BROKEN);
    const before = readFileSync(file);
    const cell = row.cells[COLUMN.naturalPerson];

    // The fix the engine marks preferred for this cell (the CLI runs the same engine).
    const report = cliCheck(file);
    const preferred = report.diagnostics
      .filter((d) => d.cell?.table === 'applications' && d.cell.row === 'total' && d.cell.column === COLUMN.naturalPerson)
      .flatMap((d) => d.fixes ?? [])
      .filter((f) => f.preferred);
    assert.ok(preferred.length > 0, `the CLI offers no preferred fix for the cell: ${JSON.stringify(report.diagnostics)}`);

    await goTo(page, row.line, cell.start);
    const titles = await openQuickFixMenu(page);
    await shots.take(page, 'quick-fix-menu');
    const title = preferred.map((f) => f.title).find((t) => titles.includes(t));
    assert.ok(title, `quick-fix menu ${JSON.stringify(titles)} lists none of the preferred fixes ${JSON.stringify(preferred.map((f) => f.title))}`);
    await chooseQuickFix(page, title);
    await shots.take(page, 'quick-fix-applied');
    await save(page);

    const after = readFileSync(file);
    const at = byteOffset(before.toString('utf8'), row.line, cell.start);
    const changes = `changes on disk: ${JSON.stringify(changedLines(before, after), null, 1)}`;
    assert.deepEqual(changedBytes(before, after), [at], `not exactly the 自然人 （七）总计 cell changed; ${changes}`);
    assert.equal(`${before.toString('latin1', at, at + 1)}->${after.toString('latin1', at, at + 1)}`, '0->5', changes);
  });

  scenario('d', '(d) fix-all on save repairs two totals broken by typing', async () => {
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
    await waitFor(async () => (await squiggleLines(page)).some((s) => onTotalRow(s.text)), {
      message: 'typing the wrong totals raised no squiggle on the （七）总计 line',
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
});
