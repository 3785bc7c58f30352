// pdf.js (pdfjs-dist's modern build: the legacy one replaces builtins such as
// Array.prototype.push with slow polyfills for the whole process), with its worker's code run on this
// thread: pdf.js finds the worker's message handler on `globalThis.pdfjsWorker` and uses a
// fake worker instead of a thread. esbuild bundles this file as dist/pdfjs.js, loaded on the
// first PDF (see LAZY in scripts/build.mjs), with pdf.js's CMaps and standard fonts copied
// beside it into dist/pdfjs/ (Chinese PDFs whose fonts are not embedded need the CMaps).

import { existsSync } from 'node:fs';
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

export interface Pdfjs {
  getDocument: typeof pdfjs.getDocument;
  OPS: typeof pdfjs.OPS;
  /** Folder holding `cmaps/` and `standard_fonts/`. */
  dataDir: string;
}

let loaded: Pdfjs | undefined;

export function loadPdfjs(): Pdfjs {
  if (!loaded) {
    loaded = { getDocument: pdfjs.getDocument, OPS: pdfjs.OPS, dataDir: dataDir() };
  }
  return loaded;
}
