/**
 * The PDF viewer: an extension page declared in the manifest's `sandbox.pages`, so it runs in an
 * opaque origin with no extension APIs (and the reader frames it with sandbox="allow-scripts" on
 * top). It takes one PDF from its parent by postMessage and renders its pages to canvases with
 * pdf.js: no eval (`isEvalSupported: false`), no XFA, no scripting (pdf.js runs a PDF's JavaScript
 * only through its viewer's scripting sandbox, which is not loaded here), no annotation layer, so
 * no links to follow. pdf.js runs without a worker: a worker script from this page's opaque origin
 * is a cross-origin load and is refused, so the worker's code is imported here and pdf.js uses it
 * on this thread (`globalThis.pdfjsWorker`).
 */
import * as pdfWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import { getDocument } from 'pdfjs-dist';
import './style.css';
import { MAX_CANVAS_PIXELS, MAX_PDF_PAGES, PDF_DOCUMENT, PDF_READY, type PdfDocumentMessage, type PdfTexts } from './protocol';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

const pages = document.getElementById('pages')!;

/** Where the reader is: this page's own extension (its URL's origin; self.origin is 'null'). */
const PARENT_ORIGIN = new URL(location.href).origin;

function isDocumentMessage(data: unknown): data is PdfDocumentMessage {
  const message = data as PdfDocumentMessage | null;
  return (
    typeof message === 'object' && message !== null && message.type === PDF_DOCUMENT && message.bytes instanceof ArrayBuffer &&
    typeof message.texts === 'object' && message.texts !== null &&
    ['page', 'failed', 'truncated'].every((key) => typeof (message.texts as unknown as Record<string, unknown>)[key] === 'string')
  );
}

function say(text: string, error = false) {
  const p = document.createElement('p');
  p.textContent = text;
  if (error) {
    p.className = 'error';
    p.setAttribute('role', 'alert');
  }
  pages.append(p);
}

const fill = (text: string, ...args: (string | number)[]) => args.reduce<string>((out, arg, i) => out.replaceAll(`{${i + 1}}`, String(arg)), text);

async function render(bytes: ArrayBuffer, texts: PdfTexts) {
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    useWasm: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    maxImageSize: MAX_CANVAS_PIXELS,
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch {
    say(texts.failed, true);
    return;
  }
  const count = Math.min(pdf.numPages, MAX_PDF_PAGES);
  const width = Math.max(200, pages.clientWidth - 20);
  const ratio = Math.min(devicePixelRatio || 1, 2);
  for (let number = 1; number <= count; number++) {
    try {
      const page = await pdf.getPage(number);
      const base = page.getViewport({ scale: 1 });
      let scale = (width / base.width) * ratio;
      const pixels = base.width * base.height * scale * scale;
      if (pixels > MAX_CANVAS_PIXELS) scale *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', fill(texts.page, number, pdf.numPages));
      pages.append(canvas);
      await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      page.cleanup();
    } catch {
      say(texts.failed, true);
      return;
    }
  }
  if (pdf.numPages > count) say(fill(texts.truncated, count));
}

let received = false;
addEventListener('message', (event: MessageEvent) => {
  // Only the frame's parent, only our extension, only once.
  if (received || event.source !== parent || parent === window || event.origin !== PARENT_ORIGIN || !isDocumentMessage(event.data)) return;
  received = true;
  void render(event.data.bytes, event.data.texts);
});

if (parent !== window) parent.postMessage({ type: PDF_READY }, PARENT_ORIGIN);
