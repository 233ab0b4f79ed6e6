/**
 * The background's settings service against the real server: rounds ride on the mail sync of
 * the settings home account only, local changes go out by themselves a moment later, and a
 * second browser (its own IndexedDB, its own store of accounts) receives them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addAccount } from '@/lib/accounts/add-account';
import { ClientPool } from '@/lib/accounts/clients';
import { openLocalSettings, type LocalSettings } from '@/lib/settings/local';
import { SETTINGS_MAILBOX_NAME } from '@/lib/settings/mailbox-name';
import { LOCAL_CHANGE_DELAY_MS, SettingsService } from '@/lib/settings/settings-service';
import { MailDB } from '@/lib/store/db';
import { getStatus } from '@/lib/sync/status';
import { eventually, freshUser, ServerAccount, SESSION_URL, type TestUser } from '../support/test-server';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** One browser: its mail store with these accounts (in this order), its settings replica, its service. */
async function browser(users: TestUser[]) {
  const db = new MailDB(`it-${crypto.randomUUID()}`);
  const ids: string[] = [];
  for (const user of users) ids.push((await addAccount(db, { email: user.email, secret: user.password, sessionUrl: SESSION_URL })).account.id);
  const pool = new ClientPool({ db });
  let local: LocalSettings | undefined;
  const name = `settings-${crypto.randomUUID()}`;
  const service = new SettingsService(db, (id) => pool.clientFor(id), async () => (local = await openLocalSettings(name)));
  cleanups.push(() => service.close());
  // The service opens the replica on first use; a page of the same browser opens its own.
  const page = await openLocalSettings(name);
  cleanups.push(() => page.close());
  return { db, ids, service, page, local: () => local };
}

const settingsMailbox = async (user: TestUser) => (await (await ServerAccount.open(user)).mailboxes()).find((m) => m.name === SETTINGS_MAILBOX_NAME);

describe('SettingsService', () => {
  it('syncs through the account added first, after its mail sync, and not through the others', async () => {
    const [main, other] = [await freshUser('svc'), await freshUser('svc')];
    const work = await browser([main, other]);
    await work.service.afterMailSync(work.ids[1]);
    expect(await settingsMailbox(other)).toBeUndefined();
    await work.service.afterMailSync(work.ids[0]);
    expect(await settingsMailbox(main)).toBeDefined();
    expect(await settingsMailbox(other)).toBeUndefined();
  });

  it('sends a change made in a page of this browser by itself, and another browser receives it', async () => {
    const user = await freshUser('svc');
    const work = await browser([user]);
    await work.service.afterMailSync(work.ids[0]);
    work.page.settings.tags.create({ name: 'Счета', colour: '#123456' });
    // No mail sync in between: the change goes out LOCAL_CHANGE_DELAY_MS after it was made.
    const server = await ServerAccount.open(user);
    await eventually(async () => {
      const mailbox = await settingsMailbox(user);
      const { ids } = await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: mailbox!.id } });
      return ids.length === 1; // the first round had nothing to send
    }, LOCAL_CHANGE_DELAY_MS + 10_000);
    const home = await browser([user]);
    await home.service.afterMailSync(home.ids[0]);
    await eventually(async () => home.page.settings.tags.get('scheta')?.name === 'Счета');
  });

  it('shows a failed round as the home account\'s sync error', async () => {
    const user = await freshUser('svc');
    const work = await browser([user]);
    await work.db.credentials.put({ accountId: work.ids[0], secret: 'wrong password' });
    await expect(work.service.afterMailSync(work.ids[0])).rejects.toThrow();
    expect((await getStatus(work.db, work.ids[0])).error).toMatchObject({ code: 'auth', message: expect.stringMatching(/^Settings: /) });
  });
});
