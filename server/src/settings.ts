// Per-resource settings, pulled from the client and cached until they change.

import type { Connection } from 'vscode-languageserver/node';
import type { RuleId, RuleSetting } from './engine';
import { PDF_DEFAULTS } from './io/pdf';

export interface Settings {
  detect: 'auto' | 'languageOnly';
  validate: 'onType' | 'onSave';
  debounceMs: number;
  locale: 'auto' | 'zh-cn' | 'en';
  /** Largest document checked, in MB of UTF-8. */
  maxDocumentSize: number;
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Limits of reading a PDF (its text view, the workspace index, 「检查工作区」): pages, and seconds of reading. */
  pdf: { maxPages: number; timeLimit: number };
}

export const DEFAULT_SETTINGS: Settings = { detect: 'auto', validate: 'onType', debounceMs: 150, locale: 'auto', maxDocumentSize: 10, rules: {}, pdf: { maxPages: PDF_DEFAULTS.maxPages, timeLimit: PDF_DEFAULTS.timeLimitMs / 1000 } };

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

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(sanitize(this.pushed));
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(
        (v) => sanitize(v ?? {}),
        () => DEFAULT_SETTINGS,
      );
      this.cache.set(uri, s);
    }
    return s;
  }

  changed(pushed?: unknown): void {
    this.cache.clear();
    if (pushed && typeof pushed === 'object' && 'nianbao' in pushed) this.pushed = (pushed as { nianbao: Partial<Settings> }).nianbao ?? {};
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
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
