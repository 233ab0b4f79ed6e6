/**
 * Conversation changes sent to the background, for one conversation or a selection (grouped by
 * account and mailbox: one request each). Moves, tags and bulk changes offer Undo; failures show
 * their reason.
 */
import { t, type MessageKey } from '@/lib/i18n/t';
import { getDb } from '@/lib/store/db';
import { threadEmails } from '@/lib/store/queries';
import type { BodyRow } from '@/lib/store/rows';
import type { ThreadChange } from '@/lib/store/mutations';
import { request } from './background';
import { offerUndo, showError, showInfo, type Undo } from './toast.svelte';

/** A conversation as a list shows it: in one mailbox of one account; `emailId` when the row is one message of it. */
export interface ThreadRef {
  accountId: string;
  mailboxId: string;
  threadId: string;
  emailId?: string;
}

/** The messages named, when the rows are messages (the list does not group conversations). */
const emailIdsOf = (group: ThreadRef[]) => (group.some((r) => r.emailId) ? { emailIds: group.flatMap((r) => (r.emailId ? [r.emailId] : [])) } : {});
const threadIdsOf = (group: ThreadRef[]) => [...new Set(group.map((r) => r.threadId))];

const DONE: Record<string, MessageKey> = {
  trash: 'movedTo_trash',
  junk: 'movedTo_junk',
  archive: 'movedTo_archive',
  inbox: 'movedTo_inbox',
  read: 'markedRead',
  unread: 'markedUnread',
  flag: 'flaggedDone',
  unflag: 'unflaggedDone',
};

function groups(rows: ThreadRef[]): Map<string, ThreadRef[]> {
  const byPlace = new Map<string, ThreadRef[]>();
  for (const row of rows) {
    const key = `${row.accountId}\u0000${row.mailboxId}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), row]);
  }
  return byPlace;
}

/**
 * `describe`: the toast text offering Undo (none: no toast, as when opening reads a conversation).
 * `inPlace`: the change is made in the mailbox the rows are listed in (moves take them out of it).
 */
export async function changeThreads(rows: ThreadRef[], change: ThreadChange, describe: string | null = describeChange(change)): Promise<void> {
  const undo: Undo[] = [];
  for (const group of groups(rows).values()) {
    const { accountId, mailboxId } = group[0];
    const reply = await request({ type: 'changeThreads', accountId, threadIds: threadIdsOf(group), change, mailboxId: mailboxId || undefined, ...emailIdsOf(group) });
    if (!reply.ok) showError(reply.error);
    else if (reply.undo) undo.push({ accountId, patches: reply.undo });
  }
  if (describe) offerUndo(describe, undo);
}

export function describeChange(change: ThreadChange): string {
  if (typeof change === 'string') return t(DONE[change]);
  return 'moveTo' in change ? t('movedToFolder') : t(change.on ? 'tagAdded' : 'tagRemoved');
}

/** Deletes forever the rows' emails in their mailbox (Trash or Spam), after the caller confirmed. */
export async function destroyThreads(rows: ThreadRef[]): Promise<void> {
  let count = 0;
  for (const group of groups(rows).values()) {
    const reply = await request({ type: 'destroyThreads', accountId: group[0].accountId, mailboxId: group[0].mailboxId, threadIds: threadIdsOf(group), ...emailIdsOf(group) });
    if (!reply.ok) showError(reply.error);
    else count += reply.count ?? 0;
  }
  showInfo(t('deletedForever', String(count)));
}

export async function emptyMailbox(accountId: string, mailboxId: string): Promise<void> {
  const reply = await request({ type: 'emptyMailbox', accountId, mailboxId });
  if (!reply.ok) showError(reply.error);
  else showInfo(t('deletedForever', String(reply.count ?? 0)));
}

/** "Print" from a list: the conversation's messages, their bodies fetched first if not stored yet. */
export async function printThread(accountId: string, threadId: string): Promise<void> {
  const db = getDb();
  const emails = await threadEmails(db, accountId, threadId);
  const reply = await request({ type: 'loadBodies', accountId, emailIds: emails.map((e) => e.id) });
  if (!reply.ok) return showError(reply.error);
  const bodies = await db.bodies.bulkGet(emails.map((e) => [accountId, e.id] as [string, string]));
  // Loaded when used: the popup, which shares this module, never prints.
  const { printConversation } = await import('./reader/print');
  await printConversation(emails, new Map(bodies.filter((b): b is BodyRow => !!b).map((b) => [b.emailId, b])));
}
