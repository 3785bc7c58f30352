// Driving the VS Code workbench that code-server serves, with playwright-core,
// the way a person would: keyboard shortcuts, the quick-open box, the Problems
// panel, hovers and the quick-fix menu. Selectors are the workbench's own CSS
// classes (stable across VS Code releases for years: .monaco-editor,
// .squiggly-error, .monaco-hover, .markers-panel, .action-widget).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Flags for Debian's chromium on a machine without outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Takes numbered screenshots into one folder. */
export class Screenshots {
  constructor(dir) {
    this.dir = dir;
    this.n = 0;
    mkdirSync(dir, { recursive: true });
  }
  async take(page, name) {
    const file = join(this.dir, `${String(++this.n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  }
}

/** Polls `fn` until it returns a truthy value; throws `message()` on timeout. */
export async function waitFor(fn, { timeoutMs = 60_000, intervalMs = 250, message } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) {
      throw new Error(typeof message === 'function' ? await message() : message ?? 'timed out');
    }
    await sleep(intervalMs);
  }
}

/**
 * The performance mark VS Code sets once it has created its workbench contributions of
 * the Restored phase. It creates them in idle time after the workbench has restored, and
 * they register, among others, the save participants (code actions on save, format on
 * save, trim whitespace): a save before then writes the text as it is, with no
 * participant run. On a loaded machine the editor can be open and edited well before.
 */
const RESTORED_CONTRIBUTIONS_MARK = 'code/didCreateWorkbenchContributions/3';

/**
 * Loads the workbench on a folder and waits until the explorer lists it and the workbench
 * has created its Restored-phase contributions (RESTORED_CONTRIBUTIONS_MARK).
 */
export async function openWorkbench(page, baseUrl, folder) {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  await page.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark').length > 0, RESTORED_CONTRIBUTIONS_MARK, {
    timeout: 120_000,
    polling: 250,
  });
}

/** Opens a file of the workspace through quick open (Ctrl+P). */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Wait until the file is the focused (first) result before accepting it:
  // before the list is filtered, its first row is the most recent editor.
  await page
    .locator('.quick-input-list .monaco-list-row.focused', { hasText: name })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  await page.keyboard.press('Enter');
  await activeTab(page, name).waitFor({ timeout: 60_000 });
  await page.locator('.editor-instance .monaco-editor .view-line').first().waitFor();
  await activeEditorTextArea(page).focus();
}

/**
 * The active editor tab of this name. Matched by its data-resource-name
 * attribute: the visible label may be split (name and extension) when the
 * tab is narrow, so its text is not a reliable match.
 */
export function activeTab(page, name) {
  return page.locator(`.tabs-container .tab.active[data-resource-name=${JSON.stringify(name)}]`);
}

/** The text area (keyboard focus) of the visible text editor. */
export function activeEditorTextArea(page) {
  return page.locator('.editor-instance .monaco-editor textarea').filter({ visible: true }).first();
}

/** The active editor's language as the status bar names it. */
export async function statusBarLanguage(page) {
  return (await page.locator('#status\\.editor\\.mode').innerText()).trim();
}

/**
 * Puts the cursor on a 0-based line at a 0-based UTF-16 character offset (as
 * the language server protocol counts), then checks the status bar agrees.
 * Go to Line (Ctrl+G) takes the line only: its column counts display width
 * (a CJK character is two), so the cursor walks to the character with the
 * arrow key instead.
 */
export async function goTo(page, line, character) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // Ctrl+G opens quick open with the ':' (go to line) prefix; keep it.
  await input.fill(`:${line + 1}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  // Go to Line moves the editor's cursor but can leave the keyboard focus where it was
  // (the Problems panel after it was used): Ctrl+1 (focus the first editor group) sends
  // the keys below to the editor without moving its cursor.
  await page.keyboard.press('Control+1');
  await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 20_000 });
  for (let i = 0; i < character; i++) await page.keyboard.press('ArrowRight');
  const want = `Ln ${line + 1}, Col ${character + 1}`;
  await waitFor(async () => (await cursorPosition(page)) === want, {
    timeoutMs: 60_000,
    message: async () => `cursor is at "${await cursorPosition(page)}", not at ${want}`,
  });
}

/** The cursor position as the status bar shows it, e.g. "Ln 156, Col 9". */
export async function cursorPosition(page) {
  return (await page.locator('#status\\.editor\\.selection').innerText()).trim();
}

/**
 * The text of the rendered editor line that carries a `.squiggly-error`
 * decoration, for each such decoration: decorations and text lines are
 * rendered as separate layers, positioned by the same `top`.
 */
export async function squiggleLines(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    if (!editor) return [];
    const lines = new Map();
    for (const l of editor.querySelectorAll('.view-lines .view-line')) lines.set(l.style.top, l.textContent);
    return [...editor.querySelectorAll('.view-overlays .squiggly-error')].map((s) => {
      const top = s.parentElement?.style.top;
      return { top, text: lines.get(top) ?? null, left: s.style.left, width: s.style.width };
    });
  });
}

/** Opens (or focuses) the Problems panel and returns the text of its rows. */
export async function problems(page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
  }
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((r) => ({
      text: r.innerText.replace(/\s+/g, ' ').trim(),
      // 1 a file, 2 a problem in it, 3 a related place of that problem.
      level: Number(r.getAttribute('aria-level')),
      // The severity shows as an icon (replaced by a light bulb on the focused
      // row) and opens the row's accessible label.
      error: !!r.querySelector('.codicon-error') || /^Error:/.test(r.getAttribute('aria-label') ?? ''),
      aria: r.getAttribute('aria-label') ?? '',
    })),
  );
}

/** The status bar's problem counts, e.g. "No Problems" or "Errors: 4, Warnings: 2". */
export async function problemsSummary(page) {
  return (await page.locator('#status\\.problems').getAttribute('aria-label'))?.trim() ?? '';
}

/** The text of the editor hover now on screen, or '' when none is. */
function visibleHoverText(page) {
  return page.evaluate(() => {
    for (const h of document.querySelectorAll('.monaco-editor .monaco-hover:not(.hidden)')) {
      if (h.offsetParent !== null && h.innerText.trim()) return h.innerText.trim();
    }
    return '';
  });
}

/**
 * Shows the hover at the cursor (Ctrl+K Ctrl+I) and waits until its text
 * satisfies `until` (hover providers answer asynchronously, and the widget
 * shows "Loading…" or only the diagnostics' part first). The editor closes a
 * hover when it re-renders (new diagnostics, code lenses), and on a loaded
 * machine the first request can go unanswered, so the hover is asked for again
 * whenever it closes or has not opened within `reaskMs`, until `timeoutMs`.
 */
export async function hoverAtCursor(page, { until = (text) => !/^Loading/.test(text), timeoutMs = 90_000, reaskMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  let asks = 0;
  while (Date.now() < deadline) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    asks++;
    const askedAt = Date.now();
    let shown = false;
    while (Date.now() < deadline) {
      const now = await visibleHoverText(page);
      if (now) {
        shown = true;
        seen = now;
        if (until(now)) return now;
      } else if (shown || Date.now() - askedAt > reaskMs) break; // closed, or never opened: ask again
      await sleep(100);
    }
  }
  throw new Error(`after ${asks} request(s) no hover at the cursor (${await cursorPosition(page)}) showed what was waited for; the last hover read:\n${seen || '(none)'}`);
}

// The rows of the code-action menu, which opens in the workbench's context view.
const QUICK_FIX_ROWS = '.context-view .action-widget .monaco-list-row.action';

/**
 * Opens the quick-fix menu (Ctrl+.) and returns the titles it lists. A key pressed while
 * the workbench is still moving focus back to the editor (from Go to Line, say) can be
 * lost, and an answer computed for a document version the editor has moved past is
 * dropped; so the key is pressed again until the menu shows (as `save` does).
 */
export async function openQuickFixMenu(page) {
  const first = page.locator(QUICK_FIX_ROWS).first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('Control+.');
    try {
      await first.waitFor({ timeout: Math.max(1, Math.min(10_000, deadline - Date.now())) });
      break;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      await page.keyboard.press('Escape'); // a "no code actions" note, if that is what showed
    }
  }
  return page.$$eval(QUICK_FIX_ROWS, (rows) =>
    rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()),
  );
}

/** Picks the quick-fix menu item with exactly this title. */
export async function chooseQuickFix(page, title) {
  const rows = page.locator(QUICK_FIX_ROWS);
  const texts = await rows.allInnerTexts();
  const index = texts.findIndex((t) => t.replace(/\s+/g, ' ').trim() === title);
  if (index < 0) throw new Error(`quick-fix menu has no item "${title}"; it lists: ${JSON.stringify(texts)}`);
  await rows.nth(index).click();
  await rows.first().waitFor({ state: 'detached' });
}

/**
 * Saves the active editor (Ctrl+S) and waits until it is no longer dirty. A key pressed
 * while the workbench is still moving focus back from a menu can be lost, so the key is
 * pressed again while the tab stays dirty (a save already running takes the second one in).
 */
export async function save(page) {
  const dirty = page.locator('.tabs-container .tab.active.dirty');
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('Control+S');
    try {
      await dirty.waitFor({ state: 'detached', timeout: Math.max(1, Math.min(10_000, deadline - Date.now())) });
      return;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
  }
}

/**
 * Runs a command from the command palette (F1) by its title as the palette
 * lists it ("category: title"), once it is the focused row.
 */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row.focused', { hasText: title })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  await page.keyboard.press('Enter');
}

/**
 * Waits for a quick pick (opened by a command) to list `item`, picks it, and
 * returns the labels it listed.
 */
export async function pickQuickPickItem(page, item) {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await waitFor(async () => (await rows.allInnerTexts()).some((t) => t.trim() === item), {
    timeoutMs: 60_000,
    message: async () => `the quick pick never listed "${item}"; it lists ${JSON.stringify(await rows.allInnerTexts())}`,
  });
  const labels = (await rows.allInnerTexts()).map((t) => t.trim());
  await page.locator('.quick-input-widget input').fill(item);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: item }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  return labels;
}

/**
 * The rendered lines of the visible text editor, top to bottom: for each, the
 * document text (`text`) and the inlay hints shown in it (`hints`: the label
 * and the character offset in `text` where it stands). Inlay hints are
 * rendered as injected text: spans styled by a generated `dyn-rule-*` class,
 * interleaved with the token spans (`mtk*`) of the document text.
 */
export async function renderedLines(page) {
  return page.evaluate(() => {
    const editor = [...document.querySelectorAll('.editor-instance .monaco-editor')].find((e) => e.offsetParent !== null);
    if (!editor) return [];
    const nbsp = (s) => s.replace(/\u00a0/g, ' ');
    return [...editor.querySelectorAll('.view-lines .view-line')]
      .map((line) => {
        let text = '';
        const hints = [];
        for (const span of line.querySelectorAll(':scope > span > span')) {
          const t = nbsp(span.textContent ?? '');
          if ([...span.classList].some((c) => c.startsWith('dyn-rule-'))) {
            if (t) hints.push({ label: t, offset: text.length });
          } else {
            text += t;
          }
        }
        return { top: parseFloat(line.style.top), text, hints };
      })
      .sort((a, b) => a.top - b.top);
  });
}

/**
 * The code lenses rendered in the visible text editor, top to bottom: their
 * command titles and the text of the line they stand over.
 */
export async function codeLenses(page) {
  return page.evaluate(() => {
    const editor = [...document.querySelectorAll('.editor-instance .monaco-editor')].find((e) => e.offsetParent !== null);
    if (!editor) return [];
    const lines = [...editor.querySelectorAll('.view-lines .view-line')]
      .map((l) => ({ top: parseFloat(l.style.top), text: l.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top);
    return [...editor.querySelectorAll('.codelens-decoration')]
      .map((lens) => {
        const top = parseFloat(lens.style.top);
        return {
          top,
          titles: [...lens.querySelectorAll('a')].map((a) => a.textContent.trim()),
          line: lines.find((l) => l.top > top)?.text ?? null,
        };
      })
      .sort((a, b) => a.top - b.top);
  });
}

/**
 * Clicks the language status item (the `{}` in the status bar) and returns
 * the text of the hover it opens.
 */
export async function languageStatusHover(page) {
  await page.locator('#status\\.languageStatus').click();
  const hover = page.locator('.hover-language-status').filter({ visible: true }).first();
  await hover.waitFor({ timeout: 60_000 });
  return (await hover.innerText()).trim();
}

/** The text on the clipboard (the page must have the clipboard-read permission). */
export function clipboardText(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Selects the whole active editor (Ctrl+A), copies it (Ctrl+C) and returns the clipboard's text. */
export async function copyEditorText(page) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  return waitFor(() => clipboardText(page), { timeoutMs: 20_000, message: 'Ctrl+A Ctrl+C left nothing on the clipboard' });
}

/** The texts of the notification toasts on screen. */
export async function notifications(page) {
  return page.$$eval('.notification-toast', (ts) => ts.filter((t) => t.offsetParent !== null).map((t) => t.innerText.replace(/\s+/g, ' ').trim()));
}

/**
 * The frame of a webview whose document has `selector`: webviews are nested
 * iframes, the content in the inner one.
 */
export async function webviewFrame(page, selector, { timeoutMs = 30_000 } = {}) {
  return waitFor(
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        if (await frame.$(selector).catch(() => null)) return frame;
      }
      return null;
    },
    { timeoutMs, message: `no webview frame has ${selector}; frames: ${page.frames().map((f) => f.url().slice(0, 120)).join(', ')}` },
  );
}
