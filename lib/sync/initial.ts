/**
 * First sync of an account, newest first and progressive:
 *  1. one request for the mailboxes; one for the newest inbox threads with all their emails, so
 *     the popup has something to show within a second;
 *  2. the states returned then are stored: every change after them reaches us by delta sync, so
 *     the backfill below may run for a long time (and across worker restarts) without missing any;
 *  3. backfill: all emails newest first in pages (up to maxConcurrentRequests in flight), each page
 *     written in one transaction and its position stored, so a stopped worker resumes there.
 */
import type { JmapClient } from '../jmap/client';
import { EMAIL_HEADER_GET, type EmailHeaders, type GetResponse, type Mailbox, type QueryResponse, type Thread } from '../jmap/types';
import { emailRow, mailboxRow } from '../store/convert';
import type { MailDB } from '../store/db';
import { BackfillWriter } from '../store/backfill-writer';
import { applyEmailChanges, replaceMailboxes, setSyncState } from '../store/mail-writes';
import { getStatus, updateStatus } from './status';

export const FIRST_PAGE_THREADS = 50;
export const BACKFILL_PAGE_SIZE = 500;

export async function syncMailboxesFully(db: MailDB, client: JmapClient, accountId: string): Promise<Mailbox[]> {
  const batch = client.batch();
  const get = batch.add<GetResponse<Mailbox>>('Mailbox/get', { ids: null });
  const response = (await batch.send()).get(get);
  await replaceMailboxes(db, accountId, response.list.map((m) => mailboxRow(accountId, m)), response.state);
  return response.list;
}

/** Step 1 and 2: mailboxes, the newest inbox threads, and the states deltas start from. */
export async function firstPage(db: MailDB, client: JmapClient, accountId: string): Promise<void> {
  const mailboxes = await syncMailboxesFully(db, client, accountId);
  const inbox = mailboxes.find((m) => m.role === 'inbox');
  const batch = client.batch();
  const total = batch.add<QueryResponse>('Email/query', { calculateTotal: true, limit: 0 });
  const query = batch.add<QueryResponse>('Email/query', {
    filter: inbox ? { inMailbox: inbox.id } : null,
    sort: [{ property: 'receivedAt', isAscending: false }],
    collapseThreads: true,
    limit: Math.min(FIRST_PAGE_THREADS, client.limits.maxObjectsInGet),
  });
  const threadIds = batch.add<GetResponse<{ id: string; threadId: string }>>('Email/get', { '#ids': query.ref('/ids'), properties: ['threadId'] });
  const threads = batch.add<GetResponse<Thread>>('Thread/get', { '#ids': threadIds.ref('/list/*/threadId') });
  const responses = await batch.send();
  // The threads' emails in a second request: their number is unknown until now, so they are
  // fetched in chunks that respect maxObjectsInGet.
  const emailIds = responses.get(threads).list.flatMap((thread) => thread.emailIds);
  const emailResponse = await client.getAll<EmailHeaders>('Email', emailIds, EMAIL_HEADER_GET.properties, { bodyProperties: EMAIL_HEADER_GET.bodyProperties });
  await applyEmailChanges(db, accountId, {
    created: emailResponse.list.map((e) => emailRow(accountId, e)),
    updated: [],
    destroyed: [],
    newState: emailResponse.state || responses.get(threadIds).state,
  });
  await setSyncState(db, accountId, 'Thread', responses.get(threads).state);
  await updateStatus(db, accountId, { phase: 'backfill', total: responses.get(total).total ?? 0, done: emailResponse.list.length, backfillPosition: 0 });
}

/**
 * Step 3, resumable. Returns when the backfill is complete or `shouldStop()` says so (a delta
 * sync is due); the stored position says where to go on.
 */
export async function backfill(db: MailDB, client: JmapClient, accountId: string, shouldStop: () => boolean = () => false): Promise<boolean> {
  const status = await getStatus(db, accountId);
  if (status.backfillPosition < 0) return true;
  const pageSize = Math.min(BACKFILL_PAGE_SIZE, client.limits.maxObjectsInGet);
  const window = Math.max(1, client.limits.maxConcurrentRequests);
  let position = status.backfillPosition;
  let total = status.total;
  let done = status.done;
  const firstOfRun = position;
  const fetchPage = async (at: number) => {
    const batch = client.batch();
    const query = batch.add<QueryResponse>('Email/query', {
      sort: [{ property: 'receivedAt', isAscending: false }],
      position: at,
      limit: pageSize,
      // Counting costs the server a pass over the whole mailbox: once per run is enough.
      calculateTotal: at === firstOfRun,
    });
    const get = batch.add<GetResponse<EmailHeaders>>('Email/get', { '#ids': query.ref('/ids'), ...EMAIL_HEADER_GET });
    const responses = await batch.send();
    return { query: responses.get(query), emails: responses.get(get).list };
  };
  const writer = await BackfillWriter.start(db, accountId);
  // Pages are fetched ahead (up to `window` in flight) and written strictly in order.
  const inFlight: Array<Promise<Awaited<ReturnType<typeof fetchPage>>>> = [];
  let next = position;
  const fill = () => {
    while (inFlight.length < window && next < Math.max(total, position + 1)) {
      inFlight.push(fetchPage(next));
      next += pageSize;
    }
  };
  fill();
  while (inFlight.length) {
    const page = await inFlight.shift()!;
    total = page.query.total ?? total;
    const rows = page.emails.map((e) => emailRow(accountId, e));
    done = Math.min(total, position + rows.length);
    position += pageSize;
    const finished = page.query.ids.length < pageSize || position >= total;
    const stopping = !finished && shouldStop();
    if (!finished && !stopping) fill(); // keep fetching while this page is written
    await writer.writePage(rows, { backfillPosition: finished ? -1 : position, total, done: finished ? total : done });
    if (finished || stopping) {
      await Promise.allSettled(inFlight);
      return finished;
    }
  }
  return false;
}
