// The part headings the parser keeps on the model (`ReportModel.headings`, read by the
// hover's summary). The structure rule and the outline read layout.ts's headings instead
// (`documentLayout`), which differ: see `matchHeading`.

import { mayBeHeading, PART_INDEX } from './layout';
import type { Heading } from './model';
import { isHeadingSpace, labelKey, lazyTitle, StringMemo } from './normalize';

// `^[ \t\u3000]*(numeral)[、.．][ \t\u3000]*([^\n]{2,40}?)[ \t\u3000]*$` over the whole text,
// multiline: the head is a sticky regex tried at each line start, the lazy title and
// its trailing spaces are matched by `lazyTitle`, in time linear in the line (the
// definition, property-tested against `findHeadings` in test/unit/properties.test.ts).
const HEADING_HEAD = /[ \t\u3000]*([一二三四五六七八九十]+|[0-9０-９]+)[、.．]/y;
/** Line terminators, where a multiline `^` and `$` hold. */
const isTerminator = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const notNewline = (c: number) => c !== 0x0a;
const TERMINATOR = /[\n\r\u2028\u2029]/g;

/**
 * The part headings of `text`. With the text's `lineStarts` (`lineStartsOf`) and the
 * promise that no line break but `\n` (and `\r\n`) occurs in it, only those line
 * starts are tried; otherwise every line start that `^` of a multiline regex knows.
 */
export function findHeadings(text: string, lineStarts?: Int32Array, otherBreaks = true): Heading[] {
  const out: Heading[] = [];
  if (lineStarts && !otherBreaks) {
    // A heading lies within its line (up to its `\n`): lines are read one by one, and
    // the same lines recur (table rows such as `一、本年新收…`), so their answers are kept.
    for (let i = 0; i < lineStarts.length - 1; i++) {
      const p = lineStarts[i];
      if (!mayBeHeading(text, p, text.length)) continue;
      const end = lineStarts[i + 1] - 1;
      // Long lines (prose starting with a year) are read in place, not remembered.
      const h = end - p <= HEADING_LINE_MEMO_LENGTH ? HEADING_LINES.get(text.slice(p, end)) : headingAt(text, p);
      if (h?.part) out.push({ numeral: h.numeral, title: h.title, start: p + h.start, end: p + h.end, line: i });
    }
    return out;
  }
  // Line numbers are counted from the last heading on, so only headings pay for them.
  let line = 0;
  let countedTo = 0;
  for (let p = 0; p <= text.length; ) {
    if (p === 0 || isTerminator(text.charCodeAt(p - 1))) {
      const h = headingAt(text, p);
      if (h) {
        if (h.part) {
          for (let k = text.indexOf('\n', countedTo); k !== -1 && k < p; k = text.indexOf('\n', k + 1)) line++;
          countedTo = p;
          out.push({ numeral: h.numeral, title: h.title, start: p + h.start, end: p + h.end, line });
        }
        p += h.next;
        continue;
      }
    }
    // On to the next line start.
    TERMINATOR.lastIndex = p;
    p = TERMINATOR.test(text) ? TERMINATOR.lastIndex : text.length + 1;
  }
  return out;
}

/**
 * The heading shape at line start `p` of `text`, offsets relative to `p`: the numeral
 * and the title, whether the title reads like a part's (`part`), and where the match
 * ends (`next`), or null.
 */
function headingAt(text: string, p: number): { numeral: string; title: string; start: number; end: number; next: number; part: boolean } | null {
  if (!mayBeHeading(text, p, text.length)) return null;
  HEADING_HEAD.lastIndex = p;
  const head = HEADING_HEAD.exec(text);
  const tail = head && lazyTitle(text, HEADING_HEAD.lastIndex, 2, 40, notNewline, isHeadingSpace, (i) => i === text.length || isTerminator(text.charCodeAt(i)));
  if (!head || !tail) return null;
  const numeral = head[1];
  const title = text.slice(tail.titleStart, tail.titleEnd);
  const whole = text.slice(p, tail.end);
  const part = PART_INDEX.scoresOf(labelKey(title)).some((s) => s >= 0.6);
  return { numeral, title, start: whole.indexOf(numeral), end: whole.trimEnd().length, next: tail.end - p, part };
}

/** `headingAt(line, 0)` for a whole line up to its `\n`, remembered for lines up to this long. */
const HEADING_LINE_MEMO_LENGTH = 64;
const HEADING_LINES = new StringMemo((line: string) => headingAt(line, 0));
