// Bytes → text for files read from disk (CLI, workspace index). The editor relies on
// VS Code's own decoding for open documents.

import * as iconv from 'iconv-lite';

/**
 * Bytes → text: a BOM decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8;
 * else zero bytes in every other position mean UTF-16 without a BOM; else GB18030
 * (a superset of GBK and GB2312, what Chinese Windows writes).
 */
export function decode(buf: Buffer): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // not UTF-8
  }
  const sample = buf.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? oddZeros++ : evenZeros++);
  if (oddZeros > sample.length / 8 && evenZeros < oddZeros / 4) return { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le' };
  if (evenZeros > sample.length / 8 && oddZeros < evenZeros / 4) return { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be' };
  return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
}
