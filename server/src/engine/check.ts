// The engine's entry point: text → model → findings. Pure: no editor, no I/O.

import type { RuleId, Severity } from './declarations';
import type { Edit, Finding, Fix, RuleContext, SourceInfo } from './findings';
import { identifyReport, type ReportIdentity, type YearFacts } from './years';
import { normalizeLocale, type Locale } from './i18n';
import { simplifyDocument } from './chinese';
import type { ReportModel } from './model';
import { parse } from './parse';
import { RULES } from './rules';
import { applySuppressions, findSuppressions } from './suppress';
import { LineIndex } from './text';

export type RuleSetting = 'off' | Severity | 'default';

export interface CheckOptions {
  locale?: Locale | string;
  /** Per rule: turn off, or override the severity of its findings. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** The report's path or URI: names the body when the title does not. */
  path?: string;
  /** The same body's report of another year (cross-year checks). */
  lookup?: (bodyKey: string, year: number) => YearFacts | null;
  /** How the text was read from its file (encoding, replaced bytes), for the `encoding` rule. */
  source?: SourceInfo;
}

export interface CheckResult {
  model: ReportModel;
  findings: Finding[];
  /** Findings silenced by `<!-- nianbao-disable… -->` comments. */
  suppressed: Finding[];
  /** The rules' shared context (model, locale, memoised analyses), for outline and summaries. */
  context: RuleContext;
  identity: ReportIdentity;
  /** Rules that threw; reported, never fatal. */
  failures: { rule: RuleId; error: string }[];
}

export function check(text: string, options: CheckOptions = {}): CheckResult {
  const locale = normalizeLocale(options.locale);
  const model = parse(text);
  const identity = identifyReport(text, options.path, model.year);
  const ctx: RuleContext = { model, locale, memo: new Map<string, unknown>(), identity, lookup: options.lookup, source: options.source };
  const findings: Finding[] = [];
  const failures: CheckResult['failures'] = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id] ?? 'default';
    if (setting === 'off') continue;
    try {
      for (const f of rule.run(ctx)) {
        // An override changes the main severity; informational notes stay notes.
        if (setting !== 'default' && f.severity !== 'information' && f.severity !== 'hint') f.severity = setting;
        findings.push(f);
      }
    } catch (e) {
      failures.push({ rule: rule.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
  }
  findings.sort((a, b) => a.start - b.start || severityRank(a.severity) - severityRank(b.severity));
  const sups = findSuppressions(text);
  const index = sups.length ? new LineIndex(text) : null;
  const { kept, suppressed } = applySuppressions(findings, sups, (o) => index!.positionAt(o).line);
  return { model, findings: kept, suppressed, failures, context: ctx, identity };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
export function severityRank(s: Severity): number {
  return RANK[s];
}

/** The fixes that are safe to apply unattended: preferred ones, without overlapping edits. */
export function fixAllEdits(findings: Finding[], filter?: (f: Finding) => boolean): Edit[] {
  const chosen: Edit[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (filter && !filter(f)) continue;
    const fix: Fix | undefined = f.fixes.find((x) => x.unattended ?? x.preferred);
    if (!fix) continue;
    const key = fix.edits.map((e) => `${e.start}:${e.end}:${e.newText}`).join('|');
    if (seen.has(key)) continue;
    if (fix.edits.some((e) => chosen.some((c) => overlaps(c, e)))) continue;
    seen.add(key);
    chosen.push(...fix.edits);
  }
  return chosen;
}

/** Two edits collide when their ranges intersect or both insert at one point. */
function overlaps(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

const MARKERS = ['本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量', '结转下年度继续办理', '第二十条第', '予以公开', '结果维持', '政府信息公开工作年度报告', '政府信息公开年度报告', '政府信息公开工作报告', '主动公开政府信息情况', '依申请公开情况', '统计指标', '政府信息公开情况统计表'];

/** Does a plaintext or markdown document look like a report (for `nianbao.detect: auto`)? */
export function looksLikeReport(text: string): boolean {
  const head = text.length > 400_000 ? text.slice(0, 400_000) : text;
  const compact = simplifyDocument(head).replace(/[\s|｜]+/g, '');
  let hits = 0;
  for (const m of MARKERS) if (compact.includes(m)) hits++;
  return hits >= 2;
}
