/**
 * HTML the user wrote that goes out to other people (a signature, an autoreply's message) as it
 * may be saved: it passes the reader's sanitiser first, so nothing that runs, submits or loads
 * anything but images survives. Remote images are kept: the user chose them, and the readers of
 * those who get it decide whether to load them.
 *
 * <style> is dropped: in a signature it would restyle the whole message, and in an autoreply it is
 * where the server's escapes (lib/accounts/autoreply.ts) would not be decoded. The reader's own
 * marks go too, and ids and names (which the sanitiser prefixes, again on every save).
 *
 * Needs a DOM (DOMParser, DOMPurify): runs in extension pages, never in the service worker.
 */
import { DECEPTIVE_ATTRIBUTE, QUOTE_ATTRIBUTE, sanitiseMessage } from './sanitise';

/** The sanitised HTML, or '' when it has no text and no picture (an empty editor's `<p></p>`). */
export function cleanUserHtml(html: string): string {
  const clean = sanitiseMessage({ html, text: null }, { allowRemoteImages: true, inlineParts: new Map() }).html;
  const body = new DOMParser().parseFromString(clean, 'text/html').body;
  body.querySelectorAll('style').forEach((element) => element.remove());
  for (const attribute of [QUOTE_ATTRIBUTE, DECEPTIVE_ATTRIBUTE, 'id', 'name']) body.querySelectorAll(`[${attribute}]`).forEach((element) => element.removeAttribute(attribute));
  if (!/\S/.test(body.textContent ?? '') && !body.querySelector('img')) return '';
  return body.innerHTML;
}
