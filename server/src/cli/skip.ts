// Why a file given to the CLI, or found in a folder, was not checked.

/** Why a file was not checked: the `skipped` of CHECK-JSON. */
export type SkipReason = 'not a report' | 'too large' | 'not a regular file' | 'unreadable' | 'broken link' | 'duplicate';

/** The l10n key of each reason's name. */
export const SKIP_KEY: Record<SkipReason, string> = {
  'not a report': 'skip.notReport',
  'too large': 'skip.tooLarge',
  'not a regular file': 'skip.notRegular',
  unreadable: 'skip.unreadable',
  'broken link': 'skip.brokenLink',
  duplicate: 'skip.duplicate',
};
