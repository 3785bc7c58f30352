// A folder of generated reports across bodies and years, some broken: what `nianbao summary`
// is for. Deterministic (a seeded generator), written into a folder the caller owns.

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { consistentApplications, render, type Layout, type ReportSpec } from './generate';

/** How a report was broken, for the tests' checks. */
export type Breakage = 'none' | 'sum' | 'blank' | 'marker' | 'appeals';

export interface GeneratedReport {
  file: string;
  body: string;
  year: number;
  breakage: Breakage;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '石景山区', '门头沟区', '房山区'];
const OFFICES = ['人民政府', '教育委员会', '卫生健康委员会', '市场监督管理局', '生态环境局'];
const LAYOUTS: Layout[] = ['pipe', 'tab', 'pipe-split', 'markdown'];

/**
 * `bodies × years` reports (40 × 5 = 200 by default), one folder per body. One report in six
 * is broken in one of four ways: a sum off by one, a blank cell, a "/" in a count cell, a table
 * 四 total off by one. A text file that is no report lies beside them.
 */
export function generateFolder(dir: string, options: { bodies?: number; years?: number[]; seed?: number } = {}): GeneratedReport[] {
  const rand = prng(options.seed ?? 17);
  const int = (n: number) => Math.floor(rand() * n);
  const years = options.years ?? [2019, 2020, 2021, 2022, 2023];
  const bodies = PLACES.flatMap((p) => OFFICES.map((o) => p + o)).slice(0, options.bodies ?? 40);
  const out: GeneratedReport[] = [];
  let broken = 0;
  bodies.forEach((body, b) => {
    mkdirSync(path.join(dir, body), { recursive: true });
    let forward = [0, 0, 0, 0, 0, 0];
    for (const year of years) {
      const shape: ReportSpec['shape'] = year <= 2020 ? 'single-other' : 'split-other';
      const six = (scale: number) => [int(scale * 4), int(scale), 0, 0, int(scale), int(2)];
      const results: Record<string, number[]> = { granted: six(6), partial: six(2), 'unable.1': six(2), 'ignored.2': six(1), 'denied.4': [int(2), 0, 0, 0, 0, 0] };
      const nextForward = [int(4), int(2), 0, 0, 0, 0];
      const applications: Record<string, (number | string)[]> = consistentApplications(results, forward, nextForward, shape);
      forward = nextForward;
      const appeals: (number | string)[] = [int(3), int(2), 0, 0, 0, int(2), 0, 0, int(2), 0, 0, 0, 0, 0, 0];
      for (const g of [0, 5, 10]) appeals[g + 4] = (appeals[g] as number) + (appeals[g + 1] as number) + (appeals[g + 2] as number) + (appeals[g + 3] as number);
      const breakage: Breakage = (b * years.length + year) % 6 === 0 ? (['sum', 'blank', 'marker', 'appeals'] as const)[broken++ % 4] : 'none';
      if (breakage === 'sum') applications.new = applications.new.map((v, i) => (i === 0 || i === 6 ? (v as number) + 1 : v));
      if (breakage === 'blank') applications.partial = applications.partial.map((v, i) => (i === 2 ? '' : v));
      if (breakage === 'marker') applications['denied.1'] = applications['denied.1'].map((v, i) => (i === 3 ? '/' : v));
      if (breakage === 'appeals') appeals[4] = (appeals[4] as number) + 1;
      const spec: ReportSpec = { year, applications, appeals, disclosure: year <= 2020 ? '2019' : '2021', shape };
      const layout = LAYOUTS[(b + year) % LAYOUTS.length];
      const text = render(spec, layout).replace('示例区', body);
      const file = path.join(dir, body, `${year}年${body}政府信息公开工作年度报告.${layout === 'markdown' ? 'md' : 'txt'}`);
      writeFileSync(file, text);
      out.push({ file, body, year, breakage });
    }
  });
  writeFileSync(path.join(dir, 'README.txt'), '这些是生成的年报。\n');
  return out;
}
