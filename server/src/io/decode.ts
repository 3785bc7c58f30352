// Bytes → text for files read from disk (CLI, workspace index). The editor relies on
// VS Code's own decoding for open documents.

import * as iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `gb18030`. */
  encoding: string;
  /**
   * Offsets in `text` (UTF-16 code units) of the U+FFFD characters that stand for byte
   * sequences that were not valid in `encoding` (UTF-8 only; a U+FFFD written in the
   * file itself is not listed). Ascending; empty when the bytes decoded cleanly.
   */
  replaced: number[];
}

/** What a pass over bytes read as UTF-8 found. */
export interface Utf8Scan {
  /** Valid sequences of two to four bytes. */
  multibyte: number;
  /** Invalid sequences, each replaced by one U+FFFD (WHATWG's "maximal subpart" rule, as TextDecoder does). */
  invalid: number;
  /** Where each replacement lands in the decoded text (UTF-16 code units). */
  replaced: number[];
  /** The last invalid sequence is an incomplete one cut off by the end of the bytes. */
  truncated: boolean;
  /** The scan stopped early, at more than `maxInvalid` invalid sequences: the counts cover only the bytes read. */
  stopped: boolean;
}

/**
 * The WHATWG UTF-8 decoder's error handling, counting instead of decoding: the text
 * offsets it yields are those of the U+FFFD characters `new TextDecoder('utf-8')`
 * (non-fatal) writes for the same bytes.
 */
export function scanUtf8(buf: Uint8Array, maxInvalid = Infinity): Utf8Scan {
  let multibyte = 0;
  const replaced: number[] = [];
  let offset = 0; // UTF-16 code units written so far
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let lead = 0; // the lead byte of the sequence being read
  for (let i = 0; i < buf.length; i++) {
    if (replaced.length > maxInvalid) return { multibyte, invalid: replaced.length, replaced, truncated: false, stopped: true };
    const b = buf[i];
    if (needed === 0) {
      if (b < 0x80) offset++;
      else if (b >= 0xc2 && b <= 0xdf) (needed = 1), (lead = b);
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        lead = b;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        lead = b;
      } else replaced.push(offset++);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one error; the byte is read again as the start of the next.
      replaced.push(offset++);
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      offset += lead >= 0xf0 ? 2 : 1; // four-byte sequences are astral: a surrogate pair
      multibyte++;
      needed = seen = 0;
    }
  }
  const truncated = needed !== 0;
  if (truncated) replaced.push(offset);
  return { multibyte, invalid: replaced.length, replaced, truncated, stopped: false };
}

/**
 * The most invalid sequences `mostlyUtf8` can accept in `length` bytes: a multi-byte
 * sequence takes at least 2 bytes, so there are at most length / 2 of them, and 1 % of
 * them and the invalid ones together is at most length / 198. (One more for a cut-off end.)
 */
export function invalidLimit(length: number): number {
  return Math.max(1, Math.floor(length / 198));
}

/**
 * Are these bytes UTF-8 but for a few damaged sequences? Yes when the invalid sequences
 * are at most 1 % of the non-ASCII ones (a stray byte of another code page in a long
 * report), or when the only damage is a sequence cut off at the end (a truncated
 * download). Text in a legacy multi-byte encoding (GB18030) is mostly invalid as UTF-8.
 */
export function mostlyUtf8(scan: Utf8Scan): boolean {
  if (scan.stopped) return false;
  if (scan.invalid === 0) return true;
  if (scan.invalid === 1 && scan.truncated) return true;
  return scan.multibyte > 0 && scan.invalid * 100 <= scan.multibyte + scan.invalid;
}

/** Decoders made once (a whole-buffer decode keeps no state between calls). */
const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

function utf8(buf: Buffer, encoding: string): Decoded | null {
  try {
    return { text: UTF8_FATAL.decode(buf), encoding, replaced: [] };
  } catch {
    // not valid UTF-8: damaged, or another encoding
  }
  // Stop early on text in another encoding: past invalidLimit it cannot be mostly UTF-8.
  const scan = scanUtf8(buf, invalidLimit(buf.length));
  if (!mostlyUtf8(scan)) return null;
  return { text: UTF8.decode(buf), encoding, replaced: scan.replaced };
}

/**
 * Bytes → text: a BOM decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8, and
 * so are bytes that are UTF-8 but for a few invalid sequences (`mostlyUtf8`), which are
 * replaced by U+FFFD and listed in `replaced`; else zero bytes in every other position
 * mean UTF-16 without a BOM; else GB18030 (a superset of GBK and GB2312, what Chinese
 * Windows writes). Pure: the same bytes always give the same answer.
 */
export function decode(buf: Buffer): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const body = buf.subarray(3);
    // After a UTF-8 BOM the bytes are UTF-8 whatever they hold: damage is replaced and listed.
    return utf8(body, 'utf-8-bom') ?? { text: UTF8.decode(body), encoding: 'utf-8-bom', replaced: scanUtf8(body).replaced };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', replaced: [] };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', replaced: [] };
  const asUtf8 = utf8(buf, 'utf-8');
  if (asUtf8) return asUtf8;
  const sample = buf.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? oddZeros++ : evenZeros++);
  if (oddZeros > sample.length / 8 && evenZeros < oddZeros / 4) return { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le', replaced: [] };
  if (evenZeros > sample.length / 8 && oddZeros < evenZeros / 4) return { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be', replaced: [] };
  return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030', replaced: [] };
}

/** Text → bytes in an encoding `decode` reported (to write a fixed file as it was read). */
export function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
    case 'utf-16be':
    case 'gb18030':
      return iconv.encode(text, encoding);
    default:
      throw new Error(`cannot write ${encoding}`);
  }
}
