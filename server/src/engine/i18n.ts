// User-facing text, through @vscode/l10n, with a zh-CN bundle (the default) and an
// English one (l10n/bundle.l10n.json). Messages are looked up by key; placeholders
// are named (`{table}`). Code and identifiers stay English.

import * as l10n from '@vscode/l10n';
import en from '../../../l10n/bundle.l10n.json';
import zhCn from '../../../l10n/bundle.l10n.zh-cn.json';

export type Locale = 'zh-cn' | 'en';

export const BUNDLES: Record<Locale, Record<string, string>> = { 'zh-cn': zhCn, en };

export function normalizeLocale(l: string | undefined | null): Locale {
  if (!l) return 'zh-cn';
  return l.toLowerCase().startsWith('en') ? 'en' : 'zh-cn';
}

let configured: Locale | null = null;

/** The message `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  if (configured !== locale) {
    l10n.config({ contents: BUNDLES[locale] });
    configured = locale;
  }
  return l10n.t(key, params);
}
