// The rule table: every rule the checker runs, in the order findings are listed.
// The generated rule docs and the settings read this table too.

import type { Rule } from '../findings';
import { identityRule } from './arithmetic';
import { badValue } from './badValue';
import { blankCell } from './blankCell';
import { extraValue } from './extraValue';
import { legacySum } from './legacySum';
import { publishedTotal } from './publishedTotal';
import { structure } from './structure';
import { date } from './date';
import { proseMismatch } from './prose';
import { crossYear } from './crossYear';
import { templateMismatch } from './templateMismatch';
import { encoding } from './encoding';
import { unreadRow } from './unreadRow';
import { deadline } from './deadline';
import { partContent } from './partContent';
import { textReuse } from './textReuse';
import { aggregate } from './aggregate';

export const RULES: Rule[] = [
  identityRule('carry-over'),
  identityRule('results-total'),
  identityRule('row-total'),
  identityRule('appeals-total'),
  legacySum,
  blankCell,
  unreadRow,
  badValue,
  extraValue,
  publishedTotal,
  templateMismatch,
  structure,
  date,
  deadline,
  partContent,
  proseMismatch,
  crossYear,
  aggregate,
  textReuse,
  encoding,
];
