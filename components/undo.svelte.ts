/**
 * The last change the user can take back for a few seconds ("Undo" in a toast). Undo sends the
 * values the change replaced; a change not yet sent then cancels out in the outbox.
 */
import type { EmailPatches } from '@/lib/store/mutations';
import { request } from './background';

export const UNDO_SECONDS = 6;

interface Undoable {
  text: string;
  accountId: string;
  patches: EmailPatches;
}

export const undo = $state<{ current: Undoable | null }>({ current: null });
let timer: ReturnType<typeof setTimeout> | undefined;

export function offerUndo(text: string, accountId: string, patches: EmailPatches | undefined): void {
  if (!patches || !Object.keys(patches).length) return;
  clearTimeout(timer);
  undo.current = { text, accountId, patches };
  timer = setTimeout(() => (undo.current = null), UNDO_SECONDS * 1000);
}

export async function undoLast(): Promise<void> {
  const last = undo.current;
  if (!last) return;
  undo.current = null;
  clearTimeout(timer);
  await request({ type: 'patchEmails', accountId: last.accountId, patches: last.patches });
}
