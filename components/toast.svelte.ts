/**
 * The one message at the bottom of a page: the last change the user can take back for a few
 * seconds ("Undo"), or why a request failed. Undo sends the values the change replaced; a change
 * not yet sent then cancels out in the outbox.
 */
import { errorText } from '@/lib/i18n/t';
import type { ErrorInfo } from '@/lib/messages';
import type { EmailPatches } from '@/lib/store/mutations';
import { request } from './background';

export const TOAST_SECONDS = 6;

interface Toast {
  text: string;
  error: boolean;
  undo?: { accountId: string; patches: EmailPatches };
}

export const toast = $state<{ current: Toast | null }>({ current: null });
let timer: ReturnType<typeof setTimeout> | undefined;

function show(next: Toast, seconds = TOAST_SECONDS): void {
  clearTimeout(timer);
  toast.current = next;
  timer = setTimeout(() => (toast.current = null), seconds * 1000);
}

export function offerUndo(text: string, accountId: string, patches: EmailPatches | undefined): void {
  if (patches && Object.keys(patches).length) show({ text, error: false, undo: { accountId, patches } });
}

/** Failures stay longer: the user has to read why. */
export function showError(error: ErrorInfo): void {
  show({ text: `${errorText(error.code)} (${error.message})`, error: true }, TOAST_SECONDS * 2);
}

export async function undoLast(): Promise<void> {
  const last = toast.current?.undo;
  if (!last) return;
  toast.current = null;
  clearTimeout(timer);
  const reply = await request({ type: 'patchEmails', accountId: last.accountId, patches: last.patches });
  if (!reply.ok) showError(reply.error);
}
