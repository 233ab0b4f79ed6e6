/**
 * Schema versions. Never edit a released version: add the next one, with an upgrade function
 * when existing rows must change. Index design (queries they serve):
 *  - threadMailboxes [accountId+mailboxId+unread+latestAt]: unread threads of an inbox, newest
 *    first, and their count (badge, popup); [accountId+mailboxId+latestAt]: a mailbox's threads by
 *    date; [accountId+threadId]: rebuild a thread's rows when its emails change.
 *  - emails [accountId+threadId]: the emails of a thread; [accountId+receivedAt]: newest first.
 *  - bodies lastReadAt: least-recently-read eviction.
 *  - pendingMutations &[accountId+emailId]: one coalesced row per email; nextAttemptAt: due work.
 */
import type Dexie from 'dexie';

export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string | null> }> = [
  {
    version: 1,
    stores: {
      accounts: 'id, email',
      credentials: 'accountId',
      mailboxes: '[accountId+id], accountId, [accountId+role]',
      emails: '[accountId+id], [accountId+threadId], [accountId+receivedAt]',
      threadMailboxes:
        '[accountId+mailboxId+threadId], [accountId+mailboxId+latestAt], [accountId+mailboxId+unread+latestAt], [accountId+threadId]',
      bodies: '[accountId+emailId], lastReadAt',
      syncStates: '[accountId+type]',
      syncStatus: 'accountId',
      pendingMutations: '++seq, &[accountId+emailId], accountId, nextAttemptAt',
    },
  },
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

export function applyMigrations(db: Dexie, upTo = CURRENT_VERSION): void {
  for (const { version, stores } of SCHEMA_VERSIONS) {
    if (version > upTo) break;
    db.version(version).stores(stores);
  }
}
