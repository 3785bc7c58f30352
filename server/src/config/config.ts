// `.nianbao.jsonc`: the configuration the CLI and the editor share. This file reads and
// validates its text (no file system: load.ts finds and reads the files). Each entry that
// is wrong is reported where it is written and left out; a syntax error leaves the whole
// file out. The JSON schema VS Code validates the file with is generated from the same
// declarations (tools/configSchema.ts).

import type { Node } from 'jsonc-parser';
import { parseJsonc } from './jsonc';
import { LineIndex, RULE_SETTINGS, RULES, t, type Locale, type RuleId, type RuleSetting } from '../engine';

import { CONFIG_FILE_NAME } from './names';

export { CONFIG_FILE_NAME, CONFIG_GLOB } from './names';

/** When reports are due: month and day (`MM-DD`) after the year they report on. */
export interface ConfigDeadlines {
  /** Reports of departments (部门). */
  department?: string;
  /** Reports of governments (政府). */
  government?: string;
  /** Per body: its own deadline, before the two above. */
  bodies: Record<string, string>;
}

/** A report that aggregates others' (a government's report over its departments'). */
export interface ConfigAggregation {
  /** The body of the aggregate report. */
  report: string;
  /** The bodies whose reports it adds up. */
  parts: string[];
}

/** What a `.nianbao.jsonc` says, validated; every key present (empty when not written). */
export interface NianbaoConfig {
  /** Rule id → its setting (as VS Code's `nianbao.rules`). */
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Glob patterns (picomatch) of files not to check, relative to the configuration file's folder. */
  ignore: string[];
  /** Body name → other spellings of the same body (matching a report to its previous year). */
  aliases: Record<string, string[]>;
  /** Year (`"2024"`) → the bodies expected to file a report for it. */
  roster: Record<string, string[]>;
  deadlines: ConfigDeadlines;
  aggregations: ConfigAggregation[];
  /** Rule text-reuse: the share of a part's own text found in last year's report from which it is reported (0–1). */
  textReuse: { threshold?: number };
}

/** A mistake in a configuration file: where (offsets, and 1-based line and column) and what. */
export interface ConfigProblem {
  offset: number;
  length: number;
  line: number;
  column: number;
  /** Where its span ends (1-based, exclusive). */
  endLine: number;
  endColumn: number;
  message: string;
}

export function emptyConfig(): NianbaoConfig {
  return { rules: {}, ignore: [], aliases: {}, roster: {}, deadlines: { bodies: {} }, aggregations: [], textReuse: {} };
}

/** The keys a configuration file may hold. */
export const CONFIG_KEYS = ['$schema', 'rules', 'ignore', 'aliases', 'roster', 'deadlines', 'aggregations', 'textReuse'] as const;

const RULE_IDS = new Set<string>(RULES.map((r) => r.id));
const SETTINGS = new Set<string>(RULE_SETTINGS);

/** `MM-DD` of a day that exists in some year (02-29 included). */
export function isMonthDay(s: string): boolean {
  const m = /^(\d\d)-(\d\d)$/.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * The configuration a file's text holds, and its problems (messages in `locale`).
 * `config` is null when the text is not JSON with comments (a syntax error): nothing of it is used.
 */
export function parseConfig(text: string, locale: Locale): { config: NianbaoConfig | null; problems: ConfigProblem[] } {
  const idx = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const report = (offset: number, length: number, message: string) => {
    const p = idx.positionAt(offset);
    const e = idx.positionAt(offset + length);
    problems.push({ offset, length, line: p.line + 1, column: p.character + 1, endLine: e.line + 1, endColumn: e.character + 1, message });
  };
  const at = (node: Node, message: string) => report(node.offset, node.length, message);
  const { root, errors } = parseJsonc(text);
  for (const e of errors) report(e.offset, e.length, t(locale, 'configFile.syntax', { error: e.error }));
  if (errors.length > 0) return { config: null, problems };
  const config = emptyConfig();
  if (!root) return { config, problems };
  if (root.type !== 'object') {
    at(root, t(locale, 'configFile.notObject', { key: CONFIG_FILE_NAME }));
    return { config, problems };
  }
  /** The string items of an array node; others reported. */
  const strings = (node: Node, key: string): string[] | null => {
    if (node.type !== 'array') {
      at(node, t(locale, 'configFile.notStringArray', { key }));
      return null;
    }
    const out: string[] = [];
    for (const item of node.children ?? []) {
      if (item.type === 'string' && (item.value as string).trim() !== '') out.push(item.value as string);
      else at(item, t(locale, 'configFile.notName', { key }));
    }
    return out;
  };
  /** The properties of an object node, as [key node, value node]; a non-object reported. */
  const entries = (node: Node, key: string): [Node, Node][] => {
    if (node.type !== 'object') {
      at(node, t(locale, 'configFile.notObject', { key }));
      return [];
    }
    return (node.children ?? []).flatMap((p) => (p.children?.length === 2 ? [[p.children[0], p.children[1]] as [Node, Node]] : []));
  };
  const monthDay = (node: Node, key: string): string | null => {
    if (node.type === 'string' && isMonthDay(node.value as string)) return node.value as string;
    at(node, t(locale, 'configFile.notMonthDay', { key }));
    return null;
  };
  for (const [k, v] of entries(root, CONFIG_FILE_NAME)) {
    const key = k.value as string;
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        for (const [rk, rv] of entries(v, key)) {
          const id = rk.value as string;
          if (!RULE_IDS.has(id)) at(rk, t(locale, 'configFile.unknownRule', { rule: id }));
          else if (rv.type !== 'string' || !SETTINGS.has(rv.value as string)) at(rv, t(locale, 'configFile.badSetting', { rule: id, values: RULE_SETTINGS.join(', ') }));
          else config.rules[id as RuleId] = rv.value as RuleSetting;
        }
        break;
      case 'ignore':
        config.ignore = strings(v, key) ?? [];
        break;
      case 'aliases':
        for (const [bk, bv] of entries(v, key)) {
          const names = strings(bv, `${key}.${bk.value}`);
          if (names) config.aliases[bk.value as string] = names;
        }
        break;
      case 'roster':
        for (const [yk, yv] of entries(v, key)) {
          if (!/^\d{4}$/.test(yk.value as string)) {
            at(yk, t(locale, 'configFile.notYear', { key }));
            continue;
          }
          const names = strings(yv, `${key}.${yk.value}`);
          if (names) config.roster[yk.value as string] = names;
        }
        break;
      case 'deadlines':
        for (const [dk, dv] of entries(v, key)) {
          const name = dk.value as string;
          if (name === 'department' || name === 'government') {
            const d = monthDay(dv, `${key}.${name}`);
            if (d) config.deadlines[name] = d;
          } else if (name === 'bodies') {
            for (const [bk, bv] of entries(dv, `${key}.bodies`)) {
              const d = monthDay(bv, `${key}.bodies.${bk.value}`);
              if (d) config.deadlines.bodies[bk.value as string] = d;
            }
          } else at(dk, t(locale, 'configFile.unknownKey', { key: name, known: 'department, government, bodies' }));
        }
        break;
      case 'aggregations':
        if (v.type !== 'array') {
          at(v, t(locale, 'configFile.notArray', { key }));
          break;
        }
        for (const item of v.children ?? []) {
          let report: string | null = null;
          let parts: string[] | null = null;
          for (const [ak, av] of entries(item, key)) {
            if (ak.value === 'report') {
              if (av.type === 'string' && (av.value as string).trim() !== '') report = av.value as string;
              else at(av, t(locale, 'configFile.notName', { key: `${key}.report` }));
            } else if (ak.value === 'parts') parts = strings(av, `${key}.parts`);
            else at(ak, t(locale, 'configFile.unknownKey', { key: ak.value as string, known: 'report, parts' }));
          }
          if (item.type !== 'object') continue;
          if (report === null || parts === null) at(item, t(locale, 'configFile.aggregation'));
          else config.aggregations.push({ report, parts });
        }
        break;
      case 'textReuse':
        for (const [tk, tv] of entries(v, key)) {
          if (tk.value !== 'threshold') at(tk, t(locale, 'configFile.unknownKey', { key: tk.value as string, known: 'threshold' }));
          else if (tv.type === 'number' && (tv.value as number) > 0 && (tv.value as number) <= 1) config.textReuse.threshold = tv.value as number;
          else at(tv, t(locale, 'configFile.notShare', { key: `${key}.threshold` }));
        }
        break;
      default:
        at(k, t(locale, 'configFile.unknownKey', { key, known: CONFIG_KEYS.join(', ') }));
    }
  }
  return { config, problems };
}

/**
 * The rule settings in force: the configuration file's, then those set explicitly elsewhere
 * (VS Code's `nianbao.rules`) over them; `default` sets nothing.
 */
export function mergeRules(config: NianbaoConfig | null | undefined, explicit: Partial<Record<RuleId, RuleSetting>> = {}): Partial<Record<RuleId, RuleSetting>> {
  const out: Partial<Record<RuleId, RuleSetting>> = {};
  for (const source of [config?.rules ?? {}, explicit]) for (const [id, v] of Object.entries(source)) if (v !== 'default') out[id as RuleId] = v;
  return out;
}
