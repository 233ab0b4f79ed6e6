/**
 * The one way emails and their thread rows are written together. Callers read a thread's stored
 * emails (`readThreads`), compute what it holds afterwards, and hand both to `replaceThreads`,
 * which writes the changed emails and the thread rows derived from the result, and deletes the
 * rows of mailboxes the thread has left. Because the rows to delete follow from the emails
 * before the change, thread rows need no index of their own by thread.
 *
 * Invariant: thread rows = threadMailboxRows(stored emails of the thread).
 */
import type { MailDB } from './db';
import type { EmailRow } from './rows';
import { threadMailboxRows } from './threads';

export interface ThreadChange {
  threadId: string;
  /** The thread's emails as stored now. */
  before: EmailRow[];
  /** Its emails afterwards; rows identical (===) to one in `before` are not rewritten. */
  after: EmailRow[];
}

/**
 * The stored emails of each thread. One request per thread, all issued at once: IndexedDB
 * pipelines them, where one cursor jumping between many keys (Dexie's anyOf) pays a round trip
 * per key.
 */
export async function readThreads(db: MailDB, accountId: string, threadIds: Iterable<string>): Promise<Map<string, EmailRow[]>> {
  const ids = [...new Set(threadIds)];
  const lists = await Promise.all(ids.map((threadId) => db.emails.where('[accountId+threadId]').equals([accountId, threadId]).toArray()));
  return new Map(ids.map((id, i) => [id, lists[i]]));
}

/** Must run inside a transaction over emails and threadMailboxes. */
export async function replaceThreads(db: MailDB, accountId: string, changes: ThreadChange[]): Promise<void> {
  const removedEmails: Array<[string, string]> = [];
  const writtenEmails: EmailRow[] = [];
  const staleRows: Array<[string, string, string]> = [];
  const threadRows = [];
  for (const { threadId, before, after } of changes) {
    const unchanged = new Set(before);
    const kept = new Set(after.map((e) => e.id));
    for (const email of before) if (!kept.has(email.id)) removedEmails.push([accountId, email.id]);
    for (const email of after) if (!unchanged.has(email)) writtenEmails.push(email);
    const rows = threadMailboxRows(after);
    const mailboxesAfter = new Set(rows.map((r) => r.mailboxId));
    for (const mailboxId of mailboxesOf(before)) if (!mailboxesAfter.has(mailboxId)) staleRows.push([accountId, mailboxId, threadId]);
    threadRows.push(...rows);
  }
  if (removedEmails.length) {
    await db.emails.bulkDelete(removedEmails);
    await db.bodies.bulkDelete(removedEmails);
  }
  if (writtenEmails.length) await db.emails.bulkPut(writtenEmails);
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
