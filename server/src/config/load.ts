// Finding and reading `.nianbao.jsonc` files: the nearest one above a checked file (its own
// folder, then each folder above it up to the file system's root; the nearest wins, none is
// merged with another), read once and kept until told that configuration files changed.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compileGlobs } from './globs';
import type { Locale } from '../engine';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem, type NianbaoConfig } from './config';

/** A configuration file as read: its path, what it says (null when unusable) and its problems. */
export interface LoadedConfig {
  /** Its absolute path. */
  file: string;
  /** Its folder: `ignore` patterns are relative to it. */
  dir: string;
  /** Null when the file could not be read or is not JSON with comments. */
  config: NianbaoConfig | null;
  problems: ConfigProblem[];
}

/** Reads one configuration file; an unreadable file is one problem at its start. */
export async function loadConfigFile(file: string, locale: Locale): Promise<LoadedConfig> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (e) {
    const message = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { file: abs, dir, config: null, problems: [{ offset: 0, length: 0, line: 1, column: 1, endLine: 1, endColumn: 1, message }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // a BOM: same offsets
  return { file: abs, dir, ...parseConfig(text, locale) };
}

/** The nearest configuration file of `dir` (its own, else a parent's), or null. */
export async function findConfigFile(dir: string): Promise<string | null> {
  let d = path.resolve(dir);
  for (;;) {
    const candidate = path.join(d, CONFIG_FILE_NAME);
    try {
      if ((await fs.stat(candidate)).isFile()) return candidate;
    } catch {
      // none here
    }
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

/** `file: line:column: message`, the form compilers use (editors and the problem matcher read it). */
export function formatProblem(config: LoadedConfig, p: ConfigProblem): string {
  return `${config.file}:${p.line}:${p.column}: ${p.message}`;
}

const matchers = new WeakMap<LoadedConfig, (relative: string) => boolean>();

/** Is `file` one the configuration's `ignore` patterns name (relative to its folder)? Files outside its folder never are. */
export function isIgnored(config: LoadedConfig, file: string): boolean {
  if (!config.config || config.config.ignore.length === 0) return false;
  const rel = path.relative(config.dir, path.resolve(file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  let match = matchers.get(config);
  if (!match) {
    match = compileGlobs(config.config.ignore);
    matchers.set(config, match);
  }
  const posix = rel.split(path.sep).join('/');
  // A pattern naming a folder ignores what is in it.
  return posix.split('/').some((_, i, parts) => match!(parts.slice(0, i + 1).join('/')));
}

/**
 * The configuration of each checked file, found and read once: folders → their nearest
 * configuration file, files → what they say. `clear()` when configuration files changed.
 */
export class ConfigResolver {
  private dirs = new Map<string, Promise<string | null>>();
  private files = new Map<string, Promise<LoadedConfig>>();

  /** `onLoad` is told of each configuration file read (the server shows its problems). */
  constructor(
    private readonly locale: () => Locale,
    private readonly onLoad: (config: LoadedConfig) => void = () => undefined,
  ) {}

  /** The configuration of the file at `file` (an absolute path), or null when there is none. */
  async forFile(file: string): Promise<LoadedConfig | null> {
    const dir = path.dirname(path.resolve(file));
    let found = this.dirs.get(dir);
    if (!found) {
      found = findConfigFile(dir);
      this.dirs.set(dir, found);
    }
    const configFile = await found;
    return configFile ? this.load(configFile) : null;
  }

  /** The configuration file at `file`, read once. */
  load(file: string): Promise<LoadedConfig> {
    const abs = path.resolve(file);
    let loaded = this.files.get(abs);
    if (!loaded) {
      loaded = loadConfigFile(abs, this.locale()).then((c) => {
        this.onLoad(c);
        return c;
      });
      this.files.set(abs, loaded);
    }
    return loaded;
  }

  clear(): void {
    this.dirs.clear();
    this.files.clear();
  }
}
