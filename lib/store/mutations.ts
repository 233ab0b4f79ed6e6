/**
 * Local changes to emails (read, flag, move…): one PendingChangeRow per action, which the user
 * sees at once (the thread rows are rewritten; stored emails keep the server's values, see
 * lib/store/pending.ts) and lib/sync/outbox.ts sends. A path already at the value the user sees
 * is left out, so the result says exactly what changed.
 */
import Dexie from 'dexie';
import { pointerKey } from '../jmap/pointer';
import type { MailDB } from './db';
import { applyPatch, valueAt, type EmailPatch } from './patch';
import { pendingPatches } from './pending';
import type { EmailRow, PendingMutationRow } from './rows';
import { readThreadViews, writeThreadRows } from './thread-writes';

/** Patches per email id; the result holds, per changed email, the values it had (its undo). */
export type EmailPatches = Record<string, EmailPatch>;

/** A pending destroy or refused change of an email (lib/store/rows.ts PendingMutationRow). */
export function newMutation(accountId: string, emailId: string, now: number): PendingMutationRow {
  return { accountId, emailId, patch: {}, base: {}, createdAt: now, attempts: 0, nextAttemptAt: now, status: 'pending', error: null };
}

/** Records a user's change of some emails (an Undo, a reply's $answered…); returns what undoes it. */
export async function recordEmailPatches(db: MailDB, accountId: string, patches: EmailPatches, now = Date.now()): Promise<EmailPatches> {
  return db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingChanges], async () => {
    const pending = await pendingPatches(db, accountId);
    const rows = (await db.emails.bulkGet(Object.keys(patches).map((id) => [accountId, id] as [string, string]))).filter((r): r is EmailRow => !!r);
    const views = await readThreadViews(db, accountId, rows.map((r) => r.threadId), pending);
    return recordIn(db, accountId, patches, now, views);
  });
}

/**
 * `views`: the threads of every patched email as the user sees them, read in this transaction
 * (a bulk action on 1,000 conversations reads them once).
 */
async function recordIn(db: MailDB, accountId: string, patches: EmailPatches, now: number, views: Map<string, EmailRow[]>): Promise<EmailPatches> {
  const undo: EmailPatches = {};
  const effective: EmailPatches = {};
  const changed = new Map<string, EmailRow[]>();
  for (const [threadId, emails] of views) {
    let after: EmailRow[] | null = null;
    emails.forEach((row, i) => {
      const patch = patches[row.id];
      if (!patch) return;
      const paths = Object.entries(patch).filter(([path, value]) => valueAt(row, path) !== value);
      if (!paths.length) return;
      effective[row.id] = Object.fromEntries(paths);
      undo[row.id] = Object.fromEntries(paths.map(([path]) => [path, valueAt(row, path)]));
      after ??= [...emails];
      after[i] = applyPatch(row, effective[row.id]);
    });
    if (after) changed.set(threadId, after);
  }
  if (!changed.size) return undo;
  await db.pendingChanges.add({ accountId, patches: effective, createdAt: now, attempts: 0, nextAttemptAt: now });
  await writeThreadRows(db, accountId, [...changed].map(([threadId, after]) => ({ threadId, before: views.get(threadId)!, after })));
  return undo;
}

/** The same patch for several emails; returns how many changed. */
export async function recordEmailPatch(db: MailDB, accountId: string, emailIds: string[], patch: EmailPatch, now = Date.now()): Promise<number> {
  return Object.keys(await recordEmailPatches(db, accountId, Object.fromEntries(emailIds.map((id) => [id, patch])), now)).length;
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
  return db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingChanges, db.mailboxes], async () => await changeThreadsIn(db, accountId, threadIds, change, fromMailboxId, emailIds && new Set(emailIds)));
}

async function changeThreadsIn(db: MailDB, accountId: string, threadIds: string[], change: ThreadChange, fromMailboxId?: string, only?: Set<string>): Promise<EmailPatches> {
  const pending = await pendingPatches(db, accountId);
  const threads = await readThreadViews(db, accountId, threadIds, pending);
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
    return recordIn(db, accountId, patches, Date.now(), threads);
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
  return recordIn(db, accountId, patches, Date.now(), threads);
}

/** Pending destroys that are due now, oldest first. */
export async function dueMutations(db: MailDB, accountId: string, now = Date.now()): Promise<PendingMutationRow[]> {
  const rows = await db.pendingMutations
    .where('[accountId+status+nextAttemptAt]')
    .between([accountId, 'pending', Dexie.minKey], [accountId, 'pending', now], true, true)
    .toArray();
  return [...rows].sort((a, b) => a.seq! - b.seq!);
}
