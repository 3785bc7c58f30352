// What a report file is: the one declaration of report file kinds, by file name. The
// CLI's folder walk, the workspace index, the client's file watcher and package.json's
// language association all derive from this table (test/unit/report-kinds.test.ts holds
// them to it). Pure: no fs, no vscode — the client bundles this file.
//
// A new input form (HTML, DOCX, PDF) is one more entry here and its reader in
// io/report.ts (READERS is keyed by `ReportKindId`, so the compiler asks for it).

export type ReportKindId = 'text' | 'markdown' | 'nianbao' | 'html' | 'docx' | 'pdf';

export interface ReportKind {
  id: ReportKindId;
  /** File name endings, lower case, with the dot; the first one is the kind's usual one. */
  extensions: readonly string[];
  /** How the text is laid out (the `source.format` of CHECK-JSON). */
  format: 'text' | 'markdown' | 'html' | 'docx' | 'pdf';
  /** A file of this kind found in a folder is a report by its name alone (its content is not asked to look like one). */
  reportByExtension: boolean;
  /**
   * Name patterns (file name globs without folders) of files of this kind that are reports
   * by their name: the editor opens them in the `nianbao` language (package.json
   * `filenamePatterns`), and the workspace index takes them for reports.
   */
  namedReports: readonly string[];
  /** Media types (lower case, without parameters) a server gives files of this kind as: how a fetched report's kind is known (cli/fetch.ts). */
  mediaTypes: readonly string[];
}

/** Words in the file name of an annual report: 年度报告, its Traditional form, and the short 年报. */
const NAME_MARKERS = ['年度报告', '年度報告', '年报', '年報'];

export const REPORT_KINDS: readonly ReportKind[] = [
  { id: 'text', extensions: ['.txt'], format: 'text', reportByExtension: false, namedReports: NAME_MARKERS.map((m) => `*${m}*.txt`), mediaTypes: ['text/plain'] },
  { id: 'markdown', extensions: ['.md', '.markdown'], format: 'markdown', reportByExtension: false, namedReports: [], mediaTypes: ['text/markdown', 'text/x-markdown'] },
  { id: 'nianbao', extensions: ['.nianbao'], format: 'text', reportByExtension: true, namedReports: [], mediaTypes: [] },
  // A page saved from a site: it must look like a report (its text view is asked, io/html.ts).
  { id: 'html', extensions: ['.html', '.htm'], format: 'html', reportByExtension: false, namedReports: [], mediaTypes: ['text/html', 'application/xhtml+xml'] },
  { id: 'docx', extensions: ['.docx'], format: 'docx', reportByExtension: false, namedReports: [], mediaTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'] },
  // Read from the page's geometry (io/pdf.ts); checked in its text view.
  { id: 'pdf', extensions: ['.pdf'], format: 'pdf', reportByExtension: false, namedReports: [], mediaTypes: ['application/pdf', 'application/x-pdf'] },
];

const EXTENSIONS: readonly string[] = REPORT_KINDS.flatMap((k) => k.extensions);

/** `**` + `/*.{txt,md,markdown,nianbao}`: every report file, for file watchers. */
export const REPORT_GLOB = `**/*.{${EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

/** The baseline of reviewed findings (cli/baseline.ts, server/src/baseline.ts): the nearest one in a report's folder or above. */
export const BASELINE_FILE = '.nianbao-baseline.json';

/** Baseline files, for file watchers: the server re-checks when one changes. */
export const BASELINE_GLOB = `**/${BASELINE_FILE}`;

/** The `filenamePatterns` of the `nianbao` language in package.json. */
export const NAMED_REPORT_PATTERNS: readonly string[] = REPORT_KINDS.flatMap((k) => k.namedReports);

/** For messages: `*.txt, *.md and *.nianbao` (each kind's usual ending). */
export function reportPatternsText(and: string): string {
  const usual = REPORT_KINDS.map((k) => `*${k.extensions[0]}`);
  return `${usual.slice(0, -1).join(', ')} ${and} ${usual[usual.length - 1]}`;
}

/** The file's name: the part after the last `/` (or `\`, for Windows paths). */
function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** The kind of a file, by its name (case-insensitive); undefined when it is not a report file. */
export function reportKind(file: string): ReportKind | undefined {
  const name = baseName(file).toLowerCase();
  return REPORT_KINDS.find((k) => k.extensions.some((e) => name.endsWith(e)));
}

/** Is this a report file by its name: one the CLI reads from folders and the workspace index indexes? */
export function isReportPath(file: string): boolean {
  return reportKind(file) !== undefined;
}

/** A file name glob of `namedReports` (only `*` is used) as a test. */
function nameGlob(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}
const NAMED = NAMED_REPORT_PATTERNS.map(nameGlob);

/**
 * How sure the name makes a reader that a file is a report:
 * - `content`: not at all, the content must look like a report (a file named on the CLI's command line);
 * - `extension`: a kind with `reportByExtension` is one (a file the CLI found in a folder);
 * - `name`: so is a file matching a kind's `namedReports` (the workspace index, as the editor's language association).
 */
export type NameTrust = 'content' | 'extension' | 'name';

/** Does the name alone make the file a report, at this trust? */
export function reportByName(file: string, trust: NameTrust): boolean {
  if (trust === 'content') return false;
  const kind = reportKind(file);
  if (!kind) return false;
  if (kind.reportByExtension) return true;
  if (trust !== 'name') return false;
  const name = baseName(file);
  return NAMED.some((re) => re.test(name));
}

/**
 * The kind of a file fetched from an address: by the Content-Type the server gave, else by the
 * address's path (`/a/b.pdf`); undefined when neither says (application/octet-stream at `/view?id=1`).
 */
export function reportKindOfResponse(contentType: string | undefined, url: string): ReportKind | undefined {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const byMedia = media ? REPORT_KINDS.find((k) => k.mediaTypes.includes(media)) : undefined;
  if (byMedia) return byMedia;
  let pathname = url;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    // not a URL that parses: its text as it is
  }
  return reportKind(pathname);
}

/** Endings of files a page may link its report as (an attachment to follow, cli/fetch.ts): the PDF and Word kinds, and the older .doc. */
export const ATTACHMENT_EXTENSIONS: readonly string[] = [...REPORT_KINDS.filter((k) => k.id === 'pdf' || k.id === 'docx').flatMap((k) => k.extensions), '.doc'];

/** Is this address's path (or file name) an attachment by its ending; `readable` only those of a report kind (not .doc)? */
export function isAttachmentPath(pathname: string, readable = false): boolean {
  const name = pathname.toLowerCase();
  return ATTACHMENT_EXTENSIONS.some((e) => name.endsWith(e) && (!readable || reportKind(name) !== undefined));
}

/** The extension a fetched file of no known kind is saved with: read as text. */
export const FALLBACK_EXTENSION = REPORT_KINDS.find((k) => k.id === 'text')!.extensions[0];
