/**
 * Derives the per-mailbox thread rows (ThreadMailboxRow) from a thread's emails. Pure, so the
 * rules (what "unread" and "latest" mean) are tested without a database.
 */
import type { EmailAddress } from '../jmap/types';
import type { EmailRow, ThreadMailboxRow } from './rows';

const isUnread = (email: EmailRow) => !email.keywords.$seen;

export function threadMailboxRows(emails: EmailRow[]): ThreadMailboxRow[] {
  if (!emails.length) return [];
  const oldestFirst = [...emails].sort((a, b) => a.receivedAt - b.receivedAt);
  const senders = distinctSenders(oldestFirst);
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
      emailCount: emails.length,
      unreadCount,
      subject: oldestFirst[0].subject || latest.subject,
      senders,
      preview: latest.preview,
      latestEmailId: latest.id,
    });
  }
  return rows;
}

function distinctSenders(oldestFirst: EmailRow[]): EmailAddress[] {
  const seen = new Set<string>();
  const senders: EmailAddress[] = [];
  for (const email of oldestFirst) {
    for (const address of email.from ?? []) {
      const key = address.email.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      senders.push(address);
    }
  }
  return senders;
}
