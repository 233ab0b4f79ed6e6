/**
 * Schema versions. Never edit a released version: add the next one, with an upgrade function
 * when existing rows must change. Every index costs on every write of the first sync, so there
 * are only those the product's queries need:
 *  - threadMailboxes [accountId+mailboxId+unread+latestAt]: unread threads of a mailbox newest
 *    first and their count (badge, popup); a mailbox's threads by date merge its unread=0 and
 *    unread=1 ranges; the primary key [accountId+mailboxId+threadId] gives a mailbox's row count
 *    and lets a mailbox's rows be deleted. [accountId+mailboxId+flagged+latestAt] (v5): the
 *    Flagged filter, whose matches are too rare (1 in 40 in a typical inbox) to find by testing
 *    rows read by date.
 *  - emails [accountId+threadId]: the emails of a thread (also how thread rows are rebuilt).
 *  - bodies lastReadAt: least-recently-read eviction; size: the storage used, summed from the
 *    index keys alone without loading any body.
 *  - pendingMutations &[accountId+emailId]: one row per email (a destroy, or a refused change);
 *    [accountId+status+nextAttemptAt]: the destroys due now; status: the refused changes to show.
 *  - pendingChanges (v6) accountId: an account's pending changes, one row per action (a handful).
 *  - drafts accountId: an account's drafts to save or send (a handful: no finer index);
 *    status: the Outbox (queued, sending, failed) across accounts.
 *  - draftBlobs draftId: a draft's files, deleted with it.
 *  - identities accountId: the From choices of an account.
 *  - newMailMarks (v3): one row per account, read and written by its primary key only.
 */
import type { Dexie, Transaction } from 'dexie';
import { applyPatch, type EmailPatch } from './patch';
import type { EmailRow, PendingMutationRow } from './rows';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Changes existing rows when a database is upgraded to this version. */
  upgrade?: (tx: Transaction) => Promise<unknown>;
}

export const SCHEMA_VERSIONS: ReadonlyArray<SchemaVersion> = [
  {
    version: 1,
    stores: {
      accounts: 'id, email',
      credentials: 'accountId',
      mailboxes: '[accountId+id], accountId, [accountId+role]',
      emails: '[accountId+id], [accountId+threadId]',
      threadMailboxes: '[accountId+mailboxId+threadId], [accountId+mailboxId+unread+latestAt]',
      bodies: '[accountId+emailId], lastReadAt, size',
      syncStates: '[accountId+type]',
      syncStatus: 'accountId',
      pendingMutations: '++seq, &[accountId+emailId], accountId, status, [accountId+status+nextAttemptAt]',
    },
  },
  {
    version: 2,
    stores: {
      drafts: 'id, accountId, status',
      draftBlobs: 'id, draftId',
      identities: '[accountId+id], accountId',
    },
  },
  {
    // New-mail notifications: how far each account's inbox has been decided on. No upgrade
    // function: an account without a row gets one from the store at its next sync, notifying nothing.
    version: 3,
    stores: {
      newMailMarks: 'accountId',
    },
  },
  {
    // hasCalendar on emails and thread rows: not indexed (the list tests it on the rows it reads),
    // so no store changes. Rows stored before read as 0; rather than rewrite every row here (seconds
    // for 100,000 emails, while the popup waits for the database), each account that had synced is
    // marked, and its next sync asks the server once about its emails with attachments
    // (lib/sync/calendar-recheck.ts), which sets the flag and rebuilds those thread rows.
    version: 4,
    stores: {},
    upgrade: (tx) => tx.table('syncStatus').toCollection().modify({ calendarRecheck: true }),
  },
  {
    // The Flagged filter's index. IndexedDB builds it from the stored rows during the upgrade (no
    // row is rewritten); pages wait for it once: 4.5 s for 100,000 thread rows on a 2-core
    // machine (docs/PERFORMANCE.md), against 80–115 ms for every Flagged filter without it.
    version: 5,
    stores: {
      threadMailboxes: '[accountId+mailboxId+threadId], [accountId+mailboxId+unread+latestAt], [accountId+mailboxId+flagged+latestAt]',
    },
  },
  {
    // Pending changes become one row per action, laid over stored emails that keep the server's
    // values (lib/store/pending.ts): a bulk action on 1,000 conversations wrote 1,000 emails and
    // 1,000 pending rows besides its thread rows. Emails with a pending patch go back to their
    // server values (the patch's base) and the patches move to one row per account; thread rows,
    // derived from what the user sees, stay as they are.
    version: 6,
    stores: {
      pendingChanges: '++seq, accountId',
    },
    upgrade: async (tx) => {
      const mutations = tx.table<PendingMutationRow, number>('pendingMutations');
      const moving = await mutations.where('status').equals('pending').filter((m) => !m.destroyed).toArray();
      const byAccount = new Map<string, Record<string, EmailPatch>>();
      for (const m of moving) {
        const row = await tx.table<EmailRow, [string, string]>('emails').get([m.accountId, m.emailId]);
        if (row) await tx.table('emails').put(applyPatch(row, m.base));
        const patches = byAccount.get(m.accountId) ?? {};
        patches[m.emailId] = m.patch;
        byAccount.set(m.accountId, patches);
      }
      const now = Date.now();
      await tx.table('pendingChanges').bulkAdd([...byAccount].map(([accountId, patches]) => ({ accountId, patches, createdAt: now, attempts: 0, nextAttemptAt: now })));
      await mutations.bulkDelete(moving.map((m) => m.seq!));
    },
  },
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

export function applyMigrations(db: Dexie, upTo = CURRENT_VERSION): void {
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    if (version > upTo) break;
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}
