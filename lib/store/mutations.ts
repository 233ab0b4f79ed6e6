/**
 * Local changes to emails (read, flag, move…): applied to the store at once and recorded as one
 * coalesced pending mutation per email for lib/sync/outbox.ts to send. A change that brings a
 * path back to its server value cancels out (flag then unflag sends nothing).
 */
import Dexie from 'dexie';
import { pointerKey } from '../jmap/pointer';
import type { MailDB } from './db';
import { applyPatch, valueAt, type EmailPatch } from './patch';
import type { EmailRow, PendingMutationRow } from './rows';
import { readThreads, replaceThreads } from './thread-writes';

/** Patches per email id; the result holds, per changed email, the values it had (its undo). */
export type EmailPatches = Record<string, EmailPatch>;

/** A pending change of an email that has none yet: nothing to send until a patch is put in it. */
export function newMutation(accountId: string, emailId: string, now: number): PendingMutationRow {
  return { accountId, emailId, patch: {}, base: {}, createdAt: now, attempts: 0, nextAttemptAt: now, status: 'pending', error: null };
}

/**
 * `threads`: the stored emails of the threads of every patched email, when the caller has just
 * read them in this transaction (a bulk action on 1,000 conversations then reads them once).
 */
export async function recordEmailPatches(db: MailDB, accountId: string, patches: EmailPatches, now = Date.now(), threads?: Map<string, EmailRow[]>): Promise<EmailPatches> {
  const undo: EmailPatches = {};
  await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.bodies], async () => {
    const ids = Object.keys(patches);
    const known = threads && new Map([...threads.values()].flat().map((e) => [e.id, e]));
    const rows = known ? ids.map((id) => known.get(id)).filter((r): r is EmailRow => !!r) : (await db.emails.bulkGet(ids.map((id) => [accountId, id] as [string, string]))).filter((r): r is EmailRow => !!r);
    // Most changes find nothing pending; otherwise one pipelined lookup per email (an anyOf
    // cursor would pay a round trip per key).
    const anyPending = !!(await db.pendingMutations.where('accountId').equals(accountId).first());
    const existing = anyPending ? await Promise.all(rows.map((r) => db.pendingMutations.where('[accountId+emailId]').equals([accountId, r.id]).first())) : [];
    const pendingByEmail = new Map(existing.filter((p): p is PendingMutationRow => !!p).map((p) => [p.emailId, p]));
    const patched = new Map<string, EmailRow>();
    const toPut: PendingMutationRow[] = [];
    const toDelete: number[] = [];
    for (const row of rows) {
      const effective = Object.fromEntries(Object.entries(patches[row.id]).filter(([path, value]) => valueAt(row, path) !== value));
      if (!Object.keys(effective).length) continue;
      const mutation = pendingByEmail.get(row.id) ?? newMutation(accountId, row.id, now);
      undo[row.id] = {};
      for (const [path, value] of Object.entries(effective)) {
        undo[row.id][path] = valueAt(row, path);
        if (!(path in mutation.base)) mutation.base[path] = valueAt(row, path);
        if (mutation.base[path] === value) delete mutation.patch[path];
        else mutation.patch[path] = value;
      }
      if (Object.keys(mutation.patch).length) toPut.push({ ...mutation, status: 'pending', error: null, nextAttemptAt: now });
      else if (mutation.seq !== undefined) toDelete.push(mutation.seq);
      patched.set(row.id, applyPatch(row, effective));
    }
    if (toDelete.length) await db.pendingMutations.bulkDelete(toDelete);
    if (toPut.length) await db.pendingMutations.bulkPut(toPut);
    await replaceEmails(db, accountId, patched, threads);
  });
  return undo;
}

/** The same patch for several emails; returns how many changed. */
export async function recordEmailPatch(db: MailDB, accountId: string, emailIds: string[], patch: EmailPatch, now = Date.now()): Promise<number> {
  return Object.keys(await recordEmailPatches(db, accountId, Object.fromEntries(emailIds.map((id) => [id, patch])), now)).length;
}

/** Rewrites some emails of their threads (same ids) and the threads' rows. In a transaction. */
export async function replaceEmails(db: MailDB, accountId: string, replacements: Map<string, EmailRow>, known?: Map<string, EmailRow[]>): Promise<void> {
  if (!replacements.size) return;
  const threadIds = new Set([...replacements.values()].map((r) => r.threadId));
  const threads = known ? new Map([...known].filter(([id]) => threadIds.has(id))) : await readThreads(db, accountId, threadIds);
  await replaceThreads(
    db,
    accountId,
    [...threads].map(([threadId, before]) => ({ threadId, before, after: before.map((e) => replacements.get(e.id) ?? e) })),
  );
}

/** The changes a user makes to conversations; a tag is a keyword (`$label1`, `work`…). */
export type ThreadChange =
  | 'read'
  | 'unread'
  | 'flag'
  | 'unflag'
  | 'trash'
  | 'junk'
  | 'archive'
  | 'inbox'
  | { moveTo: string }
  | { keyword: string; on: boolean };

/** The changes that move a conversation, to the mailbox of this role. */
export const MOVES: Partial<Record<string, string>> = { trash: 'trash', junk: 'junk', archive: 'archive', inbox: 'inbox' };

async function moveTarget(db: MailDB, accountId: string, change: ThreadChange): Promise<string | null> {
  if (typeof change === 'object') return 'moveTo' in change ? change.moveTo : null;
  const role = MOVES[change];
  if (!role) return null;
  const target = await db.mailboxes.where('[accountId+role]').equals([accountId, role]).first();
  if (!target) throw new Error(`The account has no ${role} mailbox`);
  return target.id;
}

/**
 * A change to conversations as mail clients make it: read, unflag, tag and untag apply to every
 * email of a thread (other clients show tags on each message); unread and flag to its newest
 * email (so the thread shows as unread / flagged without touching the rest); a move takes the
 * thread's emails in `fromMailboxId` (every email outside the target when none is given; so
 * deleting from the inbox leaves the user's sent replies in Sent, as folder-based clients do) to
 * the target mailbox, and marking as spam or taking out of Spam sets $junk / $notjunk as well
 * (RFC 8621 §4.1.1, for the server's filter). One transaction; returns what undoes it.
 */
/** `emailIds`: only these messages of the conversations (the list shows messages, not conversations). */
export async function changeThreads(db: MailDB, accountId: string, threadIds: string[], change: ThreadChange, fromMailboxId?: string, emailIds?: string[]): Promise<EmailPatches> {
  // The threads are read and rewritten in one transaction, so a sync cannot slip in between.
  // An async callback: with a plain one returning the promise, Dexie lets the transaction commit early.
  return db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.bodies, db.mailboxes], async () => await changeThreadsIn(db, accountId, threadIds, change, fromMailboxId, emailIds && new Set(emailIds)));
}

async function changeThreadsIn(db: MailDB, accountId: string, threadIds: string[], change: ThreadChange, fromMailboxId?: string, only?: Set<string>): Promise<EmailPatches> {
  const threads = await readThreads(db, accountId, threadIds);
  const patches: EmailPatches = {};
  const target = await moveTarget(db, accountId, change);
  if (target) {
    const fromJunk = !!fromMailboxId && (await db.mailboxes.get([accountId, fromMailboxId]))?.role === 'junk';
    const toJunk = (await db.mailboxes.get([accountId, target]))?.role === 'junk';
    const keywords: EmailPatch = toJunk ? { 'keywords/$junk': true, 'keywords/$notjunk': null } : fromJunk ? { 'keywords/$junk': null, 'keywords/$notjunk': true } : {};
    // Deleting and spam take a message out of every mailbox; other moves out of the one shown.
    const everywhere = change === 'trash' || change === 'junk' || !fromMailboxId;
    for (const emails of threads.values()) {
      for (const e of emails) {
        if ((only && !only.has(e.id)) || (fromMailboxId ? !e.mailboxIds[fromMailboxId] : e.mailboxIds[target])) continue;
        const leaving = everywhere ? Object.keys(e.mailboxIds) : [fromMailboxId];
        patches[e.id] = { ...Object.fromEntries(leaving.map((id) => [`mailboxIds/${id}`, null])), [`mailboxIds/${target}`]: true, ...keywords };
      }
    }
    return recordEmailPatches(db, accountId, patches, Date.now(), threads);
  }
  const [scope, patch]: ['all' | 'newest', EmailPatch] =
    change === 'read' ? ['all', { 'keywords/$seen': true }]
    : change === 'unread' ? ['newest', { 'keywords/$seen': null }]
    : change === 'flag' ? ['newest', { 'keywords/$flagged': true }]
    : change === 'unflag' ? ['all', { 'keywords/$flagged': null }]
    : typeof change === 'object' && 'keyword' in change ? ['all', { [`keywords/${pointerKey(change.keyword)}`]: change.on ? true : null }]
    : (() => { throw new Error(`Unknown change ${JSON.stringify(change)}`); })();
  for (const emails of threads.values()) {
    const chosen = only ? emails.filter((e) => only.has(e.id)) : scope === 'all' ? emails : [emails.reduce((a, b) => (b.receivedAt > a.receivedAt ? b : a))];
    for (const e of chosen) patches[e.id] = patch;
  }
  return recordEmailPatches(db, accountId, patches, Date.now(), threads);
}

/** Pending mutations that are due now, oldest first. */
export async function dueMutations(db: MailDB, accountId: string, now = Date.now()): Promise<PendingMutationRow[]> {
  const rows = await db.pendingMutations
    .where('[accountId+status+nextAttemptAt]')
    .between([accountId, 'pending', Dexie.minKey], [accountId, 'pending', now], true, true)
    .toArray();
  return [...rows].sort((a, b) => a.seq! - b.seq!);
}
