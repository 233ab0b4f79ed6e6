/**
 * Local changes to emails (read, flag, move…): applied to the store at once and recorded as one
 * coalesced pending mutation per email for lib/sync/outbox.ts to send. A change that brings a
 * path back to its server value cancels out (flag then unflag sends nothing).
 */
import type { MailDB } from './db';
import { applyPatch, valueAt, type EmailPatch } from './patch';
import type { EmailRow, PendingMutationRow } from './rows';
import { readThreads, replaceThreads } from './thread-writes';

export async function recordEmailPatch(db: MailDB, accountId: string, emailIds: string[], patch: EmailPatch, now = Date.now()): Promise<number> {
  let changed = 0;
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.bodies], async () => {
    const rows = (await db.emails.bulkGet(emailIds.map((id) => [accountId, id] as [string, string]))).filter((r): r is EmailRow => !!r);
    const existing = await db.pendingMutations.where('[accountId+emailId]').anyOf(rows.map((r) => [accountId, r.id])).toArray();
    const pendingByEmail = new Map(existing.map((p) => [p.emailId, p]));
    const patched = new Map<string, EmailRow>();
    for (const row of rows) {
      const effective = Object.fromEntries(Object.entries(patch).filter(([path, value]) => valueAt(row, path) !== value));
      if (!Object.keys(effective).length) continue;
      const mutation: PendingMutationRow = pendingByEmail.get(row.id) ?? {
        accountId,
        emailId: row.id,
        patch: {},
        base: {},
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        status: 'pending',
        error: null,
      };
      for (const [path, value] of Object.entries(effective)) {
        if (!(path in mutation.base)) mutation.base[path] = valueAt(row, path);
        if (mutation.base[path] === value) delete mutation.patch[path];
        else mutation.patch[path] = value;
      }
      if (Object.keys(mutation.patch).length) {
        await db.pendingMutations.put({ ...mutation, status: 'pending', error: null, nextAttemptAt: now });
      } else if (mutation.seq !== undefined) {
        await db.pendingMutations.delete(mutation.seq);
      }
      patched.set(row.id, applyPatch(row, effective));
    }
    await replaceEmails(db, accountId, patched);
    changed = patched.size;
  });
  return changed;
}

/** Rewrites some emails of their threads (same ids) and the threads' rows. In a transaction. */
export async function replaceEmails(db: MailDB, accountId: string, replacements: Map<string, EmailRow>): Promise<void> {
  if (!replacements.size) return;
  const threads = await readThreads(db, accountId, [...replacements.values()].map((r) => r.threadId));
  await replaceThreads(
    db,
    accountId,
    [...threads].map(([threadId, before]) => ({ threadId, before, after: before.map((e) => replacements.get(e.id) ?? e) })),
  );
}

export type ThreadChange = 'read' | 'unread' | 'flag' | 'unflag';

/**
 * A change to a conversation as mail clients make it: read and unflag apply to every email of
 * the thread; unread and flag to its newest email (so the thread shows as unread / flagged
 * without touching the rest).
 */
export async function changeThread(db: MailDB, accountId: string, threadId: string, change: ThreadChange): Promise<number> {
  const emails = (await db.emails.where('[accountId+threadId]').equals([accountId, threadId]).toArray()).sort((a, b) => a.receivedAt - b.receivedAt);
  const newest = emails.slice(-1).map((e) => e.id);
  const all = emails.map((e) => e.id);
  switch (change) {
    case 'read':
      return recordEmailPatch(db, accountId, all, { 'keywords/$seen': true });
    case 'unread':
      return recordEmailPatch(db, accountId, newest, { 'keywords/$seen': null });
    case 'flag':
      return recordEmailPatch(db, accountId, newest, { 'keywords/$flagged': true });
    case 'unflag':
      return recordEmailPatch(db, accountId, all, { 'keywords/$flagged': null });
  }
}

/** Pending mutations that are due now, oldest first. */
export async function dueMutations(db: MailDB, accountId: string, now = Date.now()): Promise<PendingMutationRow[]> {
  const rows = await db.pendingMutations.where('accountId').equals(accountId).toArray();
  return rows.filter((r) => r.status === 'pending' && r.nextAttemptAt <= now).sort((a, b) => a.seq! - b.seq!);
}
