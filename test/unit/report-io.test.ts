// What a report file is, declared once (io/kinds.ts), read by one reader (io/report.ts),
// and each report parsed once per CLI run (issue 14, item 5).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { runCli } from '../../server/src/cli/run';
import { parse } from '../../server/src/engine';
import { isReportPath, NAMED_REPORT_PATTERNS, REPORT_GLOB, REPORT_KINDS, reportByName, reportKind } from '../../server/src/io/kinds';
import { readReport } from '../../server/src/io/report';
import { WorkspaceIndex } from '../../server/src/workspace';
import { defaultSpec, render } from '../support/generate';
import { REPO, SEED, SEEDS } from '../support/paths';

const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), `nianbao-${prefix}-`));
const EXTENSIONS = REPORT_KINDS.flatMap((k) => k.extensions.map((e) => e.slice(1)));

describe('report file kinds (io/kinds.ts)', () => {
  test('the kinds by name: .txt .md .markdown .nianbao .html .htm .docx, any case; nothing else', () => {
    for (const f of ['a.txt', 'B.TXT', 'dir.md/x.md', 'x.markdown', 'x.nianbao', 'C:\\报告\\x.Md', 'x.html', 'X.HTM', 'x.docx']) assert.ok(isReportPath(f), f);
    assert.equal(reportKind('x.htm')?.format, 'html');
    for (const f of ['x.xhtml5', 'x.docx.bak', 'x.txt.bak', 'x.mdx', 'txt', 'x.nianbao/readme', 'x']) assert.ok(!isReportPath(f), f);
    assert.equal(reportKind('x.markdown')?.format, 'markdown');
    assert.equal(reportKind('x.nianbao')?.format, 'text');
    assert.equal(reportKind('x.DOCX')?.format, 'docx');
  });
  test('the watcher glob is derived from the kinds', () => {
    assert.equal(REPORT_GLOB, '**/*.{txt,md,markdown,nianbao,html,htm,docx,pdf}');
  });
  test('the name makes a report: .nianbao from `extension` on; *年度报告*.txt only at `name`, and by the file name, not its folder', () => {
    assert.equal(reportByName('/a/x.nianbao', 'content'), false);
    assert.equal(reportByName('/a/x.nianbao', 'extension'), true);
    assert.equal(reportByName('/a/示例区2022年政府信息公开工作年度报告.txt', 'extension'), false);
    assert.equal(reportByName('/a/示例区2022年政府信息公开工作年度报告.txt', 'name'), true);
    assert.equal(reportByName('/a/示例区2022年報.TXT', 'name'), true);
    assert.equal(reportByName('/a/2022年度报告/说明.txt', 'name'), false);
    assert.equal(reportByName('/a/2022年度报告.md', 'name'), false);
  });
});

describe('one declaration: the client, package.json and the sources agree with io/kinds.ts', () => {
  test("the client's file watcher uses REPORT_GLOB from io/kinds (and only that io file)", () => {
    const src = readFileSync(path.join(REPO, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(src, /createFileSystemWatcher\(REPORT_GLOB\)/);
    assert.match(src, /import \{[^}]*\bREPORT_GLOB\b[^}]*\} from '\.\.\/\.\.\/server\/src\/io\/kinds'/);
    // What the client bundle is made of: the kinds are in it, the reader (fs, iconv-lite, the engine's parser) is not.
    const { metafile } = esbuild.buildSync({ entryPoints: [path.join(REPO, 'client', 'src', 'extension.ts')], absWorkingDir: REPO, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(metafile!.inputs);
    assert.ok(inputs.includes('server/src/io/kinds.ts'), inputs.join('\n'));
    assert.deepEqual(inputs.filter((f) => /^server\/src\/io\/(report|decode)\.ts$|iconv-lite|^server\/src\/engine\/parse/.test(f)), []);
  });
  test("package.json's nianbao language: extensions and filenamePatterns are the kinds'", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'nianbao');
    assert.deepEqual(lang.extensions, REPORT_KINDS.filter((k) => k.reportByExtension).flatMap((k) => k.extensions));
    assert.deepEqual(lang.filenamePatterns, NAMED_REPORT_PATTERNS);
  });
  test('no other file under server/src or client/src declares report file endings, globs or name patterns', () => {
    const ext = EXTENSIONS.join('|');
    const inRegex = new RegExp(`\\\\\\.(?:\\(\\?:|\\()?(?:[a-z|]*\\|)?(?:${ext})\\b`, 'i'); // \.txt  \.(md|markdown)  \.(?:txt|md)
    const glob = new RegExp(`\\*\\.(?:${ext})\\b|\\{[^}]*\\b(?:${ext})\\b[^}]*\\}|年度报告\\*`, 'i'); // *.txt  {txt,md}  *年度报告*
    const exact = new RegExp(`^\\.(?:${ext})$`, 'i'); // '.nianbao'
    const offenders: string[] = [];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts')) files.push(full);
      }
    };
    walk(path.join(REPO, 'server', 'src'));
    walk(path.join(REPO, 'client', 'src'));
    for (const file of files) {
      const rel = path.relative(REPO, file).split(path.sep).join('/');
      if (rel === 'server/src/io/kinds.ts') continue;
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        let bad = false;
        if (ts.isRegularExpressionLiteral(node)) bad = inRegex.test(node.text);
        else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) bad = glob.test(node.text) || exact.test(node.text);
        else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) bad = glob.test(node.text); // `${id}.md` names a file, it declares no kind
        if (bad) offenders.push(`${rel}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 60)}`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    assert.deepEqual(offenders, []);
  });
});

describe('readReport (io/report.ts)', () => {
  const report = render(defaultSpec({ year: 2022 }), 'pipe');
  test('a report: text, encoding, format by kind', async () => {
    const dir = tmp('read');
    writeFileSync(path.join(dir, 'r.md'), report);
    const r = await readReport(path.join(dir, 'r.md'), { maxSize: 1e6 });
    assert.ok(!r.skipped);
    assert.equal(r.text, report);
    assert.equal(r.encoding, 'utf-8');
    assert.deepEqual(r.replaced, []);
    assert.equal(r.format, 'markdown');
  });
  test('not a report unless the name makes it one at the trust given', async () => {
    const dir = tmp('read');
    for (const name of ['notes.txt', 'notes.nianbao', '某区2022年度报告.txt']) writeFileSync(path.join(dir, name), 'shopping list\n');
    const at = async (name: string, trust: 'content' | 'extension' | 'name') => (await readReport(path.join(dir, name), { maxSize: 1e6, trust })).skipped ?? 'read';
    assert.equal(await at('notes.txt', 'name'), 'not a report');
    assert.equal(await at('notes.nianbao', 'content'), 'not a report');
    assert.equal(await at('notes.nianbao', 'extension'), 'read');
    assert.equal(await at('某区2022年度报告.txt', 'extension'), 'not a report');
    assert.equal(await at('某区2022年度报告.txt', 'name'), 'read');
    const r = await readReport(path.join(dir, 'notes.txt'), { maxSize: 1e6 });
    assert.equal(r.skipped, 'not a report');
    assert.equal(r.decoded?.encoding, 'utf-8');
  });
  test('too large, not a regular file, missing: skipped with a detail, never thrown', async () => {
    const dir = tmp('read');
    writeFileSync(path.join(dir, 'big.txt'), report);
    assert.deepEqual(await readReport(path.join(dir, 'big.txt'), { maxSize: 100 }), { skipped: 'too large', detail: `${Buffer.byteLength(report)} > 100 bytes` });
    assert.deepEqual(await readReport(dir, { maxSize: 100 }), { skipped: 'not a regular file', detail: 'directory' });
    assert.deepEqual(await readReport(path.join(dir, 'none.txt'), { maxSize: 100 }), { skipped: 'unreadable', detail: 'ENOENT' });
    if (process.platform !== 'win32' && spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]).status === 0) {
      assert.deepEqual(await readReport(path.join(dir, 'pipe.txt'), { maxSize: 100 }), { skipped: 'not a regular file', detail: 'named pipe' });
    }
  });
  test('the workspace index: a report, a text file that is not one, a .nianbao by its name', async () => {
    const dir = tmp('index');
    writeFileSync(path.join(dir, '示例区2022年政府信息公开工作年度报告.txt'), report);
    writeFileSync(path.join(dir, '说明.txt'), 'shopping list\n');
    writeFileSync(path.join(dir, 'x.nianbao'), 'shopping list\n');
    const index = new WorkspaceIndex();
    assert.ok(await index.indexFile(path.join(dir, '示例区2022年政府信息公开工作年度报告.txt')));
    assert.equal(await index.indexFile(path.join(dir, '说明.txt')), null);
    assert.ok(await index.indexFile(path.join(dir, 'x.nianbao')));
  });
});

describe('the CLI parses each report once', () => {
  test('the seeds folder: five reports, five parses', async () => {
    // Other modules call parse() through the live binding of the module that defines it
    // (compiled to CommonJS: `parse_1.parse(…)`), so replacing it there counts every caller.
    // The defining module is found by its writable `parse` (re-exports are getters), wherever it lives.
    const original = parse as unknown as (...a: unknown[]) => unknown;
    const owners = Object.values(require.cache).filter((m) => m && Object.getOwnPropertyDescriptor(m.exports, 'parse')?.writable && m.exports.parse === original);
    assert.ok(owners.length >= 1, 'the module that defines parse()');
    let calls = 0;
    const counting = (...a: unknown[]) => {
      calls++;
      return original(...a);
    };
    for (const m of owners) m!.exports.parse = counting;
    try {
      for (const format of ['json', 'text', 'sarif']) {
        calls = 0;
        let out = '';
        const code = await runCli(['check', '--format', format, SEEDS], { stdout: (s) => (out += s), stderr: () => undefined });
        assert.equal(code, 1);
        assert.ok(out.includes(path.basename(SEED.s000)));
        assert.equal(calls, 5, `--format ${format}`);
      }
    } finally {
      for (const m of owners) m!.exports.parse = original;
    }
  });
});
