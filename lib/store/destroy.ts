/**
 * Deleting forever (from Trash or Spam) and emptying a mailbox. Local-first like every other
 * change: the emails leave the store at once and a pending mutation per email carries the
 * destroy (with the stored row, to put back if the server refuses). An email that is also in another
 * mailbox only leaves this one: "delete forever" in Trash must not take a copy out of Sent.
 */
import Dexie from 'dexie';
import type { MailDB } from './db';
import { newMutation, recordEmailPatches } from './mutations';
import type { EmailRow } from './rows';
import { pendingPatches } from './pending';
import { readThreads, readThreadViews, replaceThreads } from './thread-writes';

/** Returns how many emails will be destroyed. `emailIds`: only these messages of the conversations. */
export async function destroyThreads(db: MailDB, accountId: string, threadIds: string[], mailboxId: string, now = Date.now(), emailIds?: string[]): Promise<number> {
  const only = emailIds && new Set(emailIds);
  let destroyed = 0;
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.pendingChanges, db.bodies], async () => {
    const threads = await readThreadViews(db, accountId, threadIds, await pendingPatches(db, accountId));
    const inMailbox = [...threads.values()].flat().filter((e) => e.mailboxIds[mailboxId] && (!only || only.has(e.id)));
    const elsewhere = inMailbox.filter((e) => Object.keys(e.mailboxIds).some((id) => id !== mailboxId));
    const gone = new Set(inMailbox.filter((e) => !elsewhere.includes(e)).map((e) => e.id));
    if (elsewhere.length) {
      await recordEmailPatches(db, accountId, Object.fromEntries(elsewhere.map((e) => [e.id, { [`mailboxIds/${mailboxId}`]: null }])), now);
    }
    if (!gone.size) return;
    const current = await readThreads(db, accountId, threadIds);
    const removedRows: EmailRow[] = [...current.values()].flat().filter((e) => gone.has(e.id));
    await replaceThreads(db, accountId, [...current].map(([threadId, before]) => ({ threadId, before, after: before.filter((e) => !gone.has(e.id)) })));
    // A pending change of a destroyed email no longer matters: the destroy replaces it (the
    // outbox drops changes of emails it no longer stores). A refused one no longer shows.
    await db.pendingMutations.where('[accountId+emailId]').anyOf(removedRows.map((e) => [accountId, e.id])).delete();
    await db.pendingMutations.bulkAdd(removedRows.map((row) => ({ ...newMutation(accountId, row.id, now), destroyed: row })));
    destroyed = removedRows.length;
  });
  return destroyed;
}

/** "Empty Trash" / "Empty Spam": every conversation of the mailbox, deleted forever. */
export async function emptyMailbox(db: MailDB, accountId: string, mailboxId: string, now = Date.now()): Promise<number> {
  const keys = await db.threadMailboxes
    .where('[accountId+mailboxId+threadId]')
    .between([accountId, mailboxId, Dexie.minKey], [accountId, mailboxId, Dexie.maxKey])
    .primaryKeys();
  return destroyThreads(db, accountId, keys.map((key) => (key as unknown as [string, string, string])[2]), mailboxId, now);
}
