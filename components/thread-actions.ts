/** Sends a keyboard row action as a conversation change to the background. */
import { request } from './background';
import type { FocusedThread, RowAction } from './keyboard';

export function runRowAction(action: RowAction, row: FocusedThread & { flagged: boolean }): void {
  const change = action === 'toggleFlag' ? (row.flagged ? 'unflag' : 'flag') : action;
  void request({ type: 'changeThread', accountId: row.accountId, threadId: row.threadId, change });
}
