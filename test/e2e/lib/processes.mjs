// Starting and ending the processes the end-to-end test needs (code-server and
// its one-shot "--install-extension" run). Every process is spawned with
// detached: true, so it leads its own process group, and is ended by signalling
// that group (process.kill(-pid)), which also reaches the extension host and
// the language server that code-server forks.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The cache folder scripts/e2e/setup-code-server.sh installs into. */
export function e2eCacheDir() {
  return process.env.NIANBAO_E2E_CACHE || join(homedir(), '.cache', 'nianbao-e2e');
}

/**
 * Reads the paths written by scripts/e2e/setup-code-server.sh. Throws (the
 * test fails, it never skips) when the setup has not been run.
 */
export function readE2eEnv() {
  const file = join(e2eCacheDir(), 'e2e-env.json');
  if (!existsSync(file)) {
    throw new Error(`${file} not found: run \`npm run e2e:setup\` (scripts/e2e/setup-code-server.sh) first`);
  }
  const env = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of ['node', 'codeServerEntry', 'chromium']) {
    if (!existsSync(env[key])) throw new Error(`${key} (${env[key]}) from ${file} does not exist: rerun npm run e2e:setup`);
  }
  return env;
}

/** Is a process (or process group, for a negative id) still there? */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * Ends the process group led by `pid`: SIGTERM, then SIGKILL if the group is
 * still there after `graceMs`. Safe to call twice.
 */
export async function killGroup(pid, graceMs = 5000) {
  if (!pid || !alive(-pid)) return;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && alive(-pid)) await sleep(100);
  if (alive(-pid)) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

/**
 * Spawns `command args` in its own process group with stdout and stderr
 * appended to `logFile`. Resolves the ChildProcess; `child.output` collects
 * what it printed, `child.exited` resolves its exit code.
 */
/**
 * The environment of a person's editor: this process's, less what an outer `npm run` or
 * `npm test` added (npm_* variables, NODE, INIT_CWD, node_modules/.bin and node-gyp-bin
 * on PATH), which would otherwise reach code-server, its extension host and the language
 * server under test.
 */
export function editorEnv(base = process.env) {
  const env = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  if (env.PATH) env.PATH = env.PATH.split(':').filter((d) => d && !/node_modules\/\.bin\/?$/.test(d) && !d.includes('node-gyp-bin')).join(':');
  return env;
}

export function spawnLogged(command, args, { logFile, env, cwd } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...editorEnv(), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
  child.output = '';
  const collect = (chunk) => {
    child.output += chunk.toString();
    log?.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.exited = new Promise((resolve) => {
    child.on('error', (err) => { child.output += `\nspawn error: ${err.message}\n`; resolve(-1); });
    child.on('exit', (code, signal) => resolve(code ?? signal));
  });
  child.exited.then(() => log?.end());
  return child;
}

/** Runs a command to completion (killing its group after `timeoutMs`). */
export async function run(command, args, { timeoutMs = 120_000, ...options } = {}) {
  const child = spawnLogged(command, args, options);
  const timer = setTimeout(() => killGroup(child.pid, 1000), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  await killGroup(child.pid, 1000); // anything it left behind in its group
  return { code, output: child.output };
}

/** Common arguments of every code-server invocation (one profile per test run). */
function profileArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** Installs a .vsix into the test's extensions dir; throws when it fails. */
export async function installExtension(env, dirs, vsix, logFile) {
  const { code, output } = await run(
    env.node,
    [env.codeServerEntry, ...profileArgs(dirs), '--install-extension', vsix, '--force'],
    { logFile, timeoutMs: 120_000 },
  );
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${output}`);
  }
  return output;
}

/**
 * Starts code-server on 127.0.0.1 with a port the kernel picks (port 0) and
 * resolves { child, url } once it answers /healthz. Throws when it does not
 * come up within `timeoutMs`.
 */
export async function startCodeServer(env, dirs, logFile, timeoutMs = 60_000) {
  const child = spawnLogged(
    env.node,
    [
      env.codeServerEntry,
      ...profileArgs(dirs),
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { logFile },
  );
  const deadline = Date.now() + timeoutMs;
  let url;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await killGroup(child.pid, 1000); // whatever it forked before dying
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${child.output}`);
    }
    url ??= /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(child.output)?.[1];
    if (url) {
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) return { child, url };
      } catch { /* not listening yet */ }
    }
    await sleep(200);
  }
  await killGroup(child.pid);
  throw new Error(`code-server did not come up within ${timeoutMs} ms:\n${child.output}`);
}
