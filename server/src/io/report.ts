// Reading a report file from disk: the one reader the CLI, the workspace index and
// 「检查工作区」 share. What a report file is (by name) is declared in io/kinds.ts;
// here each kind has its reader (bytes → text), and every read goes
// stat → regular file and size → non-blocking read → decode → looks like a report.

import { constants as fsConstants, promises as fs } from 'node:fs';
import { looksLikeReport } from '../engine';
import { decode, type Decoded } from './decode';
import { readDocx } from './docx';
import { readHtml } from './html';
import { readPdf } from './pdf';
import { reportByName, reportKind, type NameTrust, type ReportKind, type ReportKindId } from './kinds';
import type { TextView } from './view';

export { isReportPath, REPORT_GLOB, REPORT_KINDS, reportKind, type NameTrust, type ReportKind } from './kinds';

/**
 * What a reader makes of a file's bytes. `decoded.text` is what the engine checks: the
 * text itself for text forms; for a structured form (HTML, DOCX, PDF) the text view of
 * `view`, whose spans say where each piece came from (io/view.ts), with `source` the
 * decoded file when ranges are to be given in it (HTML). `skip` when the form cannot be
 * read as text at all (a corrupt file, a PDF without a text layer).
 */
export interface FormRead {
  decoded: Decoded;
  view?: TextView;
  source?: string;
  skip?: { reason: ReadSkip; detail: string };
}

export type Reader = (bytes: Buffer, options?: ReadOptions) => FormRead | Promise<FormRead>;

const textReader: Reader = (bytes) => ({ decoded: decode(bytes) });

/** Bytes → text, per kind. A new kind in io/kinds.ts needs its entry here (the type asks for it). */
export const READERS: Record<ReportKindId, Reader> = {
  text: textReader,
  markdown: textReader,
  nianbao: textReader,
  docx: readDocx,
  html: (bytes, options) => readHtml(bytes, options?.charset),
  pdf: (bytes, options) => readPdf(bytes, { ...(options?.maxPages ? { maxPages: options.maxPages } : {}), ...(options?.timeLimitMs ? { timeLimitMs: options.timeLimitMs } : {}) }),
};

/** Why a file was not read as a report (the `skipped` of CHECK-JSON, those a read can give). */
export type ReadSkip = 'not a report' | 'too large' | 'not a regular file' | 'unreadable' | 'no text layer';

export type ReadReport =
  | { skipped?: undefined; text: string; encoding: string; replaced: number[]; format: ReportKind['format']; decoded: Decoded; view?: TextView; source?: string }
  /** `decoded` and `format` are there when the file was read and decoded, but is not a report. */
  | { skipped: ReadSkip; detail: string; decoded?: Decoded; format?: ReportKind['format'] };

export interface ReadOptions {
  /** Larger files are not read (`too large`). */
  maxSize: number;
  /** How far the name alone makes the file a report (see `NameTrust`); `content` when not given. */
  trust?: NameTrust;
  /** PDFs of more pages are not read (`too large`); io/pdf.ts's default when not given. */
  maxPages?: number;
  /** PDFs not read within this many milliseconds are not read (`too large`); io/pdf.ts's default when not given. */
  timeLimitMs?: number;
  /** The charset the file came with (an HTTP Content-Type's), when fetched: it decides before the page's own (HTML). */
  charset?: string;
}

/**
 * Reads and decodes a report file. Never throws and never blocks on a special file:
 * a file that cannot be read, is not a regular file, is larger than `maxSize`, or
 * (unless its name makes it one, see `trust`) does not look like a report is returned
 * as `skipped` with a detail for messages.
 */
export async function readReport(file: string, options: ReadOptions): Promise<ReadReport> {
  const read = await readRegularFile(file, options.maxSize);
  if ('skipped' in read) return read;
  const kind = reportKind(file);
  // A file of no report kind (named on the command line) is read as text.
  const format = kind?.format ?? 'text';
  let form: FormRead;
  try {
    form = await READERS[kind?.id ?? 'text'](read.bytes, options);
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as Error).message, format };
  }
  const { decoded } = form;
  if (form.skip) return { skipped: form.skip.reason, detail: form.skip.detail, decoded, format };
  if (!reportByName(file, options.trust ?? 'content') && !looksLikeReport(decoded.text)) return { skipped: 'not a report', detail: '', decoded, format };
  return { text: decoded.text, encoding: decoded.encoding, replaced: decoded.replaced, format, decoded, view: form.view, source: form.source };
}

/** What kind of non-regular file a stat describes, for messages. */
function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'named pipe';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSocket()) return 'socket';
  return 'special file';
}

type ReadOutcome = { bytes: Buffer } | { skipped: ReadSkip; detail: string };

/**
 * A regular file's bytes, at most `maxSize` of them. The type and size are checked with
 * stat before the file is opened (a named pipe is never opened, so it cannot block, and
 * /dev/zero is never read); the file is opened non-blocking and checked again on the
 * handle, and reading stops past `maxSize` in case it grew.
 */
export async function readRegularFile(file: string, maxSize: number): Promise<ReadOutcome> {
  let st;
  try {
    st = await fs.stat(file);
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  if (!st.isFile()) return { skipped: 'not a regular file', detail: kindOf(st) };
  if (st.size > maxSize) return { skipped: 'too large', detail: `${st.size} > ${maxSize} bytes` };
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  try {
    const hst = await fh.stat();
    if (!hst.isFile()) return { skipped: 'not a regular file', detail: kindOf(hst) };
    if (hst.size > maxSize) return { skipped: 'too large', detail: `${hst.size} > ${maxSize} bytes` };
    const chunks: Buffer[] = [];
    let total = 0;
    let want = Math.min(hst.size + 1, maxSize + 1); // one read for a file that stays as it was, and one to see its end
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxSize + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxSize) return { skipped: 'too large', detail: `> ${maxSize} bytes` };
      chunks.push(buf.subarray(0, bytesRead));
      want = 1 << 16;
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { skipped: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    await fh.close().catch(() => undefined);
  }
}
