// Table 三 (applications): found by its row labels, read row by row in the template's order.

import type { Cell } from '../cells';
import { APPLICATIONS } from '../declarations';
import type { GridRow, GridTable } from '../model';
import { coresOf, Cursor, endsInDigit, GENERIC_CORE, MATCH_THRESHOLD, matchesGroup, matchRow, mayBeRowLabel, scoreCore } from '../labels';
import { pdfRowOrder, withoutPageMarks } from '../pdfText';
import { buildRow, collectValues, isApplicationHeader } from './rows';

/** How many starts of table 三 are tried before giving up (each bounded by its strays: linear). */
const MAX_TABLE_STARTS = 64;

export function parseApplications(cells: Cell[], cur: Cursor): GridTable | null {
  // PDF text (values on lines of their own, wrapped and vertical labels): its rows rebuilt first (pdfText.ts).
  const rebuilt = pdfRowOrder(cells, cur);
  if (rebuilt) {
    const table = readFrom(rebuilt, new Cursor(rebuilt));
    if (table) return table;
  }
  // Page marks of PDF text (`- 4 -`) are no values of the row above them.
  const unmarked = withoutPageMarks(cells);
  if (unmarked) return readFrom(unmarked, new Cursor(unmarked));
  return readFrom(cells, cur);
}

function readFrom(cells: Cell[], cur: Cursor): GridTable | null {
  // The table starts at the first distinctive row label followed by values. A start
  // from which fewer than three rows are read — such a label with a figure in the prose
  // above the table — gives way to the next one.
  // The cells the failed starts read may not exceed the document's (linear however many starts fail).
  let from = 0;
  let spent = 0;
  for (let tries = 0; tries < MAX_TABLE_STARTS && spent <= cells.length; tries++) {
    const s = applicationsStart(cells, cur, from);
    if (!s) return null;
    const read = readApplications(cells, cur, s.start, s.row);
    if (read.table) return read.table;
    spent += read.reached - s.start;
    from = s.start + 1;
  }
  return null;
}

/** The first cell from `from` on that can start table 三: a distinctive row label followed by values. */
function applicationsStart(cells: Cell[], cur: Cursor, from: number): { start: number; row: number } | null {
  for (let i = from; i < cells.length; i++) {
    if (!cur.isText(i)) continue;
    // Only a label followed by a value (or ending in digits) can start the table: most
    // text cells (prose) are followed by more text, and are not matched at all.
    if (!cur.valueFollows(i) && !endsInDigit(cells[i].text)) continue;
    if (!mayBeRowLabel(cells[i].text)) continue;
    const m = matchRow(cur, i, 0, 0);
    if (!m || coresOf(m.row)[0].length < 6 || m.score < 0.8) continue;
    const { values } = collectValues(cur, i);
    if (values.some((v) => !v.blank) || m.glued) return { start: i, row: m.index };
  }
  return null;
}

/**
 * Table 三 read from the row label at cell `start` (row `startRow` of the template), or
 * null when fewer than three rows are; `reached`: the cell the reading stopped at.
 */
function readApplications(cells: Cell[], cur: Cursor, start: number, startRow: number): { table: GridTable | null; reached: number } {
  const decl = APPLICATIONS;
  const rows = decl.rows;
  // Header cells before the first row belong to the table too (hover shows the summary there).
  let headerStart = cells[start].start;
  for (let h = start - 1; h >= 0 && h >= start - 30; h--) {
    if (cells[h].blank || (cur.isText(h) && isApplicationHeader(cur, h))) headerStart = cells[h].start;
    else if (!cur.isText(h)) continue;
    else break;
  }

  const found = new Map<string, GridRow>();
  let shape: GridTable['shape'] = 'single-other';
  let expected = startRow;
  let end = cells[start].end;
  let strays = 0;
  let i = start;
  for (; i < cells.length && expected < rows.length; ) {
    if (!cur.isText(i)) {
      i++;
      continue;
    }
    const m = matchRow(cur, i, expected, expected);
    if (m) {
      const row = m.row;
      // （六）其他处理 is a value row (2019) or the header of three sub-rows (2021).
      if (row.key === 'other') {
        const n = cur.nextText(i + 1);
        const sub = rows.find((x) => x.key === 'other.1')!;
        if (n < cells.length && scoreCore(cur.at(n).core, sub) >= MATCH_THRESHOLD) {
          shape = 'split-other';
          expected = rows.indexOf(sub);
          i++;
          continue;
        }
      }
      if (row.key.startsWith('other.')) shape = 'split-other';
      const { values, next } = collectValues(cur, i, decl.columns.length);
      const hasValues = values.some((v) => !v.blank) || !!m.glued;
      const distinctive = coresOf(row)[0].length > GENERIC_CORE;
      if (hasValues || (distinctive && values.length === 0 && cur.isText(next))) {
        const label = cells[i];
        const labelEnd = m.glued ? m.glued.start : label.end;
        found.set(row.key, buildRow(row.key, label, labelEnd, values, decl.columns.length, m.glued));
        // (PDF text may print a row's values before its label: the label may end the table.)
        end = Math.max(end, label.end, values.length ? values[values.length - 1].end : label.end);
        expected = rows.indexOf(row) + 1;
        while (expected < rows.length && rows[expected].shape && rows[expected].shape !== shape) expected++;
        strays = 0;
        i = next;
        continue;
      }
    }
    if (matchesGroup(cur, i, decl) || isApplicationHeader(cur, i)) {
      i++;
      continue;
    }
    // Unrecognised text: a heading or prose ends the table.
    const key = cur.at(i).key;
    if (/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]*\))$/.test(key)) {
      // An enumerator on a line of its own (`三、` above `本年度办理结果`).
      i++;
      continue;
    }
    if (key.length > 40 || /^[一二三四五六七八九十]+[、.]/.test(key) || ++strays > 6) break;
    i++;
  }
  if (found.size < 3) return { table: null, reached: i };
  // The rows of the template (in this shape: （六）其他处理 is one row or three) that were not found.
  const unread = rows.filter((row) => (!row.shape || row.shape === shape) && !found.has(row.key)).map((row) => row.key);
  return { table: { decl, rows: found, shape, start: headerStart, end, headerStart, unread }, reached: i };
}
