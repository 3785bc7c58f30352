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

/** A message as @vscode/l10n resolves it, and the same split at its placeholders (`splitPlaceholders`): literal, name, literal, … literal. */
interface Message {
  text: string;
  parts: string[];
}

/**
 * The message split at its placeholders, as `message.split(/{([^}]+)}/)` splits it
 * (the pattern of l10n's `format`), in linear time: a placeholder runs from a `{` to
 * the first `}` after it, with something in between.
 */
export function splitPlaceholders(message: string): string[] {
  const parts: string[] = [];
  let from = 0; // the start of the literal being read
  for (let open = message.indexOf('{'); open !== -1; ) {
    const close = message.indexOf('}', open + 1);
    if (close === -1) break; // no placeholder from here on
    if (close === open + 1) {
      open = message.indexOf('{', open + 1);
      continue;
    }
    parts.push(message.slice(from, open), message.slice(open + 1, close));
    from = close + 1;
    open = message.indexOf('{', from);
  }
  parts.push(message.slice(from));
  return parts;
}

/** Each locale's messages by key, resolved by l10n once and kept split. */
const messages: Record<Locale, Map<string, Message>> = { 'zh-cn': new Map(), en: new Map() };

function message(locale: Locale, key: string): Message {
  let m = messages[locale].get(key);
  if (!m) {
    if (configured !== locale) {
      l10n.config({ contents: BUNDLES[locale] });
      configured = locale;
    }
    const text = l10n.t(key); // no arguments: the message as it is
    m = { text, parts: splitPlaceholders(text) };
    messages[locale].set(key, m);
  }
  return m;
}

/**
 * The message `key` in `locale`, with `{name}` placeholders filled from `params` —
 * what `l10n.t(key, params)` returns (a placeholder without a value stays as it is),
 * without l10n's regex replace on every call.
 */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const { text, parts } = message(locale, key);
  if (parts.length === 1 || !hasKeys(params)) return text;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) out += (params[parts[i]] ?? `{${parts[i]}}`) + parts[i + 1];
  return out;
}

/** `Object.keys(params).length > 0`, without building the array on every message. */
function hasKeys(params: Record<string, string | number>): boolean {
  for (const k in params) if (Object.prototype.hasOwnProperty.call(params, k)) return true;
  return false;
}
