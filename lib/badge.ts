/**
 * The toolbar badge: the number of unread inbox threads across enabled accounts, or nothing at all
 * when the user turned the count off (the `showBadge` preference).
 */
import type { MailDB } from './store/db';
import { unreadThreadCount } from './store/queries';

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** What the icon shows: empty (no badge) when hidden or when nothing is unread. */
export function badgeText(count: number, show: boolean): string {
  if (!show || count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** Returns the count shown, or null when the badge is hidden (nothing is counted then). */
export async function refreshBadge(db: MailDB, action: BadgeApi, show: boolean): Promise<number | null> {
  const count = show ? await unreadThreadCount(db) : null;
  if (count !== null) await action.setBadgeBackgroundColor({ color: '#d93025' });
  await action.setBadgeText({ text: badgeText(count ?? 0, show) });
  return count;
}
