/**
 * Long and undecodable bodies.
 *
 * Long: the page's main thread sanitises a body (DOMPurify needs a DOM, which workers lack) and
 * then parses and lays out the same-origin frame, also on the page's main thread. Measured in
 * Chromium 156 on this project's 2-core machine (docs/PERFORMANCE.md, "Reading"): a 2 MB HTML
 * body (the most the server sends, MAX_BODY_VALUE_BYTES) costs ~500 ms to sanitise and ~800 ms
 * in the frame, 2 MB of plain text ~20 ms and ~470 ms; 256 kB of HTML ~60 ms and ~90 ms. So a
 * body past FIRST_PART_CHARS shows its first part only, cut where a tag or a line ends, until
 * the user asks for the whole message: splitting the sanitising into chunks would still leave
 * the frame's one long parse, and the user sees no more than a first screenful anyway.
 *
 * Undecodable: when the server could not decode a part (isEncodingProblem), the page can fetch
 * the part's bytes and decode them in a charset the user picks (TextDecoder; all of these are in
 * the WHATWG Encoding Standard).
 */
import { plainTextToHtml } from '@/lib/security/plain-text';

export const FIRST_PART_CHARS = 200_000;

/** Charsets offered for "Decode as", most common legacy mail charsets first. */
export const CHARSETS = ['windows-1251', 'koi8-r', 'iso-8859-5', 'windows-1252', 'iso-8859-2', 'iso-8859-15', 'iso-2022-jp', 'shift_jis', 'euc-jp', 'gb18030', 'big5', 'euc-kr', 'utf-8'];

/**
 * The body as shown: whole, or its first part when longer than `limit` characters (HTML cut
 * after the last '>' before the limit, text after the last line break, so that no tag or line is
 * split; the parser closes what is left open).
 */
export function firstPart(body: { html: string | null; text: string | null }, limit = FIRST_PART_CHARS): { html: string | null; text: string | null; cut: boolean } {
  const source = body.html ?? body.text ?? '';
  if (source.length <= limit) return { ...body, cut: false };
  const end = body.html !== null ? source.lastIndexOf('>', limit) + 1 : source.lastIndexOf('\n', limit) + 1;
  const part = source.slice(0, end > limit / 2 ? end : limit);
  return body.html !== null ? { html: part, text: body.text, cut: true } : { html: null, text: part, cut: true };
}

/**
 * The shown view rebuilt from its parts' bytes decoded in `charset`: HTML parts as they are and
 * text parts escaped when the view is HTML (as lib/sync/bodies.ts builds it), text joined otherwise.
 */
export function recoded(parts: Array<{ type: string; bytes: ArrayBuffer | Uint8Array }>, charset: string, html: boolean): { html: string | null; text: string | null } {
  const decoder = new TextDecoder(charset);
  const texts = parts.map((part) => ({ type: part.type, text: decoder.decode(part.bytes) }));
  if (!html) return { html: null, text: texts.map((part) => part.text).join('\n\n') };
  return { html: texts.map((part) => (part.type === 'text/html' ? part.text : plainTextToHtml(part.text))).join('\n'), text: null };
}
