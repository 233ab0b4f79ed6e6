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
import { dueMutations, newMutation, replaceEmails } from '../store/mutations';
import { applyPatch, valueAt } from '../store/patch';
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
    const done: PendingMutationRow[] = [];
    const gone: number[] = [];
    for (const mutation of chunk) {
      const refusal = (mutation.destroyed ? response.notDestroyed : response.notUpdated)?.[mutation.emailId];
      if (!refusal) done.push(mutation);
      else if (refusal.type === 'notFound') gone.push(mutation.seq!);
      else {
        await rollBack(db, mutation, `${refusal.type}${refusal.description ? `: ${refusal.description}` : ''}`);
        result.failed++;
      }
    }
    await settle(db, done, gone);
    result.sent += done.length;
  }
  return result;
}

/** A refused destroy: the email is back in its thread, as it was. */
async function restoreEmail(db: MailDB, accountId: string, row: EmailRow): Promise<void> {
  const before = (await readThreads(db, accountId, [row.threadId])).get(row.threadId) ?? [];
  await replaceThreads(db, accountId, [{ threadId: row.threadId, before, after: [...before.filter((e) => e.id !== row.id), row] }]);
}

/**
 * Drops the sent paths, in one transaction for the whole chunk; `gone`: mutations of emails the
 * server no longer has. The server now holds each sent value, which becomes the base of what the
 * user changed while the request was out. A change that went back to the value from before the
 * send (flag sent, then unflagged) had cancelled out locally and left no patch; it is one again,
 * found by comparing the stored email with what was sent.
 */
async function settle(db: MailDB, sent: PendingMutationRow[], gone: number[]): Promise<void> {
  if (!sent.length && !gone.length) return;
  await db.transaction('rw', [db.pendingMutations, db.emails], async () => {
    const current = await db.pendingMutations.bulkGet(sent.map((m) => m.seq!));
    /** What stays pending, by email. */
    const kept = new Map<string, PendingMutationRow>();
    /** Sent paths that have no pending value now, by email: compared with the stored email. */
    const unsure: Array<{ sent: PendingMutationRow; paths: Record<string, true | null>; row: PendingMutationRow | undefined }> = [];
    sent.forEach((done, i) => {
      const now = current[i];
      const row: PendingMutationRow | undefined = now && { ...now, patch: { ...now.patch }, base: { ...now.base } };
      const paths: Record<string, true | null> = {};
      for (const [path, value] of Object.entries(done.patch)) {
        if (!row || !(path in row.patch)) paths[path] = value;
        else if (row.patch[path] !== value) row.base[path] = value;
        else {
          delete row.patch[path];
          delete row.base[path];
        }
      }
      if (Object.keys(paths).length) unsure.push({ sent: done, paths, row });
      if (row && Object.keys(row.patch).length) kept.set(done.emailId, row);
    });
    const emails = await db.emails.bulkGet(unsure.map(({ sent }) => [sent.accountId, sent.emailId] as [string, string]));
    // An email whose row is gone may have a new one (changed again after it had cancelled out).
    const others = await Promise.all(unsure.map(({ sent, row }) => (row ? undefined : db.pendingMutations.where('[accountId+emailId]').equals([sent.accountId, sent.emailId]).first())));
    unsure.forEach(({ sent, paths, row }, i) => {
      const email = emails[i];
      if (!email) return; // destroyed here or on the server meanwhile
      let mutation = kept.get(sent.emailId) ?? row ?? others[i];
      for (const [path, value] of Object.entries(paths)) {
        const local = valueAt(email, path);
        if (local === value) continue;
        mutation ??= newMutation(sent.accountId, sent.emailId, Date.now());
        mutation = { ...mutation, patch: { ...mutation.patch, [path]: local }, base: { ...mutation.base, [path]: value }, status: 'pending', error: null };
      }
      if (mutation && Object.keys(mutation.patch).length) kept.set(sent.emailId, mutation);
    });
    const keptSeqs = new Set([...kept.values()].map((m) => m.seq));
    const dropped = [...gone, ...current.filter((m): m is PendingMutationRow => !!m && !keptSeqs.has(m.seq)).map((m) => m.seq!)];
    if (dropped.length) await db.pendingMutations.bulkDelete(dropped);
    if (kept.size) await db.pendingMutations.bulkPut([...kept.values()]);
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
