/**
 * Every write of server data into the store goes through here, so that two invariants hold:
 *  1. thread rows (threadMailboxes) always match the emails they are derived from;
 *  2. pending local changes stay visible: server rows are overlaid with the pending patch of
 *     their email before they are stored, so a sync never reverts what the user just did.
 * Each function runs in one IndexedDB transaction.
 */
import type { EmailMutable } from '../jmap/types';
import type { MailDB } from './db';
import { applyPatch } from './patch';
import type { EmailRow, MailboxRow, SyncedType } from './rows';
import { threadMailboxRows } from './threads';

/** The stored state of a type no longer matches the changes being applied: resync. */
export class StateConflictError extends Error {
  constructor(type: SyncedType, expected: string, stored: string | undefined) {
    super(`${type} state conflict: changes from ${expected}, store at ${stored ?? 'nothing'}`);
    this.name = 'StateConflictError';
  }
}

export interface EmailChanges {
  created: EmailRow[]; // full rows, new or re-fetched
  updated: EmailMutable[]; // mutable properties only
  destroyed: string[];
  /** Apply only if the store is at this state (delta sync); absent for initial pages. */
  oldState?: string;
  newState?: string;
}

export async function applyEmailChanges(db: MailDB, accountId: string, changes: EmailChanges): Promise<void> {
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.syncStates, db.bodies], async () => {
    if (changes.oldState !== undefined) {
      const stored = await db.syncStates.get([accountId, 'Email']);
      if (stored?.state !== changes.oldState) throw new StateConflictError('Email', changes.oldState, stored?.state);
    }
    const affectedThreads = new Set<string>();
    const updatedIds = changes.updated.map((u) => u.id);
    const existing = await db.emails.bulkGet([...changes.destroyed, ...updatedIds].map((id) => [accountId, id] as [string, string]));
    for (const row of existing) if (row) affectedThreads.add(row.threadId);

    const merged: EmailRow[] = [...changes.created];
    changes.updated.forEach((update, i) => {
      const row = existing[changes.destroyed.length + i];
      if (row) merged.push({ ...row, keywords: update.keywords ?? {}, mailboxIds: update.mailboxIds ?? {} });
    });
    for (const row of merged) affectedThreads.add(row.threadId);

    const withOverlay = await overlayPending(db, accountId, merged);
    if (changes.destroyed.length) {
      const keys = changes.destroyed.map((id) => [accountId, id] as [string, string]);
      await db.emails.bulkDelete(keys);
      await db.bodies.bulkDelete(keys);
    }
    await db.emails.bulkPut(withOverlay);
    await rebuildThreads(db, accountId, [...affectedThreads]);
    if (changes.newState !== undefined) await db.syncStates.put({ accountId, type: 'Email', state: changes.newState });
  });
}

async function overlayPending(db: MailDB, accountId: string, rows: EmailRow[]): Promise<EmailRow[]> {
  if (!rows.length || !(await db.pendingMutations.where('accountId').equals(accountId).count())) return rows;
  const pending = await db.pendingMutations.where('[accountId+emailId]').anyOf(rows.map((r) => [accountId, r.id])).toArray();
  if (!pending.length) return rows;
  const patches = new Map(pending.map((p) => [p.emailId, p.patch]));
  return rows.map((row) => (patches.has(row.id) ? applyPatch(row, patches.get(row.id)!) : row));
}

/** Re-derives the thread rows of the given threads from their stored emails. */
export async function rebuildThreads(db: MailDB, accountId: string, threadIds: string[]): Promise<void> {
  if (!threadIds.length) return;
  const keys = threadIds.map((t) => [accountId, t] as [string, string]);
  const emails = await db.emails.where('[accountId+threadId]').anyOf(keys).toArray();
  const byThread = new Map<string, EmailRow[]>();
  for (const email of emails) {
    const list = byThread.get(email.threadId) ?? [];
    list.push(email);
    byThread.set(email.threadId, list);
  }
  await db.threadMailboxes.where('[accountId+threadId]').anyOf(keys).delete();
  await db.threadMailboxes.bulkPut([...byThread.values()].flatMap(threadMailboxRows));
}

export interface MailboxChanges {
  upserted: MailboxRow[];
  /** Partial updates (counts only), by id. */
  patched: Array<Partial<MailboxRow> & { id: string }>;
  destroyed: string[];
  oldState?: string;
  newState: string;
}

export async function applyMailboxChanges(db: MailDB, accountId: string, changes: MailboxChanges): Promise<void> {
  await db.transaction('rw', [db.mailboxes, db.syncStates, db.threadMailboxes], async () => {
    if (changes.oldState !== undefined) {
      const stored = await db.syncStates.get([accountId, 'Mailbox']);
      if (stored?.state !== changes.oldState) throw new StateConflictError('Mailbox', changes.oldState, stored?.state);
    }
    await db.mailboxes.bulkPut(changes.upserted);
    for (const { id, ...fields } of changes.patched) await db.mailboxes.update([accountId, id], fields);
    for (const id of changes.destroyed) {
      await db.mailboxes.delete([accountId, id]);
      await db.threadMailboxes.where('[accountId+mailboxId+latestAt]').between([accountId, id, -Infinity], [accountId, id, Infinity]).delete();
    }
    await db.syncStates.put({ accountId, type: 'Mailbox', state: changes.newState });
  });
}

/** Replaces all mailboxes of an account (first sync, or after cannotCalculateChanges). */
export async function replaceMailboxes(db: MailDB, accountId: string, rows: MailboxRow[], state: string): Promise<void> {
  await db.transaction('rw', [db.mailboxes, db.syncStates], async () => {
    await db.mailboxes.where('accountId').equals(accountId).delete();
    await db.mailboxes.bulkPut(rows);
    await db.syncStates.put({ accountId, type: 'Mailbox', state });
  });
}

export async function setSyncState(db: MailDB, accountId: string, type: SyncedType, state: string): Promise<void> {
  await db.syncStates.put({ accountId, type, state });
}

export async function getSyncState(db: MailDB, accountId: string, type: SyncedType): Promise<string | undefined> {
  return (await db.syncStates.get([accountId, type]))?.state;
}
