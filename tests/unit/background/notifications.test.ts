/** New-mail notifications: what they say, where a click leads, one per account at a time. */
import { describe, expect, it } from 'vitest';
import { newMailNotification, newMailNotificationId, routeOfNotification, showNewMail, type NewMailOptions, type NotificationsApi } from '@/lib/notifications';
import type { NewMail } from '@/lib/store/new-mail';
import { emailRow } from '../store/fixtures';

const translate = (key: string, ...args: Array<string | number>) => (args.length ? `${key}(${args.join(',')})` : key);
const base = { iconUrl: 'icon.png', canSilence: true, translate };

function mail(emails = [emailRow({ threadId: 't1', from: [{ name: 'Ann Lee', email: 'ann@x.org' }], subject: 'Lunch?', receivedAt: 2000 })], accountId = 'acc-1'): NewMail {
  return { accountId, inboxId: 'in/box', emails, threadIds: [...new Set(emails.map((e) => e.threadId))] };
}

describe('new-mail notification content', () => {
  it('names the one new message by its sender and subject', () => {
    expect(newMailNotification(mail(), 'me@x.org', { ...base, sound: true }, 5000)).toEqual({
      type: 'basic',
      iconUrl: 'icon.png',
      title: 'notifyNewMessage',
      message: 'Ann Lee: Lunch?',
      contextMessage: 'me@x.org',
      eventTime: 2000,
      silent: false,
    });
  });

  it('counts several and shows the newest (the first), falling back to the address and "no subject"', () => {
    const several = mail([emailRow({ threadId: 't2', from: [{ name: '', email: 'bob@x.org' }], subject: ' ' }), emailRow({ threadId: 't1' })]);
    const options = newMailNotification(several, 'me@x.org', { ...base, sound: false });
    expect(options).toMatchObject({ title: 'notifyNewMessages(2)', message: 'bob@x.org: noSubject', silent: true });
  });

  it('leaves `silent` out where the browser does not know it (Firefox)', () => {
    expect(newMailNotification(mail(), 'me@x.org', { ...base, sound: false, canSilence: false })).not.toHaveProperty('silent');
  });
});

describe('where a click leads', () => {
  it('opens the conversation when the new mail is in one, else the account inbox', () => {
    const one = mail([emailRow({ threadId: 't/1' }), emailRow({ threadId: 't/1' })]);
    expect(routeOfNotification(newMailNotificationId(one))).toBe('/thread/acc-1/t%2F1');
    const two = mail([emailRow({ threadId: 't1' }), emailRow({ threadId: 't2' })]);
    expect(routeOfNotification(newMailNotificationId(two))).toBe('/mailbox/acc-1/in%2Fbox');
  });

  it.each(['', 'other', 'new-mail a1', 'new-mail a1 /settings/x/y', 'new-mail a1 /thread/a1/t1 extra'])('ignores the id %j', (id) => {
    expect(routeOfNotification(id)).toBeNull();
  });
});

describe('showNewMail', () => {
  it("replaces the account's previous notification and leaves other accounts' alone", async () => {
    const shown = new Map<string, NewMailOptions>([
      ['new-mail acc-1 /thread/acc-1/old', {} as NewMailOptions],
      ['new-mail acc-2 /thread/acc-2/t9', {} as NewMailOptions],
    ]);
    const api: NotificationsApi = {
      create: async (id, options) => (shown.set(id, options), id),
      clear: async (id) => shown.delete(id),
      getAll: async () => Object.fromEntries([...shown.keys()].map((id) => [id, true])),
    };
    const id = await showNewMail(api, mail(), 'me@x.org', { ...base, sound: true });
    expect([...shown.keys()].sort()).toEqual(['new-mail acc-1 /thread/acc-1/t1', 'new-mail acc-2 /thread/acc-2/t9']);
    expect(shown.get(id)?.message).toBe('Ann Lee: Lunch?');
  });
});
