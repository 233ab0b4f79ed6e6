/**
 * Full revalidation of an account's emails, for cannotCalculateChanges and for gaps a paged
 * backfill can leave when mail is deleted while it runs. Bodies are kept (immutable); rows of
 * emails the server no longer has are deleted; known emails are refreshed for their mutable
 * properties only; unknown ones are fetched whole. Pending local changes survive: every write
 * overlays them (lib/store/mail-writes.ts). The state stored at the end is the one read *before*
 * listing, so changes made meanwhile are fetched again by the next delta.
 */
import Dexie from 'dexie';
import type { JmapClient } from '../jmap/client';
import type { QueryResponse } from '../jmap/types';
import type { MailDB } from '../store/db';
import { applyEmailChanges } from '../store/mail-writes';
import { emptyGetState, fetchEmailMutable, fetchEmailRows } from './fetch-emails';

const WRITE_CHUNK = 2000;

/** Every email id in the account, paging Email/query by position (servers may cap `limit`). */
export async function allServerEmailIds(client: JmapClient): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const batch = client.batch();
    const query = batch.add<QueryResponse>('Email/query', { position: ids.length, limit: 50_000, calculateTotal: true });
    const response = (await batch.send()).get(query);
    ids.push(...response.ids);
    if (!response.ids.length || ids.length >= (response.total ?? ids.length)) return ids;
  }
}

export async function reconcileEmails(db: MailDB, client: JmapClient, accountId: string): Promise<void> {
  const state = await emptyGetState(client, 'Email');
  const serverIds = await allServerEmailIds(client);
  const localIds = (await db.emails
    .where('[accountId+id]')
    .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey])
    .primaryKeys()) as Array<[string, string]>;
  const local = new Set(localIds.map(([, id]) => id));
  const server = new Set(serverIds);
  const destroyed = [...local].filter((id) => !server.has(id));
  const known = serverIds.filter((id) => local.has(id));
  const unknown = serverIds.filter((id) => !local.has(id));
  for (let i = 0; i < Math.max(known.length, unknown.length, destroyed.length, 1); i += WRITE_CHUNK) {
    const [updated, created] = await Promise.all([
      fetchEmailMutable(client, known.slice(i, i + WRITE_CHUNK)),
      fetchEmailRows(client, accountId, unknown.slice(i, i + WRITE_CHUNK)),
    ]);
    await applyEmailChanges(db, accountId, { created, updated, destroyed: destroyed.slice(i, i + WRITE_CHUNK) });
  }
  await db.syncStates.put({ accountId, type: 'Email', state });
}
