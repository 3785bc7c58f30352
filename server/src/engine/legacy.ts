// The legacy statistics table (reports up to 2018): rows `label | unit | value`,
// nested by their enumerators (一、 > （一） > 1. > 其中). Provinces varied the rows,
// so the structure is read from the rows actually present.

import { valueOf, type Cell } from './cells';
import type { LegacyRow, LegacyTable } from './model';
import { hasTraditional } from './chinese';
import { labelKey } from './normalize';

const UNITS = new Set(['条', '件', '次', '个', '人', '人次', '篇', '万元', '元', '——', '—', '项', '家', '份', '期', '场', '天', '%']);

function levelOf(key: string): LegacyRow['level'] {
  if (/^[一二三四五六七八九十]+[、.]/.test(key)) return 1;
  if (/^\([一二三四五六七八九十]+\)/.test(key)) return 2;
  if (/^[0-9]+[.、]/.test(key)) return 3;
  if (/^其中[:：]?/.test(key)) return 4;
  return 5; // an unnumbered row: a member of the 其中 group above it
}

/**
 * `keyOf(i)` is labelKey of cell i's text (the parser passes its cached keys);
 * `traditional` false promises that no cell holds a Traditional character.
 */
export function parseLegacy(cells: Cell[], keyOf: (i: number) => string = (i) => labelKey(cells[i].text), traditional = true): LegacyTable | null {
  let h = -1;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].blank) continue;
    // A key can hold 指 only if the text does (or has Traditional characters, which OpenCC converts).
    if (!cells[i].text.includes('指') && !(traditional && hasTraditional(cells[i].text))) continue;
    const k = keyOf(i);
    if (k === '统计指标' || k.startsWith('统计指标')) {
      h = i;
      break;
    }
  }
  if (h < 0) return null;
  const rows: LegacyRow[] = [];
  let i = h + 1;
  // Skip the rest of the header (单位, 统计数).
  while (i < cells.length && (cells[i].blank || /^(单位|统计数|计量单位|数量|数值)$/.test(keyOf(i)))) i++;
  for (; i < cells.length; i++) {
    const c = cells[i];
    if (c.blank || valueOf(c).kind !== 'text') continue;
    const key = keyOf(i);
    if (UNITS.has(key)) continue;
    if (key.length > 80 || /^(联系电话|填报日期|填报人|审核人|单位负责人)/.test(key)) break;
    // label, optional unit, then the value (or a blank)
    let j = i + 1;
    let unit: Cell | undefined;
    if (j < cells.length && !cells[j].blank && UNITS.has(keyOf(j))) unit = cells[j++];
    let value: Cell | undefined;
    if (j < cells.length && (cells[j].blank || valueOf(cells[j]).kind !== 'text')) value = cells[j];
    rows.push({
      label: c,
      key,
      level: levelOf(key),
      unit: unit ? labelKey(unit.text) : null,
      unitCell: unit,
      value: value ? { source: value, value: valueOf(value), insertAt: value.insertAt } : { value: { kind: 'blank', value: null }, insertAt: (unit ?? c).end },
      parent: -1,
    });
  }
  if (rows.length < 2) return null;
  // Parents: the nearest previous row of a higher level; a 其中 group hangs under the
  // numbered row above it, and its unnumbered members join the group.
  // The last row seen of levels 1–3 (the only possible parents: 4 is excluded, 5 is never higher).
  const lastOf = [-1, -1, -1, -1];
  for (let r = 0; r < rows.length; r++) {
    const lv = rows[r].level;
    if (lv <= 3) lastOf[lv] = r;
    if (lv === 5) {
      const prev = rows[r - 1];
      if (prev && (prev.level === 4 || (prev.level === 5 && prev.parent >= 0))) {
        rows[r].parent = prev.parent;
        rows[r].level = 4;
      }
      continue;
    }
    // The nearest previous row of a higher level (not a 其中 row).
    let parent = -1;
    for (let l = 1; l < Math.min(lv, 4); l++) parent = Math.max(parent, lastOf[l]);
    rows[r].parent = parent;
  }
  return { rows, start: cells[h].start, end: rows[rows.length - 1].value.source?.end ?? rows[rows.length - 1].label.end };
}
