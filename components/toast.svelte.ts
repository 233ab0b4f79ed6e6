/**
 * The one message at the bottom of a page: the last change the user can take back for a few
 * seconds ("Undo"), or why a request failed. Undo sends the values the change replaced; a change
 * not yet sent then cancels out in the outbox.
 */
import { errorText, t } from '@/lib/i18n/t';
import type { ErrorInfo } from '@/lib/messages';
import type { EmailPatches } from '@/lib/store/mutations';
import { request } from './background';

export const TOAST_SECONDS = 6;

/** What takes a change back: per account, the values it replaced. */
export interface Undo {
  accountId: string;
  patches: EmailPatches;
}

interface Toast {
  text: string;
  error: boolean;
  /** The button next to the text: Undo, or another way back (e.g. Undo send). */
  action?: { label: string; run: () => Promise<void> };
}

export const toast = $state<{ current: Toast | null }>({ current: null });
let timer: ReturnType<typeof setTimeout> | undefined;

function show(next: Toast, seconds = TOAST_SECONDS): void {
  clearTimeout(timer);
  toast.current = next;
  timer = setTimeout(() => (toast.current = null), seconds * 1000);
}

export function offerUndo(text: string, undo: Undo[]): void {
  const effective = undo.filter((u) => Object.keys(u.patches).length);
  if (effective.length) show({ text, error: false, action: { label: t('undo'), run: () => sendUndo(effective) } });
}

/** A message with its own button for `seconds` (Undo send lasts exactly as long as the send waits). */
export function offerAction(text: string, label: string, run: () => Promise<void>, seconds = TOAST_SECONDS): void {
  show({ text, error: false, action: { label, run } }, seconds);
}

export function showInfo(text: string): void {
  show({ text, error: false });
}

/** Failures stay longer: the user has to read why. */
export function showError(error: ErrorInfo): void {
  show({ text: `${errorText(error.code)} (${error.message})`, error: true }, TOAST_SECONDS * 2);
}

/** The toast's button: runs once, and the toast goes. */
export async function runToastAction(): Promise<void> {
  const action = toast.current?.action;
  if (!action) return;
  toast.current = null;
  clearTimeout(timer);
  await action.run();
}

async function sendUndo(undo: Undo[]): Promise<void> {
  for (const { accountId, patches } of undo) {
    const reply = await request({ type: 'patchEmails', accountId, patches });
    if (!reply.ok) showError(reply.error);
  }
}
