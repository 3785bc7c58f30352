// pdfjs-dist's types describe its legacy build; the modern build (used here) has the same API.
declare module 'pdfjs-dist/build/pdf.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}
// pdfjs-dist ships no types for its worker module; pdfjsLib.ts only hands it to pdf.js.
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
