// Why a file given to the CLI, or found in a folder, was not checked.

import { t, type Locale } from '../engine';

/** Why a file was not checked: the `skipped` of CHECK-JSON. */
export type SkipReason = 'not a report' | 'too large' | 'not a regular file' | 'unreadable' | 'broken link' | 'duplicate' | 'no text layer' | 'unreachable';

/** A reason's name for people, in the locale. */
export function skipReasonText(locale: Locale, reason: SkipReason): string {
  switch (reason) {
    case 'not a report':
      return t(locale, 'skip.notReport');
    case 'too large':
      return t(locale, 'skip.tooLarge');
    case 'not a regular file':
      return t(locale, 'skip.notRegular');
    case 'unreadable':
      return t(locale, 'skip.unreadable');
    case 'broken link':
      return t(locale, 'skip.brokenLink');
    case 'duplicate':
      return t(locale, 'skip.duplicate');
    case 'no text layer':
      return t(locale, 'skip.noTextLayer');
    case 'unreachable':
      return t(locale, 'skip.unreachable');
  }
}
