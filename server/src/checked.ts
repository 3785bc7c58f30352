// The result of checking one open document, as the features read it: what every open
// document keeps (`Checked`) and the full result kept for a few (`FullChecked`). A module
// of its own, below state.ts, so that the check worker and the features it runs can name
// these types without importing the state that uses them (no import cycle).

import type { CheckOptions, CheckResult, Finding, Locale, ReportIdentity, ReportModel } from './engine';

/** What every open document keeps between requests: a few KB, whatever the size of the report. */
export interface Checked {
  version: number;
  locale: Locale;
  findings: Finding[];
  /** The options the findings were computed with (fix-all re-checks its result with them). */
  options: CheckOptions;
  /** How many findings `nianbao-disable` comments silenced. */
  suppressed: number;
  identity: ReportIdentity;
  /** What the status item shows of the model. */
  model: {
    template: ReportModel['template'];
    year: number | null;
    /** Which tables were found. */
    tables: { disclosure: boolean; applications: boolean; appeals: boolean; legacy: boolean };
  };
}

/** A check with its full result, for the features that read the model or the rules' context. */
export interface FullChecked extends Checked {
  result: CheckResult;
}
