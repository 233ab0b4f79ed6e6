/**
 * mailto: URLs (RFC 6068) → the fields of a new message. Pure: no DOM, no store; never throws.
 *
 *   mailto:a@x.org,b@y.org?cc=c@z.org&subject=Hi%20there&body=Line%201%0D%0ALine%202
 *          └─ to (path) ──┘ └──────────── hfields: name=value, joined by & ─────────┘
 *
 * Guarantees:
 * - Only To, Cc, Bcc, Subject and Body are taken (RFC 6068 §6: other header fields in a link
 *   must not be trusted, so `from`, `in-reply-to`, `x-…` are ignored); hfield names ignore case.
 * - Values are percent-decoded as UTF-8 (§2); `+` stays a plus (mailto is not a form encoding);
 *   an escape that is not one (`%zz`, a lone `%`) is kept as typed, and bytes that are not UTF-8
 *   become U+FFFD, so odd links still open.
 * - Addresses come from the path and from every `to=`, `cc=`, `bcc=` field, each a list read by
 *   `parseAddressList` (so `Name <a@x.org>` works); empty pieces are dropped, repeats (ignoring
 *   case) kept once. Addresses that are not valid are kept as given so the composer shows them
 *   for correction rather than losing them silently.
 * - The first `subject` and the first `body` win (§2 says each appears at most once); the subject
 *   is one line (line breaks become spaces); the body's line breaks become `\n`.
 * - `#` is part of the value (links often carry `body=Issue #5` unescaped), not a fragment.
 */
import type { EmailAddress } from '../jmap/types';
import { addressKey, parseAddressList } from './addresses';

export interface MailtoFields {
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject: string;
  body: string;
}

/** Longer than any link a page should need; longer ones are refused, not truncated. */
export const MAX_MAILTO_LENGTH = 32 * 1024;

export function isMailtoUrl(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_MAILTO_LENGTH && /^mailto:/i.test(value);
}

/** The fields of a mailto: URL, or null when it is not one (another scheme, too long, not a string). */
export function parseMailto(url: unknown): MailtoFields | null {
  if (!isMailtoUrl(url)) return null;
  const rest = url.slice('mailto:'.length);
  const query = rest.indexOf('?');
  const path = query < 0 ? rest : rest.slice(0, query);
  const fields = { to: [path], cc: [] as string[], bcc: [] as string[], subject: null as string | null, body: null as string | null };
  for (const pair of query < 0 ? [] : rest.slice(query + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = percentDecode(eq < 0 ? pair : pair.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (name === 'to' || name === 'cc' || name === 'bcc') fields[name].push(value);
    else if ((name === 'subject' || name === 'body') && fields[name] === null) fields[name] = percentDecode(value);
  }
  return {
    to: addresses(fields.to),
    cc: addresses(fields.cc),
    bcc: addresses(fields.bcc),
    subject: (fields.subject ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim(),
    body: (fields.body ?? '').replace(/\r\n?/g, '\n'),
  };
}

/** Each encoded list decoded and read, in order, without repeats. */
function addresses(encoded: string[]): EmailAddress[] {
  const seen = new Set<string>();
  const result: EmailAddress[] = [];
  for (const list of encoded) {
    for (const address of parseAddressList(percentDecode(list))) {
      const key = addressKey(address.email);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      result.push({ name: address.name ?? '', email: address.email });
    }
  }
  return result;
}

const ESCAPES = /(?:%[0-9a-f]{2})+/gi;
const utf8 = new TextDecoder('utf-8'); // not fatal: bad bytes become U+FFFD

/** Runs of %XX as UTF-8; everything else (a lone `%`, `+`) as it stands. */
export function percentDecode(text: string): string {
  return text.replace(ESCAPES, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return utf8.decode(bytes);
  });
}
