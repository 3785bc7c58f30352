// Reports by address: `nianbao check URL...`, `nianbao summary --urls FILE`. Each page is
// fetched with node's fetch (undici) gently — one request at a time per host, `delay` ms
// between two requests to the same host, a timeout, a size limit, at most MAX_REDIRECTS
// redirects — and written to a folder (--save DIR, else a temporary one removed after the
// run) as a file named from its address, with index.json saying which address each file
// came from, so that checking DIR later repeats the run offline. Its kind comes from the
// Content-Type, else the address (io/kinds.ts); an HTML page's charset from the
// Content-Type goes to the HTML reader. A page that is not a report itself but links its
// report as an attachment (.pdf, .docx, .doc, or a link saying 附件/下载) has that file
// fetched and checked instead, on any host (attachments are often on a file server).

import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { escapeControls, t, type Locale } from '../engine';
import { attachmentLinks, decodeHtml } from '../io/html';
import { FALLBACK_EXTENSION, isAttachmentPath, reportKindOfResponse } from '../io/kinds';
import { readReport } from '../io/report';
import type { ArgReader } from './args';
import { escapePath } from './text';
import type { SkipReason } from './skip';

type Io = { stdout(s: string): void; stderr(s: string): void };

export const FETCH_USAGE = `  URL                   an http or https address: the page is fetched and checked (its attachment
                        when the page only links its report as a .pdf/.docx/.doc file)
  --save DIR            keep the fetched files in DIR (a file per address, and index.json); checking
                        DIR later repeats the run offline
  --delay MS            wait MS milliseconds between two requests to the same host (default 1000)
  --timeout MS          give up on a request after MS milliseconds (default 30000)
`;

export interface FetchOptions {
  /** Milliseconds between the end of a request to a host and the start of the next one to it. */
  delay: number;
  /** Milliseconds a request (headers and body) may take. */
  timeout: number;
  maxSize: number;
  /** The folder the fetched files are kept in; a temporary one (removed by `done`) when not given. */
  save?: string;
}

export const FETCH_DEFAULTS = { delay: 1000, timeout: 30000 };
export const MAX_REDIRECTS = 5;

/** Is this command-line PATH an address to fetch? */
export function isUrl(p: string): boolean {
  return /^https?:\/\//i.test(p);
}

/** --save DIR, --delay MS, --timeout MS, read into `args`; false when the argument is none of them. Throws on a bad value. */
export function fetchOption(r: ArgReader, args: { save?: string; delay: number; timeout: number }): boolean {
  if (r.is('--save')) args.save = r.value('--save');
  else if (r.is('--delay') || r.is('--timeout')) {
    const name = r.is('--delay') ? '--delay' : '--timeout';
    const v = r.value(name);
    if (!/^\d+$/.test(v) || (name === '--timeout' && Number(v) < 1)) throw new Error(`invalid ${name}: ${v}`);
    args[name === '--delay' ? 'delay' : 'timeout'] = Number(v);
  } else return false;
  return true;
}

/** What an address came to: the file to read (named by the address it came from), or why there is none. */
export interface Fetched {
  /** The address the findings name: the one given, or the attachment followed from it. */
  file: string;
  /** The fetched file on disk. */
  read?: string;
  /** The Content-Type's charset, for the reader. */
  charset?: string;
  skipped?: SkipReason;
  detail?: string;
}

/** One request at a time per host, `delay` ms apart. */
class HostGate {
  private tails = new Map<string, Promise<unknown>>();
  constructor(private delay: number) {}

  run<T>(host: string, job: () => Promise<T>): Promise<T> {
    const before = this.tails.get(host);
    const start = before ? before.then(() => new Promise((r) => setTimeout(r, this.delay))) : Promise.resolve();
    const result = start.then(job);
    this.tails.set(
      host,
      result.catch(() => undefined),
    );
    return result;
  }
}

type Response = { url: string; contentType?: string; bytes: Buffer } | { error: string; reason?: SkipReason };

/** A file's name in the save folder, from its address: host and path, characters unsafe in file names replaced. */
export function nameFromUrl(url: string, ext: string | undefined): string {
  const u = new URL(url);
  let name = `${u.host}${u.pathname}${u.search}`.replace(/[/\\?%*:|"<>#&=\s]+/g, '_').replace(/^[._]+|_+$/g, '');
  if (name.length > 150) name = name.slice(0, 150);
  if (ext && !name.toLowerCase().endsWith(ext)) name += ext;
  return name || 'page';
}

interface IndexEntry {
  file: string;
  contentType: string | null;
  fetchedAt: string;
  /** The address the content came from, after redirects. */
  finalUrl: string;
}

/**
 * Fetches each address (hosts in parallel, each host's in turn), saving each file; an
 * address that cannot be fetched is `unreachable` with the reason. `done` removes a temporary folder.
 */
export async function fetchUrls(urls: string[], options: FetchOptions, io: Io, locale: Locale): Promise<{ fetched: Map<string, Fetched>; done(): Promise<void> }> {
  const dir = options.save ?? (await fs.mkdtemp(path.join(tmpdir(), 'nianbao-fetch-')));
  await fs.mkdir(dir, { recursive: true });
  const indexFile = path.join(dir, 'index.json');
  const index: Record<string, IndexEntry> = options.save ? await fs.readFile(indexFile, 'utf8').then((s) => JSON.parse(s) as Record<string, IndexEntry>, () => ({})) : {};
  const used = new Set(Object.values(index).map((e) => e.file));
  const gate = new HostGate(options.delay);

  const request = async (url: string): Promise<Response> => {
    let current = url;
    for (let hop = 0; ; hop++) {
      const host = new URL(current).host;
      const r = await gate.run(host, () => once(current, options));
      if ('redirect' in r) {
        if (hop >= MAX_REDIRECTS) return { error: `more than ${MAX_REDIRECTS} redirects` };
        current = r.redirect;
        continue;
      }
      return r;
    }
  };

  const save = async (url: string, r: Extract<Response, { bytes: Buffer }>): Promise<string> => {
    const kind = reportKindOfResponse(r.contentType, r.url);
    let name = index[url]?.file ?? nameFromUrl(url, kind?.extensions[0] ?? FALLBACK_EXTENSION);
    if (!index[url]) {
      const ext = path.extname(name);
      for (let n = 2; used.has(name); n++) name = `${name.slice(0, name.length - ext.length).replace(/-\d+$/, '')}-${n}${ext}`;
    }
    used.add(name);
    await fs.writeFile(path.join(dir, name), r.bytes);
    index[url] = { file: name, contentType: r.contentType ?? null, fetchedAt: new Date().toISOString(), finalUrl: r.url };
    return path.join(dir, name);
  };

  const one = async (url: string): Promise<Fetched> => {
    const r = await request(url);
    if ('error' in r) return { file: url, skipped: r.reason ?? 'unreachable', detail: r.error };
    const charset = charsetOf(r.contentType);
    const file = await save(url, r);
    if (reportKindOfResponse(r.contentType, r.url)?.id !== 'html') return { file: url, read: file, charset };
    // A page that is not a report itself: its attachment, if it links one.
    const page = await readReport(file, { maxSize: options.maxSize, trust: 'content', charset });
    if (page.skipped !== 'not a report' || page.format !== 'html') return { file: url, read: file, charset };
    const source = await fs.readFile(file);
    const links = attachmentLinks(decodeHtml(source, charset).text, r.url);
    const link = links.find((l) => isAttachmentPath(new URL(l).pathname, true)) ?? links[0];
    if (!link) return { file: url, read: file, charset };
    io.stderr(`nianbao: ${t(locale, 'cli.fetch.attachment', { page: escapePath(url), url: escapePath(link) })}\n`);
    const a = await request(link);
    if ('error' in a) return { file: link, skipped: a.reason ?? 'unreachable', detail: a.error };
    return { file: link, read: await save(link, a), charset: charsetOf(a.contentType) };
  };

  const fetched = new Map<string, Fetched>();
  const unique = [...new Set(urls)];
  const results = await Promise.all(
    unique.map((u) => {
      try {
        new URL(u);
      } catch {
        return Promise.resolve<Fetched>({ file: u, skipped: 'unreachable', detail: 'not a valid address' });
      }
      return one(u).catch((e): Fetched => ({ file: u, skipped: 'unreachable', detail: e instanceof Error ? e.message : String(e) }));
    }),
  );
  unique.forEach((u, i) => fetched.set(u, results[i]));
  if (options.save) {
    try {
      await fs.writeFile(indexFile, JSON.stringify(index, null, 2) + '\n');
    } catch (e) {
      io.stderr(`nianbao: ${escapePath(indexFile)}: ${escapeControls((e as Error).message)}\n`);
    }
  }
  return {
    fetched,
    done: async () => {
      if (!options.save) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The charset parameter of a Content-Type. */
function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

/** One request: the body (at most maxSize bytes, within the timeout), a redirect's target, or the reason it failed. */
async function once(url: string, options: FetchOptions): Promise<Response | { redirect: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeout);
  try {
    const res = await fetch(url, { redirect: 'manual', signal: controller.signal, headers: { 'user-agent': 'nianbao (government information disclosure report checker)' } });
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await res.body?.cancel().catch(() => undefined);
      return { redirect: new URL(res.headers.get('location')!, url).href };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { error: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
    }
    const length = Number(res.headers.get('content-length'));
    if (length > options.maxSize) {
      await res.body?.cancel().catch(() => undefined);
      return { error: `${length} > ${options.maxSize} bytes`, reason: 'too large' };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        total += chunk.length;
        if (total > options.maxSize) {
          controller.abort();
          return { error: `> ${options.maxSize} bytes`, reason: 'too large' };
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    return { url, contentType: res.headers.get('content-type') ?? undefined, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    if (controller.signal.aborted) return { error: `no answer within ${options.timeout} ms` };
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { error: err.cause?.code ?? err.cause?.message ?? err.message };
  } finally {
    clearTimeout(timer);
  }
}
