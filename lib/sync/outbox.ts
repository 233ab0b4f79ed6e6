/**
 * Sends pending local changes with Email/set, in chunks of at most maxObjectsInSet:
 *  - changes (lib/store/mutations.ts, one row per action): merged, later over earlier, and sent
 *    as one patch per email, leaving out paths the server already has (flag then unflag sends
 *    nothing). Keyword and mailbox patches are idempotent, so a retry after a lost answer is safe;
 *  - destroys (lib/store/destroy.ts, one row per email).
 * Outcomes per email: success → the stored email takes the sent values (the server has them) and
 * the change forgets the email; notFound → forgotten (the email is gone); any other refusal → the
 * change forgets the email, which the user then sees as the server has it again, and a row
 * `failed` with the server's reason is kept for the UI; network or server trouble → retried later
 * with exponential backoff. Changes made while a request is out are other rows, sent next time.
 */
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { SetResponse } from '../jmap/types';
import type { MailDB } from '../store/db';
import { dueMutations, newMutation } from '../store/mutations';
import { applyPatch, valueAt, type EmailPatch } from '../store/patch';
import { mergeChanges, overlay, pendingChanges, pendingPatches } from '../store/pending';
import type { EmailRow, PendingChangeRow, PendingMutationRow } from '../store/rows';
import { readThreads, replaceThreads, writeThreadRows } from '../store/thread-writes';

const MAX_BACKOFF_MS = 5 * 60_000;

/** When to try again after `attempts` failed tries: 1 s, 2 s, 4 s… up to MAX_BACKOFF_MS. */
const retryAt = (now: number, attempts: number) => now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);

export interface FlushResult {
  sent: number;
  failed: number;
  deferred: number;
}

export async function flushMutations(db: MailDB, client: JmapClient, accountId: string, now = Date.now()): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, failed: 0, deferred: 0 };
  await flushChanges(db, client, accountId, now, result);
  await flushDestroys(db, client, accountId, now, result);
  return result;
}

function chunkSize(client: JmapClient): number {
  return Math.min(client.limits.maxObjectsInSet, 500);
}

/** Sends Email/set; null when the network or the server failed (worth a retry later). */
async function sendSet(client: JmapClient, args: Record<string, unknown>): Promise<SetResponse | null> {
  try {
    const batch = client.batch();
    const set = batch.add<SetResponse>('Email/set', args);
    return (await batch.send()).get(set);
  } catch (error) {
    if (error instanceof JmapError && error.code !== 'method') return null;
    throw error;
  }
}

function describeRefusal(refusal: { type: string; description?: string }): string {
  return `${refusal.type}${refusal.description ? `: ${refusal.description}` : ''}`;
}

interface ChangeOutcome {
  /** Sent and accepted: the server has these values now. */
  done: Map<string, EmailPatch>;
  /** Refused, with the reason. */
  refused: Map<string, { patch: EmailPatch; reason: string }>;
  /** Nothing to send (already the server's value, or the email is gone). */
  dropped: Set<string>;
}

/**
 * All of an account's pending changes go together, once one is due (a new action retries at once
 * what a failure had put off): sending only the later ones could let an earlier value overwrite them.
 */
async function flushChanges(db: MailDB, client: JmapClient, accountId: string, now: number, result: FlushResult): Promise<void> {
  const changes = await pendingChanges(db, accountId);
  if (!changes.some((c) => c.nextAttemptAt <= now)) return;
  const seqs = changes.map((c) => c.seq!);
  const { toSend, dropped } = await changesToSend(db, accountId, changes);
  if (dropped.size) await settleChanges(db, accountId, seqs, { done: new Map(), refused: new Map(), dropped }, now);
  const size = chunkSize(client);
  for (let i = 0; i < toSend.length; i += size) {
    const chunk = toSend.slice(i, i + size);
    const response = await sendSet(client, { update: Object.fromEntries(chunk) });
    if (!response) {
      await deferChanges(db, seqs, now);
      result.deferred += toSend.length - i;
      return;
    }
    const outcome: ChangeOutcome = { done: new Map(), refused: new Map(), dropped: new Set() };
    for (const [emailId, patch] of chunk) {
      const refusal = response.notUpdated?.[emailId];
      if (!refusal) outcome.done.set(emailId, patch);
      else if (refusal.type === 'notFound') outcome.dropped.add(emailId);
      else outcome.refused.set(emailId, { patch, reason: describeRefusal(refusal) });
    }
    await settleChanges(db, accountId, seqs, outcome, now);
    result.sent += outcome.done.size;
    result.failed += outcome.refused.size;
  }
}

/**
 * What pending changes ask of the server: per email, the paths not at its value yet (`toSend`),
 * and the emails that need nothing (`dropped`: back at the server's value, or gone).
 */
export async function changesToSend(db: MailDB, accountId: string, changes?: PendingChangeRow[]): Promise<{ toSend: Array<[string, EmailPatch]>; dropped: Set<string> }> {
  const merged = mergeChanges(changes ?? (await pendingChanges(db, accountId)));
  const stored = await db.emails.bulkGet([...merged.keys()].map((id) => [accountId, id] as [string, string]));
  const toSend: Array<[string, EmailPatch]> = [];
  const dropped = new Set<string>();
  [...merged].forEach(([emailId, patch], i) => {
    const row = stored[i];
    const paths = row ? Object.entries(patch).filter(([path, value]) => valueAt(row, path) !== value) : [];
    if (paths.length) toSend.push([emailId, Object.fromEntries(paths)]);
    else dropped.add(emailId);
  });
  return { toSend, dropped };
}

/**
 * In one transaction: accepted values go into the stored emails, and the changes `seqs` (the ones
 * sent) forget the settled emails. What the user sees stays the same, except for refused emails,
 * whose thread rows are rewritten without the refused change (its rollback).
 */
async function settleChanges(db: MailDB, accountId: string, seqs: number[], { done, refused, dropped }: ChangeOutcome, now: number): Promise<void> {
  const settled = new Set([...done.keys(), ...refused.keys(), ...dropped]);
  if (!settled.size) return;
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingChanges, db.pendingMutations], async () => {
    if (done.size) {
      const rows = (await db.emails.bulkGet([...done.keys()].map((id) => [accountId, id] as [string, string]))).filter((r): r is EmailRow => !!r);
      await db.emails.bulkPut(rows.map((row) => applyPatch(row, done.get(row.id)!)));
    }
    const seenBefore = refused.size ? await pendingPatches(db, accountId) : null;
    const changes = (await db.pendingChanges.bulkGet(seqs)).filter((c) => !!c);
    const emptied: number[] = [];
    const kept = [];
    for (const change of changes) {
      const ids = Object.keys(change.patches);
      if (!ids.some((id) => settled.has(id))) continue;
      const left = ids.filter((id) => !settled.has(id));
      if (left.length) kept.push({ ...change, patches: Object.fromEntries(left.map((id) => [id, change.patches[id]])) });
      else emptied.push(change.seq!);
    }
    if (emptied.length) await db.pendingChanges.bulkDelete(emptied);
    if (kept.length) await db.pendingChanges.bulkPut(kept);
    if (seenBefore) await rollBackRefused(db, accountId, refused, seenBefore, now);
  });
}

/** The refused emails show as the server has them again, and the user is told why. */
async function rollBackRefused(db: MailDB, accountId: string, refused: ChangeOutcome['refused'], seenBefore: Map<string, EmailPatch>, now: number): Promise<void> {
  const rows = (await db.emails.bulkGet([...refused.keys()].map((id) => [accountId, id] as [string, string]))).filter((r): r is EmailRow => !!r);
  const seenAfter = await pendingPatches(db, accountId);
  const threads = await readThreads(db, accountId, rows.map((r) => r.threadId));
  await writeThreadRows(db, accountId, [...threads].map(([threadId, stored]) => ({ threadId, before: overlay(stored, seenBefore), after: overlay(stored, seenAfter) })));
  const ids = [...refused.keys()];
  // One row per email: a refusal replaces an earlier one of the same email.
  await db.pendingMutations.where('[accountId+emailId]').anyOf(ids.map((id) => [accountId, id])).delete();
  await db.pendingMutations.bulkAdd(
    rows.map((row) => {
      const { patch, reason } = refused.get(row.id)!;
      const base = Object.fromEntries(Object.keys(patch).map((path) => [path, valueAt(row, path)]));
      return { ...newMutation(accountId, row.id, now), patch, base, status: 'failed' as const, error: reason };
    }),
  );
}

async function deferChanges(db: MailDB, seqs: number[], now: number): Promise<void> {
  await db.transaction('rw', db.pendingChanges, async () => {
    const changes = (await db.pendingChanges.bulkGet(seqs)).filter((c) => !!c);
    const attempts = Math.max(0, ...changes.map((c) => c.attempts));
    const nextAttemptAt = retryAt(now, attempts);
    await db.pendingChanges.bulkPut(changes.map((c) => ({ ...c, attempts: attempts + 1, nextAttemptAt })));
  });
}

async function flushDestroys(db: MailDB, client: JmapClient, accountId: string, now: number, result: FlushResult): Promise<void> {
  const due = await dueMutations(db, accountId, now);
  const size = chunkSize(client);
  for (let i = 0; i < due.length; i += size) {
    const chunk = due.slice(i, i + size);
    const response = await sendSet(client, { destroy: chunk.map((m) => m.emailId) });
    if (!response) {
      await deferDestroys(db, chunk, now);
      result.deferred += chunk.length;
      continue;
    }
    const settled: number[] = [];
    for (const mutation of chunk) {
      const refusal = response.notDestroyed?.[mutation.emailId];
      if (!refusal) result.sent++;
      if (!refusal || refusal.type === 'notFound') settled.push(mutation.seq!);
      else {
        await restoreEmail(db, mutation, describeRefusal(refusal));
        result.failed++;
      }
    }
    if (settled.length) await db.pendingMutations.bulkDelete(settled);
  }
}

/** A refused destroy: the email is back in its thread, as it was, and the user is told why. */
async function restoreEmail(db: MailDB, mutation: PendingMutationRow, reason: string): Promise<void> {
  const row = mutation.destroyed!;
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.pendingChanges, db.bodies], async () => {
    const before = (await readThreads(db, mutation.accountId, [row.threadId])).get(row.threadId) ?? [];
    await replaceThreads(db, mutation.accountId, [{ threadId: row.threadId, before, after: [...before.filter((e) => e.id !== row.id), row] }]);
    await db.pendingMutations.put({ ...mutation, status: 'failed', error: reason });
  });
}

async function deferDestroys(db: MailDB, chunk: PendingMutationRow[], now: number): Promise<void> {
  await db.transaction('rw', db.pendingMutations, async () => {
    for (const m of chunk) {
      await db.pendingMutations.update(m.seq!, { attempts: m.attempts + 1, nextAttemptAt: retryAt(now, m.attempts) });
    }
  });
}
