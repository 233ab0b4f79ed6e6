/** pdf.js's worker code, imported to run on the viewer's own thread (see main.ts). */
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
