/**
 * The reader's sanitiser: a message body (HTML, or plain text made into HTML) → HTML that cannot
 * run anything, submit anything or load anything the policy does not allow, with what was
 * blocked counted, deceptive links listed and quoted text marked.
 *
 * Two passes. DOMPurify, under the frozen CONFIG (allow-lists only: tags and attributes a mail
 * body needs, no SVG or MathML, no forms, frames, media, <base>, <meta>, <link>; no data-*
 * attributes from the sender, ids and names prefixed so they cannot clobber the document), takes
 * out everything active. Then every remaining reference to a resource is decided by
 * resources.ts (deny by default), and CSS goes through the browser's CSS parser (css.ts).
 * <style> is kept, rewritten, since newsletters depend on it; the frame confines it.
 *
 * Needs a DOM: runs in extension pages, never in the service worker.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { cleanDeclarations, cleanStyleSheet } from './css';
import { isDeceptiveLink } from './links';
import { plainTextToHtml } from './plain-text';
import { markQuotes } from './quotes';
import { blockResource, imageSource, type BlockedCount, type ResourcePolicy } from './resources';
import { absoluteRemote, srcsetUrls, urlKind } from './urls';

export type { BlockedCount, ResourcePolicy } from './resources';
export { QUOTE_ATTRIBUTE } from './quotes';
export const DECEPTIVE_ATTRIBUTE = 'data-reader-deceptive';

export interface DeceptiveLink {
  text: string;
  href: string;
}

export interface SanitisedMessage {
  html: string;
  blocked: BlockedCount;
  deceptiveLinks: DeceptiveLink[];
  /** Outermost quoted blocks marked with QUOTE_ATTRIBUTE (0: nothing to fold). */
  quotes: number;
}

const TAGS = [
  'a', 'abbr', 'address', 'area', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center',
  'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'map',
  'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'source', 'span',
  'strike', 'strong', 'style', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt',
  'u', 'ul', 'var', 'wbr',
];
const ATTRIBUTES = [
  'abbr', 'align', 'alt', 'background', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'class', 'clear', 'color', 'cols',
  'colspan', 'coords', 'datetime', 'dir', 'face', 'headers', 'height', 'href', 'hspace', 'id', 'lang', 'media', 'name',
  'noshade', 'nowrap', 'open', 'reversed', 'role', 'rowspan', 'rules', 'scope', 'shape', 'size', 'sizes', 'span', 'src',
  'srcset', 'start', 'style', 'summary', 'title', 'type', 'valign', 'value', 'vspace', 'width',
];

/** Frozen so that no caller can loosen it for one message (DOMPurify copies what it reads). */
export const CONFIG: Readonly<Config & { RETURN_DOM: true }> = Object.freeze({
  // DOMPurify's type asks for mutable arrays; it never writes to them.
  ALLOWED_TAGS: Object.freeze(TAGS) as string[],
  ALLOWED_ATTR: Object.freeze(ATTRIBUTES) as string[],
  ALLOW_ARIA_ATTR: true,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|cid:|data:image\/(?:png|gif|jpe?g|webp|bmp|avif);|#|\/\/)/i,
  // A leading <style> would otherwise be dropped with the <head> it was parsed into.
  FORCE_BODY: true,
  KEEP_CONTENT: true,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: true,
});

/** Attributes through which HTML can reference a resource; any not handled below is removed. */
const URL_ATTRIBUTES = ['src', 'srcset', 'href', 'background', 'poster', 'data', 'action', 'formaction', 'cite', 'longdesc', 'usemap', 'lowsrc', 'dynsrc', 'ping', 'xlink:href', 'manifest', 'icon', 'codebase', 'archive', 'profile'];

let purifier: Purifier | null = null;
/** The count of the run in progress (sanitising is synchronous, so there is one at a time). */
let running: BlockedCount | null = null;

function getPurifier(): Purifier {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  // Elements DOMPurify removes (<link>, <video>, <iframe>…) would have loaded what they reference.
  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (!running || data.allowedTags[data.tagName] || !(node instanceof Element)) return;
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value !== null) urlsOf(name, value).forEach((url) => blockResource(url, running!));
    }
  });
  return purifier;
}

function urlsOf(attribute: string, value: string): string[] {
  return attribute === 'srcset' ? srcsetUrls(value) : [value];
}

export function sanitiseMessage(body: { html: string | null; text: string | null }, policy: ResourcePolicy): SanitisedMessage {
  const source = body.html ?? plainTextToHtml(body.text ?? '');
  const blocked: BlockedCount = { images: 0, other: 0 };
  running = blocked;
  let root: Element | null;
  try {
    root = getPurifier().sanitize(source, CONFIG);
  } finally {
    running = null;
  }
  // DOMPurify answers null when the markup leaves no body (a <frameset> document): nothing to show.
  if (!root) return { html: '', blocked, deceptiveLinks: [], quotes: 0 };
  const deceptiveLinks: DeceptiveLink[] = [];
  for (const element of root.querySelectorAll('*')) decideResources(element, policy, blocked, deceptiveLinks);
  const quotes = markQuotes(root);
  return { html: root.innerHTML, blocked, deceptiveLinks, quotes };
}

function decideResources(element: Element, policy: ResourcePolicy, blocked: BlockedCount, deceptive: DeceptiveLink[]): void {
  const image = (url: string) => imageSource(url, policy, blocked);
  if (element.localName === 'style') {
    element.textContent = cleanStyleSheet(element.textContent ?? '', image, (url) => blockResource(url, blocked));
  }
  if (element instanceof HTMLElement && element.hasAttribute('style')) {
    cleanDeclarations(element.style, image);
    if (!element.style.length) element.removeAttribute('style');
  }
  if (element.localName === 'source' && element.parentElement?.localName !== 'picture') {
    urlsOf('srcset', element.getAttribute('srcset') ?? '').forEach((url) => blockResource(url, blocked));
    element.remove();
    return;
  }
  for (const name of URL_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value === null) continue;
    const kept = decideUrl(element.localName, name, value, image);
    if (kept === null) element.removeAttribute(name);
    else element.setAttribute(name, kept);
    if (kept === null && !isImageAttribute(element.localName, name)) urlsOf(name, value).forEach((url) => blockResource(url, blocked));
  }
  if (element.localName === 'a' || element.localName === 'area') guardLink(element, deceptive);
}

function isImageAttribute(tag: string, attribute: string): boolean {
  return (tag === 'img' && (attribute === 'src' || attribute === 'srcset')) || (tag === 'source' && attribute === 'srcset') || attribute === 'background';
}

function decideUrl(tag: string, attribute: string, value: string, image: (url: string) => string | null): string | null {
  if ((tag === 'a' || tag === 'area') && attribute === 'href') {
    const kind = urlKind(value);
    return kind === 'remote' ? absoluteRemote(value) : kind === 'link' ? value.trim() : null;
  }
  if (!isImageAttribute(tag, attribute)) return null;
  if (attribute !== 'srcset') return image(value);
  // A srcset is kept whole, when every URL in it may load as written, or not at all.
  const urls = srcsetUrls(value);
  const kept = urls.map(image);
  return urls.length && kept.every((url, i) => url === urls[i]) ? value : null;
}

function guardLink(link: Element, deceptive: DeceptiveLink[]): void {
  const href = link.getAttribute('href');
  if (href === null) return;
  link.setAttribute('target', '_blank');
  link.setAttribute('rel', 'noopener noreferrer');
  link.setAttribute('title', href);
  const text = link.textContent ?? '';
  if (isDeceptiveLink(text, href)) {
    link.setAttribute(DECEPTIVE_ATTRIBUTE, '');
    deceptive.push({ text: text.trim(), href });
  }
}
