// The prose's sentences as the prose rule reads them: runs of text up to a sentence end,
// running on over a line break that only wraps a line (PDF text: `受理政府\n信息公开申请 17 件`).

/** Ends a sentence: 。！？!? or a newline. */
const isTerminator = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0x0a;

/** The rest of a sentence, up to its terminator (the same characters as `isTerminator`): a native scan, faster than a loop. */
const SENTENCE_REST = /[^。！？!?\n]*/y;

/** A line that starts a paragraph of its own: indented, or opening with an enumerator (一、 （一） 1. 1、 第…). */
const PARAGRAPH_START = /^(?:[\s\u3000]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9０-９]+[）)]|[0-9０-９]+[、.．]|第)/;

/**
 * Whether the newline at `nl` only wraps a line of a paragraph (as PDF text and some copies
 * do: `受理政府\n信息公开申请 17 件`): the line before it holds text, no cell separators and no
 * sentence end at its end, and the line after it holds text that does not start a paragraph,
 * a table or a list item. `isTable` tells offsets inside tables.
 */
export function isWrapBreak(text: string, nl: number, isTable: (offset: number) => boolean = () => false): boolean {
  let end = nl;
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d) end--;
  const lineStart = text.lastIndexOf('\n', end - 1) + 1;
  const before = text.slice(lineStart, end).trimEnd();
  if (before.trim().length === 0 || /[|｜\t]/.test(before)) return false;
  if (/[。！？!?：:]$/.test(before)) return false;
  const nextEnd = text.indexOf('\n', nl + 1);
  const after = text.slice(nl + 1, nextEnd < 0 ? text.length : nextEnd);
  if (after.trim().length === 0 || /[|｜\t]/.test(after) || PARAGRAPH_START.test(after) || after.startsWith('<!--')) return false;
  return !isTable(nl + 1);
}

export interface TopicSentence {
  /** The offset of the sentence's first character. */
  start: number;
  /** The sentence, its wrapping line breaks (`isWrapBreak`) taken out. */
  text: string;
  /** The offset of each character of `text` when line breaks were taken out, else null (`start + i`). */
  offsets: Int32Array | null;
}

/**
 * The sentences — runs of characters other than 。！？!? and newlines, as
 * `/[^。！？!?\n]+/g` matches them, but running on over a newline that only wraps a line
 * (`isWrapBreak`) — that hold 申 or 行政, with their offsets, in document order. Every
 * topic word (APPLICATION_TOPIC, APPEAL_TOPIC) holds one of the two — 申, not 申请:
 * `信息公开申请?` matches `信息公开申` alone (a topic word wrapped over two lines is found
 * in the joined sentence's other half: `申` stays whole). The text in between is only
 * searched (indexOf), and each sentence is scanned once for its bounds.
 */
export function* topicSentences(text: string, isTable: (offset: number) => boolean = () => false): Generator<TopicSentence> {
  let application = text.indexOf('申');
  let administrative = text.indexOf('行政');
  const wraps = (nl: number) => isWrapBreak(text, nl, isTable);
  while (application !== -1 || administrative !== -1) {
    const at = application === -1 ? administrative : administrative === -1 ? application : Math.min(application, administrative);
    let start = at;
    for (;;) {
      while (start > 0 && !isTerminator(text.charCodeAt(start - 1))) start--;
      if (start > 0 && text.charCodeAt(start - 1) === 0x0a && wraps(start - 1)) start--;
      else break;
    }
    let end = at + 1;
    for (;;) {
      SENTENCE_REST.lastIndex = end;
      SENTENCE_REST.test(text);
      end = SENTENCE_REST.lastIndex;
      if (end < text.length && text.charCodeAt(end) === 0x0a && wraps(end)) end++;
      else break;
    }
    let sentence = text.slice(start, end);
    let offsets: Int32Array | null = null;
    if (sentence.includes('\n')) {
      // Wrapping breaks (and a CR before one) taken out; each kept character keeps its offset.
      offsets = new Int32Array(sentence.length);
      let joined = '';
      for (let i = 0; i < sentence.length; i++) {
        const c = sentence.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && sentence.charCodeAt(i + 1) === 0x0a)) continue;
        offsets[joined.length] = start + i;
        joined += sentence[i];
      }
      sentence = joined;
      offsets = offsets.slice(0, joined.length);
    }
    yield { start, text: sentence, offsets };
    // The next sentence starts after `end`, a terminator or the end of the text.
    if (application !== -1 && application < end) application = text.indexOf('申', end);
    if (administrative !== -1 && administrative < end) administrative = text.indexOf('行政', end);
  }
}
