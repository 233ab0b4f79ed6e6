/**
 * Mail-client keys (as in Gmail and the reference): j / k move to the next / previous
 * conversation of the list on screen, Enter opens it (it is a button), u goes back to the list.
 * Keys typed into a field are left alone.
 */
import type { Action } from 'svelte/action';

export function typingInField(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

const plainKey = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey && !typingInField(event);

/** j / k over the list's `button.open` rows. */
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

/** `key` (without modifiers, outside fields) runs `run`. */
export const shortcut: Action<Window, { key: string; run: () => void }> = (target, options) => {
  let current = options;
  const onKey = (event: KeyboardEvent) => {
    if (plainKey(event) && event.key === current.key) {
      event.preventDefault();
      current.run();
    }
  };
  target.addEventListener('keydown', onKey);
  return {
    update: (next) => (current = next),
    destroy: () => target.removeEventListener('keydown', onKey),
  };
};
