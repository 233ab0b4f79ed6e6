/**
 * The notification and popup preferences in real Chromium against Cyrus: the badge goes away and
 * comes back as the settings page switches it (the worker follows the relayed change, no reload);
 * mail delivered by SMTP after the first sync makes one notification, none while notifications
 * are off; the popup lists unread or all inbox conversations and says which.
 * Playwright cannot see OS notifications: the worker's `chrome.notifications.getAll()` (the ids
 * still shown) is the observable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deliverBySmtp, eventually, freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let page: Page;

type NotificationsApi = { chrome: { notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> } } };

async function shownNotifications(): Promise<string[]> {
  return Object.keys(await (await browser.worker()).evaluate(() => (globalThis as unknown as NotificationsApi).chrome.notifications.getAll()));
}

async function clearNotifications(): Promise<void> {
  await (await browser.worker()).evaluate(async () => {
    const { notifications } = (globalThis as unknown as NotificationsApi).chrome;
    for (const id of Object.keys(await notifications.getAll())) await notifications.clear(id);
  });
}

beforeAll(async () => {
  user = await freshUser('ntf');
  server = await ServerAccount.open(user);
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  await server.importMessage(message({ to: user.email, subject: 'Already here' }).raw, 'inbox', {}, hoursAgo(2));
  await server.importMessage(message({ to: user.email, subject: 'Read before' }).raw, 'inbox', { $seen: true }, hoursAgo(1));
  ({ browser, page } = await openWithAccount(user));
  await page.goto(page.url().replace(/#.*/, '#/settings/general'));
  await page.getByLabel('Show the unread count on the toolbar icon').waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe('notification and popup preferences', () => {
  it('does not announce the mail of the first sync', async () => {
    await eventually(async () => (await browser.badge()) === '1');
    expect(await shownNotifications()).toEqual([]);
  });

  it('hides the badge when turned off and shows it again when turned on, without a reload', async () => {
    await page.getByLabel('Show the unread count on the toolbar icon').uncheck();
    await eventually(async () => (await browser.badge()) === '');
    await page.getByLabel('Show the unread count on the toolbar icon').check();
    await eventually(async () => (await browser.badge()) === '1');
  });

  it('announces mail delivered afterwards once, pointing at its conversation', async () => {
    await deliverBySmtp('news@example.org', user.email, message({ from: 'News Desk <news@example.org>', to: user.email, subject: 'Fresh news' }).raw);
    const [id] = await eventually(async () => {
      const ids = await shownNotifications();
      return ids.length ? ids : null;
    }, 30_000);
    expect(await shownNotifications()).toHaveLength(1);
    expect(id).toMatch(/^new-mail \S+ \/thread\/\S+\/\S+$/);
    expect(await browser.badge()).toBe('2');
  });

  it('announces nothing while notifications are off', async () => {
    await clearNotifications();
    await page.getByLabel('Notify me about new mail').uncheck();
    await deliverBySmtp('quiet@example.org', user.email, message({ from: 'quiet@example.org', to: user.email, subject: 'Quiet one' }).raw);
    // The message is stored (the badge counts it) and a few more sync runs have passed.
    await eventually(async () => (await browser.badge()) === '3', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await shownNotifications()).toEqual([]);
  });

  it('lists unread inbox mail in the popup, or all inbox mail, and says which', async () => {
    const popup = await browser.open('popup.html');
    await popup.locator('main[data-loaded="true"]').waitFor();
    expect(await popup.locator('header h1').textContent()).toContain('Unread');
    expect(await popup.locator('li.thread .subject').allTextContents()).toEqual(['Quiet one', 'Fresh news', 'Already here']);
    await page.getByLabel('The toolbar popup lists').selectOption('inboxes');
    await popup.reload();
    await popup.locator('main[data-loaded="true"][data-view="inboxes"]').waitFor();
    expect(await popup.locator('header h1').textContent()).toContain('All inboxes');
    expect(await popup.locator('header h1').textContent()).toContain('3 unread');
    expect(await popup.locator('li.thread .subject').allTextContents()).toEqual(['Quiet one', 'Fresh news', 'Read before', 'Already here']);
    await popup.close();
  });
});
