// `nianbao/textView`: the text view of a report file in any form, as the engine checks it
// (the client shows it read-only, in the nianbao language, so the server checks it).

import { fileURLToPath } from 'node:url';
import { readReport } from '../io/report';
import type { TextViewResult, UriParams } from '../protocol';

/** Report files larger than this are not read: a Word file or a PDF with images is larger than a text report. */
export const VIEW_MAX_BYTES = 64 * 1024 * 1024;

export async function textView(params: UriParams): Promise<TextViewResult> {
  let file: string;
  try {
    file = fileURLToPath(String(params?.uri ?? ''));
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as Error).message };
  }
  const read = await readReport(file, { maxSize: VIEW_MAX_BYTES, trust: 'name' });
  if (read.skipped) return { skipped: read.skipped, detail: read.detail };
  return { text: read.text, format: read.format };
}
