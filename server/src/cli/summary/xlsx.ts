// The summary's sheets as an Excel workbook (exceljs). A bundle of its own, dist/xlsx.js,
// loaded by the CLI only when --xlsx is given (see LAZY in scripts/build.mjs).

import ExcelJS from 'exceljs';
import type { Sheet, Tone } from './data';

/** Row fills by tone (ARGB): light red for an error, light yellow for warnings only, grey for a file not checked. */
const FILLS: Partial<Record<Tone, string>> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', skipped: 'FFE7E6E6' };
const STATUS_FONTS: Partial<Record<Tone, string>> = { error: 'FF9C0006', warning: 'FF9C5700', ok: 'FF006100' };
const MARKS: Partial<Record<Tone, string>> = { error: '✘', warning: '⚠', ok: '✔' };

function columnName(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** The workbook as bytes: one worksheet per sheet, header frozen, auto-filters on, rows coloured by conditional formatting. */
export async function writeXlsx(sheets: Sheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nianbao';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 12, style: c.format === 'percent' ? { numFmt: '0.0%' } : c.format === 'count' ? { numFmt: '0' } : {} }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
    for (const row of sheet.rows) ws.addRow(row.map((v) => (v === null ? null : v)));
    const last = columnName(sheet.columns.length);
    ws.autoFilter = { from: 'A1', to: `${last}1` };
    if (sheet.rows.length === 0) continue;
    const ref = `A2:${last}${sheet.rows.length + 1}`;
    // Conditional formatting (not fixed fills), so a row keeps its colour when the sheet is sorted or filtered.
    if (sheet.statusColumn !== undefined) {
      const status = `$${columnName(sheet.statusColumn + 1)}2`;
      const rules: ExcelJS.ConditionalFormattingRule[] = [];
      let priority = 1;
      for (const tone of ['error', 'warning'] as const) {
        rules.push({ type: 'expression', priority: priority++, formulae: [`LEFT(${status},1)="${MARKS[tone]}"`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILLS[tone] } } } });
      }
      rules.push({ type: 'expression', priority: priority++, formulae: [`AND(${status}<>"",NOT(OR(LEFT(${status},1)="✘",LEFT(${status},1)="⚠",LEFT(${status},1)="✔")))`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILLS.skipped } } } });
      ws.addConditionalFormatting({ ref, rules });
      const statusRef = `${columnName(sheet.statusColumn + 1)}2:${columnName(sheet.statusColumn + 1)}${sheet.rows.length + 1}`;
      ws.addConditionalFormatting({
        ref: statusRef,
        rules: (['error', 'warning', 'ok'] as const).map((tone) => ({
          type: 'expression' as const,
          priority: priority++,
          formulae: [`LEFT(${status},1)="${MARKS[tone]}"`],
          style: { font: { bold: true, color: { argb: STATUS_FONTS[tone] } } },
        })),
      });
    } else if (sheet.severityColumn !== undefined) {
      const cell = `$${columnName(sheet.severityColumn + 1)}2`;
      ws.addConditionalFormatting({
        ref,
        rules: (['error', 'warning'] as const).map((tone, i) => ({
          type: 'expression' as const,
          priority: i + 1,
          formulae: [`${cell}="${tone}"`],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILLS[tone] } } },
        })),
      });
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
