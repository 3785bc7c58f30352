// A folder with an aggregate report (a county's) and its parts' reports (its departments'),
// generated consistent: the aggregate's tables 三 and 四 are the parts' cell by cell sums.
// Options break one cell, blank one, leave a part out, or write a roster.

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { consistentApplications, render, type ReportSpec } from './generate';

export const AGGREGATE = '示例县人民政府';
export const PARTS = ['示例县教育局', '示例县卫生健康局', '示例县生态环境局'];

function partSpec(i: number, year: number): ReportSpec {
  const n = i + 1;
  const applications = consistentApplications(
    { granted: [3 * n, n, 0, 0, 0, 0], partial: [n, 0, 0, 0, 0, 0], 'unable.1': [n, 0, 0, 0, 1, 0], 'ignored.2': [1, 0, 0, 0, 0, 0] },
    [n, 0, 0, 0, 0, 0],
    [n + 1, 0, 0, 0, 0, 0],
  );
  const appeals = [n, 1, 0, 0, n + 1, 2, n, 0, 0, n + 2, 0, 0, 0, 0, 0];
  return { year, applications, appeals, disclosure: '2021', shape: 'split-other' };
}

function sumSpecs(specs: ReportSpec[]): ReportSpec {
  const applications: Record<string, number[]> = {};
  for (const key of Object.keys(specs[0].applications)) applications[key] = specs[0].applications[key].map((_, c) => specs.reduce((s, x) => s + Number(x.applications[key][c]), 0));
  const appeals = specs[0].appeals.map((_, c) => specs.reduce((s, x) => s + Number(x.appeals[c]), 0));
  return { ...specs[0], applications, appeals };
}

export interface AggregateFolderOptions {
  year?: number;
  /** Adds `by` to the aggregate's table 三 cell (row key, column). */
  offBy?: { row: string; column: number; by: number };
  /** Leaves this part's table 三 cell blank. */
  blank?: { part: number; row: string; column: number };
  /** Parts (indexes) whose report is not written. */
  drop?: number[];
  /** The configuration's roster (year → bodies); none when absent. */
  roster?: Record<string, string[]>;
}

/** Writes the reports and a `.nianbao.jsonc` naming the aggregation into `dir`; the files written. */
export function aggregateFolder(dir: string, options: AggregateFolderOptions = {}): { aggregate: string; parts: string[] } {
  const year = options.year ?? 2023;
  mkdirSync(dir, { recursive: true });
  const specs = PARTS.map((_, i) => partSpec(i, year));
  const whole = sumSpecs(specs);
  if (options.offBy) {
    const { row, column, by } = options.offBy;
    whole.applications[row] = whole.applications[row].map((v, c) => (c === column ? Number(v) + by : v));
  }
  if (options.blank) {
    const { part, row, column } = options.blank;
    specs[part].applications[row] = specs[part].applications[row].map((v, c) => (c === column ? '' : v));
  }
  const write = (body: string, spec: ReportSpec) => {
    const file = path.join(dir, `${year}年${body}政府信息公开工作年度报告.txt`);
    writeFileSync(file, render(spec, 'pipe').replace('示例区', body));
    return file;
  };
  const aggregate = write(AGGREGATE, whole);
  const parts = PARTS.flatMap((body, i) => (options.drop?.includes(i) ? [] : [write(body, specs[i])]));
  const config: Record<string, unknown> = { aggregations: [{ report: '示例县', parts: PARTS }] };
  if (options.roster) config.roster = options.roster;
  writeFileSync(path.join(dir, '.nianbao.jsonc'), JSON.stringify(config, null, 2));
  return { aggregate, parts };
}
