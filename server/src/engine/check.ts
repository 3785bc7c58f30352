// The engine's entry point: text → model → findings. Pure: no editor, no I/O.

import type { RuleId, Severity } from './declarations';
import type { DeadlineOptions, Edit, Finding, Fix, RuleContext, SourceInfo, TextReuseOptions } from './findings';
import { identifyReport } from './title';
import { normalizeLocale, type Locale } from './i18n';
import { simplifyDocument } from './chinese';
import type { ReportIdentity, ReportModel, YearFacts } from './model';
import { parse } from './parse';
import { RULES } from './rules';
import { applySuppressions, findSuppressions } from './suppress';
import { lookupWithAliases, type BodyAliases } from './years';
import { applyEdits, LineIndex } from './text';
import type { AggregationOption } from './model';

/** The values a rule's setting takes (VS Code's `nianbao.rules`, `.nianbao.jsonc`'s `rules`): keep the rule's own severity, turn it off, or set one. */
export const RULE_SETTINGS = ['default', 'off', 'error', 'warning', 'information', 'hint'] as const satisfies readonly ('off' | 'default' | Severity)[];
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export interface CheckOptions {
  locale?: Locale | string;
  /** Per rule: turn off, or override the severity of its findings. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** The report's path or URI: names the body when the title does not. */
  path?: string;
  /** The same body's report of another year (cross-year checks). */
  lookup?: (bodyKey: string, year: number) => YearFacts | null;
  /** Other spellings of bodies' names (body → its other names): `lookup` also tries the other spellings of the report's body. */
  aliases?: BodyAliases;
  /** How the text was read from its file (encoding, replaced bytes), for the `encoding` rule. */
  source?: SourceInfo;
  /** `parse(text)` when the caller has it already (the CLI parses each report once for its year facts): not parsed again. */
  model?: ReportModel;
  /** Local publication deadlines ('MM-DD'), for the `deadline` rule. */
  deadlines?: DeadlineOptions;
  /** The `text-reuse` rule's threshold. */
  textReuse?: TextReuseOptions;
  /** Reports that aggregate others' (`.nianbao.jsonc`'s `aggregations`), for the `aggregate` rule; their parts come through `lookup`. */
  aggregations?: readonly AggregationOption[];
}

export interface CheckResult {
  model: ReportModel;
  findings: Finding[];
  /** Findings silenced by `<!-- nianbao-disable… -->` comments. */
  suppressed: Finding[];
  /** Findings a baseline file's entries matched (fingerprint.ts `applyBaseline`); absent when no baseline applies. */
  baselined?: Finding[];
  /** The rules' shared context (model, locale), for outline and summaries. */
  context: RuleContext;
  identity: ReportIdentity;
  /** Rules that threw; reported, never fatal. */
  failures: { rule: RuleId; error: string }[];
}

export function check(text: string, options: CheckOptions = {}): CheckResult {
  const locale = normalizeLocale(options.locale);
  const model = options.model ?? parse(text);
  const identity = identifyReport(text, options.path, model.year);
  const lookup = options.lookup && options.aliases ? lookupWithAliases(options.lookup, options.aliases) : options.lookup;
  const ctx: RuleContext = { model, locale, identity, lookup, source: options.source, deadlines: options.deadlines, textReuse: options.textReuse, aggregations: options.aggregations, aliases: options.aliases };
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

/** Fix-all re-checks at most this many times (a fixed point is reached in two or three). */
const MAX_FIX_PASSES = 8;

/**
 * Fix-all to its fixed point, in one application: the preferred fixes are applied, the
 * result re-checked and its preferred fixes applied in turn (a blank filled makes the next
 * one implied; a table made assessable can locate its culprit), until none is left. The
 * final state is returned as edits against `text`, non-overlapping, each a fix's edit or
 * the merge of several on one place (a blank filled, then its value changed).
 * `findings`: the findings of `text` under `options`, when the caller has them.
 */
export function fixAll(text: string, options: CheckOptions = {}, filter?: (f: Finding) => boolean, findings?: Finding[]): Edit[] {
  let done: Edit[] = [];
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fs = pass === 0 && findings ? findings : check(current, options).findings;
    // An edit that writes what is already there changes nothing (and would never end).
    const next = fixAllEdits(fs, filter).filter((e) => current.slice(e.start, e.end) !== e.newText);
    if (next.length === 0) break;
    done = composeEdits(done, current, next);
    current = applyEdits(current, next);
  }
  return done;
}

/**
 * `done`: edits against some original text (sorted, non-overlapping) that gave `current`;
 * `next`: edits against `current` (non-overlapping). The edits against the original text
 * that give `current` with `next` applied: an edit of `next` that touches none of `done`'s
 * replacements is moved back by the length they added before it; one that touches any
 * is merged with them into one edit.
 */
export function composeEdits(done: Edit[], current: string, next: Edit[]): Edit[] {
  type Item = { cs: number; ce: number; done?: Edit; next?: Edit };
  const items: Item[] = [];
  // Where each edit of `done` lies in `current`, and the shift it leaves after it.
  const spans: { cs: number; ce: number; shiftAfter: number }[] = [];
  let shift = 0;
  for (const e of [...done].sort((a, b) => a.start - b.start)) {
    const cs = e.start + shift;
    shift += e.newText.length - (e.end - e.start);
    spans.push({ cs, ce: cs + e.newText.length, shiftAfter: shift });
    items.push({ cs, ce: cs + e.newText.length, done: e });
  }
  for (const e of next) items.push({ cs: e.start, ce: e.end, next: e });
  items.sort((a, b) => a.cs - b.cs || a.ce - b.ce);
  /** An offset of `current` outside every replacement (or on its edge) → the original's; null inside one. */
  const back = (p: number): number | null => {
    let shiftBefore = 0;
    for (const sp of spans) {
      if (sp.cs < p && p < sp.ce) return null;
      if (sp.ce <= p) shiftBefore = sp.shiftAfter;
      else break;
    }
    return p - shiftBefore;
  };
  const out: Edit[] = [];
  let i = 0;
  while (i < items.length) {
    const group = [items[i]];
    let ce = items[i].ce;
    let hasNext = !!items[i].next;
    for (i++; i < items.length; i++) {
      const b = items[i];
      // Overlapping, or touching where one of them is new (an insertion on the edge of an earlier replacement).
      if (b.cs < ce || (b.cs === ce && (hasNext || b.next))) {
        group.push(b);
        ce = Math.max(ce, b.ce);
        hasNext ||= !!b.next;
      } else break;
    }
    if (!hasNext) {
      out.push(group[0].done!);
      continue;
    }
    const cs = group[0].cs;
    let start = Infinity;
    let end = -Infinity;
    for (const g of group) {
      const s = g.done ? g.done.start : back(g.cs);
      const e = g.done ? g.done.end : back(g.ce);
      if (s !== null) start = Math.min(start, s);
      if (e !== null) end = Math.max(end, e);
    }
    let newText = '';
    let at = cs;
    for (const g of group) {
      if (!g.next) continue;
      newText += current.slice(at, g.next.start) + g.next.newText;
      at = g.next.end;
    }
    newText += current.slice(at, ce);
    out.push({ start, end, newText });
  }
  return out.sort((a, b) => a.start - b.start);
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
