/**
 * Signature HTML as it may be saved: it is user content that goes into every outgoing message
 * (and, on servers with Identity/set, to other mail apps) and is shown in our pages, so it passes
 * the reader's sanitiser first: nothing that runs, submits or loads anything but images survives.
 *
 * Remote images are kept: a signature may legitimately reference the user's own logo on a web
 * server, and it goes out to recipients whose readers decide whether to load it. Such a signature
 * is shown only in the editor (Quill keeps its own few formats: text, bold, italic, underline,
 * lists, quotes, links, images), never rendered as free HTML in our pages outside the reader's
 * sandboxed frame. <style> is dropped: in a signature it would restyle the whole message
 * (lib/security/user-html.ts, which the autoreply's message goes through too).
 *
 * Needs a DOM (DOMParser, DOMPurify): runs in extension pages, never in the service worker.
 */
import { cleanUserHtml } from './user-html';

const BLOCKS = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol']);

/** The sanitised signature (lib/security/user-html.ts), or '' when it has no text and no picture. */
export function cleanSignature(html: string): string {
  return cleanUserHtml(html);
}

/** The plain-text version of a signature (RFC 8621 textSignature): its text, a line per block. */
export function signatureText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) text += (node.textContent ?? '').replace(/\s+/g, ' ');
    if (!(node instanceof Element)) return;
    if (node.localName === 'br') text += '\n';
    if (node.localName === 'img' && node.getAttribute('alt')) text += node.getAttribute('alt');
    node.childNodes.forEach(walk);
    if (node.localName === 'a') {
      const href = node.getAttribute('href') ?? '';
      // A link whose text is not its address keeps the address, which plain text cannot hide.
      if (href && !href.startsWith('mailto:') && !(node.textContent ?? '').includes(href.replace(/^https?:\/\//, '').replace(/\/$/, ''))) text += ` <${href}>`;
    }
    if (BLOCKS.has(node.localName) && !text.endsWith('\n')) text += '\n';
  };
  body.childNodes.forEach(walk);
  return text
    .split('\n')
    .map((line) => line.trim())
    // The signature separator keeps its space (RFC 3676 §4.3: "-- " alone on a line).
    .map((line) => (line === '--' ? '-- ' : line))
    .join('\n')
    .trim();
}
