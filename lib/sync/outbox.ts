/**
 * Sends pending local email changes (lib/store/mutations.ts, lib/store/destroy.ts) with
 * Email/set, updates and destroys in chunks of at most maxObjectsInSet. Keyword and mailbox patches are idempotent, so a retry after a lost answer is
 * safe. Outcomes: success → the mutation is dropped (unless the user changed the email again
 * meanwhile); notFound → dropped (the email is gone); any other refusal → the local change is
 * rolled back and the mutation kept as `failed` with the server's reason for the UI; network or
 * server trouble → retried later with exponential backoff.
 */
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { SetResponse } from '../jmap/types';
import type { MailDB } from '../store/db';
import { dueMutations, replaceEmails } from '../store/mutations';
import { applyPatch } from '../store/patch';
import type { EmailRow, PendingMutationRow } from '../store/rows';
import { readThreads, replaceThreads } from '../store/thread-writes';

const MAX_BACKOFF_MS = 5 * 60_000;

export interface FlushResult {
  sent: number;
  failed: number;
  deferred: number;
}

export async function flushMutations(db: MailDB, client: JmapClient, accountId: string, now = Date.now()): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, failed: 0, deferred: 0 };
  const due = await dueMutations(db, accountId, now);
  const chunkSize = Math.min(client.limits.maxObjectsInSet, 500);
  for (let i = 0; i < due.length; i += chunkSize) {
    const chunk = due.slice(i, i + chunkSize);
    let response: SetResponse;
    try {
      const batch = client.batch();
      const updates = chunk.filter((m) => !m.destroyed);
      const destroys = chunk.filter((m) => m.destroyed).map((m) => m.emailId);
      const set = batch.add<SetResponse>('Email/set', {
        ...(updates.length ? { update: Object.fromEntries(updates.map((m) => [m.emailId, m.patch])) } : {}),
        ...(destroys.length ? { destroy: destroys } : {}),
      });
      response = (await batch.send()).get(set);
    } catch (error) {
      if (error instanceof JmapError && error.code !== 'method') {
        await deferAll(db, chunk, now);
        result.deferred += chunk.length;
        continue;
      }
      throw error;
    }
    for (const mutation of chunk) {
      const refusal = (mutation.destroyed ? response.notDestroyed : response.notUpdated)?.[mutation.emailId];
      if (!refusal) {
        await settle(db, mutation);
        result.sent++;
      } else if (refusal.type === 'notFound') {
        await db.pendingMutations.delete(mutation.seq!);
      } else {
        await rollBack(db, mutation, `${refusal.type}${refusal.description ? `: ${refusal.description}` : ''}`);
        result.failed++;
      }
    }
  }
  return result;
}

/** A refused destroy: the email is back in its thread, as it was. */
async function restoreEmail(db: MailDB, accountId: string, row: EmailRow): Promise<void> {
  const before = (await readThreads(db, accountId, [row.threadId])).get(row.threadId) ?? [];
  await replaceThreads(db, accountId, [{ threadId: row.threadId, before, after: [...before.filter((e) => e.id !== row.id), row] }]);
}

/** Drops the sent paths; what the user changed after sending stays pending. */
async function settle(db: MailDB, sent: PendingMutationRow): Promise<void> {
  await db.transaction('rw', db.pendingMutations, async () => {
    const current = await db.pendingMutations.get(sent.seq!);
    if (!current) return;
    const remaining: PendingMutationRow = { ...current, patch: { ...current.patch }, base: { ...current.base } };
    for (const [path, value] of Object.entries(sent.patch)) {
      if (remaining.patch[path] === value) delete remaining.patch[path];
      remaining.base[path] = value; // the server now has the sent value
      if (remaining.patch[path] === undefined) delete remaining.base[path];
    }
    if (Object.keys(remaining.patch).length) await db.pendingMutations.put(remaining);
    else await db.pendingMutations.delete(sent.seq!);
  });
}

async function rollBack(db: MailDB, mutation: PendingMutationRow, reason: string): Promise<void> {
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.bodies], async () => {
    if (mutation.destroyed) {
      await restoreEmail(db, mutation.accountId, mutation.destroyed);
    } else {
      const row = await db.emails.get([mutation.accountId, mutation.emailId]);
      if (row) await replaceEmails(db, mutation.accountId, new Map([[row.id, applyPatch(row, mutation.base)]]));
    }
    await db.pendingMutations.put({ ...mutation, status: 'failed', error: reason });
  });
}

async function deferAll(db: MailDB, chunk: PendingMutationRow[], now: number): Promise<void> {
  // Only the retry fields: the user may have changed the patch while the request was out.
  await db.transaction('rw', db.pendingMutations, async () => {
    for (const m of chunk) {
      await db.pendingMutations.update(m.seq!, { attempts: m.attempts + 1, nextAttemptAt: now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** m.attempts) });
    }
  });
}
