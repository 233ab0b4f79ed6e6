/**
 * The documents a file preview or a message's source is shown in: srcdoc of a frame sandboxed
 * with no permission at all (no scripts, no same origin: an opaque origin without extension
 * APIs), whose first element is a CSP that loads nothing but data: images. The content is
 * generated here, never the file itself: an image is an <img> with a data: URL typed by its
 * signature; text is escaped into a <pre>.
 *
 * Not blob: URLs: a sandboxed srcdoc may not load the extension's blob: URLs, and a sandboxed
 * frame navigated to one becomes a document that has `chrome.runtime` and `chrome.storage` again
 * (seen in Chromium 156), so previews never navigate to one.
 */
import { escapeHtml } from '@/lib/mime/escape';
import type { RasterType } from './file-types';

export const VIEWER_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

const STYLE = `
  html { color-scheme: light; }
  body { margin: 0; font: 13px/1.45 ui-monospace, 'DejaVu Sans Mono', monospace; color: #202124; background: #fff; }
  pre { margin: 0; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; }
  .image { display: flex; align-items: center; justify-content: center; min-height: 100vh; background: #f1f3f4; }
  img { max-width: 100%; height: auto; }
`;

function viewerDocument(body: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${VIEWER_CSP}">` +
    `<meta name="referrer" content="no-referrer"><style>${STYLE}</style></head><body>${body}</body></html>`
  );
}

/** Standard base64, in chunks (String.fromCharCode takes a bounded number of arguments). */
export function base64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  return btoa(binary);
}

export function imageDocument(bytes: Uint8Array, type: RasterType, alt: string): string {
  return viewerDocument(`<div class="image"><img src="data:${type};base64,${base64(bytes)}" alt="${escapeHtml(alt)}"></div>`);
}

export function textDocument(text: string): string {
  return viewerDocument(`<pre>${escapeHtml(text)}</pre>`);
}
