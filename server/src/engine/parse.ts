// Cells → report model. Tables are found by their content (row labels, column
// headers), never by the number of the heading above them: labels.ts scores the labels,
// tables/ reads each table, title.ts the year, headings.ts the part headings.

import { segment } from './cells';
import { convertDocument } from './chinese';
import { findPartHeadings, tableSpans } from './headings';
import { Cursor } from './labels';
import { parseLegacy } from './legacy';
import type { ReportModel } from './model';
import { parseAppeals } from './tables/appeals';
import { parseApplications } from './tables/applications';
import { parseDisclosure } from './tables/disclosure';
import { containsSpaced } from './tables/rows';
import { TEMPLATES, templateForShape, templateInForce } from './templates';
import { blankControls, formFeeds, lineStartsOf, scanDocument } from './text';
import { detectYear } from './title';

const LEGACY = /统\s*计\s*指\s*标|統\s*計\s*指\s*標|政府信息公[开開]情[况況]统[计計]表|政府信息公[开開]情[况況]統[计計]表/;

export interface ParseOptions {
  /** False skips the part headings (null, read when asked for): the workspace index reads only the tables and the year. */
  headings?: boolean;
}

export function parse(text: string, options: ParseOptions = {}): ReportModel {
  // Parse a Simplified copy (same offsets); findings and edits apply to `text` as written.
  const scan = scanDocument(text);
  const { traditional } = scan;
  // C0 controls (NUL, ESC …) are read as spaces, in place: offsets do not move.
  const converted = traditional ? convertDocument(text) : text;
  const simple = scan.controls ? blankControls(converted) : converted;
  const lineStarts = lineStartsOf(simple);
  // (The scan read `text`; a converted text is searched in full.)
  const cells = segment(simple, lineStarts, traditional ? undefined : scan);
  const cur = new Cursor(cells);
  // Form feeds between pages: text a PDF extractor wrote (pdftotext), whose rows drop their blank cells.
  const feeds = formFeeds(text);
  const applications = parseApplications(cells, cur, simple, feeds.length > 0, feeds);
  const appeals = parseAppeals(cells, cur, simple, traditional, feeds);
  const y = detectYear(simple);
  const disclosure = parseDisclosure(cells, cur, simple, applications ? applications.start : Infinity, templateInForce(y.year)?.id, feeds.length > 0);
  // The legacy table starts at a cell whose key starts with 统计指标: without those four
  // characters (whitespace between them aside) in the text there is none to look for.
  const legacy = traditional || containsSpaced(simple, '统计指标') ? parseLegacy(cells, (i) => cur.at(i).key, traditional) : null;
  let template: ReportModel['template'] = 'unknown';
  if (disclosure && disclosure.template !== 'unknown') template = disclosure.template;
  else if (applications) template = (templateForShape(applications.shape) ?? TEMPLATES[0]).id;
  else if (legacy || LEGACY.test(simple)) template = 'legacy';
  return {
    text,
    simple,
    year: y.year,
    yearEvidence: y.start !== undefined ? { start: y.start, end: y.end! } : undefined,
    template,
    applications,
    appeals,
    disclosure,
    legacy,
    headings: options.headings === false ? null : findPartHeadings(simple, lineStarts, tableSpans({ applications, appeals, disclosure, legacy })),
    cells,
    lineStarts,
  };
}
