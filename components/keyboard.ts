/**
 * Mail-client keys (as in Gmail and the reference): j / k move to the next / previous
 * conversation of the list on screen, Enter opens it (it is a button), u goes back to the list,
 * x selects, s flags or unflags, Shift+I / Shift+U mark read / unread, # deletes, ! marks as
 * spam, / searches, ? lists them all (components/ShortcutHelp.svelte).
 * Keys typed into a field are left alone.
 */
import type { Action } from 'svelte/action';

export function typingInField(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export const plainKey = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey && !typingInField(event);

/** Row keys that change the focused or selected conversations. */
export const ROW_KEYS = { s: 'toggleFlag', I: 'read', U: 'unread', '#': 'trash', '!': 'junk' } as const;
export type RowAction = (typeof ROW_KEYS)[keyof typeof ROW_KEYS];

/** j / k over a short list's `button.open` rows (the popup's; the mail tab's list is virtualised and does its own). */
export const threadListKeys: Action<HTMLElement> = (list) => {
  const onKey = (event: KeyboardEvent) => {
    if (!plainKey(event) || (event.key !== 'j' && event.key !== 'k')) return;
    const rows = [...list.querySelectorAll<HTMLButtonElement>('button.open')];
    if (!rows.length) return;
    const current = rows.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'j' ? Math.min(current + 1, rows.length - 1) : Math.max(current - 1, 0);
    rows[current < 0 ? 0 : next].focus();
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return { destroy: () => document.removeEventListener('keydown', onKey) };
};

/** Each key of the map (without modifiers, outside fields) runs its function. */
export const shortcuts: Action<Window, Record<string, () => void>> = (target, keys) => {
  let current = keys;
  const onKey = (event: KeyboardEvent) => {
    const run = current[event.key];
    if (plainKey(event) && run) {
      event.preventDefault();
      run();
    }
  };
  target.addEventListener('keydown', onKey);
  return {
    update: (next) => (current = next),
    destroy: () => target.removeEventListener('keydown', onKey),
  };
};
