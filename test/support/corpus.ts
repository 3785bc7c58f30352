// A deterministic corpus of synthetic reports of any size, for the benchmark, the
// fuzzer and the properties. A report from generate.ts is a few KB; real reports
// run to tens of KB of prose (part 一 and part 五 grow with the body's size) and web
// copies carry long lists of published documents as tables. `sizedReport` pads a
// rendered report with such prose and lists until it reaches a target size, without
// touching its tables 二, 三 and 四.

import { defaultSpec, LAYOUTS, render, consistentApplications, type Layout, type ReportSpec } from './generate';
import { APPLICATIONS } from '../../server/src/engine/declarations';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: () => number, max: number) => Math.floor(r() * (max + 1));

const SUBJECTS = ['本区', '区政府办公室', '各街道办事处', '区级各部门', '本机关', '政务公开领导小组', '区政务服务中心', '区司法局'];
const VERBS = ['认真贯彻落实', '深入推进', '进一步规范', '持续加强', '全面梳理', '扎实开展', '不断完善', '积极探索'];
const OBJECTS = ['政务公开标准化规范化建设', '政策解读和回应关切工作', '政府信息公开平台建设', '基层政务公开工作', '重点领域信息公开', '政府网站内容保障', '政务新媒体管理', '依申请公开办理流程'];
const FIGURES = [
  (r: () => number) => `全年通过政府门户网站主动公开政府信息${int(r, 9000)}条`,
  (r: () => number) => `发布政策解读${int(r, 300)}篇，其中图文解读${int(r, 80)}篇`,
  (r: () => number) => `组织业务培训${int(r, 20)}次，参训人员${int(r, 900)}人次`,
  (r: () => number) => `召开新闻发布会${int(r, 30)}场`,
  (r: () => number) => `政务微博发布信息${int(r, 5000)}条，政务微信发布信息${int(r, 3000)}条`,
  (r: () => number) => `办理人大代表建议${int(r, 90)}件、政协委员提案${int(r, 120)}件`,
  (r: () => number) => `回应公众关注热点${int(r, 60)}次`,
  (r: () => number) => `更新政府信息公开指南和目录${int(r, 12)}次`,
  (r: () => number) => `${2019 + int(r, 5)}年${1 + int(r, 11)}月${1 + int(r, 27)}日召开专题会议`,
];
const SECTIONS = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障'];

/** One paragraph of report prose (no part headings, no table labels). */
export function proseParagraph(r: () => number): string {
  const sentences: string[] = [];
  const n = 2 + int(r, 4);
  for (let i = 0; i < n; i++) {
    const clauses = [`${pick(r, SUBJECTS)}${pick(r, VERBS)}${pick(r, OBJECTS)}`];
    const k = 1 + int(r, 2);
    for (let j = 0; j < k; j++) clauses.push(pick(r, FIGURES)(r));
    sentences.push(clauses.join('，') + '。');
  }
  return (r() < 0.15 ? pick(r, SECTIONS) + '\n' : '') + sentences.join('');
}

/** A list of published documents as a table in the report's layout (a common appendix of web copies). */
export function documentList(r: () => number, layout: Layout, rows: number): string {
  const head = ['序号', '文件名称', '文号', '发布日期'];
  const lines: string[][] = [];
  for (let i = 1; i <= rows; i++) {
    const y = 2019 + int(r, 5);
    const no = 1 + int(r, 199);
    const date = `${y}-${String(1 + int(r, 11)).padStart(2, '0')}-${String(1 + int(r, 27)).padStart(2, '0')}`;
    lines.push([String(i), `关于${pick(r, VERBS)}${pick(r, OBJECTS)}的通知（第${no}号）`, `示政办发〔${y}〕${no}号`, date]);
  }
  switch (layout) {
    case 'pipe':
    case 'web':
      return [head, ...lines].map((l) => l.join(' | ') + ' |').join('\n');
    case 'markdown':
      return [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(head.length)}`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
    case 'pipe-split':
      return [head, ...lines].map((l) => l.map((c) => `| ${c}\n|`).join('\n')).join('\n||\n');
    case 'tab':
      return [head, ...lines].map((l) => l.map((c) => `\t${c}`).join('\n')).join('\n\n');
    case 'plain':
      return [head, ...lines].map((l) => l.join('\n\n')).join('\n\n');
    case 'pdf':
      return [head, ...lines].map((l) => l.join(' ')).join('\n');
  }
}

/** Padding of about `bytes` UTF-8 bytes: prose paragraphs, now and then a document list. */
export function padding(r: () => number, layout: Layout, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = r() < 0.1 ? documentList(r, layout, 5 + int(r, 40)) : proseParagraph(r);
    parts.push(p);
    size += Buffer.byteLength(p) + 1;
  }
  return parts.join('\n');
}

/**
 * A rendered report padded to about `bytes` UTF-8 bytes (never below the bare
 * report). Two thirds of the padding go into part 一, the rest into part 五; the
 * tables are rendered exactly as `render` renders them.
 */
export function sizedReport(spec: ReportSpec, layout: Layout, bytes: number, seed = 1): string {
  const base = render(spec, layout);
  const extra = bytes - Buffer.byteLength(base);
  if (extra <= 0) return base;
  const r = rng(seed);
  const one = '一、总体情况\n';
  const five = '五、存在的主要问题及改进情况\n';
  const a = base.indexOf(one) + one.length;
  const b = base.indexOf(five) + five.length;
  const first = padding(r, layout, Math.round((extra * 2) / 3));
  const second = padding(r, layout, extra - Buffer.byteLength(first));
  return base.slice(0, a) + first + '\n' + base.slice(a, b) + second + '\n' + base.slice(b);
}

/** A random consistent spec (both templates, both shapes of table 三), from a seed. */
export function randomSpec(seed: number): ReportSpec {
  const r = rng(seed);
  const shape = r() < 0.5 ? 'split-other' : 'single-other';
  const keys = APPLICATIONS.rows.filter((x) => x.group && x.key !== 'total' && (!x.shape || x.shape === shape)).map((x) => x.key);
  const six = (max: number) => Array.from({ length: 6 }, () => (r() < 0.5 ? 0 : int(r, max)));
  const results: Record<string, number[]> = {};
  for (const k of keys) if (r() < 0.4) results[k] = six(30);
  const spec = defaultSpec({ shape, applications: consistentApplications(results, six(5), six(3), shape) });
  // The mixed form seen in 2023 and 2024 reports: a 2021 table 二 with a 23-row table 三.
  if (shape === 'single-other' && r() < 0.3) spec.disclosure = '2021';
  spec.year = spec.disclosure === '2021' ? 2021 + int(r, 3) : 2019 + int(r, 1);
  spec.appeals = [0, 1, 2].flatMap(() => {
    const four = [int(r, 5), int(r, 3), int(r, 2), int(r, 2)];
    return [...four, four.reduce((x, y) => x + y, 0)];
  });
  return spec;
}

const PLACES = ['东城', '西城', '南山', '北湖', '清河', '长宁', '安平', '永和', '新华', '龙泉'];

/**
 * Report `n` of a workspace of many bodies and years: 5 years (2019–2023) per body,
 * bodies named apart, 5–30 KB each, every layout. Returns a file name and the text.
 */
export function workspaceReport(n: number): { file: string; text: string } {
  const r = rng(0x5eed + n);
  const bodyNo = Math.floor(n / 5);
  const body = `${PLACES[bodyNo % PLACES.length]}${Math.floor(bodyNo / PLACES.length) + 1}区`;
  const year = 2019 + (n % 5);
  const spec = randomSpec(n);
  spec.year = year;
  spec.shape = year >= 2021 && r() < 0.7 ? 'split-other' : 'single-other';
  spec.applications = consistentApplications({ granted: [int(r, 9), 0, 0, 0, int(r, 2), 0], 'unable.1': [int(r, 3), 0, 0, 0, 0, 0] }, [int(r, 2), 0, 0, 0, 0, 0], [int(r, 2), 0, 0, 0, 0, 0], spec.shape);
  spec.disclosure = year >= 2021 ? '2021' : '2019';
  const text = sizedReport(spec, LAYOUTS[n % LAYOUTS.length], 5_000 + Math.floor(r() * 25_000), n).split('示例区').join(body);
  return { file: `${body}${year}年政府信息公开工作年度报告.txt`, text };
}

export interface CorpusDoc {
  name: string;
  layout: Layout;
  bytes: number;
  text: string;
}

/** Sizes of the benchmark corpus, in bytes. */
export const BENCH_SIZES = [5_000, 20_000, 50_000, 200_000, 1_000_000];

/** Every layout × every size (one random spec each); deterministic for a given seed. */
export function benchCorpus(sizes = BENCH_SIZES, seed = 6): CorpusDoc[] {
  const docs: CorpusDoc[] = [];
  let n = 0;
  for (const bytes of sizes)
    for (const layout of LAYOUTS) {
      const text = sizedReport(randomSpec(seed * 1000 + n), layout, bytes, seed * 7919 + n);
      docs.push({ name: `${layout}-${bytes}`, layout, bytes: Buffer.byteLength(text), text });
      n++;
    }
  return docs;
}
