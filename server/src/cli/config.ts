// The configuration of a CLI run (`nianbao check`, `nianbao fix`): `--config FILE` for every
// file, else each file's nearest `.nianbao.jsonc` (config/). A problem in any configuration
// the run uses stops it before anything is checked (exit status 2): checking with a
// configuration half read would give findings the user did not ask for.

import * as path from 'node:path';
import { ConfigResolver, formatProblem, isIgnored, mergeRules, type LoadedConfig } from '../config';
import { t, type CheckOptions, type Locale } from '../engine';
import { escapePath } from './text';

export const CONFIG_USAGE = `  --config FILE         the configuration for every file (default: each file's nearest .nianbao.jsonc, in its folder or above)
`;

export interface RunConfig {
  /** The configuration of `file` (null: none). */
  of(file: string): LoadedConfig | null;
  /** Is `file` named by its configuration's `ignore` patterns? */
  ignored(file: string): boolean;
  /** What `check` takes from the configuration of `file`: rules, aliases, deadlines and aggregations (nothing without one). */
  options(file: string): Pick<CheckOptions, 'rules' | 'aliases' | 'deadlines' | 'aggregations' | 'textReuse'>;
  /** Every configuration the run uses, in the order first met. */
  used: LoadedConfig[];
  /** Says on stderr that `file`, named on the command line, is left out by its configuration's `ignore`. */
  sayIgnored(file: string): void;
}

/**
 * Reads the configuration of each of `files`. When any configuration used has problems:
 * null, the problems said on stderr as `nianbao: FILE:LINE:COL: message` lines (the run
 * then stops, exit status 2).
 */
export async function loadRunConfig(files: string[], explicit: string | undefined, locale: Locale, io: { stderr(s: string): void }): Promise<RunConfig | null> {
  const resolver = new ConfigResolver(() => locale);
  const byFile = new Map<string, LoadedConfig | null>();
  const given = explicit === undefined ? undefined : await resolver.load(explicit);
  for (const f of files) byFile.set(path.resolve(f), given ?? (await resolver.forFile(f)));
  const used = new Set([...byFile.values()].filter((c): c is LoadedConfig => !!c));
  if (given) used.add(given);
  const problems = [...used].flatMap((c) => c.problems.map((p) => formatProblem(c, p)));
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`nianbao: ${p}\n`);
    return null;
  }
  const of = (file: string) => byFile.get(path.resolve(file)) ?? null;
  return {
    used: [...used],
    of,
    ignored: (file) => {
      const c = of(file);
      return !!c && isIgnored(c, file);
    },
    sayIgnored: (file) => io.stderr(`nianbao: ${t(locale, 'cli.ignored', { path: escapePath(file), config: escapePath(of(file)!.file) })}\n`),
    options: (file) => {
      const c = of(file)?.config;
      if (!c) return {};
      const aliases = Object.keys(c.aliases).length > 0 ? c.aliases : undefined;
      const d = c.deadlines;
      const deadlines = d.department || d.government || Object.keys(d.bodies).length > 0 ? d : undefined;
      const aggregations = c.aggregations.length > 0 ? c.aggregations : undefined;
      const textReuse = c.textReuse.threshold !== undefined ? c.textReuse : undefined;
      return { rules: mergeRules(c), aliases, deadlines, aggregations, textReuse };
    },
  };
}
