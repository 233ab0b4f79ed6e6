/**
 * The list with "Group messages into conversations" off: each message on its own row, read from
 * the same thread rows (no index of its own, which every first-sync write would pay for).
 * Newest first streams: conversations come newest first by their latest message, so once the
 * conversations read so far reach back to date T, every message from T on is known and can be
 * shown. Oldest first has no such order (a conversation's first message can be older than any
 * other), so it reads the listed folders whole; a stale query stops early (AbortSignal).
 */
import type { MailDB } from './db';
import { overlay, pendingPatches } from './pending';
import type { EmailRow, ThreadMailboxRow } from './rows';
import { fullMatcher, listThreads, type ListedMailbox, type ListPosition, type SortOrder, type ThreadFilter } from './thread-query';
import { isTagKeyword, MAX_RECIPIENTS } from './threads';

/** A row of a list: a conversation, or with `emailId` one message of it. */
export type ListRow = ThreadMailboxRow & { emailId?: string };

const THREADS_PER_READ = 200;

function messageRow(thread: ThreadMailboxRow, email: EmailRow): ListRow {
  const unread = email.keywords.$seen ? 0 : 1;
  return {
    ...thread,
    latestAt: email.receivedAt,
    unread,
    flagged: email.keywords.$flagged ? 1 : 0,
    hasAttachment: email.hasAttachment,
    hasCalendar: email.hasCalendar ? 1 : 0,
    emailCount: 1,
    unreadCount: unread,
    subject: email.subject,
    senders: email.from ?? [],
    recipients: [...(email.to ?? []), ...(email.cc ?? [])].slice(0, MAX_RECIPIENTS),
    keywords: Object.keys(email.keywords).filter((k) => email.keywords[k] && isTagKeyword(k)),
    preview: email.preview,
    latestEmailId: email.id,
    emailId: email.id,
  };
}

/** The messages of these conversations that are in the row's mailbox, as the user sees them. */
async function messagesOf(db: MailDB, threads: ThreadMailboxRow[]): Promise<ListRow[]> {
  const pending = new Map(await Promise.all([...new Set(threads.map((t) => t.accountId))].map(async (id) => [id, await pendingPatches(db, id)] as const)));
  const emails = await Promise.all(threads.map(async (t) => overlay(await db.emails.where('[accountId+threadId]').equals([t.accountId, t.threadId]).toArray(), pending.get(t.accountId)!)));
  return threads.flatMap((thread, i) => emails[i].filter((e) => e.mailboxIds[thread.mailboxId]).map((e) => messageRow(thread, e)));
}

export async function listMessages(db: MailDB, mailboxes: ListedMailbox[], filter: ThreadFilter, order: SortOrder, limit: number, signal?: AbortSignal): Promise<{ rows: ListRow[]; complete: boolean }> {
  const matches = fullMatcher(filter);
  // Conversations with a message from `since` on have their latest message from then on too.
  const threadFilter: ThreadFilter = filter.since === undefined ? {} : { since: filter.since };
  const found: ListRow[] = [];
  let position: ListPosition | null = null;
  do {
    signal?.throwIfAborted();
    const page = await listThreads(db, mailboxes, threadFilter, 'newest', THREADS_PER_READ, position, signal);
    found.push(...(await messagesOf(db, page.rows)).filter(matches));
    position = page.next;
    if (order === 'newest' && position) {
      const known = found.filter((m) => m.latestAt >= position!.latestAt);
      if (known.length > limit) return { rows: known.sort((a, b) => b.latestAt - a.latestAt).slice(0, limit), complete: false };
    }
  } while (position);
  const sorted = found.sort((a, b) => (order === 'newest' ? b.latestAt - a.latestAt : a.latestAt - b.latestAt));
  return { rows: sorted.slice(0, limit), complete: sorted.length <= limit };
}
