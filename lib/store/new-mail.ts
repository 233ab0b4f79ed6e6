/**
 * Which inbox mail is new since the account's last sync run, decided from the store alone (no
 * network), for new-mail notifications. Each account has one mark (`newMailMarks`):
 *
 *     ─────────── decided ───────────┤ T ├──────────── candidates ────────────▶ receivedAt
 *                                    emailIds: decided at exactly T
 *
 *   new  ⇔  in the inbox, unread (no $seen), not a draft, and received after T (or at T and not listed)
 *
 * Every decision moves T to the newest inbox email's receivedAt, read or not, in the same
 * transaction that read the candidates, so a message is decided once even when runs overlap or
 * the worker stops: mail the user already saw (read, or read and marked unread again later) is
 * never "new". An account without a mark (its first sync) gets one from the store and nothing
 * is new: what was there before the extension knew the account is not news. Moved-in mail keeps
 * its receivedAt, so mail filed back into the inbox is not new either.
 */
import Dexie from 'dexie';
import type { MailDB } from './db';
import { getSyncState } from './mail-writes';
import { overlayPending } from './pending';
import type { EmailRow, NewMailMarkRow } from './rows';

export interface NewMail {
  accountId: string;
  inboxId: string;
  /** New messages, newest first (at least one). */
  emails: EmailRow[];
  /** Their distinct conversations. */
  threadIds: string[];
}

/**
 * Pure: the new emails among `candidates` (the account's emails, at least those in the inbox
 * received at or after the mark) and the mark after them.
 */
export function newMailSince(mark: NewMailMarkRow, candidates: EmailRow[], inboxId: string): { fresh: EmailRow[]; mark: NewMailMarkRow } {
  const inInbox = candidates.filter((e) => e.mailboxIds[inboxId] && e.receivedAt >= mark.receivedAt);
  const decided = new Set(mark.emailIds);
  const fresh = inInbox
    .filter((e) => !(e.receivedAt === mark.receivedAt && decided.has(e.id)) && !e.keywords.$seen && !e.keywords.$draft)
    .sort((a, b) => b.receivedAt - a.receivedAt);
  const newest = inInbox.reduce((max, e) => Math.max(max, e.receivedAt), mark.receivedAt);
  const atNewest = inInbox.filter((e) => e.receivedAt === newest).map((e) => e.id);
  const emailIds = newest === mark.receivedAt ? [...new Set([...mark.emailIds, ...atNewest])] : atNewest;
  return { fresh, mark: { accountId: mark.accountId, receivedAt: newest, emailIds } };
}

/**
 * Decides and records what is new in the account's inbox since the last call; null when nothing
 * is (or the account, its inbox or its first page is not there yet). Reads only the inbox thread
 * rows whose newest message is at or after the mark (both unread values of
 * [accountId+mailboxId+unread+latestAt]) and their emails.
 */
export async function takeNewMail(db: MailDB, accountId: string): Promise<NewMail | null> {
  return db.transaction('rw', [db.accounts, db.mailboxes, db.syncStates, db.threadMailboxes, db.emails, db.pendingChanges, db.newMailMarks], async () => {
    if (!(await db.accounts.get(accountId))) return null; // removed meanwhile: leave no row behind
    const inbox = await db.mailboxes.where('[accountId+role]').equals([accountId, 'inbox']).first();
    if (!inbox || !(await getSyncState(db, accountId, 'Email'))) return null;
    const stored = await db.newMailMarks.get(accountId);
    const rangeFrom = (flag: 0 | 1, from: number) =>
      db.threadMailboxes.where('[accountId+mailboxId+unread+latestAt]').between([accountId, inbox.id, flag, from], [accountId, inbox.id, flag, Dexie.maxKey], true, true);
    let mark = stored;
    if (!mark) {
      const newest = await Promise.all(([0, 1] as const).map((flag) => rangeFrom(flag, -Infinity).last()));
      mark = { accountId, receivedAt: Math.max(0, ...newest.map((row) => row?.latestAt ?? 0)), emailIds: [] };
    }
    const rows = (await Promise.all(([0, 1] as const).map((flag) => rangeFrom(flag, mark.receivedAt).toArray()))).flat();
    const emails = rows.length ? await overlayPending(db, accountId, await db.emails.where('[accountId+threadId]').anyOf(rows.map((row) => [accountId, row.threadId])).toArray()) : [];
    const decision = newMailSince(mark, emails, inbox.id);
    // Runs after every sync run (every 3 s while a page is open): write only when the mark moved.
    if (!stored || decision.mark.receivedAt !== stored.receivedAt || decision.mark.emailIds.length !== stored.emailIds.length) await db.newMailMarks.put(decision.mark);
    if (!stored || !decision.fresh.length) return null;
    return { accountId, inboxId: inbox.id, emails: decision.fresh, threadIds: [...new Set(decision.fresh.map((e) => e.threadId))] };
  });
}
