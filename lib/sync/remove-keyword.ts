/**
 * Deleting a tag takes its keyword off every message of an account. Stored messages change through
 * the outbox (the lists change at once, and the change waits out being offline); the server is
 * also asked which messages carry the keyword, because the store may not hold them all (the
 * backfill is still running, or the row is older than the server's), and those are updated there
 * directly, in chunks of maxObjectsInSet. Removing a keyword twice is harmless, so an email both
 * paths reach costs nothing but a repeat.
 */
import type { JmapClient } from '../jmap/client';
import type { QueryResponse, SetResponse } from '../jmap/types';
import Dexie from 'dexie';
import { JmapError } from '../jmap/errors';
import { pointerKey } from '../jmap/pointer';
import type { MailDB } from '../store/db';
import { changeThreads } from '../store/mutations';
import { overlay, pendingPatches } from '../store/pending';

/** Ids per Email/query page; the server may answer fewer. */
const QUERY_PAGE = 1000;

/** Removes the keyword from the account's stored emails; returns the ids that changed. */
export async function removeKeywordLocally(db: MailDB, accountId: string, keyword: string): Promise<string[]> {
  const threadIds = new Set<string>();
  const pending = await pendingPatches(db, accountId);
  await db.emails
    .where('[accountId+id]')
    .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey])
    .each((email) => {
      if (overlay([email], pending)[0].keywords[keyword]) threadIds.add(email.threadId);
    });
  if (!threadIds.size) return [];
  return Object.keys(await changeThreads(db, accountId, [...threadIds], { keyword, on: false }));
}

/** Removes the keyword on the server from every email the outbox will not send a removal for; returns how many. */
export async function removeKeywordOnServer(client: JmapClient, keyword: string, handledLocally: ReadonlySet<string>): Promise<number> {
  const carrying: string[] = [];
  for (let position = 0; ; ) {
    const batch = client.batch();
    const query = batch.add<QueryResponse>('Email/query', { filter: { hasKeyword: keyword }, position, limit: QUERY_PAGE, calculateTotal: true });
    const { ids, total } = (await batch.send()).get(query);
    carrying.push(...ids);
    position += ids.length;
    if (!ids.length || (total !== undefined && position >= total)) break;
  }
  const remaining = carrying.filter((id) => !handledLocally.has(id));
  const chunkSize = Math.min(client.limits.maxObjectsInSet, 500);
  const path = `keywords/${pointerKey(keyword)}`;
  for (let i = 0; i < remaining.length; i += chunkSize) {
    const chunk = remaining.slice(i, i + chunkSize);
    const batch = client.batch();
    const set = batch.add<SetResponse>('Email/set', { update: Object.fromEntries(chunk.map((id) => [id, { [path]: null }])) });
    const refused = Object.entries((await batch.send()).get(set).notUpdated ?? {}).filter(([, error]) => error.type !== 'notFound');
    if (refused.length) {
      const [id, error] = refused[0];
      throw new JmapError('method', `Email/set refused to untag ${refused.length} emails (${id}: ${error.type}${error.description ? `, ${error.description}` : ''})`);
    }
  }
  return remaining.length;
}
