/** Which inbox mail is new since the last sync run: decided once per message, from the store. */
import { beforeEach, describe, expect, it } from 'vitest';
import { removeAccountRows } from '@/lib/accounts/remove-account';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { newMailSince, takeNewMail } from '@/lib/store/new-mail';
import type { EmailRow } from '@/lib/store/rows';
import { emailRow } from './fixtures';

const T = 1_800_000_000_000;
const mark = (receivedAt: number, emailIds: string[] = []) => ({ accountId: 'a1', receivedAt, emailIds });
const ids = (emails: EmailRow[]) => emails.map((e) => e.id);

describe('newMailSince', () => {
  it('takes unread inbox mail received after the mark, newest first, and moves the mark to the newest inbox mail', () => {
    const emails = [
      emailRow({ id: 'before', receivedAt: T - 1 }),
      emailRow({ id: 'new1', receivedAt: T + 1 }),
      emailRow({ id: 'new2', receivedAt: T + 3 }),
      emailRow({ id: 'seen', receivedAt: T + 4, keywords: { $seen: true } }),
      emailRow({ id: 'draft', receivedAt: T + 2, keywords: { $draft: true } }),
      emailRow({ id: 'elsewhere', receivedAt: T + 9, mailboxIds: { archive: true } }),
    ];
    const { fresh, mark: next } = newMailSince(mark(T), emails, 'inbox');
    expect(ids(fresh)).toEqual(['new2', 'new1']);
    // The read message is the newest in the inbox: the mark passes it, so it is never "new" later.
    expect(next).toEqual(mark(T + 4, ['seen']));
  });

  it('decides mail received at exactly the mark once', () => {
    const first = newMailSince(mark(T, ['a']), [emailRow({ id: 'a', receivedAt: T }), emailRow({ id: 'b', receivedAt: T })], 'inbox');
    expect(ids(first.fresh)).toEqual(['b']);
    expect(first.mark).toEqual(mark(T, ['a', 'b']));
    const again = newMailSince(first.mark, [emailRow({ id: 'a', receivedAt: T }), emailRow({ id: 'b', receivedAt: T }), emailRow({ id: 'c', receivedAt: T })], 'inbox');
    expect(ids(again.fresh)).toEqual(['c']);
  });

  it('keeps the mark when nothing newer is there', () => {
    expect(newMailSince(mark(T, ['x']), [emailRow({ receivedAt: T - 5 })], 'inbox')).toEqual({ fresh: [], mark: mark(T, ['x']) });
  });
});

describe('takeNewMail', () => {
  let name: string;
  let db: MailDB;

  const deliver = (...emails: EmailRow[]) => applyEmailChanges(db, 'a1', { created: emails, updated: [], destroyed: [] });

  beforeEach(async () => {
    name = `test-${crypto.randomUUID()}`;
    db = new MailDB(name);
    await db.accounts.add({ id: 'a1', name: 'a1', email: 'a1@x.org', color: '#000', sessionUrl: 'https://x.org', username: 'a1', authKind: 'basic', createdAt: 0, disabled: 0 });
    await db.mailboxes.add({ accountId: 'a1', id: 'inbox', name: 'Inbox', parentId: null, role: 'inbox', sortOrder: 0, totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, isSubscribed: true });
  });

  it('waits for the first page, then announces nothing from the first sync', async () => {
    await deliver(emailRow({ id: 'old', receivedAt: T }));
    expect(await takeNewMail(db, 'a1')).toBeNull();
    expect(await db.newMailMarks.count()).toBe(0);
    await db.syncStates.put({ accountId: 'a1', type: 'Email', state: 's1' });
    expect(await takeNewMail(db, 'a1')).toBeNull();
    expect(await db.newMailMarks.get('a1')).toEqual(mark(T, ['old']));
  });

  it('announces mail delivered after that once, even to a restarted worker', async () => {
    await db.syncStates.put({ accountId: 'a1', type: 'Email', state: 's1' });
    await deliver(emailRow({ id: 'old', receivedAt: T }));
    await takeNewMail(db, 'a1');
    await deliver(emailRow({ id: 'r1', threadId: 'x', receivedAt: T + 10 }), emailRow({ id: 'r2', threadId: 'x', receivedAt: T + 20 }), emailRow({ id: 'read', receivedAt: T + 5, keywords: { $seen: true } }));
    const news = await takeNewMail(db, 'a1');
    expect(news).toMatchObject({ accountId: 'a1', inboxId: 'inbox', threadIds: ['x'] });
    expect(ids(news!.emails)).toEqual(['r2', 'r1']);
    expect(await takeNewMail(db, 'a1')).toBeNull();
    db.close();
    db = new MailDB(name);
    expect(await takeNewMail(db, 'a1')).toBeNull();
  });

  it('decides a message once when two runs ask at the same time', async () => {
    await db.syncStates.put({ accountId: 'a1', type: 'Email', state: 's1' });
    await takeNewMail(db, 'a1');
    await deliver(emailRow({ id: 'n', receivedAt: T }));
    const results = await Promise.all([takeNewMail(db, 'a1'), takeNewMail(db, 'a1')]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('does not announce mail read meanwhile, nor mail marked unread again later', async () => {
    await db.syncStates.put({ accountId: 'a1', type: 'Email', state: 's1' });
    await takeNewMail(db, 'a1');
    await deliver(emailRow({ id: 'seen', receivedAt: T, keywords: { $seen: true } }));
    expect(await takeNewMail(db, 'a1')).toBeNull();
    await applyEmailChanges(db, 'a1', { created: [], updated: [{ id: 'seen', keywords: {}, mailboxIds: { inbox: true } }], destroyed: [] });
    expect(await takeNewMail(db, 'a1')).toBeNull();
  });

  it('leaves no mark behind for an account removed meanwhile', async () => {
    await db.syncStates.put({ accountId: 'a1', type: 'Email', state: 's1' });
    await removeAccountRows(db, 'a1');
    expect(await takeNewMail(db, 'a1')).toBeNull();
    expect(await db.newMailMarks.count()).toBe(0);
  });
});
