// Traditional → Simplified, so that 報, 條, 數 … match the templates' labels.
// The conversion is OpenCC's (opencc-js), applied once per document, and only to
// documents that contain Traditional characters. Offsets must not move: a line whose
// conversion changes its length (a phrase mapping) is kept as written.

import { Converter } from 'opencc-js/t2cn';

let convert: ((s: string) => string) | null = null;
function converter(): (s: string) => string {
  if (!convert) convert = Converter({ from: 'hk', to: 'cn' });
  return convert;
}

/** Frequent characters that exist only in Traditional script (a cheap pre-test). */
const TRADITIONAL_HINT = '報條數開務與機關國區會發處請應問題將對從單統計辦複議訴訟結轉總類屬護權過執詢項無現補內確認體規範購額萬製廢來為產況標費員經們個這說';

/** 1 for the UTF-16 code units of TRADITIONAL_HINT (a table lookup is faster than a regex class this big). */
export const TRADITIONAL_CODES = new Uint8Array(0x10000);
for (let i = 0; i < TRADITIONAL_HINT.length; i++) TRADITIONAL_CODES[TRADITIONAL_HINT.charCodeAt(i)] = 1;

export function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (TRADITIONAL_CODES[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** The text with Traditional characters converted, same length and line structure. */
export function simplifyDocument(text: string): string {
  return hasTraditional(text) ? convertDocument(text) : text;
}

/** The text with Traditional characters converted, same length and line structure (for a text that has some). */
export function convertDocument(text: string): string {
  const conv = converter();
  const whole = conv(text);
  if (whole.length === text.length) return whole;
  // Rare: some phrase changed length. Convert line by line and keep lines that would move.
  return text
    .split('\n')
    .map((line) => {
      const c = conv(line);
      return c.length === line.length ? c : line;
    })
    .join('\n');
}

/** Converts a short string (labels, keys); length may change. */
export function simplify(s: string): string {
  return hasTraditional(s) ? converter()(s) : s;
}
