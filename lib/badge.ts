/** The toolbar badge: the number of unread inbox threads across enabled accounts. */
import type { MailDB } from './store/db';
import { unreadThreadCount } from './store/queries';

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

export async function refreshBadge(db: MailDB, action: BadgeApi): Promise<number> {
  const count = await unreadThreadCount(db);
  await action.setBadgeBackgroundColor({ color: '#d93025' });
  await action.setBadgeText({ text: badgeText(count) });
  return count;
}
