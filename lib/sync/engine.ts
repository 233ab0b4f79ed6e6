/**
 * The sync engine: one run per account at a time, each run resuming from the stored state, since
 * the MV3 worker may be stopped at any moment. A run: send pending local changes; first page if
 * the account has never synced; otherwise a delta; then continue the backfill if unfinished,
 * yielding to deltas every few pages. Status and errors are written for the UI.
 */
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { QueryResponse } from '../jmap/types';
import type { MailDB } from '../store/db';
import { emailCount } from '../store/queries';
import { getSyncState, StateConflictError } from '../store/mail-writes';
import { deltaSync, type DeltaResult } from './delta';
import { backfill, firstPage } from './initial';
import { recheckCalendarFlags } from './calendar-recheck';
import { flushDrafts } from './draft-outbox';
import { flushMutations } from './outbox';
import { reconcileEmails } from './reconcile';
import { getStatus, updateStatus } from './status';

export interface SyncDeps {
  db: MailDB;
  /** A client with a fresh session for the account; throws a JmapError when it cannot connect. */
  clientFor(accountId: string): Promise<JmapClient>;
  /** Called after anything the badge or an open view shows may have changed. */
  onChange?(accountId: string): void;
  /** A draft of the account becomes due at this time (a pause ends, Undo send runs out): run again then. */
  onDraftsDue?(accountId: string, at: number): void;
  now?(): number;
}

/** Backfill pages per run slice before the engine checks for a delta again. */
const BACKFILL_SLICE_MS = 5_000;

const running = new Map<string, Promise<void>>();
const rerun = new Set<string>();

/** Runs a sync of the account; if one is running, schedules one more run after it. */
export function syncAccount(deps: SyncDeps, accountId: string): Promise<void> {
  const current = running.get(accountId);
  if (current) {
    rerun.add(accountId);
    return current;
  }
  const run = (async () => {
    try {
      do {
        rerun.delete(accountId);
        await runOnce(deps, accountId);
      } while (rerun.has(accountId));
    } finally {
      running.delete(accountId);
    }
  })();
  running.set(accountId, run);
  return run;
}

async function runOnce(deps: SyncDeps, accountId: string): Promise<void> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const account = await db.accounts.get(accountId);
  if (!account || account.disabled) return;
  try {
    const client = await deps.clientFor(accountId);
    if ((await flushMutations(db, client, accountId, now())).sent) deps.onChange?.(accountId);
    if (!(await getSyncState(db, accountId, 'Email'))) {
      await updateStatus(db, accountId, { phase: 'initial', error: null });
      await firstPage(db, client, accountId);
      deps.onChange?.(accountId);
      await sendDrafts(deps, client, accountId);
    } else {
      // Mail the user is waiting to send goes before the delta (its folders are known by now).
      await sendDrafts(deps, client, accountId);
      await updateStatus(db, accountId, { phase: (await getStatus(db, accountId)).backfillPosition >= 0 ? 'backfill' : 'delta' });
      // The badge is recounted only when something changed: this runs every few seconds.
      const delta = await deltaWithConflictRetry(db, client, accountId);
      if (delta.emailsChanged || delta.mailboxesChanged || delta.resynced.length) deps.onChange?.(accountId);
    }
    let complete = (await getStatus(db, accountId)).backfillPosition < 0;
    while (!complete) {
      const sliceEnd = now() + BACKFILL_SLICE_MS;
      complete = await backfill(db, client, accountId, () => now() > sliceEnd);
      deps.onChange?.(accountId);
      if (complete) await reconcileIfIncomplete(db, client, accountId);
      else await deltaWithConflictRetry(db, client, accountId);
      await sendDrafts(deps, client, accountId);
      deps.onChange?.(accountId);
    }
    // Once after the v4 upgrade (emails stored before it lack the calendar flag).
    if (await recheckCalendarFlags(db, client, accountId)) deps.onChange?.(accountId);
    await updateStatus(db, accountId, { phase: 'idle', lastSyncAt: now(), error: null });
  } catch (error) {
    await updateStatus(db, accountId, { phase: 'error', error: describe(error) });
    throw error;
  }
}

/**
 * Drafts to save, discard or send (after the mailboxes are known: they go to Drafts and Sent).
 * A sent reply marks its original answered: that change goes out at once too.
 */
async function sendDrafts(deps: SyncDeps, client: JmapClient, accountId: string): Promise<void> {
  const now = deps.now ?? Date.now;
  const result = await flushDrafts(deps.db, client, accountId, now());
  if (result.sent) {
    await flushMutations(deps.db, client, accountId, now());
    deps.onChange?.(accountId);
  }
  if (result.nextDueAt !== null) deps.onDraftsDue?.(accountId, result.nextDueAt);
}

async function deltaWithConflictRetry(db: MailDB, client: JmapClient, accountId: string): Promise<DeltaResult> {
  try {
    return await deltaSync(db, client, accountId);
  } catch (error) {
    // Another writer moved the stored state between our read and our write: just go again.
    if (!(error instanceof StateConflictError)) throw error;
    return deltaSync(db, client, accountId);
  }
}

/**
 * After a paged backfill, mail deleted meanwhile can shift pages and leave gaps: once deltas have
 * caught up, the store must hold exactly as many emails as the server; if not, revalidate.
 */
async function reconcileIfIncomplete(db: MailDB, client: JmapClient, accountId: string): Promise<void> {
  await deltaWithConflictRetry(db, client, accountId);
  const batch = client.batch();
  const query = batch.add<QueryResponse>('Email/query', { calculateTotal: true, limit: 0 });
  const serverTotal = (await batch.send()).get(query).total;
  const stored = await emailCount(db, accountId);
  if (stored !== serverTotal) await reconcileEmails(db, client, accountId);
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof JmapError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
