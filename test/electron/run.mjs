// `npm run test:electron`: the same editor scenarios as test/e2e/, through the
// VS Code API, in a desktop VS Code that @vscode/test-electron downloads and
// @vscode/test-cli drives.
//
// VS Code is downloaded first, with a short timeout. Where that is impossible
// (no access to Microsoft's update service, as on an offline machine) this
// prints a single line saying so and exits 0: the suite is skipped, and nothing
// it prints may be read as tests that passed.
//
// Environment:
//   NIANBAO_VSCODE_VERSION  VS Code version to download (default: stable)
//   NIANBAO_VSCODE_PATH     use this VS Code executable instead of downloading

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SilentReporter, downloadAndUnzipVSCode } from '@vscode/test-electron';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const fixtures = join(root, 'test', 'e2e', 'fixtures');
const DOWNLOAD_TIMEOUT_MS = 15_000; // idle timeout of each request
const DOWNLOAD_DEADLINE_MS = 10 * 60_000; // the whole download and unzip

/** Resolves the VS Code executable, or null with the reason it is unavailable. */
async function obtainVSCode() {
  if (process.env.NIANBAO_VSCODE_PATH) return { path: process.env.NIANBAO_VSCODE_PATH };
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no VS Code after ${DOWNLOAD_DEADLINE_MS / 1000} s`)), DOWNLOAD_DEADLINE_MS);
  });
  try {
    const path = await Promise.race([
      downloadAndUnzipVSCode({
        version: process.env.NIANBAO_VSCODE_VERSION || 'stable',
        cachePath: join(root, '.vscode-test'),
        reporter: new SilentReporter(),
        timeout: DOWNLOAD_TIMEOUT_MS,
      }),
      deadline,
    ]);
    return { path };
  } catch (err) {
    return { reason: String(err?.message ?? err).split('\n')[0] };
  } finally {
    clearTimeout(timer);
  }
}

function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return r.status ?? 1;
}

const vscode = await obtainVSCode();
if (!vscode.path) {
  console.log(`test:electron skipped: VS Code could not be downloaded here (${vscode.reason}); use npm run e2e (code-server) instead.`);
  process.exit(0);
}

// The suite loads the extension from the repository: build it (and the .vsix,
// which the suite does not use but which proves the package builds).
if (sh('npm', ['run', 'package']) !== 0) process.exit(1);

// A workspace of copies of the fixture reports; the suite edits and saves them.
const workspace = mkdtempSync(join(tmpdir(), 'nianbao-electron-'));
for (const name of ['栾城区2020年政府信息公开工作年度报告.txt', '更正版-栾城区2020年政府信息公开工作年度报告.txt']) {
  copyFileSync(join(fixtures, name), join(workspace, name));
}
mkdirSync(join(workspace, '.vscode'));

const env = {
  ...process.env,
  NIANBAO_VSCODE_PATH: vscode.path,
  NIANBAO_ELECTRON_WORKSPACE: workspace,
  NIANBAO_ELECTRON_FIXTURES: fixtures,
};
const cli = [join(root, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs'), '--config', join(here, '.vscode-test.mjs')];
// Electron needs a display; on a headless Linux machine borrow one from xvfb-run.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const xvfb = headless && spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0;
if (headless && !xvfb) console.error('warning: no DISPLAY and no xvfb-run; VS Code may not start');
const status = xvfb
  ? sh('xvfb-run', ['-a', process.execPath, ...cli], { env })
  : sh(process.execPath, cli, { env });
rmSync(workspace, { recursive: true, force: true });
process.exit(status);
