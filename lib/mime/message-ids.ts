/**
 * Message-ID, In-Reply-To and References of a new message (RFC 5322 §3.6.4). Ids are in JMAP form
 * (RFC 8621 §4.1.2.3): without angle brackets; stray brackets and blanks are removed anyway.
 *
 * Note that the store's EmailRow does not keep `references`: a caller that passes null there gets
 * the RFC's fallback to the parent's In-Reply-To, which keeps short threads intact but loses the
 * root of long ones.
 */

export interface ThreadingHeaders {
  messageId: string[] | null;
  inReplyTo: string[] | null;
  references: string[] | null;
}

/**
 * The root of the thread and the most recent ancestors are what threading algorithms (RFC 5256
 * REFERENCES, JWZ) need; keeping every id makes the header grow without bound, and long headers
 * are folded badly or refused by some servers. RFC 5537 §3.4.4 trims the same way.
 */
const KEEP_FIRST = 1;
const KEEP_LAST = 20;

function clean(ids: string[] | null): string[] {
  return (ids ?? []).map((id) => id.trim().replace(/^<|>$/g, '')).filter((id) => id !== '');
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * In-Reply-To is the parent's Message-ID; References is the parent's References (or, failing that,
 * its In-Reply-To when that names exactly one message) followed by the parent's Message-ID. Each is
 * null when it would be empty: a parent without a Message-ID gives no In-Reply-To, but its
 * References are still passed on, as the RFC says.
 */
export function replyThreading(original: ThreadingHeaders): { inReplyTo: string[] | null; references: string[] | null } {
  const parent = unique(clean(original.messageId));
  const parentInReplyTo = clean(original.inReplyTo);
  let ancestors = clean(original.references);
  if (ancestors.length === 0 && parentInReplyTo.length === 1) ancestors = parentInReplyTo;
  // The parent's own id must come last, even if a broken client already listed it.
  let references = unique([...ancestors.filter((id) => !parent.includes(id)), ...parent]);
  if (references.length > KEEP_FIRST + KEEP_LAST) {
    references = [...references.slice(0, KEEP_FIRST), ...references.slice(-KEEP_LAST)];
  }
  return {
    inReplyTo: parent.length ? parent : null,
    references: references.length ? references : null,
  };
}

/** A plain ASCII host name; anything else (IDN in Unicode, a literal, garbage) would make the id invalid. */
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
const FALLBACK_DOMAIN = 'postline.invalid';

/** "<random>@<domain of the sender>" without brackets; the domain makes collisions with other senders' ids impossible. */
export function newMessageId(fromEmail: string, random: () => string = () => crypto.randomUUID()): string {
  const at = fromEmail.lastIndexOf('@');
  const domain = at < 0 ? '' : fromEmail.slice(at + 1).trim().toLowerCase();
  return `${random()}@${HOST.test(domain) ? domain : FALLBACK_DOMAIN}`;
}
