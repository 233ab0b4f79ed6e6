/**
 * Messages between the reader (ViewerDialog) and the sandboxed PDF viewer page. The page says it
 * is ready; the reader then sends one document (its bytes transferred) with the texts to show,
 * already translated (a sandboxed page has no extension APIs, so no i18n either).
 */
export const PDF_READY = 'postline-pdf-ready';
export const PDF_DOCUMENT = 'postline-pdf-document';

export interface PdfTexts {
  /** "Page {1} of {2}". */
  page: string;
  /** pdf.js could not read the file. */
  failed: string;
  /** Only the first {1} pages are shown. */
  truncated: string;
}

export interface PdfDocumentMessage {
  type: typeof PDF_DOCUMENT;
  bytes: ArrayBuffer;
  texts: PdfTexts;
}

/** At most this many pages are rendered, each at most this many canvas pixels. */
export const MAX_PDF_PAGES = 100;
export const MAX_CANVAS_PIXELS = 8_000_000;
