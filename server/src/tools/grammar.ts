// Generates the label patterns of the TextMate grammar (syntaxes/nianbao.tmLanguage.json)
// from the declarations: table 三's row and group labels, table 二's row labels and the
// column headers of tables 二, 三 and 四, each character with its Traditional forms from OpenCC. `npm run docs` rewrites the grammar; a
// test fails when the committed one is stale. The rest of the grammar is written by hand.

import { APPEALS, APPLICATIONS } from '../engine/declarations';
import { DISCLOSURE_TEMPLATES } from '../engine/templates';
import { rewriteFile } from './rewrite';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const OpenCC = require('opencc-js') as { Converter(o: { from: string; to: string }): (s: string) => string };

/**
 * Simplified to Traditional, phrase-aware, in the Taiwan, Hong Kong and OpenCC standards:
 * 重复 → 重複, 反复 → 反覆, 补正后 → 補正後, 秘密 → 祕密 (OpenCC standard).
 */
const TRADITIONAL = (['tw', 'hk', 't'] as const).map((to) => OpenCC.Converter({ from: 'cn', to }));

/**
 * Spellings real reports use besides the template's, accepted character by character at the
 * same positions (and read by the parser's fuzzy label match anyway).
 */
const MISSPELLINGS: Record<string, string[]> = {
  补正后申请内容仍不明确: ['补证后申请内容仍不明确'],
  属于四类过程性信息: ['属于四类过程类信息'],
};

/** A label without its enumerator (`（一）`, `三、`, `1.`) and without a trailing note in parentheses. */
export function labelCore(label: string): string {
  return label
    .replace(/^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}\.)/, '')
    .replace(/[（(][^（()）]*[）)]$/, '');
}

const escape = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/**
 * A regex for `text` that also accepts, at each position, the character of every Traditional
 * form (of the whole text and of the character alone) and of every listed misspelling:
 * 补正后 → `[补補][正证證][后後]`. Curly quotes are optional and may be straight.
 */
export function charClassRegex(text: string, separator = ''): string {
  const spellings = [text, ...(MISSPELLINGS[text] ?? [])];
  const chars = [...text];
  return chars
    .map((c, i) => {
      if (c === '：') return '[：:]';
      if (c === '“') return '[“"]?';
      if (c === '”') return '[”"]?';
      const forms: string[] = [];
      for (const s of spellings) {
        const own = [...s][i];
        forms.push(own);
        for (const convert of TRADITIONAL) {
          const whole = [...convert(s)];
          if (whole.length === chars.length) forms.push(whole[i]);
          forms.push(...convert(own));
        }
      }
      const unique = [...new Set(forms)];
      return unique.length === 1 ? escape(unique[0]) : `[${unique.map(escape).join('')}]`;
    })
    .join(separator);
}

/** Longest first, so that no alternative stops at a shorter one it starts with; ties keep declaration order. */
function alternation(texts: string[], separator = ''): string {
  const unique = [...new Set(texts)];
  return unique
    .map((t, i) => ({ t, i }))
    .sort((a, b) => [...b.t].length - [...a.t].length || a.i - b.i)
    .map(({ t }) => charClassRegex(t, separator))
    .join('|');
}

/**
 * A column header as a regex: its characters may be split by a space; a note in parentheses
 * (`（单位：万元）`) is optional, and so is what follows a slash (`本年增/减`: 本年增, 本年增/).
 */
function headerRegex(label: string): string {
  const note = /^(.*?)[（(]([^（()）]*)[）)]$/.exec(label);
  if (note) return `${charClassRegex(note[1], '[ 　]?')}(?:[（(]${charClassRegex(note[2])}[）)])?`;
  const slash = /^([^/]+)\/(.+)$/.exec(label);
  if (slash) {
    const rest = charClassRegex(slash[2]);
    return `${charClassRegex(slash[1], '[ 　]?')}(?:[/／]${[...slash[2]].length === 1 ? `${rest}?` : `(?:${rest})?`})?`;
  }
  return charClassRegex(label, '[ 　]?');
}

/**
 * Header cells the declarations do not name: table 三's header rows, the legacy statistics
 * table's headers, and the pieces of headers that PDF copies stack over two lines.
 */
const EXTRA_HEADERS = [
  '法人或其他组织',
  '申请人情况',
  '信息内容',
  '对外公开数量',
  '制作数量',
  '公开数量',
  '对外公开',
  '统计指标',
  '本年新',
  '总数量',
  '统计数',
  '商业',
  '企业',
  '科研',
  '机构',
  '结果',
  '尚未',
  '审结',
  '单位',
];

/** The `column-header` regex: every column of tables 二, 三 and 四, table 四's row headers, and the extra headers. */
export function columnHeaderPattern(): string {
  const headers = [
    ...APPLICATIONS.columns.map((c) => c.label),
    ...APPEALS.columns.map((c) => c.label),
    ...APPEALS.rows.flatMap((r) => r.label.split('·')),
    ...DISCLOSURE_TEMPLATES.flatMap((t) => t.groups.flatMap((g) => g.columns.map((c) => c.label))),
    ...EXTRA_HEADERS,
  ];
  const unique = [...new Set(headers)];
  const length = (h: string) => [...h.replace(/[（(/].*$/, '')].length;
  const alternatives = unique
    .map((h, i) => ({ h, i }))
    .sort((a, b) => length(b.h) - length(a.h) || a.i - b.i)
    .map(({ h }) => headerRegex(h));
  return `${CELL_START}((?:${alternatives.join('|')}))${CELL_END}`;
}

/** Table 三's labels: long ones may stand alone, two-character ones (其他, 总计) only after their enumerator. */
function applicationCores(): { standalone: string[]; enumerated: string[] } {
  const cores = [...APPLICATIONS.rows.map((r) => r.label), ...APPLICATIONS.groups.map((g) => g.label)].map(labelCore);
  return { standalone: cores.filter((c) => [...c].length > 2), enumerated: cores.filter((c) => [...c].length <= 2) };
}

const CELL_START = '(?:^|(?<=[|｜\\t 　]))';
const ENUMERATOR = '(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{0,3}[）)]|[0-9０-９]{1,2}[.．、])';
const NOTE = '(?:[（(][^|｜\\t\\n）)]*(?:[）)]|$))?';
const CELL_END_OR_VALUE = '(?=[ \\t　]*(?:[|｜\\t]|$)|[0-9０-９])';
const CELL_END = '(?=[ \\t　]*(?:[|｜\\t]|$))';

const ROW_LABEL_COMMENT =
  'Row labels of tables 三 (with or without enumerator, any bracket form, 、 . ． or empty ()) and 二. Generated from server/src/engine/declarations.ts by `npm run docs` (server/src/tools/grammar.ts): do not edit.';

const COLUMN_HEADER_COMMENT =
  'Column headers of tables 二, 三, 四 and the legacy table, as whole cells. Generated from server/src/engine/declarations.ts by `npm run docs` (server/src/tools/grammar.ts): do not edit.';

/** The three `row-label` patterns' regexes. */
export function rowLabelPatterns(): string[] {
  const { standalone, enumerated } = applicationCores();
  const disclosureRows = DISCLOSURE_TEMPLATES.flatMap((t) => t.groups.flatMap((g) => g.rows.map((r) => r.label)));
  return [
    `${CELL_START}((?:${ENUMERATOR}[ 　]?)?(?:${alternation(standalone)})${NOTE})${CELL_END_OR_VALUE}`,
    `${CELL_START}(${ENUMERATOR}[ 　]?(?:${alternation(enumerated)}))${CELL_END_OR_VALUE}`,
    `${CELL_START}((?:${alternation(disclosureRows, '[ 　]?')}))${CELL_END}`,
  ];
}

/** The grammar's text with its `row-label` patterns generated; everything else as it was. */
export function generatedGrammar(grammarJson: string): string {
  const grammar = JSON.parse(grammarJson);
  const patterns = grammar?.repository?.['row-label']?.patterns;
  if (!Array.isArray(patterns) || patterns.length !== 3) throw new Error('the grammar has no repository["row-label"] with three patterns');
  grammar.repository['row-label'].comment = ROW_LABEL_COMMENT;
  rowLabelPatterns().forEach((match, i) => (patterns[i].match = match));
  const header = grammar.repository['column-header'];
  if (!header?.match) throw new Error('the grammar has no repository["column-header"] match');
  header.comment = COLUMN_HEADER_COMMENT;
  header.match = columnHeaderPattern();
  return JSON.stringify(grammar, null, 2) + '\n';
}

if (require.main === module) rewriteFile(process.argv[2] ?? 'syntaxes/nianbao.tmLanguage.json', generatedGrammar, 'row labels, column headers');
