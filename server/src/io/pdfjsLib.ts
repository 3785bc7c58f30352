// pdf.js (pdfjs-dist's modern build: the legacy one replaces builtins such as
// Array.prototype.push with slow polyfills for the whole process), with its worker's code run on this
// thread. esbuild bundles this file as dist/pdfjs.js, loaded on the first PDF (see LAZY in
// scripts/build.mjs), with pdf.js's CMaps and standard fonts copied beside it into dist/pdfjs/
// (Chinese PDFs whose fonts are not embedded need the CMaps).
//
// One worker serves every document, through a port that hands each message over as it is:
// pdf.js's own fake worker deep-copies every message (structuredClone), a sixth of the time of
// a small PDF. Only a stream's chunk is copied, one level down: pdf.js goes on with the object
// it sent (replaces a text chunk's items, empties an operator list's arrays). CMaps and
// standard fonts are read from disk once.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import './pdfjsPolyfill';
import * as pdfjs from 'pdfjs-dist/build/pdf.mjs';
import * as worker from 'pdfjs-dist/build/pdf.worker.mjs';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;

/** Where the CMaps and standard fonts are: beside the bundle, else in node_modules (tests run from out/). */
function dataDir(): string {
  const bundled = path.join(__dirname, 'pdfjs');
  if (existsSync(path.join(bundled, 'cmaps'))) return bundled;
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

type Listener = (event: { data: unknown }) => void;

/** Both ends of the worker's channel on this thread: messages delivered on the next microtask, not copied. */
class DirectPort {
  private listeners = new Set<Listener>();
  private queue = Promise.resolve();
  postMessage(data: unknown): void {
    const chunk = (data as { chunk?: { fnArray?: unknown[]; argsArray?: unknown[] } } | null)?.chunk;
    // A stream's chunk: pdf.js goes on with the object it sent (a text chunk's items replaced, an
    // operator list's arrays emptied), so the chunk is copied one level down.
    if (chunk && typeof chunk === 'object') {
      const copy = Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray) ? { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() } : { ...chunk };
      data = { ...(data as object), chunk: copy };
    }
    const event = { data };
    this.queue.then(() => {
      for (const l of this.listeners) l.call(this, event);
    });
  }
  addEventListener(_name: string, listener: Listener): void {
    this.listeners.add(listener);
  }
  removeEventListener(_name: string, listener: Listener): void {
    this.listeners.delete(listener);
  }
  terminate(): void {
    this.listeners.clear();
  }
}

const cache = new Map<string, Uint8Array>();
/** A data file of pdf.js (a CMap, a standard font), read once. */
function dataFile(file: string): Uint8Array {
  let data = cache.get(file);
  if (!data) {
    data = new Uint8Array(readFileSync(file));
    cache.set(file, data);
  }
  return data;
}

/** CMaps from the data folder, kept in memory (pdf.js's Node reader reads the file for each document). */
class CMapReader {
  constructor(private readonly options: { baseUrl: string | null; isCompressed: boolean }) {}
  async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    if (!this.options.baseUrl || !name || /[/\\]/.test(name)) throw new Error(`CMap ${name} not found`);
    const file = this.options.baseUrl + name + (this.options.isCompressed ? '.bcmap' : '');
    return { cMapData: dataFile(file), isCompressed: this.options.isCompressed };
  }
}

/** Standard fonts from the data folder, kept in memory. */
class FontDataReader {
  constructor(private readonly options: { baseUrl: string | null }) {}
  async fetch({ filename }: { filename: string }): Promise<Uint8Array> {
    if (!this.options.baseUrl || !filename || /[/\\]/.test(filename)) throw new Error(`font ${filename} not found`);
    return dataFile(this.options.baseUrl + filename);
  }
}

export interface Pdfjs {
  getDocument: typeof pdfjs.getDocument;
  OPS: typeof pdfjs.OPS;
  /** Folder holding `cmaps/` and `standard_fonts/`. */
  dataDir: string;
  /** The worker every document is read by (give it to getDocument). */
  worker: InstanceType<typeof pdfjs.PDFWorker>;
  /** getDocument's CMapReaderFactory and StandardFontDataFactory: data read once. */
  CMapReaderFactory: unknown;
  StandardFontDataFactory: unknown;
}

let loaded: Pdfjs | undefined;

export function loadPdfjs(): Pdfjs {
  if (!loaded) {
    const port = new DirectPort();
    (worker as unknown as { WorkerMessageHandler: { initializeFromPort(port: unknown): void } }).WorkerMessageHandler.initializeFromPort(port);
    const shared = new pdfjs.PDFWorker({ port: port as never });
    loaded = { getDocument: pdfjs.getDocument, OPS: pdfjs.OPS, dataDir: dataDir(), worker: shared, CMapReaderFactory: CMapReader, StandardFontDataFactory: FontDataReader };
  }
  return loaded;
}
