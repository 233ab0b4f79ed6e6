/** Conversation changes sent to the background: an undo offer for moves, the reason for failures. */
import type { MessageKey } from '@/lib/i18n/t';
import { t } from '@/lib/i18n/t';
import type { ThreadChange } from '@/lib/store/mutations';
import { request } from './background';
import type { FocusedThread, RowAction } from './keyboard';
import { offerUndo, showError } from './toast.svelte';

const MOVED: Partial<Record<ThreadChange, MessageKey>> = {
  trash: 'movedTo_trash',
  junk: 'movedTo_junk',
  archive: 'movedTo_archive',
  inbox: 'movedTo_inbox',
};

/** `mailboxId`: the mailbox the conversation is shown in (what a move takes it out of). */
export async function changeThread(accountId: string, threadId: string, change: ThreadChange, mailboxId?: string): Promise<void> {
  const reply = await request({ type: 'changeThread', accountId, threadId, change, mailboxId });
  const moved = MOVED[change];
  if (!reply.ok) showError(reply.error);
  else if (moved) offerUndo(t(moved), accountId, reply.undo);
}

export function runRowAction(action: RowAction, row: FocusedThread & { flagged: boolean; mailboxId: string }): void {
  const change = action === 'toggleFlag' ? (row.flagged ? 'unflag' : 'flag') : action;
  void changeThread(row.accountId, row.threadId, change, row.mailboxId);
}
