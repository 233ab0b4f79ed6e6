/**
 * Settings sync between two "browsers" of the same user through the real Cyrus server: each
 * device is its own Yjs document, JMAP client and sync bookkeeping. Checked on the server with
 * the test's own JMAP view (ServerAccount), not with the code under test.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAccount } from '@/lib/accounts/add-account';
import { ClientPool } from '@/lib/accounts/clients';
import { JmapClient } from '@/lib/jmap/client';
import { fetchSession } from '@/lib/jmap/session';
import { SETTINGS_MAILBOX_NAME } from '@/lib/settings/mailbox-name';
import { Settings } from '@/lib/settings/settings';
import { COMPACT_AFTER, SettingsSync } from '@/lib/settings/settings-sync';
import { MemorySyncStateStore } from '@/lib/settings/sync-state';
import { mailboxTree } from '@/lib/store/mailbox-tree';
import { MailDB } from '@/lib/store/db';
import { syncAccount } from '@/lib/sync/engine';
import { freshUser, ServerAccount, SESSION_URL, type TestUser } from '../support/test-server';

interface Device {
  settings: Settings;
  client: JmapClient;
  sync: SettingsSync;
}

async function device(user: TestUser, compactAfter = COMPACT_AFTER): Promise<Device> {
  const auth = { kind: 'basic', username: user.email, password: user.password } as const;
  const client = new JmapClient(await fetchSession(SESSION_URL, auth), auth);
  const doc = new Y.Doc();
  return { client, settings: new Settings(doc), sync: new SettingsSync(doc, client, new MemorySyncStateStore(), user.email, compactAfter) };
}

/** The messages in the settings mailbox, as the server lists them. */
async function settingsMessages(server: ServerAccount): Promise<string[]> {
  const mailbox = (await server.mailboxes()).find((m) => m.name === SETTINGS_MAILBOX_NAME);
  if (!mailbox) return [];
  return (await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: mailbox.id } })).ids;
}

let user: TestUser;
let server: ServerAccount;
let work: Device;
let home: Device;

beforeEach(async () => {
  user = await freshUser('set');
  server = await ServerAccount.open(user);
  [work, home] = [await device(user), await device(user)];
});

describe('settings sync through the mail account', () => {
  it('brings a tag created in one browser to the other in one round, in a hidden, seen, unsubscribed mailbox', async () => {
    work.settings.tags.create({ name: 'Работа', colour: '#ff0000' });
    const sent = await work.sync.round();
    expect(sent.sentBytes).toBeGreaterThan(0);
    const received = await home.sync.round();
    expect(received.received).toBe(1);
    expect(home.settings.tags.get('rabota')).toMatchObject({ name: 'Работа', colour: '#ff0000' });

    const mailbox = (await server.call<{ list: Array<{ name: string; role: string | null; isSubscribed: boolean; unreadEmails: number }> }>('Mailbox/get', { ids: null })).list.find(
      (m) => m.name === SETTINGS_MAILBOX_NAME,
    );
    expect(mailbox).toMatchObject({ role: null, isSubscribed: false, unreadEmails: 0 });
    // Nothing new on either side: a round sends nothing.
    expect((await home.sync.round()).sentBytes).toBe(0);
    expect((await work.sync.round()).sentBytes).toBe(0);
    expect(await settingsMessages(server)).toHaveLength(1);
  });

  it('merges edits made while one browser was offline, nothing lost', async () => {
    work.settings.trustSender('@bank.example');
    await work.sync.round();
    await home.sync.round();
    // home goes offline (does not sync) and edits; work edits other settings and syncs meanwhile.
    home.settings.setPreference('theme', 'dark');
    home.settings.tags.create({ name: 'Дом', colour: '#00ff00' });
    home.settings.untrustSender('@bank.example');
    for (let i = 0; i < 3; i++) {
      work.settings.trustSender(`friend${i}@example.org`);
      work.settings.setPreference('density', 'compact');
      await work.sync.round();
    }
    work.settings.tags.create({ name: 'Work', colour: '#0000ff' });
    await work.sync.round();
    // home comes back: one round to merge and send, one more for work to receive.
    await home.sync.round();
    await work.sync.round();
    expect(home.settings.read()).toEqual(work.settings.read());
    expect(work.settings.read()).toMatchObject({
      preferences: { theme: 'dark', density: 'compact' },
      trustedSenders: ['friend0@example.org', 'friend1@example.org', 'friend2@example.org'],
    });
    expect(work.settings.tags.list().map((t) => t.keyword).sort()).toEqual(['dom', 'work']);
  });

  it('compacts without losing what another browser writes meanwhile', async () => {
    // This time home never compacts itself, so what is left on the server is work's doing.
    home = await device(user, Number.POSITIVE_INFINITY);
    const written = COMPACT_AFTER - 1;
    for (let i = 0; i < written; i++) {
      work.settings.trustSender(`w${i}@example.org`);
      await work.sync.round();
    }
    await home.sync.round();
    expect(await settingsMessages(server)).toHaveLength(written);
    // home writes after work has listed and merged the messages, just before work destroys them.
    const send = work.client.send.bind(work.client);
    let homeWrote = false;
    work.client.send = async (calls) => {
      if (!homeWrote && calls.some(([name, args]) => name === 'Email/set' && args.destroy)) {
        homeWrote = true;
        home.settings.trustSender('late@example.org');
        await home.sync.round();
      }
      return send(calls);
    };
    work.settings.trustSender('last@example.org');
    const compaction = await work.sync.round();
    expect(homeWrote).toBe(true);
    expect(compaction.compacted).toBe(written + 1);
    // The snapshot and home's late message are left.
    expect(await settingsMessages(server)).toHaveLength(2);
    await work.sync.round();
    await home.sync.round();
    const expected = [...Array.from({ length: written }, (_, i) => `w${i}@example.org`), 'late@example.org', 'last@example.org'].sort();
    expect(work.settings.trustedSenders()).toEqual(expected);
    expect(home.settings.trustedSenders()).toEqual(expected);
    // A third browser starting from nothing gets everything from what is left on the server.
    const laptop = await device(user);
    await laptop.sync.round();
    expect(laptop.settings.trustedSenders()).toEqual(expected);
  });

  it('merges everything when two browsers compact at once', async () => {
    for (let i = 0; i < COMPACT_AFTER - 1; i++) {
      (i % 2 ? work : home).settings.trustSender(`s${i}@example.org`);
      await (i % 2 ? work : home).sync.round();
    }
    work.settings.setPreference('theme', 'dark');
    home.settings.setPreference('density', 'compact');
    const [a, b] = await Promise.all([work.sync.round(), home.sync.round()]);
    expect(a.compacted + b.compacted).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) await Promise.all([work.sync.round(), home.sync.round()]);
    expect(work.settings.read()).toEqual(home.settings.read());
    expect(work.settings.trustedSenders()).toHaveLength(COMPACT_AFTER - 1);
    expect(work.settings.preferences()).toMatchObject({ theme: 'dark', density: 'compact' });
  });

  it('recreates the mailbox with everything when it was deleted elsewhere', async () => {
    work.settings.setPreference('keyboardShortcuts', false);
    await work.sync.round();
    const mailbox = (await server.mailboxes()).find((m) => m.name === SETTINGS_MAILBOX_NAME)!;
    await server.call('Mailbox/set', { destroy: [mailbox.id], onDestroyRemoveEmails: true });
    await work.sync.round();
    await home.sync.round();
    expect(home.settings.preference('keyboardShortcuts')).toBe(false);
  });

  it('is not listed among the folders by the mail sync', async () => {
    work.settings.setPreference('theme', 'light');
    await work.sync.round();
    const db = new MailDB(`it-${crypto.randomUUID()}`);
    const { account } = await addAccount(db, { email: user.email, secret: user.password, sessionUrl: SESSION_URL });
    const pool = new ClientPool({ db });
    await syncAccount({ db, clientFor: (id) => pool.clientFor(id) }, account.id);
    const folders = mailboxTree(await db.mailboxes.where('accountId').equals(account.id).toArray()).map((e) => e.mailbox.name);
    expect(folders).toContain('Inbox');
    expect(folders).not.toContain(SETTINGS_MAILBOX_NAME);
  });
});
