/**
 * Read queries for the UI and the badge. All of them are answered from indexes with bounded
 * reads: no query loads a whole table.
 */
import Dexie from 'dexie';
import type { MailDB } from './db';
import { overlayPending } from './pending';
import type { EmailRow, MailboxRow, ThreadMailboxRow } from './rows';
import { oldestFirst } from './thread-query';

/** The inbox of every enabled account. */
export async function enabledInboxes(db: MailDB): Promise<MailboxRow[]> {
  const accounts = await db.accounts.toArray();
  const inboxes = await Promise.all(
    accounts.filter((a) => !a.disabled).map((a) => db.mailboxes.where('[accountId+role]').equals([a.id, 'inbox']).first()),
  );
  return inboxes.filter((m): m is MailboxRow => !!m);
}

function unreadRange(db: MailDB, inbox: MailboxRow) {
  return db.threadMailboxes
    .where('[accountId+mailboxId+unread+latestAt]')
    .between([inbox.accountId, inbox.id, 1, Dexie.minKey], [inbox.accountId, inbox.id, 1, Dexie.maxKey]);
}

/** Number of threads with unread mail in the inboxes of all enabled accounts: the badge. */
export async function unreadThreadCount(db: MailDB): Promise<number> {
  const counts = await Promise.all((await enabledInboxes(db)).map((inbox) => unreadRange(db, inbox).count()));
  return counts.reduce((sum, n) => sum + n, 0);
}

/** Unread inbox threads of all enabled accounts, newest first. */
export async function unreadInboxThreads(db: MailDB, limit: number): Promise<ThreadMailboxRow[]> {
  const perInbox = await Promise.all((await enabledInboxes(db)).map((inbox) => unreadRange(db, inbox).reverse().limit(limit).toArray()));
  return perInbox
    .flat()
    .sort((a, b) => oldestFirst(b, a))
    .slice(0, limit);
}

/**
 * Inbox threads of all enabled accounts, read or not, newest first: the popup's "All inboxes".
 * Each inbox's unread=0 and unread=1 ranges of [accountId+mailboxId+unread+latestAt] are read
 * newest first, at most `limit` rows each, so no more than 2 × inboxes × limit rows are read.
 */
export async function inboxThreads(db: MailDB, limit: number): Promise<ThreadMailboxRow[]> {
  const ranges = (await enabledInboxes(db)).flatMap((inbox) =>
    ([0, 1] as const).map((flag) =>
      db.threadMailboxes
        .where('[accountId+mailboxId+unread+latestAt]')
        .between([inbox.accountId, inbox.id, flag, Dexie.minKey], [inbox.accountId, inbox.id, flag, Dexie.maxKey])
        .reverse()
        .limit(limit)
        .toArray(),
    ),
  );
  return (await Promise.all(ranges))
    .flat()
    .sort((a, b) => oldestFirst(b, a))
    .slice(0, limit);
}

/**
 * The conversations next to one in a mailbox's list (newest first): `newer` is the one above it,
 * `older` the one below, or null at either end.
 */
export async function neighbourThreads(db: MailDB, accountId: string, mailboxId: string, threadId: string): Promise<{ newer: ThreadMailboxRow | null; older: ThreadMailboxRow | null }> {
  const current = await db.threadMailboxes.get([accountId, mailboxId, threadId]);
  if (!current) return { newer: null, older: null };
  // In the list's order; the index returns rows of the same date in that order too, read and unread alike.
  const above = (row: ThreadMailboxRow) => oldestFirst(row, current) > 0;
  const side = (newer: boolean) =>
    Promise.all(
      ([0, 1] as const).map((flag) => {
        const range = db.threadMailboxes
          .where('[accountId+mailboxId+unread+latestAt]')
          .between(
            [accountId, mailboxId, flag, newer ? current.latestAt : Dexie.minKey],
            [accountId, mailboxId, flag, newer ? Dexie.maxKey : current.latestAt],
            true,
            true,
          );
        return (newer ? range : range.reverse()).filter((row) => row.threadId !== threadId && above(row) === newer).first();
      }),
    );
  const [newer, older] = await Promise.all([side(true), side(false)]);
  const found = (rows: Array<ThreadMailboxRow | undefined>) => rows.filter((r): r is ThreadMailboxRow => !!r).sort(oldestFirst);
  return { newer: found(newer)[0] ?? null, older: found(older).at(-1) ?? null };
}

/**
 * Unread conversations of a mailbox as the local store has it now (so it follows local changes
 * at once). Only the unread rows are counted: folder lists show this for every folder and
 * recount on every write, so it must not scan the read ones.
 */
export async function unreadThreadsIn(db: MailDB, mailbox: MailboxRow): Promise<number> {
  return unreadRange(db, mailbox).count();
}

/** Number of emails stored for an account. */
export async function emailCount(db: MailDB, accountId: string): Promise<number> {
  return db.emails.where('[accountId+id]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).count();
}

/** The emails of a thread as the user sees them (pending changes laid over), oldest first. */
export async function threadEmails(db: MailDB, accountId: string, threadId: string): Promise<EmailRow[]> {
  const emails = await overlayPending(db, accountId, await db.emails.where('[accountId+threadId]').equals([accountId, threadId]).toArray());
  return [...emails].sort((a, b) => a.receivedAt - b.receivedAt);
}
