// Messages: placeholders filled as @vscode/l10n fills them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUNDLES, splitPlaceholders, t, type Locale } from '../../server/src/engine/i18n';
import { rng } from '../support/corpus';

// ------------------------------------------------------------------ messages

describe('messages', () => {
  test('splitPlaceholders splits as the pattern of l10n\'s format does', () => {
    const random = rng(11);
    const pieces = ['{', '}', 'a', '表', '{n}', '{}'];
    for (let k = 0; k < 5000; k++) {
      let s = '';
      for (let n = Math.floor(random() * 12); n > 0; n--) s += pieces[Math.floor(random() * pieces.length)];
      assert.deepEqual(splitPlaceholders(s), s.split(/{([^}]+)}/), JSON.stringify(s));
    }
  });
  test('t fills a message as l10n does: every placeholder named, or left as it is', () => {
    for (const locale of Object.keys(BUNDLES) as Locale[])
      for (const [key, message] of Object.entries(BUNDLES[locale])) {
        const names = [...message.matchAll(/{([^}]+)}/g)].map((m) => m[1]);
        const params: Record<string, string | number> = {};
        names.forEach((name, n) => (params[name] = n % 2 ? n : `<${name}>`));
        const expected = message.replace(/{([^}]+)}/g, (m, name: string) => String(params[name] ?? m));
        assert.equal(t(locale, key, params), expected, key);
        if (names.length > 1) assert.equal(t(locale, key, { [names[0]]: 'x' }), message.split(`{${names[0]}}`).join('x'), key);
        assert.equal(t(locale, key), message, key);
      }
  });
});
