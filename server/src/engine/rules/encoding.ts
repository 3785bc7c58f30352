// encoding: the text is not quite what the file's author wrote — byte sequences that
// were not valid in the file's encoding and were replaced by U+FFFD when it was read
// (a truncated download, a stray byte of another code page; `CheckOptions.source` lists
// them when the caller decoded the file), other U+FFFD characters (lost before: in the
// editor, which decodes files itself, every one), and C0 control characters other than
// tab, line feed, carriage return and form feed (read as whitespace by the parser). A form
// feed is how PDF-to-text tools mark a page break, a form reports arrive in, so it is
// not reported. One finding per line for each kind.

import type { Finding, Rule } from '../findings';
import { t } from '../i18n';
import { LineIndex } from '../text';

/** C0 controls other than tab (9), line feed (10), form feed (12: a page break) and carriage return (13). */
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f]/g;

function codePoint(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Offsets grouped by the line they are on: one group per line, in order. */
function byLine(offsets: number[], index: LineIndex): number[][] {
  const groups: number[][] = [];
  let line = -1;
  for (const o of offsets) {
    const l = index.positionAt(o).line;
    if (l !== line) groups.push([]);
    line = l;
    groups[groups.length - 1].push(o);
  }
  return groups;
}

export const encoding: Rule = {
  id: 'encoding',
  severity: 'warning',
  zh: '编码与控制字符',
  en: 'encoding and control characters',
  summary: 'bytes not valid in the file\'s encoding (replaced by �), other � in the text, control characters other than tab, line breaks and form feed (a PDF page break)',
  descriptionZh:
    '读取文件时有字节不符合其编码（如下载不完整的 UTF-8 文件末尾、混入的 Windows-1252 字节），已替换为 �；文本中含有替换字符 �（原文在此处丢失了字符）；或文本中含有制表、换行、回车、换页（PDF 转文本时的分页符）以外的控制字符（如 NUL），检查时按空白读取。每个受影响的行报告一次。被替换或读作空白的内容可能使数值或行名与原文不符，请核对原文件。',
  descriptionEn:
    'Bytes that were not valid in the file’s encoding when it was read (the end of a truncated UTF-8 download, a stray Windows-1252 byte) and were replaced by �; replacement characters � in the text (characters were lost there); or control characters other than tab, line feed, carriage return and form feed (a page break in text taken from a PDF), such as NUL, which are read as whitespace. One finding per affected line. What was replaced or read as whitespace may have changed a value or a label: check the original file.',
  run(ctx) {
    const { model, locale } = ctx;
    const text = model.text;
    const replaced: number[] = [];
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replaced.push(i);
    const decoding = new Set(ctx.source?.replaced ?? []);
    CONTROL.lastIndex = 0;
    const controls: number[] = [];
    for (let m = CONTROL.exec(text); m; m = CONTROL.exec(text)) controls.push(m.index);
    if (replaced.length === 0 && controls.length === 0) return [];
    const index = new LineIndex(text, model.lineStarts);
    const out: Finding[] = [];
    const encodingName = (ctx.source?.encoding ?? 'utf-8').replace(/-bom$/, '').toUpperCase();
    for (const group of byLine(replaced, index)) {
      out.push({
        code: 'encoding',
        severity: 'warning',
        // Replaced while the file was read here, or already in the text as it came.
        message: group.some((o) => decoding.has(o))
          ? t(locale, 'encoding.replaced', { count: group.length, encoding: encodingName })
          : t(locale, 'encoding.replacement', { count: group.length }),
        start: group[0],
        end: group[group.length - 1] + 1,
        related: [],
        fixes: [],
      });
    }
    for (const group of byLine(controls, index)) {
      const codes = [...new Set(group.map((o) => codePoint(text[o])))].join(', ');
      out.push({
        code: 'encoding',
        severity: 'warning',
        message: t(locale, 'encoding.control', { count: group.length, codes }),
        start: group[0],
        end: group[group.length - 1] + 1,
        related: [],
        fixes: [],
      });
    }
    return out;
  },
};
