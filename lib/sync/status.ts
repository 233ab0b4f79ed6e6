/** The per-account sync status the UI shows: first-sync progress, last sync time, last error. */
import type { MailDB } from '../store/db';
import type { SyncStatusRow } from '../store/rows';

export function initialStatus(accountId: string): SyncStatusRow {
  return { accountId, phase: 'initial', done: 0, total: 0, backfillPosition: 0, lastSyncAt: null, error: null, push: 'unknown' };
}

export async function getStatus(db: MailDB, accountId: string): Promise<SyncStatusRow> {
  return (await db.syncStatus.get(accountId)) ?? initialStatus(accountId);
}

export async function updateStatus(db: MailDB, accountId: string, fields: Partial<SyncStatusRow>): Promise<void> {
  await db.transaction('rw', db.syncStatus, async () => {
    const current = (await db.syncStatus.get(accountId)) ?? initialStatus(accountId);
    await db.syncStatus.put({ ...current, ...fields, accountId });
  });
}
