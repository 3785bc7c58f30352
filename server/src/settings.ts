// Per-resource settings, pulled from the client and cached until they change, over the
// nearest `.nianbao.jsonc` of the document's file (config/): defaults < the configuration
// file < VS Code's settings set explicitly (a rule's `default` leaves the file's setting).

import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { ConfigResolver, isIgnored, mergeRules, type LoadedConfig } from './config';
import { normalizeLocale, type AggregationOption, type BodyAliases, type DeadlineOptions, type TextReuseOptions, type RuleId, type RuleSetting } from './engine';
import { PDF_DEFAULTS } from './io/pdf';

export interface Settings {
  detect: 'auto' | 'languageOnly';
  validate: 'onType' | 'onSave';
  debounceMs: number;
  locale: 'auto' | 'zh-cn' | 'en';
  /** Largest document checked, in MB of UTF-8. */
  maxDocumentSize: number;
  /** The rules' settings in force: the configuration file's, then the client's over them. */
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** The nearest `.nianbao.jsonc` of a file's document, as read. */
  config: LoadedConfig | null;
  /** Its `ignore` patterns name the document: it is not checked. */
  ignored: boolean;
  /** Its `aliases`, when it has any. */
  aliases?: BodyAliases;
  /** Its local publication `deadlines`, when it sets any (rule deadline). */
  deadlines?: DeadlineOptions;
  /** Limits of reading a PDF (its text view, the workspace index, 「检查工作区」): pages, and seconds of reading. */
  pdf: { maxPages: number; timeLimit: number };
  /** Its `aggregations`, when it has any (rule aggregate). */
  aggregations?: AggregationOption[];
  /** Its `textReuse` threshold, when it sets one (rule text-reuse). */
  textReuse?: TextReuseOptions;
}

export const DEFAULT_SETTINGS: Settings = {
  detect: 'auto',
  validate: 'onType',
  debounceMs: 150,
  locale: 'auto',
  maxDocumentSize: 10,
  rules: {},
  config: null,
  ignored: false,
  pdf: { maxPages: PDF_DEFAULTS.maxPages, timeLimit: PDF_DEFAULTS.timeLimitMs / 1000 },
};

/** The options of io/report.ts `readReport` that the settings give: a PDF's limits. */
export function pdfLimits(s: Settings): { maxPages: number; timeLimitMs: number } {
  return { maxPages: s.pdf.maxPages, timeLimitMs: s.pdf.timeLimit * 1000 };
}

export class SettingsStore {
  private cache = new Map<string, Promise<Settings>>();
  /** Set when the client supports workspace/configuration. */
  pull = false;
  /** Settings sent with didChangeConfiguration by clients that cannot be asked. */
  pushed: Partial<Settings> = {};

  /** The configuration files found for documents; `onLoad` is told of each one read. */
  readonly configs: ConfigResolver;

  constructor(
    private readonly connection: Connection,
    locale: () => string | undefined = () => undefined,
    onConfigLoad?: (config: LoadedConfig) => void,
  ) {
    this.configs = new ConfigResolver(() => normalizeLocale(locale()), onConfigLoad);
  }

  get(uri: string): Promise<Settings> {
    let s = this.cache.get(uri);
    if (!s) {
      const client: Promise<Partial<Settings>> = this.pull
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(
            (v) => v ?? {},
            () => ({}),
          )
        : Promise.resolve(this.pushed);
      s = Promise.all([client, this.configOf(uri)]).then(([v, config]) => withConfig(sanitize(v), config, uri));
      this.cache.set(uri, s);
    }
    return s;
  }

  /** The nearest configuration file of a `file:` document (none for others, or when it cannot be read). */
  private configOf(uri: string): Promise<LoadedConfig | null> {
    if (!uri.startsWith('file:')) return Promise.resolve(null);
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return Promise.resolve(null);
    }
    return this.configs.forFile(file).catch(() => null);
  }

  /** Configuration files were created, changed or deleted: all are looked for and read again. */
  configsChanged(): void {
    this.configs.clear();
    this.cache.clear();
  }

  changed(pushed?: unknown): void {
    this.cache.clear();
    if (pushed && typeof pushed === 'object' && 'nianbao' in pushed) this.pushed = (pushed as { nianbao: Partial<Settings> }).nianbao ?? {};
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** The settings over the configuration file: its rules under the client's, its ignore patterns and aliases. */
function withConfig(s: Settings, config: LoadedConfig | null, uri: string): Settings {
  if (!config) return s;
  const out: Settings = { ...s, config, rules: mergeRules(config.config, s.rules), ignored: isIgnored(config, fileURLToPath(uri)) };
  if (config.config && Object.keys(config.config.aliases).length > 0) out.aliases = config.config.aliases;
  const d = config.config?.deadlines;
  if (d && (d.department || d.government || Object.keys(d.bodies).length > 0)) out.deadlines = d;
  if (config.config && config.config.aggregations.length > 0) out.aggregations = config.config.aggregations;
  if (config.config?.textReuse.threshold !== undefined) out.textReuse = config.config.textReuse;
  return out;
}

function sanitize(v: Partial<Settings>): Settings {
  const s = { ...DEFAULT_SETTINGS };
  if (v.detect === 'auto' || v.detect === 'languageOnly') s.detect = v.detect;
  if (v.validate === 'onType' || v.validate === 'onSave') s.validate = v.validate;
  if (typeof v.debounceMs === 'number' && v.debounceMs >= 0 && v.debounceMs <= 5000) s.debounceMs = v.debounceMs;
  if (typeof v.maxDocumentSize === 'number' && v.maxDocumentSize > 0 && v.maxDocumentSize <= 512) s.maxDocumentSize = v.maxDocumentSize;
  if (v.locale === 'zh-cn' || v.locale === 'en' || v.locale === 'auto') s.locale = v.locale;
  const pdf = (v.pdf ?? {}) as Partial<Settings['pdf']>;
  s.pdf = { ...DEFAULT_SETTINGS.pdf };
  if (Number.isInteger(pdf.maxPages) && pdf.maxPages! >= 1 && pdf.maxPages! <= 100_000) s.pdf.maxPages = pdf.maxPages!;
  if (typeof pdf.timeLimit === 'number' && pdf.timeLimit > 0 && pdf.timeLimit <= 3600) s.pdf.timeLimit = pdf.timeLimit;
  if (v.rules && typeof v.rules === 'object') s.rules = Object.fromEntries(Object.entries(v.rules).filter(([, x]) => x !== 'default')) as Settings['rules'];
  return s;
}
