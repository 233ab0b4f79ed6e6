/**
 * The server's half of search (RFC 8621 §4.4 Email/query with a `text` filter): what the local
 * list cannot answer because it was never synced (the backfill is still running) or because the
 * words are in a body. Matching emails missing from the store are stored (as the backfill would
 * store them), so the page shows them from the store like every other row.
 */
import type { JmapClient } from '../jmap/client';
import { EMAIL_HEADER_GET, type EmailHeaders, type GetResponse, type QueryResponse } from '../jmap/types';
import { emailRow } from '../store/convert';
import type { MailDB } from '../store/db';
import { applyEmailChanges } from '../store/mail-writes';

export const SERVER_SEARCH_LIMIT = 50;

/** The threads (newest first) whose emails in these mailboxes (all when empty) match the text. */
export async function searchServer(db: MailDB, client: JmapClient, accountId: string, text: string, mailboxIds: string[]): Promise<string[]> {
  const inMailboxes = mailboxIds.map((id) => ({ inMailbox: id }));
  const filter = inMailboxes.length === 0 ? { text } : { operator: 'AND', conditions: [{ text }, inMailboxes.length === 1 ? inMailboxes[0] : { operator: 'OR', conditions: inMailboxes }] };
  const batch = client.batch();
  const query = batch.add<QueryResponse>('Email/query', {
    filter,
    sort: [{ property: 'receivedAt', isAscending: false }],
    collapseThreads: true,
    limit: Math.min(SERVER_SEARCH_LIMIT, client.limits.maxObjectsInGet),
  });
  const found = batch.add<GetResponse<{ id: string; threadId: string }>>('Email/get', { '#ids': query.ref('/ids'), properties: ['threadId'] });
  const responses = await batch.send();
  const emails = responses.get(found).list;
  const stored = await db.emails.bulkGet(emails.map((e) => [accountId, e.id] as [string, string]));
  const missing = emails.filter((_, i) => !stored[i]).map((e) => e.id);
  if (missing.length) {
    const fetched = await client.getAll<EmailHeaders>('Email', missing, EMAIL_HEADER_GET.properties, { bodyProperties: EMAIL_HEADER_GET.bodyProperties });
    await applyEmailChanges(db, accountId, { created: fetched.list.map((e) => emailRow(accountId, e)), updated: [], destroyed: [] });
  }
  return emails.map((e) => e.threadId);
}
