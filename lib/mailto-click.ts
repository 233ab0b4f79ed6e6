/**
 * Which clicks in a web page are ours to take (the content script, entrypoints/mailto-links.content.ts):
 * a plain left click (no modifier: those mean "new tab", "save" and so on to the browser) on a link
 * whose href is a mailto: URL of bounded length. Only the clicked link's href is read, never the page.
 */
import { isMailtoUrl } from './mime/mailto';

/** What is read of a click; a MouseEvent has it. */
export interface ClickLike {
  button: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  /** The elements from the target out, through open shadow roots (`Event.composedPath()`). */
  composedPath(): EventTarget[];
}

/** The mailto: URL to open instead of the browser, or null to leave the click alone. */
export function mailtoOfClick(event: ClickLike): string | null {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.defaultPrevented) return null;
  // The innermost link around the target: <a href> and image-map <area href>, HTML or SVG.
  const link = event.composedPath().find((node): node is Element => isElement(node) && (node.localName === 'a' || node.localName === 'area') && node.hasAttribute('href'));
  if (!link) return null;
  const href = 'href' in link && typeof link.href === 'string' ? link.href : (link.getAttribute('href') ?? '');
  return isMailtoUrl(href) ? href : null;
}

function isElement(node: EventTarget): node is Element {
  return typeof (node as Partial<Element>).localName === 'string' && typeof (node as Partial<Element>).hasAttribute === 'function';
}
