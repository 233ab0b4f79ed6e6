/**
 * Who a reply goes to (RFC 5322 §3.6.3: a reply goes to Reply-To when present, else From; a reply
 * to all adds the original To and Cc). Addresses are compared by email, case-insensitively (the
 * local part is case-sensitive in theory, never in practice), and only the first occurrence of an
 * address is kept, across To and Cc.
 *
 * When the user wrote the original (replying from Sent), replying to themselves is never what they
 * mean: like Gmail and Thunderbird, the reply goes to the original's recipients instead.
 */
import type { EmailAddress } from '../jmap/types';

export type ReplyMode = 'reply' | 'replyAll' | 'sender';

export interface ReplyOriginal {
  from: EmailAddress[] | null;
  to: EmailAddress[] | null;
  cc: EmailAddress[] | null;
  replyTo: EmailAddress[] | null;
}

const key = (address: EmailAddress): string => address.email.trim().toLowerCase();

export function replyRecipients(
  original: ReplyOriginal,
  ownAddresses: string[],
  mode: ReplyMode,
): { to: EmailAddress[]; cc: EmailAddress[] } {
  const own = new Set(ownAddresses.map((email) => email.trim().toLowerCase()));
  const from = original.from ?? [];
  const seen = new Set<string>();
  // Drops the user, addresses without an email (an empty group) and repeats.
  const keep = (addresses: EmailAddress[], dropOwn: boolean): EmailAddress[] =>
    addresses.filter((address) => {
      const email = key(address);
      if (!email || (dropOwn && own.has(email)) || seen.has(email)) return false;
      seen.add(email);
      return true;
    });

  // "Write to sender" ignores Reply-To: it is how one answers a mailing-list post privately.
  if (mode === 'sender') return { to: keep(from, false), cc: [] };

  const sentByUser = from.some((address) => own.has(key(address)));
  const replyTo = original.replyTo?.length ? original.replyTo : from;
  const toCandidates = sentByUser ? (original.to ?? []) : mode === 'replyAll' ? [...replyTo, ...(original.to ?? [])] : replyTo;
  let to = keep(toCandidates, true);
  // A message from the user to only themselves (or a Reply-To pointing back at them) still needs someone to answer.
  if (to.length === 0) to = keep(from, false);
  const cc = mode === 'replyAll' ? keep(original.cc ?? [], true) : [];
  return { to, cc };
}
