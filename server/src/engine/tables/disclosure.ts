// Table 二 (proactive disclosure): its groups found by 第二十条第（…）项, the template voted on
// by the column headers present (the one in force for the year when they do not tell), rows
// matched within each group.

import { valueOf, type Cell } from '../cells';
import type { DisclosureGroupDecl, Template } from '../declarations';
import type { DisclosureRow, DisclosureTable } from '../model';
import { labelKey, SimilarityIndex, StringMemo } from '../normalize';
import type { Cursor } from '../labels';
import { pageMarkAt } from '../pdfText';
import { TEMPLATES, templateById, type TemplateDecl } from '../templates';
import { buildRow, cellsWithSpaced, collectValues } from './rows';

const ITEM = /第二十条第[(（]([一二三四五六七八九十]+)[)）]项/;

/**
 * `inForce`: the template in force for the report's year, which table 二 is read with when
 * its column headers do not tell (a PDF without lines whose header words are cut across
 * lines): the columns of the wrong template would read an amount as a count.
 * `pdfText`: the text a PDF extractor wrote (form feeds between pages), whose cells lose
 * their bounds: a label's wrapped line is read as the label's, a page mark is skipped,
 * and a row any of whose values is not a number is not kept (unread), never read as a bad value.
 */
export function parseDisclosure(cells: Cell[], cur: Cursor, text: string, stopAt = Infinity, inForce?: Template, pdfText = false): DisclosureTable | null {
  const groups: { item: string; at: number }[] = [];
  // A group label holds 第二十条第 (whitespace aside): only cells that hold one are read.
  for (const i of cellsWithSpaced(text, cells, '第二十条第')) {
    if (cells[i].start >= stopAt) break;
    if (!cur.isText(i) || cells[i].text.length >= 30) continue;
    const m = ITEM.exec(cells[i].text.replace(/\s+/g, ''));
    if (m) groups.push({ item: m[1], at: i });
  }
  if (groups.length === 0) return null;

  // Vote on the template from the column headers present, over all declared templates.
  // Tallied by the index of the template in TEMPLATES.
  const tally = new Array<number>(TEMPLATES.length).fill(0);
  const evidence: Cell[] = [];
  const spans = groups.map((g, n) => ({ item: g.item, at: g.at, until: n + 1 < groups.length ? groups[n + 1].at : Math.min(cells.length, g.at + 60) }));
  for (const g of spans) {
    const memo = columnVotes(g.item);
    for (let i = g.at + 1; i < g.until; i++) {
      if (!cur.isText(i)) continue;
      const cellVotes = memo.get(cells[i].text);
      if (cellVotes === NO_VOTES) continue;
      for (let t = 0; t < TEMPLATES.length; t++) {
        tally[t] += cellVotes[t];
        for (let k = 0; k < cellVotes[t]; k++) evidence.push(cells[i]);
      }
    }
  }
  const votes: Record<string, number> = {};
  for (let n = 0; n < TEMPLATES.length; n++) votes[TEMPLATES[n].id] = tally[n];
  const voted = winner(votes);
  const template = voted === 'unknown' && inForce ? inForce : voted;
  const decl = (templateById(template) ?? TEMPLATES[0]).disclosure;

  const rows: DisclosureRow[] = [];
  const unread: DisclosureTable['unread'] = [];
  let end = cells[groups[0].at].end;
  for (const g of spans) {
    const grp = decl.groups.find((x) => x.item === g.item) ?? TEMPLATES.map((t) => t.disclosure.groups.find((x) => x.item === g.item)).find(Boolean);
    if (!grp) continue;
    for (let i = g.at + 1; i < g.until; i++) {
      if (!cur.isText(i)) continue;
      const row = matchDisclosureRow(cur, i, grp);
      if (!row) continue;
      // PDF text wraps a label over lines (`行政规范性` / `文件`): a line that completes it is the label's.
      const labelEnd = pdfText ? wrappedLabelEnd(cur, i, grp, row) : i;
      let { values, next } = collectValues(cur, labelEnd, grp.columns.length);
      if (pdfText) {
        // A page mark (`-2-`) is no value: the values are those after it, when they follow at once;
        // when none does (a header repeated after the page break), the row is not read.
        const at = values.map((v) => cells.indexOf(v, labelEnd + 1));
        const m = at.findIndex((k) => pageMarkAt(cells, k) > 0);
        if (m !== -1) {
          const after = collectValues(cur, at[m] + pageMarkAt(cells, at[m]) - 1, grp.columns.length);
          values = [...values.slice(0, m), ...after.values];
          next = after.next;
          if (!values.some((v) => !v.blank)) {
            unread.push({ item: g.item, key: row.key, label: cells[i] });
            continue;
          }
        }
        // A value that is not a number is a word PDF text moved (`万元` of a wrapped amount): the row is not read.
        if (values.some((v) => !v.blank && valueOf(v).kind === 'text')) {
          unread.push({ item: g.item, key: row.key, label: cells[i] });
          i = next - 1;
          continue;
        }
      }
      // A row of blanks is read when every cell is written (a new report's skeleton): blank-cell says so.
      if (!values.some((v) => !v.blank) && !(values.length >= grp.columns.length && values.every((v) => v.layout !== 'plain'))) continue;
      const built = buildRow(row.key, cells[i], cells[labelEnd].end, values, grp.columns.length);
      rows.push({
        item: g.item,
        key: row.key,
        label: cells[i],
        cells: grp.columns.map((col, n) => ({ column: col.key, type: col.type, cell: built.cells[n] })),
      });
      end = Math.max(end, values.length ? values[values.length - 1].end : cells[i].end);
      i = next - 1;
    }
  }
  // Each item's last cell end over its rows, in one pass (was every row's cells gathered per group).
  const lastEnd = new Map<string, number>();
  for (const r of rows) {
    let last = lastEnd.get(r.item) ?? -Infinity;
    for (const c of r.cells) last = Math.max(last, c.cell.source?.end ?? r.label.end);
    lastEnd.set(r.item, last);
  }
  const groupSpans = groups.map((g) => ({ item: g.item, label: cells[g.at], end: lastEnd.get(g.item) ?? cells[g.at].end }));
  return { template, rows, groups: groupSpans, start: cells[groups[0].at].start, end, evidence, unread };
}

/**
 * The votes of one cell's text under group `item`: for each template, how many of its
 * columns of that group the cell's words name (a PDF copy puts the whole header on one
 * line: each word votes), counting only words the other template's columns do not have.
 * One memo per item (keyed by the cell's text alone: no key string built per cell).
 */
const COLUMN_VOTES = new Map<string, StringMemo<readonly number[]>>();
function columnVotes(item: string): StringMemo<readonly number[]> {
  let memo = COLUMN_VOTES.get(item);
  if (!memo) {
    // Items are a numeral the text writes (`第二十条第（十二）项`): the memos stay few.
    if (COLUMN_VOTES.size >= 32) COLUMN_VOTES.clear();
    COLUMN_VOTES.set(item, (memo = new StringMemo((text) => votesOf(item, text))));
  }
  return memo;
}

/** A cell's votes, by the index of the template in TEMPLATES; `NO_VOTES` (shared) when it names no column. */
function votesOf(item: string, text: string): readonly number[] {
  const votes = new Array<number>(TEMPLATES.length).fill(0);
  let any = false;
  for (const key of text.split(/[\s\u3000]+/).map(labelKey).filter(Boolean))
    TEMPLATES.forEach((t, k) => {
      const grp = t.disclosure.groups.find((x) => x.item === item);
      if (!grp) return;
      const scores = indexOf(grp.columns).scoresOf(key);
      for (let n = 0; n < grp.columns.length; n++)
        if (scores[n] >= 0.8 && !otherTemplateHas(t.id, key)) {
          votes[k]++;
          any = true;
        }
    });
  return any ? votes : NO_VOTES;
}
const NO_VOTES: readonly number[] = Object.freeze([]);

/** Column keys of each template's table 二. */
const COLUMN_KEYS = new Map(TEMPLATES.map((t) => [t.id, new Set(t.disclosure.groups.flatMap((g) => g.columns.map((c) => labelKey(c.label))))]));

function otherTemplateHas(template: Template, key: string): boolean {
  return TEMPLATES.some((t) => t.id !== template && COLUMN_KEYS.get(t.id)!.has(key));
}



/** The template with the most votes, or 'unknown' when none has more than every other. */
export function winner(votes: Record<string, number>, templates: readonly TemplateDecl[] = TEMPLATES): Template | 'unknown' {
  let best: Template | 'unknown' = 'unknown';
  let top = -1;
  let tied = false;
  for (const t of templates) {
    const v = votes[t.id] ?? 0;
    if (v > top) [best, top, tied] = [t.id, v, false];
    else if (v === top) tied = true;
  }
  return tied ? 'unknown' : best;
}

/** A similarity index over the labelKeys of declared labels (table 二's columns or rows), built once per list. */
const INDEXES = new Map<readonly { label: string }[], SimilarityIndex>();
function indexOf(list: readonly { label: string }[]): SimilarityIndex {
  let v = INDEXES.get(list);
  if (!v) INDEXES.set(list, (v = new SimilarityIndex(list.map((x) => labelKey(x.label)))));
  return v;
}

/**
 * The last cell of the label at `i`: the next cell when it is text on another line whose
 * words, joined to the label's, make the declared label match better (`行政规范性` + `文件`),
 * else `i` itself.
 */
function wrappedLabelEnd(cur: Cursor, i: number, grp: DisclosureGroupDecl, row: { key: string; score: number }): number {
  const j = i + 1;
  if (j >= cur.cells.length || !cur.isText(j) || cur.cells[j].line === cur.cells[i].line) return i;
  const n = grp.rows.findIndex((r) => r.key === row.key);
  const joined = indexOf(grp.rows).scoresOf(cur.at(i).core + cur.at(j).key)[n];
  return joined > row.score ? j : i;
}

function matchDisclosureRow(cur: Cursor, i: number, grp: DisclosureGroupDecl): { key: string; score: number } | null {
  const { core } = cur.at(i);
  let best: { key: string; score: number } | null = null;
  const scores = indexOf(grp.rows).scoresOf(core);
  for (let n = 0; n < grp.rows.length; n++) {
    const s = scores[n];
    if (s >= 0.75 && (!best || s > best.score)) best = { key: grp.rows[n].key, score: s };
  }
  return best;
}
