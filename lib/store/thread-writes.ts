/**
 * The one way emails and their thread rows are written together. Callers read a thread's stored
 * emails (`readThreads`), compute what it holds afterwards, and hand both to `replaceThreads`,
 * which writes the changed emails and the thread rows derived from the result, and deletes the
 * rows of mailboxes the thread has left. Because the rows to delete follow from the emails
 * before the change, thread rows need no index of their own by thread. Stored emails hold the
 * server's values; thread rows show what the user sees, the pending changes laid over them
 * (lib/store/pending.ts), so a user action rewrites only thread rows (`writeThreadRows`).
 *
 * Invariant: thread rows = threadMailboxRows(overlay(stored emails of the thread, pending changes)).
 */
import type { MailDB } from './db';
import { overlay, pendingPatches, type PendingPatches } from './pending';
import type { EmailRow } from './rows';
import { threadMailboxRows } from './threads';

export interface ThreadChange {
  threadId: string;
  /** The thread's emails as stored now. */
  before: EmailRow[];
  /** Its emails afterwards; rows identical (===) to one in `before` are not rewritten. */
  after: EmailRow[];
}

/** The stored emails of each thread, as the user sees them. */
export async function readThreadViews(db: MailDB, accountId: string, threadIds: Iterable<string>, pending: PendingPatches): Promise<Map<string, EmailRow[]>> {
  const stored = await readThreads(db, accountId, threadIds);
  return new Map([...stored].map(([threadId, emails]) => [threadId, overlay(emails, pending)]));
}

/** From this many threads on, readThreads tries one range read first. */
const RANGE_READ_MIN_THREADS = 50;
/** Emails a range read may return per thread asked for before it gives up on the range. */
const RANGE_READ_EMAILS_PER_THREAD = 4;

/**
 * The stored emails of each thread. Many threads (a bulk action on a folder) are first read as
 * one range of the [accountId+threadId] index, from the lowest id asked for to the highest, which
 * costs one request where reading thread by thread costs one each (50–70 ms for 1,000 threads on
 * a 2-core machine): a folder that holds most of an account's mail fills most of that range. The
 * range read stops at RANGE_READ_EMAILS_PER_THREAD emails per thread asked for; threads past
 * where it stopped are read one request each, all issued at once (IndexedDB pipelines them,
 * where one cursor jumping between many keys, Dexie's anyOf, pays a round trip per key).
 */
export async function readThreads(db: MailDB, accountId: string, threadIds: Iterable<string>): Promise<Map<string, EmailRow[]>> {
  const ids = [...new Set(threadIds)];
  const threads = new Map<string, EmailRow[]>(ids.map((id) => [id, []]));
  let rest = ids;
  if (ids.length >= RANGE_READ_MIN_THREADS) {
    const sorted = [...ids].sort();
    const limit = ids.length * RANGE_READ_EMAILS_PER_THREAD;
    const rows = await db.emails.where('[accountId+threadId]').between([accountId, sorted[0]], [accountId, sorted[sorted.length - 1]], true, true).limit(limit).toArray();
    for (const row of rows) threads.get(row.threadId)?.push(row);
    // Stopped early: the last thread read may be cut, so it is read again with those after it.
    const readUpTo = rows.length < limit ? null : rows[rows.length - 1].threadId;
    rest = readUpTo === null ? [] : sorted.filter((id) => id >= readUpTo);
  }
  const lists = await Promise.all(rest.map((threadId) => db.emails.where('[accountId+threadId]').equals([accountId, threadId]).toArray()));
  rest.forEach((id, i) => threads.set(id, lists[i]));
  return threads;
}

/** Writes server data. Must run inside a transaction over emails, threadMailboxes, bodies and pendingChanges. */
export async function replaceThreads(db: MailDB, accountId: string, changes: ThreadChange[]): Promise<void> {
  const patches = await pendingPatches(db, accountId);
  const removedEmails: Array<[string, string]> = [];
  const writtenEmails: EmailRow[] = [];
  for (const { before, after } of changes) {
    const unchanged = new Set(before);
    const kept = new Set(after.map((e) => e.id));
    for (const email of before) if (!kept.has(email.id)) removedEmails.push([accountId, email.id]);
    for (const email of after) if (!unchanged.has(email)) writtenEmails.push(email);
  }
  if (removedEmails.length) {
    await db.emails.bulkDelete(removedEmails);
    await db.bodies.bulkDelete(removedEmails);
  }
  if (writtenEmails.length) await db.emails.bulkPut(writtenEmails);
  await writeThreadRows(db, accountId, changes.map(({ threadId, before, after }) => ({ threadId, before: overlay(before, patches), after: overlay(after, patches) })));
}

/**
 * Rewrites the thread rows of threads whose emails, as the user sees them, went from `before` to
 * `after`; no email is written. Must run inside a transaction over threadMailboxes.
 */
export async function writeThreadRows(db: MailDB, accountId: string, changes: ThreadChange[]): Promise<void> {
  const staleRows: Array<[string, string, string]> = [];
  const threadRows = [];
  for (const { threadId, before, after } of changes) {
    const rows = threadMailboxRows(after);
    const mailboxesAfter = new Set(rows.map((r) => r.mailboxId));
    for (const mailboxId of mailboxesOf(before)) if (!mailboxesAfter.has(mailboxId)) staleRows.push([accountId, mailboxId, threadId]);
    threadRows.push(...rows);
  }
  if (staleRows.length) await db.threadMailboxes.bulkDelete(staleRows);
  if (threadRows.length) await db.threadMailboxes.bulkPut(threadRows);
}

function mailboxesOf(emails: EmailRow[]): Set<string> {
  const mailboxes = new Set<string>();
  for (const email of emails) for (const [id, member] of Object.entries(email.mailboxIds)) if (member) mailboxes.add(id);
  return mailboxes;
}

/** Groups emails by thread. */
export function byThread(emails: EmailRow[]): Map<string, EmailRow[]> {
  const groups = new Map<string, EmailRow[]>();
  for (const email of emails) {
    const group = groups.get(email.threadId);
    if (group) group.push(email);
    else groups.set(email.threadId, [email]);
  }
  return groups;
}
