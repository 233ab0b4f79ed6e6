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
 *  - pendingMutations &[accountId+emailId]: one coalesced row per email;
 *    [accountId+status+nextAttemptAt]: the work due now; status: the refused changes to show.
 *  - drafts accountId: an account's drafts to save or send (a handful: no finer index);
 *    status: the Outbox (queued, sending, failed) across accounts.
 *  - draftBlobs draftId: a draft's files, deleted with it.
 *  - identities accountId: the From choices of an account.
 *  - newMailMarks (v3): one row per account, read and written by its primary key only.
 */
import type { Dexie, Transaction } from 'dexie';

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
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

export function applyMigrations(db: Dexie, upTo = CURRENT_VERSION): void {
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    if (version > upTo) break;
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}
