/**
 * The accounts page in real Chromium against Cyrus: disabling keeps the stored mail readable and
 * stops syncing (mail delivered meanwhile does not arrive until it is enabled again); removing,
 * after confirmation, leaves no local row of the account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deliverBySmtp, freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';
import { SETTINGS_MAILBOX_NAME } from '@/lib/settings/mailbox-name';

/** The user's mail on the server: not the settings mailbox, where the settings sync may write at any time. */
async function mailIds(server: ServerAccount): Promise<string[]> {
  const settingsMailbox = (await server.mailboxes()).find((m) => m.name === SETTINGS_MAILBOX_NAME);
  const filter = settingsMailbox ? { inMailboxOtherThan: [settingsMailbox.id] } : {};
  return (await server.call<{ ids: string[] }>('Email/query', { filter })).ids;
}

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let settings: Page;
let list: Page;

/** Rows of every table of the mail store that mention this value, per table. */
function rowsMentioning(page: Page, value: string): Promise<Record<string, number>> {
  return page.evaluate(async (needle) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('mailext');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const counts: Record<string, number> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
      });
      counts[name] = rows.filter((row) => JSON.stringify(row).includes(needle)).length;
    }
    db.close();
    return counts;
  }, value);
}

beforeAll(async () => {
  user = await freshUser('acc');
  server = await ServerAccount.open(user);
  await server.importMessage(message({ to: user.email, subject: 'Stored before disabling' }).raw);
  browser = await launchExtension();
  list = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(list, user);
  await list.locator('li.account').waitFor();
  await list.goto(list.url().replace(/#.*/, '#/inboxes'));
  await list.getByText('Stored before disabling').waitFor();
  settings = await browser.open('mail.html#/settings/accounts');
  await settings.locator(`.settings-page li[data-account-email="${user.email}"]`).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe('accounts page', () => {
  it('lists the account with its address and last sync, and makes it the default sender', async () => {
    const row = settings.locator(`.settings-page li[data-account-email="${user.email}"]`);
    expect(await row.textContent()).toContain(user.email);
    await expect.poll(() => row.textContent()).toContain('Last sync:');
    await row.getByRole('button', { name: 'Make default sender' }).click();
    await row.getByText('Default sender', { exact: true }).waitFor();
  });

  it('disabling keeps mail readable and stops syncing until enabled again', async () => {
    const row = settings.locator(`.settings-page li[data-account-email="${user.email}"]`);
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled: not syncing').waitFor();
    await deliverBySmtp('someone@example.org', user.email, message({ from: 'someone@example.org', to: user.email, subject: 'Arrived while disabled' }).raw);
    // Several live polls (every 3 s while the tab is open) go by without it.
    await list.waitForTimeout(8_000);
    expect(await list.getByText('Arrived while disabled').count()).toBe(0);
    // "All inboxes" leaves disabled accounts out; the account's own folder still lists its mail.
    await list.locator('li.account a[href^="#/mailbox/"]', { hasText: 'Inbox' }).first().click();
    await list.getByText('Stored before disabling').click();
    await list.locator('article.thread-view[data-loaded="true"]').getByText('Stored before disabling').first().waitFor();
    await list.goBack();
    await row.getByRole('button', { name: 'Enable' }).click();
    await list.getByText('Arrived while disabled').waitFor({ timeout: 20_000 });
  });

  it('removes the account after confirmation, leaving no local row of it', async () => {
    // The local id is in the page's links to the account's folders.
    const href = await list.locator('li.account a[href^="#/mailbox/"]').first().getAttribute('href');
    const accountId = decodeURIComponent(href!.split('/')[2]);
    const onServer = await mailIds(server);
    const before = await rowsMentioning(settings, accountId);
    expect(before.emails).toBeGreaterThan(0);
    const row = settings.locator(`.settings-page li[data-account-email="${user.email}"]`);
    await row.getByRole('button', { name: 'Remove' }).click();
    const dialog = settings.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('The mail on the server is not touched.');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    const after = await rowsMentioning(settings, accountId);
    expect(Object.values(after).every((n) => n === 0), JSON.stringify(after)).toBe(true);
    expect(await mailIds(server)).toEqual(onServer);
  });
});
