// The editor scenarios of test/e2e/codeserver.test.mjs, through the VS Code
// API, inside a desktop VS Code's extension host (mocha, run by @vscode/test-cli
// from test/electron/run.mjs). The workspace holds fresh copies of
// test/e2e/fixtures/.

const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');

const BROKEN = '栾城区2020年政府信息公开工作年度报告.txt';
const CLEAN = '更正版-栾城区2020年政府信息公开工作年度报告.txt';
const NATURAL_PERSON = 0; // column indexes of table 三
const TOTAL = 6;

const workspace = () => vscode.workspace.workspaceFolders[0].uri;
const fileUri = (name) => vscode.Uri.joinPath(workspace(), name);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The （七）总计 row: its 0-based line and the ranges of its values. */
function resultsTotalRow(text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^[(（]七[)）]总计\s*\|/.test(l));
  assert.ok(line >= 0, 'no （七）总计 row');
  const cells = [];
  const re = /\|\s*([^|\s][^|]*?)\s*(?=\|)/g;
  for (let m; (m = re.exec(lines[line])); ) {
    const start = m.index + m[0].indexOf(m[1]);
    cells.push(new vscode.Range(line, start, line, start + m[1].length));
    re.lastIndex = m.index + m[0].length;
  }
  return { line, cells };
}

const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));

async function waitFor(fn, message, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(typeof message === 'function' ? message() : message);
    await sleep(200);
  }
}

/** Diagnostics of a document once the given codes are all among them. */
function diagnosticsWith(uri, codes) {
  return waitFor(
    () => {
      const d = vscode.languages.getDiagnostics(uri);
      return codes.every((c) => d.some((x) => codeOf(x) === c)) ? d : null;
    },
    () => `no ${codes.join(' + ')} diagnostics; got ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [codeOf(d), d.message]))}`,
  );
}

async function open(name) {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('nianbao through the VS Code API', () => {
  const row = resultsTotalRow(readFileSync(join(process.env.NIANBAO_ELECTRON_FIXTURES, BROKEN), 'utf8'));

  it('gives the report the nianbao language', async () => {
    const doc = await open(BROKEN);
    assert.equal(doc.languageId, 'nianbao');
  });

  it('reports carry-over and results-total errors on the wrong cell', async () => {
    const uri = fileUri(BROKEN);
    const diagnostics = await diagnosticsWith(uri, ['carry-over', 'results-total']);
    for (const code of ['carry-over', 'results-total']) {
      const hits = diagnostics.filter((d) => codeOf(d) === code);
      assert.ok(hits.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `${code} is not an error`);
      assert.ok(hits.some((d) => d.message.includes('总计')), `no ${code} message mentions 总计`);
      assert.ok(hits.some((d) => d.range.start.line === row.line), `no ${code} diagnostic on the （七）总计 line`);
    }
  });

  it('the hover on the wrong cell states the identity with its numbers', async () => {
    const hovers = await vscode.commands.executeCommand(
      'vscode.executeHoverProvider', fileUri(BROKEN), row.cells[NATURAL_PERSON].start,
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /一\s*5\s*\+\s*二\s*0/, `hover: ${text}`);
    assert.match(text, /✘/, `hover: ${text}`);
  });

  it('the preferred quick fix sets both （七）总计 cells of the unique repair, and nothing else', async () => {
    const uri = fileUri(BROKEN);
    const doc = await open(BROKEN);
    const before = doc.getText();
    const cell = row.cells[NATURAL_PERSON];
    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider', uri, cell, vscode.CodeActionKind.QuickFix.value,
    );
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, `no preferred quick fix with an edit; got ${JSON.stringify(actions.map((a) => a.title))}`);
    // The text it should leave: its own edits applied, last first, and nothing else.
    const edits = preferred.edit.entries().flatMap(([u, es]) => (u.toString() === uri.toString() ? es : []));
    assert.ok(edits.some((e) => e.range.isEqual(cell) && e.newText === '5'), `the fix does not set the 自然人 cell to 5: ${JSON.stringify(edits)}`);
    const expected = edits
      .map((e) => ({ from: doc.offsetAt(e.range.start), to: doc.offsetAt(e.range.end), text: e.newText }))
      .sort((a, b) => b.from - a.from)
      .reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), before);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    await vscode.commands.executeCommand('workbench.action.files.save');
    // The unique repair sets both （七）总计 cells (自然人 and 总计), in one fix.
    assert.ok(edits.some((e) => e.range.isEqual(row.cells[TOTAL]) && e.newText === '5'), `the fix does not set the 总计 cell to 5: ${JSON.stringify(edits)}`);
    assert.equal(edits.length, 2, `the fix edits other cells too: ${JSON.stringify(edits)}`);
    assert.equal(readFileSync(uri.fsPath, 'utf8'), expected);
  });

  it('fix-all on save repairs two totals broken by editing', async () => {
    const uri = fileUri(CLEAN);
    const clean = readFileSync(uri.fsPath, 'utf8');
    await vscode.workspace
      .getConfiguration('editor', { uri, languageId: 'nianbao' })
      .update('codeActionsOnSave', { 'source.fixAll.nianbao': 'explicit' }, vscode.ConfigurationTarget.Workspace);

    const doc = await open(CLEAN);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, row.cells[NATURAL_PERSON], '7');
    edit.replace(uri, row.cells[TOTAL], '3');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWith(uri, ['results-total']);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.equal(readFileSync(uri.fsPath, 'utf8'), clean);
  });
});
