/**
 * The draft outbox, run by each sync of the account (rows written by the composer,
 * lib/store/drafts.ts):
 *  - a changed draft, once the user has paused, is saved to the Drafts mailbox;
 *  - a discarded draft's server copy is destroyed, then the row goes;
 *  - a queued message is sent exactly once (lib/sync/send.ts); one whose answer was lost is
 *    checked before anything else happens to it.
 * Network trouble leaves the row as it is, tried again with backoff: nothing typed is lost. A
 * refusal is kept on the row with the server's reason for the composer and the Outbox to show.
 */
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { MailDB } from '../store/db';
import { SAVE_AFTER_IDLE_MS } from '../store/drafts';
import type { DraftRow } from '../store/rows';
import { destroyServerCopy, DraftRefusedError, forget, saveDraft } from './drafts';
import { sendDraft, verifySending } from './send';

/** Short, unlike other changes: a message waiting for the network should go soon after it is back. */
const MAX_BACKOFF_MS = 30_000;

export interface DraftFlushResult {
  saved: number;
  sent: number;
  /** When the next draft becomes due (a pause ending, Undo send running out), or null. */
  nextDueAt: number | null;
}

export async function flushDrafts(db: MailDB, client: JmapClient, accountId: string, now = Date.now()): Promise<DraftFlushResult> {
  const result: DraftFlushResult = { saved: 0, sent: 0, nextDueAt: null };
  const due = (at: number) => (result.nextDueAt = result.nextDueAt === null ? at : Math.min(result.nextDueAt, at));
  for (const draft of await db.drafts.where('accountId').equals(accountId).toArray()) {
    const dueAt = dueTime(draft);
    if (dueAt === null) continue;
    if (dueAt > now) {
      due(dueAt);
      continue;
    }
    try {
      if (draft.status === 'discarded') await destroyServerCopy(db, client, draft);
      else if (draft.status === 'draft') {
        await saveDraft(db, client, draft);
        result.saved++;
      } else if (draft.status === 'queued') {
        if (await sendDraft(db, client, draft, now)) result.sent++;
      } else if (draft.status === 'sending') {
        if (await verifySending(db, client, draft, now)) result.sent++;
      }
    } catch (error) {
      if (error instanceof DraftRefusedError) await recordRefusal(db, draft, error.reason);
      else if (error instanceof JmapError && error.code !== 'method') due(await backOff(db, draft, error, now));
      else throw error;
    }
  }
  return result;
}

function dueTime(draft: DraftRow): number | null {
  switch (draft.status) {
    case 'draft':
      return draft.version > draft.savedVersion ? Math.max(draft.updatedAt + SAVE_AFTER_IDLE_MS, draft.nextAttemptAt) : null;
    case 'queued':
      return Math.max(draft.sendAt ?? 0, draft.nextAttemptAt);
    case 'sending':
    case 'discarded':
      return draft.nextAttemptAt;
    default:
      return null;
  }
}

/** Network or server trouble: try again later; a queued message says why it waits. */
async function backOff(db: MailDB, draft: DraftRow, error: JmapError, now: number): Promise<number> {
  const attempts = draft.attempts + 1;
  const nextAttemptAt = now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
  await db.drafts.update(draft.id, { attempts, nextAttemptAt, error: error.message });
  return nextAttemptAt;
}

/**
 * The server said no: a message to send fails with the reason (the user edits or retries); a
 * draft keeps the reason until its next change; a discarded draft goes from here anyway (its
 * server copy stays in Drafts, where the user can delete it).
 */
async function recordRefusal(db: MailDB, draft: DraftRow, reason: string): Promise<void> {
  if (draft.status === 'discarded') await forget(db, draft.id);
  else if (draft.status === 'queued' || draft.status === 'sending') await db.drafts.update(draft.id, { status: 'failed', error: reason, sendAt: null });
  else await db.drafts.update(draft.id, { error: reason, savedVersion: draft.version });
}

