// @vscode/test-cli configuration for the VS Code API suite (test/electron/).
// Do not run it directly: test/electron/run.mjs downloads VS Code (or reports
// that it cannot), prepares the workspace and passes both in through the
// environment variables read here.
import { defineConfig } from '@vscode/test-cli';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

export default defineConfig({
  label: 'nianbao-electron',
  files: join(here, 'suite', '*.test.cjs'),
  // The extension under test: the repository itself, whose package.json
  // "main" is the esbuild bundle dist/client.js (built by `npm run package`).
  extensionDevelopmentPath: root,
  workspaceFolder: process.env.NIANBAO_ELECTRON_WORKSPACE,
  useInstallation: { fromPath: process.env.NIANBAO_VSCODE_PATH },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--no-sandbox', '--disable-gpu'],
  env: { NIANBAO_ELECTRON_FIXTURES: process.env.NIANBAO_ELECTRON_FIXTURES },
  mocha: { ui: 'bdd', timeout: 60_000 },
});
