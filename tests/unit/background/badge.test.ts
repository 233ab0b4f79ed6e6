/** The toolbar badge: the unread count, or nothing when the user turned it off. */
import { beforeEach, describe, expect, it } from 'vitest';
import { badgeText, refreshBadge, type BadgeApi } from '@/lib/badge';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { emailRow } from '../store/fixtures';

describe('badgeText', () => {
  it.each([
    [0, true, ''],
    [1, true, '1'],
    [999, true, '999'],
    [1000, true, '999+'],
    [0, false, ''],
    [5, false, ''],
    [1000, false, ''],
  ])('%i unread, shown %s → %j', (count, show, text) => {
    expect(badgeText(count, show)).toBe(text);
  });
});

describe('refreshBadge', () => {
  let db: MailDB;
  let calls: Array<[string, string]>;
  const action: BadgeApi = {
    setBadgeText: async ({ text }) => void calls.push(['text', text]),
    setBadgeBackgroundColor: async ({ color }) => void calls.push(['color', color]),
  };

  beforeEach(async () => {
    calls = [];
    db = new MailDB(`test-${crypto.randomUUID()}`);
    await db.accounts.add({ id: 'a1', name: 'a1', email: 'a1@x.org', color: '#000', sessionUrl: 'https://x.org', username: 'a1', authKind: 'basic', createdAt: 0, disabled: 0 });
    await db.mailboxes.add({ accountId: 'a1', id: 'inbox', name: 'Inbox', parentId: null, role: 'inbox', sortOrder: 0, totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, isSubscribed: true });
    await applyEmailChanges(db, 'a1', { created: [emailRow(), emailRow()], updated: [], destroyed: [] });
  });

  it('shows the unread inbox count when on', async () => {
    expect(await refreshBadge(db, action, true)).toBe(2);
    expect(calls).toContainEqual(['text', '2']);
  });

  it('clears the text (no badge at all) when off, without counting', async () => {
    await refreshBadge(db, action, true);
    calls = [];
    expect(await refreshBadge(db, action, false)).toBeNull();
    expect(calls).toEqual([['text', '']]);
  });
});
