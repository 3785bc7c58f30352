// `nianbao/textView`: the text view of a report file in any form, as the engine checks it
// (the client shows it read-only, in the nianbao language, so the server checks it).

import { fileURLToPath } from 'node:url';
import { readReport } from '../io/report';
import type { TextViewResult, UriParams } from '../protocol';
import { pdfLimits, type Settings } from '../settings';

/** Report files larger than this are not read: a Word file or a PDF with images is larger than a text report. */
export const VIEW_MAX_BYTES = 64 * 1024 * 1024;

/** `settings` of the file (nianbao.pdf.*), when the server has them. */
export async function textView(params: UriParams, settings?: (uri: string) => Promise<Settings>): Promise<TextViewResult> {
  let file: string;
  try {
    file = fileURLToPath(String(params?.uri ?? ''));
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as Error).message };
  }
  const limits = settings ? pdfLimits(await settings(String(params.uri))) : {};
  const read = await readReport(file, { maxSize: VIEW_MAX_BYTES, trust: 'name', ...limits });
  if (read.skipped) return { skipped: read.skipped, detail: read.detail };
  return { text: read.text, format: read.format };
}
