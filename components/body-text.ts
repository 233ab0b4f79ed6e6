/**
 * A message body as plain text, for the conversation view until the hardened HTML reader exists.
 * HTML is parsed with DOMParser, which runs no script and loads nothing (its document has no
 * browsing context), and only its text is used: nothing of the message is ever put in our page
 * as HTML.
 */
import type { BodyRow } from '@/lib/store/rows';

const BLOCK_END = /<\/(p|div|tr|li|h[1-6]|blockquote|table|pre)>|<br\s*\/?>/gi;

export function htmlToText(html: string): string {
  const document = new DOMParser().parseFromString(html.replace(BLOCK_END, (tag) => `${tag}\n`), 'text/html');
  for (const hidden of document.querySelectorAll('style, script, head, title')) hidden.remove();
  return (document.body?.textContent ?? '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function bodyText(body: BodyRow): string {
  return body.text ?? (body.html ? htmlToText(body.html) : '');
}
