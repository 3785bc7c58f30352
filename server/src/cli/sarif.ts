// SARIF 2.1.0 output (`nianbao check --format sarif`), for code-scanning tools and CI.
//
// One run for all files. Regions are 1-based lines and columns; columns count UTF-16
// code units (`columnKind: utf16CodeUnits`, as the engine and LSP do), end columns are
// exclusive. Rule metadata comes from the rule table; text fields are English, the
// Chinese names and descriptions are in `properties`. Messages follow `--locale`.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex, RULES, type Finding, type Range, type Severity } from '../engine';
import type { SlimResult } from './checkFile';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

/** nianbao's version from the package.json above this file (dist/ in the package, out/server/src/cli/ in tests). */
export function packageVersion(): string {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'nianbao' && pkg.version) return pkg.version;
    } catch {
      // not here
    }
  }
  return '0.0.0';
}

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifArtifactLocation {
  uri: string;
  /** Index into run.artifacts; absent for a place in a report outside the run's artifacts list. */
  index?: number;
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion };
  message?: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  fixes?: {
    description: { text: string };
    artifactChanges: { artifactLocation: SarifArtifactLocation; replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[];
    properties: { preferred: boolean };
  }[];
  /**
   * For a finding silenced by a `nianbao-disable` comment: SARIF's in-source suppression, with the comment's reason;
   * for one a baseline file matched: an external suppression, with the review's reason.
   */
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification?: string }[];
  /** When a baseline file applies to the file: `unchanged` for a finding it matched, `new` for the others. */
  baselineState?: 'new' | 'unchanged';
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: Record<string, unknown> };
    invocations: Record<string, unknown>[];
    language: string;
    columnKind: 'utf16CodeUnits';
    artifacts: { location: { uri: string }; roles: string[]; sourceLanguage: string }[];
    results: SarifResult[];
  }[];
}

/** A path as given → a URI reference: relative paths stay relative (segments percent-encoded), absolute ones become file: URIs. */
export function artifactUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file; // already a URI
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(path.sep === '\\' ? /[\\/]/ : '/')
    .map((s) => (s === '.' || s === '..' ? s : encodeURIComponent(s)))
    .join('/');
}

/** `carry-over` → `CarryOver` (SARIF's reportingDescriptor.name is an identifier). */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}

function region(r: Range): SarifRegion {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function sarifLanguage(locale: string): string {
  return /^en/i.test(locale) ? 'en-US' : 'zh-CN';
}

function toResult(f: Finding, idx: LineIndex, artifact: SarifArtifactLocation, baseline: boolean): SarifResult {
  const ruleIndex = RULES.findIndex((r) => r.id === f.code);
  const location = (start: number, end: number) => ({ artifactLocation: { ...artifact }, region: region(idx.range(start, end)) });
  const properties: Record<string, unknown> = { severity: f.severity };
  if (f.cell) properties.cell = f.cell;
  if (f.expected !== undefined) properties.expected = f.expected;
  if (f.actual !== undefined) properties.actual = f.actual;
  const result: SarifResult = {
    ruleId: f.code,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: location(f.start, f.end) }],
  } as SarifResult;
  if (f.related.length)
    result.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      // A related place in another report (cross-year) is named by that report's path.
      physicalLocation: r.external ? { artifactLocation: { uri: artifactUri(r.external.location) }, region: region(r.external.range) } : location(r.start, r.end),
      message: { text: r.message },
    }));
  const fixes = f.fixes.filter((x) => x.edits.length > 0);
  if (fixes.length)
    result.fixes = fixes.map((x) => ({
      description: { text: x.title },
      artifactChanges: [
        {
          artifactLocation: { ...artifact },
          replacements: x.edits.map((e) => ({ deletedRegion: region(idx.range(e.start, e.end)), insertedContent: { text: e.newText } })),
        },
      ],
      properties: { preferred: x.preferred },
    }));
  if (f.suppression)
    result.suppressions = [{ kind: f.suppression.kind === 'baseline' ? 'external' : 'inSource', status: 'accepted', ...(f.suppression.reason ? { justification: f.suppression.reason } : {}) }];
  if (baseline) result.baselineState = f.suppression?.kind === 'baseline' ? 'unchanged' : 'new';
  result.properties = properties;
  return result;
}

export function toSarif(
  results: { file: string; result: SlimResult }[],
  options: { locale?: string; version?: string; skipped?: { file: string; reason: string; explicit: boolean; detail?: string }[] } = {},
): SarifLog {
  const rules = RULES.map((r) => ({
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.en },
    fullDescription: { text: r.descriptionEn },
    help: { text: `${r.descriptionEn}\n\n${r.zh}：${r.descriptionZh}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { nameZh: r.zh, descriptionZh: r.descriptionZh, docs: `docs/rules/${r.id}.md`, severity: r.severity },
  }));
  const notifications: Record<string, unknown>[] = results.flatMap(({ file, result }) =>
    result.failures.map((x) => ({
      level: 'error',
      message: { text: `internal error in rule ${x.rule} on ${file}: ${x.error.split('\n')[0]}` },
      associatedRule: { id: x.rule, ...(RULES.findIndex((r) => r.id === x.rule) >= 0 ? { index: RULES.findIndex((r) => r.id === x.rule) } : {}) },
    })),
  );
  // Files not checked: an error for a file named on the command line, a note for one found in a folder.
  const skipped = options.skipped ?? [];
  for (const s of skipped)
    notifications.push({
      level: s.explicit ? 'error' : 'note',
      message: { text: `not checked: ${s.reason}${s.detail ? ` (${s.detail})` : ''}: ${s.file}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(s.file) } } }],
    });
  const artifacts = results.map(({ file }) => ({ location: { uri: artifactUri(file) }, roles: ['analysisTarget'], sourceLanguage: 'nianbao' }));
  const out: SarifResult[] = [];
  results.forEach(({ file, result }, index) => {
    const idx = new LineIndex(result.model.text);
    const artifact = { uri: artifactUri(file), index };
    // Suppressed and baselined findings are results too, marked with `suppressions` (viewers hide or list them as such).
    const more = [...result.suppressed, ...(result.baselined ?? [])];
    const findings = more.length ? [...result.findings, ...more].sort((a, b) => a.start - b.start) : result.findings;
    for (const f of findings) out.push(toResult(f, idx, artifact, result.baselined !== undefined));
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'nianbao', version: options.version ?? packageVersion(), rules } },
        invocations: [{ executionSuccessful: !skipped.some((s) => s.explicit), ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        language: sarifLanguage(options.locale ?? 'zh-cn'),
        columnKind: 'utf16CodeUnits',
        artifacts,
        results: out,
      },
    ],
  };
}
