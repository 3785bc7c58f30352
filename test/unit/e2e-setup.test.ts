// The end-to-end setup (scripts/e2e/setup-code-server.sh) installs Node 24 and
// code-server with npm. When it is started from `npm test` or `npm run`, the outer
// npm's environment must not reach those installs: npm reads every npm_config_*
// variable as configuration, and code-server's postinstall check read the outer
// npm_config_user_agent ("node/v20") and refused Node 24. These tests run the
// script's clean_env with such an environment and look at what reaches the command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO } from '../support/paths';

const CLEAN_ENV = path.join(REPO, 'scripts', 'e2e', 'clean-env.sh');

/** The environment `clean_env FIRST env` prints, run under `outer`. */
function cleanEnv(first: string, outer: Record<string, string>): Map<string, string> {
  const r = spawnSync('bash', ['-c', `. "${CLEAN_ENV}"; clean_env "$1" env`, 'bash', first], { env: outer, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 0, r.stderr);
  const vars = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) vars.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return vars;
}

// (stdin is not a pipe: bash reads ~/.bashrc when its stdin is a socket, as if run by rshd.)
// What `npm run` (npm 11 under Node 20) puts in a script's environment, in the parts that matter.
const OUTER = {
  HOME: '/root',
  LANG: 'C.UTF-8',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
  https_proxy: 'http://127.0.0.1:3128',
  PATH: '/work/p/node_modules/.bin:/work/node_modules/.bin:/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin:/bin',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_config_cache: '/root/.npm',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  npm_lifecycle_event: 'e2e:setup',
  npm_package_name: 'nianbao',
  NODE: '/usr/bin/node',
  INIT_CWD: '/work/p',
};

test('clean_env passes on no npm_config_*, npm_* or NODE variable of the outer npm run', () => {
  const vars = cleanEnv('', OUTER);
  const leaked = [...vars.keys()].filter((k) => /^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD');
  assert.deepEqual(leaked, [], `leaked into the nested install: ${leaked.join(', ')}`);
});

test('clean_env keeps what a network install needs: home, locale, CA file and proxies', () => {
  const vars = cleanEnv('', OUTER);
  for (const k of ['HOME', 'LANG', 'NODE_EXTRA_CA_CERTS', 'https_proxy']) assert.equal(vars.get(k), OUTER[k as keyof typeof OUTER], k);
});

test('clean_env drops node_modules/.bin and node-gyp-bin from PATH and puts the given folder first', () => {
  assert.equal(cleanEnv('/cache/node/bin', OUTER).get('PATH'), '/cache/node/bin:/usr/local/bin:/usr/bin:/bin');
  // No folder given: no empty first entry (which would mean the current folder).
  assert.equal(cleanEnv('', OUTER).get('PATH'), '/usr/local/bin:/usr/bin:/bin');
});

test('setup-code-server.sh runs every nested npm install through clean_env', () => {
  const lines = readFileSync(path.join(REPO, 'scripts', 'e2e', 'setup-code-server.sh'), 'utf8').split('\n');
  // A command, with its continuation lines (ending in a backslash) joined.
  const commands: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let c = lines[i];
    while (c.endsWith('\\') && i + 1 < lines.length) c = c.slice(0, -1) + lines[++i];
    if (!/^\s*#/.test(c)) commands.push(c);
  }
  // npm install run as a command, not named in a quoted log or error message.
  const unquoted = (c: string) => c.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const installs = commands.map(unquoted).filter((c) => /\bnpm install\b/.test(c));
  assert.equal(installs.length, 2, installs.join('\n'));
  for (const c of installs) assert.match(c, /\bclean_env\b[^;&|]*\bnpm install\b/, c);
});
