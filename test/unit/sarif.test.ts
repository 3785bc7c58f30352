// `nianbao check --format sarif`: valid SARIF 2.1.0 (the schema shipped in
// @microsoft/jest-sarif, validated with ajv), the same findings as the JSON output,
// UTF-16 columns, fixes that apply, exit codes as the other formats.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { artifactUri } from '../../server/src/cli/sarif';
import { applyEdits, check, LineIndex, RULES } from '../../server/src/engine';
import { REPO, SEED, SEEDS } from '../support/paths';
import { cli } from '../support/cli';

const SCHEMA_FILE = path.join(REPO, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

function validator() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  // The schema's `language` pattern is not valid with the u flag; JSON Schema patterns are ECMA-262 without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = validator();

function assertValid(log: unknown) {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Loc {
  physicalLocation: { artifactLocation: { uri: string; index: number }; region: Region };
  message?: { text: string };
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Loc[];
  relatedLocations?: Loc[];
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[]; properties: { preferred: boolean } }[];
  properties: { severity: string; cell?: unknown; expected?: number; actual?: number };
}
interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function asRegion(r: JsonRange): Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** SARIF region (1-based, UTF-16 columns, exclusive end) → offsets into the text. */
function offsets(idx: LineIndex, r: Region): { start: number; end: number } {
  return {
    start: idx.offsetAt({ line: r.startLine - 1, character: r.startColumn - 1 }),
    end: idx.offsetAt({ line: r.endLine - 1, character: r.endColumn - 1 }),
  };
}

describe('nianbao check --format sarif', () => {
  test('the seeds folder: a valid SARIF 2.1.0 log with tool, rules and one artifact per file', async () => {
    const r = await cli(['check', '--format', 'sarif', SEEDS]);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assertValid(log);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.tool.driver.name, 'nianbao');
    assert.equal(run.tool.driver.version, JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    assert.deepEqual(
      run.tool.driver.rules.map((x: { id: string }) => x.id),
      RULES.map((x) => x.id),
    );
    for (const [i, rule] of run.tool.driver.rules.entries()) {
      assert.equal(rule.shortDescription.text, RULES[i].en);
      assert.equal(rule.fullDescription.text, RULES[i].descriptionEn);
      assert.equal(rule.properties.nameZh, RULES[i].zh);
      assert.equal(rule.properties.descriptionZh, RULES[i].descriptionZh);
      assert.equal(rule.properties.docs, `docs/rules/${RULES[i].id}.md`);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[RULES[i].severity]);
    }
    assert.equal(run.artifacts.length, 5);
    for (const res of run.results as Result[]) {
      const loc = res.locations[0].physicalLocation.artifactLocation;
      assert.equal(run.artifacts[loc.index].location.uri, loc.uri);
      if (res.ruleIndex !== undefined) assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    }
  });

  test('seed 000: the four errors on line 156, each the same finding as in the JSON output', async () => {
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', SEED.s000])).stdout);
    const json = JSON.parse((await cli(['check', '--format', 'json', SEED.s000])).stdout);
    const results: Result[] = sarif.runs[0].results;
    const diags = json.files[0].diagnostics;
    assert.equal(results.length, diags.length);
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as Record<string, string>;
    results.forEach((res, i) => {
      const d = diags[i];
      assert.equal(res.ruleId, d.code);
      assert.equal(res.level, level[d.severity]);
      assert.equal(res.properties.severity, d.severity);
      assert.equal(res.message.text, d.message);
      assert.deepEqual(res.locations[0].physicalLocation.region, asRegion(d.range));
      assert.deepEqual(res.properties.cell, d.cell);
      assert.equal(res.properties.expected, d.expected);
      assert.deepEqual(
        (res.relatedLocations ?? []).map((x) => ({ region: x.physicalLocation.region, message: x.message?.text })),
        d.related.map((x: { range: JsonRange; message: string }) => ({ region: asRegion(x.range), message: x.message })),
      );
      assert.deepEqual(
        (res.fixes ?? []).map((x) => ({
          title: x.description.text,
          preferred: x.properties.preferred,
          edits: x.artifactChanges[0].replacements.map((e) => ({ region: e.deletedRegion, newText: e.insertedContent.text })),
        })),
        d.fixes.map((x: { title: string; preferred: boolean; edits: { range: JsonRange; newText: string }[] }) => ({
          title: x.title,
          preferred: x.preferred,
          edits: x.edits.map((e) => ({ region: asRegion(e.range), newText: e.newText })),
        })),
      );
    });
    const errors = results.filter((x) => x.level === 'error');
    assert.equal(errors.length, 4);
    for (const e of errors) {
      assert.ok(['carry-over', 'results-total'].includes(e.ruleId), e.ruleId);
      assert.equal(e.locations[0].physicalLocation.region.startLine, 156);
      assert.ok(e.fixes?.some((x) => x.properties.preferred && x.artifactChanges[0].replacements[0].insertedContent.text === '5'));
    }
    // 1-based: the （七）总计·自然人 cell is the ninth UTF-16 code unit of line 156.
    assert.deepEqual(errors.find((x) => x.ruleId === 'carry-over')!.locations[0].physicalLocation.region, { startLine: 156, startColumn: 9, endLine: 156, endColumn: 10 });
  });

  test('regions count UTF-16 code units and the preferred fixes, applied, clear the errors', async () => {
    const text = readFileSync(SEED.s000, 'utf8');
    const idx = new LineIndex(text);
    const results: Result[] = JSON.parse((await cli(['check', '--format', 'sarif', SEED.s000])).stdout).runs[0].results;
    const errors = results.filter((x) => x.level === 'error');
    for (const e of errors) {
      const { start, end } = offsets(idx, e.locations[0].physicalLocation.region);
      assert.equal(text.slice(start, end), '0');
    }
    const edits = new Map<string, { start: number; end: number; newText: string }>();
    for (const e of errors)
      for (const r of e.fixes!.find((x) => x.properties.preferred)!.artifactChanges[0].replacements) {
        const o = offsets(idx, r.deletedRegion);
        edits.set(`${o.start}:${o.end}`, { ...o, newText: r.insertedContent.text });
      }
    const fixed = applyEdits(text, [...edits.values()]);
    assert.deepEqual(
      check(fixed).findings.filter((f) => f.severity === 'error'),
      [],
    );
  });

  test('relative paths stay relative URI references, percent-encoded; absolute paths become file: URIs', async () => {
    const sample = path.join(REPO, 'test', 'samples', '示例县2022年政府信息公开工作年度报告.txt');
    const rel = path.relative(process.cwd(), sample);
    const r = await cli(['check', '--format', 'sarif', rel]);
    const log = JSON.parse(r.stdout);
    assertValid(log);
    const uri: string = log.runs[0].artifacts[0].location.uri;
    assert.ok(!uri.includes(':'), uri);
    assert.match(uri, /^[\x21-\x7e]+$/);
    assert.equal(decodeURIComponent(uri), rel.split(path.sep).join('/'));
    assert.equal(artifactUri('/tmp/年报 2020.txt'), 'file:///tmp/%E5%B9%B4%E6%8A%A5%202020.txt');
    assert.equal(artifactUri(path.join('a b', 'c#1.txt')), 'a%20b/c%231.txt');
  });

  test('--locale en: English messages, run.language en-US', async () => {
    const log = JSON.parse((await cli(['check', '--format=sarif', '--locale', 'en', SEED.s000])).stdout);
    assertValid(log);
    assert.equal(log.runs[0].language, 'en-US');
    assert.match(log.runs[0].results.find((x: Result) => x.ruleId === 'carry-over').message.text, /carry-over does not hold/);
  });

  test('exit status as the other formats: 0 without errors, 2 for an unreadable path', async () => {
    const ok = await cli(['check', '--format', 'sarif', SEED.s003, SEED.s004]);
    assert.equal(ok.code, 0);
    assertValid(JSON.parse(ok.stdout));
    const bad = await cli(['check', '--format', 'sarif', path.join(SEEDS, 'does-not-exist.txt')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot read .*does-not-exist\.txt: ENOENT/);
    // The log is still written: no results, the invocation unsuccessful, the file named in a notification.
    const log = JSON.parse(bad.stdout);
    assertValid(log);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /not checked: unreadable \(ENOENT\)/);
  });

  test('suppressed findings are results with in-source suppressions, and the log stays valid', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-sarif-'));
    const file = path.join(dir, '000.txt');
    const lines = readFileSync(SEED.s000, 'utf8').split('\n');
    lines.splice(155, 0, '<!-- nianbao-disable-next-line carry-over -- 原因：口径调整 -->'); // above the （七）总计 row
    writeFileSync(file, lines.join('\n'));
    const plain = await cli(['check', '--format', 'sarif', SEED.s000]);
    const r = await cli(['check', '--format', 'sarif', file]);
    const log = JSON.parse(r.stdout);
    assertValid(log);
    const results = log.runs[0].results as { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[];
    assert.equal(results.length, JSON.parse(plain.stdout).runs[0].results.length, 'every finding is a result, suppressed or not');
    const sup = results.filter((x) => x.suppressions);
    assert.deepEqual(sup.map((x) => x.ruleId), ['carry-over', 'carry-over']);
    for (const x of sup) assert.deepEqual(x.suppressions, [{ kind: 'inSource', status: 'accepted', justification: '原因：口径调整' }]);
  });

  test('the validator has teeth: LSP severities, 0-based lines and relative helpUris are rejected', async () => {
    const good = JSON.parse((await cli(['check', '--format', 'sarif', SEED.s000])).stdout);
    assertValid(good);
    const mutate = (f: (log: any) => void) => {
      const log = structuredClone(good);
      f(log);
      return validate(log);
    };
    assert.equal(mutate((l) => (l.runs[0].results[0].level = 'information')), false);
    assert.equal(mutate((l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)), false);
    assert.equal(mutate((l) => (l.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/carry-over.md')), false);
    assert.equal(mutate((l) => (l.runs[0].columnKind = 'utf16')), false);
  });

  test('an empty run (a folder with no reports) is still valid SARIF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-sarif-'));
    writeFileSync(path.join(dir, 'notes.txt'), 'shopping list: milk, eggs');
    const r = await cli(['check', '--format', 'sarif', dir]);
    assert.equal(r.code, 0);
    const log = JSON.parse(r.stdout);
    assertValid(log);
    assert.deepEqual(log.runs[0].results, []);
  });
});
