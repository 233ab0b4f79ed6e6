/**
 * Removing an account from this browser: every local row it owns goes, in one transaction, so a
 * crash leaves either the whole account or nothing of it. Its mail on the server is not touched.
 * The caller stops its sync first (a run in flight would write rows back).
 */
import Dexie from 'dexie';
import type { MailDB } from '../store/db';

export async function removeAccountRows(db: MailDB, accountId: string): Promise<void> {
  // Compound primary keys that start with the account id: everything between these two is its.
  const [first, last] = [[accountId, Dexie.minKey], [accountId, Dexie.maxKey]];
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.bodies, db.pendingMutations, db.pendingChanges, db.mailboxes, db.syncStates, db.syncStatus, db.credentials, db.accounts, db.drafts, db.draftBlobs, db.identities, db.newMailMarks], async () => {
    for (const table of [db.emails, db.threadMailboxes, db.bodies, db.mailboxes, db.syncStates, db.identities]) await table.where(':id').between(first, last).delete();
    await db.pendingMutations.where('accountId').equals(accountId).delete();
    await db.pendingChanges.where('accountId').equals(accountId).delete();
    const draftIds = await db.drafts.where('accountId').equals(accountId).primaryKeys();
    await db.draftBlobs.where('draftId').anyOf(draftIds).delete();
    await db.drafts.bulkDelete(draftIds);
    await db.syncStatus.delete(accountId);
    await db.newMailMarks.delete(accountId);
    await db.credentials.delete(accountId);
    await db.accounts.delete(accountId);
  });
}
