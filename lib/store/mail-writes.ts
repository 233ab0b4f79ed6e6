/**
 * Every write of server data into the store goes through here, so that two invariants hold:
 *  1. thread rows (threadMailboxes) always match the emails they are derived from
 *     (lib/store/thread-writes.ts);
 *  2. stored emails hold the server's values, and pending local changes stay visible: thread
 *     rows are derived with them laid over (lib/store/pending.ts), so a sync never reverts what
 *     the user just did; an email the user deleted forever is not stored again.
 * Each function runs in one IndexedDB transaction.
 */
import Dexie from 'dexie';
import type { EmailMutable } from '../jmap/types';
import type { MailDB } from './db';
import { destroyedLocally } from './pending';
import type { EmailRow, Flag, MailboxRow, SyncedType } from './rows';
import { byThread, readThreads, replaceThreads, type ThreadChange } from './thread-writes';

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
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.pendingChanges, db.syncStates, db.bodies], async () => {
    if (changes.oldState !== undefined) {
      const stored = await db.syncStates.get([accountId, 'Email']);
      if (stored?.state !== changes.oldState) throw new StateConflictError('Email', changes.oldState, stored?.state);
    }
    const touched = [...changes.destroyed, ...changes.updated.map((u) => u.id)];
    const existing = (await db.emails.bulkGet(touched.map((id) => [accountId, id] as [string, string]))).filter((e): e is EmailRow => !!e);
    const threads = await readThreads(db, accountId, [...existing.map((e) => e.threadId), ...changes.created.map((e) => e.threadId)]);

    const destroyed = new Set(changes.destroyed);
    const updates = new Map(changes.updated.map((u) => [u.id, u]));
    const destroyedHere = await destroyedLocally(db, accountId, changes.created.map((e) => e.id));
    const incoming = byThread(changes.created.filter((e) => !destroyedHere.has(e.id)));
    const threadChanges: ThreadChange[] = [];
    for (const [threadId, before] of threads) {
      const created = incoming.get(threadId) ?? [];
      const createdIds = new Set(created.map((e) => e.id));
      const after = before
        .filter((e) => !destroyed.has(e.id) && !createdIds.has(e.id))
        .map((e) => {
          const update = updates.get(e.id);
          return update ? { ...e, keywords: update.keywords ?? {}, mailboxIds: update.mailboxIds ?? {} } : e;
        });
      threadChanges.push({ threadId, before, after: [...after, ...created] });
    }
    await replaceThreads(db, accountId, threadChanges);
    if (changes.newState !== undefined) await db.syncStates.put({ accountId, type: 'Email', state: changes.newState });
  });
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
      await db.threadMailboxes.where('[accountId+mailboxId+threadId]').between([accountId, id, Dexie.minKey], [accountId, id, Dexie.maxKey]).delete();
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

/**
 * Sets hasCalendar on stored emails (the one-time recheck of rows stored before v4) and rebuilds
 * their thread rows. Rows are read here, in the transaction, so a change since the caller looked
 * is kept; emails gone meanwhile are skipped.
 */
export async function setCalendarFlags(db: MailDB, accountId: string, flags: Map<string, Flag>): Promise<void> {
  if (!flags.size) return;
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.bodies, db.pendingChanges], async () => {
    const stored = (await db.emails.bulkGet([...flags.keys()].map((id) => [accountId, id] as [string, string]))).filter((e): e is EmailRow => !!e);
    const changed = new Set(stored.filter((e) => (e.hasCalendar ?? 0) !== flags.get(e.id)).map((e) => e.id));
    if (!changed.size) return;
    const threads = await readThreads(db, accountId, stored.filter((e) => changed.has(e.id)).map((e) => e.threadId));
    const threadChanges: ThreadChange[] = [...threads].map(([threadId, before]) => ({
      threadId,
      before,
      after: before.map((e) => (changed.has(e.id) ? { ...e, hasCalendar: flags.get(e.id)! } : e)),
    }));
    await replaceThreads(db, accountId, threadChanges);
  });
}
