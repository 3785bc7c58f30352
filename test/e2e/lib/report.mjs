// Where things are in the fixture reports: the line of table 三's （七）总计 row
// and the positions of its cells, so the test can put the cursor on a cell and
// check what a fix changed.

/** Column indexes of table 三 (see the CHECK-JSON spec): 自然人 … 总计. */
export const COLUMN = { naturalPerson: 0, total: 6 };

/**
 * Finds the （七）总计 row of table 三 (written with ASCII or full-width
 * parentheses) and the cells on it. Returns
 *   { line: 0-based line index, cells: [{ start, end, text }] }
 * where start/end are UTF-16 offsets within the line (as VS Code counts
 * columns) of each value after the row label.
 */
export function resultsTotalRow(text) {
  return tableRow(text, /^[(（]七[)）]总计\s*\|/, '（七）总计');
}

/**
 * Finds the first line matching `labelRe` (a row of a pipe-separated table)
 * and the cells on it, as resultsTotalRow does.
 */
export function tableRow(text, labelRe, name = String(labelRe)) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => labelRe.test(l));
  if (line < 0) throw new Error(`no ${name} row in the report`);
  const cells = [];
  const re = /\|\s*([^|\s][^|]*?)\s*(?=\|)/g;
  for (let m; (m = re.exec(lines[line])); ) {
    const start = m.index + m[0].indexOf(m[1]);
    cells.push({ start, end: start + m[1].length, text: m[1] });
    re.lastIndex = m.index + m[0].length; // the closing '|' opens the next cell
  }
  return { line, text: lines[line], cells };
}

/** Byte offset in the UTF-8 file of a (line, UTF-16 character) position. */
export function byteOffset(text, line, character) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line; i++) offset += Buffer.byteLength(lines[i], 'utf8') + 1;
  return offset + Buffer.byteLength(lines[line].slice(0, character), 'utf8');
}

/** The lines where two texts differ, for readable failure messages. */
export function changedLines(a, b) {
  const x = a.toString('utf8').split('\n');
  const y = b.toString('utf8').split('\n');
  if (x.length !== y.length) return [`line count ${x.length} -> ${y.length}`];
  return x.flatMap((line, i) => (line === y[i] ? [] : [`line ${i + 1}: ${JSON.stringify(line)} -> ${JSON.stringify(y[i])}`]));
}

/**
 * Applies LSP text edits (zero-based lines, UTF-16 characters; as the CLI's
 * JSON gives them) to a text, last edit first so earlier offsets hold.
 */
export function applyEdits(text, edits) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p) => starts[p.line] + p.character;
  const sorted = edits.map((e) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText })).sort((a, b) => b.from - a.from);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].to > sorted[i - 1].from) throw new Error(`overlapping edits: ${JSON.stringify(edits)}`);
  return sorted.reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), text);
}
