/**
 * Derives the per-mailbox thread rows (ThreadMailboxRow) from a thread's emails. Pure, so the
 * rules (what "unread" and "latest" mean) are tested without a database.
 */
import type { EmailAddress } from '../jmap/types';
import type { EmailRow, ThreadMailboxRow } from './rows';

const isUnread = (email: EmailRow) => !email.keywords.$seen;

/** Enough to filter by "to" and to search people; a mailing list's thousand Cc are not all kept. */
export const MAX_RECIPIENTS = 20;

/**
 * Keywords starting with "$" are system flags and the IANA registry's state keywords ($seen,
 * $junk, $hasattachment that Cyrus sets…): not tags. Thunderbird's $label1…$label9 are tags.
 */
export function isTagKeyword(keyword: string): boolean {
  return !keyword.startsWith('$') || /^\$label\d+$/i.test(keyword);
}

export function threadMailboxRows(emails: EmailRow[]): ThreadMailboxRow[] {
  if (!emails.length) return [];
  const oldestFirst = [...emails].sort((a, b) => a.receivedAt - b.receivedAt);
  const senders = distinctAddresses(oldestFirst, (e) => e.from ?? []);
  const byMailbox = new Map<string, EmailRow[]>();
  for (const email of oldestFirst) {
    for (const [mailboxId, member] of Object.entries(email.mailboxIds)) {
      if (!member) continue;
      const list = byMailbox.get(mailboxId) ?? [];
      list.push(email);
      byMailbox.set(mailboxId, list);
    }
  }
  const rows: ThreadMailboxRow[] = [];
  for (const [mailboxId, inMailbox] of byMailbox) {
    const latest = inMailbox[inMailbox.length - 1];
    const unreadCount = inMailbox.filter(isUnread).length;
    rows.push({
      accountId: latest.accountId,
      mailboxId,
      threadId: latest.threadId,
      latestAt: latest.receivedAt,
      unread: unreadCount > 0 ? 1 : 0,
      flagged: inMailbox.some((e) => e.keywords.$flagged) ? 1 : 0,
      hasAttachment: inMailbox.some((e) => e.hasAttachment) ? 1 : 0,
      hasCalendar: inMailbox.some((e) => e.hasCalendar) ? 1 : 0,
      emailCount: emails.length,
      unreadCount,
      subject: oldestFirst[0].subject || latest.subject,
      senders,
      recipients: distinctAddresses(inMailbox, (e) => [...(e.to ?? []), ...(e.cc ?? [])]).slice(0, MAX_RECIPIENTS),
      keywords: [...new Set(inMailbox.flatMap((e) => Object.keys(e.keywords).filter((k) => e.keywords[k] && isTagKeyword(k))))],
      preview: latest.preview,
      latestEmailId: latest.id,
    });
  }
  return rows;
}

function distinctAddresses(emails: EmailRow[], addressesOf: (email: EmailRow) => EmailAddress[]): EmailAddress[] {
  const seen = new Set<string>();
  const distinct: EmailAddress[] = [];
  for (const email of emails) {
    for (const address of addressesOf(email)) {
      const key = (address.email ?? '').toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      distinct.push(address);
    }
  }
  return distinct;
}
