/**
 * The foundation's path through the product, in real Chromium against the real server: add an
 * account in the UI, see the server's unread threads in the popup and on the badge, and see mail
 * delivered afterwards show up without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changePassword, deliverBySmtp, eventually, freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let popup: Page;

async function seedInbox(): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < 6; i++) {
    const first = message({ from: `Person ${i} <p${i}@example.org>`, to: user.email, subject: `Thread ${i}`, date: new Date(now - (10 - i) * 60_000) });
    await server.importMessage(first.raw, 'inbox', i < 2 ? { $seen: true } : {}, new Date(now - (10 - i) * 60_000));
    if (i === 5) {
      const reply = message({ to: user.email, subject: 'Re: Thread 5', replyTo: first.messageId });
      await server.importMessage(reply.raw, 'inbox', {}, new Date(now - 60_000));
    }
  }
}

const rows = (page: Page) => page.locator('li.thread');

beforeAll(async () => {
  user = await freshUser('e2e');
  server = await ServerAccount.open(user);
  await seedInbox();
  browser = await launchExtension();
});

afterAll(async () => {
  await browser?.close();
});

describe('first run', () => {
  it('opens the welcome page with the add-account form on install', async () => {
    const welcome = await eventually(async () => browser.context.pages().find((p) => p.url().includes('mail.html#/welcome')));
    await welcome.getByRole('heading', { name: 'Welcome to Postline Mail' }).waitFor();
    await welcome.close();
  });

  it('shows the reason when the password is wrong, and adds nothing', async () => {
    const page = await browser.open('mail.html#/add-account');
    await addAccountThroughUi(page, user, undefined, 'wrong-password');
    const error = page.locator('[role="alert"]');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('auth');
    expect(await error.textContent()).toContain('Wrong user name, password or token.');
    await expect(page.locator('li.account').count()).resolves.toBe(0);
    await page.close();
  });

  it('says when the address is not a JMAP server', async () => {
    const page = await browser.open('mail.html#/add-account');
    await addAccountThroughUi(page, user, 'http://127.0.0.1:8080/not-jmap');
    await page.locator('[role="alert"][data-error-code="notJmap"]').waitFor();
    await page.close();
  });

  it('says when the server cannot be reached', async () => {
    const page = await browser.open('mail.html#/add-account');
    await addAccountThroughUi(page, user, 'http://127.0.0.1:9/.well-known/jmap');
    await page.locator('[role="alert"][data-error-code="unreachable"]').waitFor();
    await page.close();
  });

  it('adds the account and syncs it', async () => {
    const page = await browser.open('mail.html#/add-account');
    await addAccountThroughUi(page, user);
    await page.locator(`li.account[data-account-email="${user.email}"]`).waitFor();
    await page.locator('.sync-status[data-phase="idle"]').waitFor({ timeout: 30_000 });
    await page.close();
  });
});

describe('popup and badge', () => {
  it("list the server's unread inbox threads, newest first", async () => {
    popup = await browser.open('popup.html');
    await popup.locator('main[data-loaded="true"]').waitFor();
    const expected = await server.inboxUnreadThreads();
    expect(expected).toBe(4);
    await eventually(async () => (await rows(popup).count()) === expected);
    const subjects = await popup.locator('li.thread .subject').allTextContents();
    expect(subjects).toEqual(['Thread 5', 'Thread 4', 'Thread 3', 'Thread 2']);
    expect(await popup.locator('li.thread').first().locator('.count').textContent()).toBe('2');
    await popup.screenshot({ path: 'tests/e2e/artifacts/popup.png' });
  });

  it("show on the badge the server's unread-thread count", async () => {
    const expected = String(await server.inboxUnreadThreads());
    await eventually(async () => (await browser.badge()) === expected);
  });

  it('show mail delivered afterwards without a reload', async () => {
    const delivered = message({ from: 'Late Sender <late@example.org>', to: user.email, subject: 'Just arrived' });
    await deliverBySmtp('late@example.org', user.email, delivered.raw);
    await popup.locator('li.thread .subject', { hasText: 'Just arrived' }).waitFor({ timeout: 20_000 });
    expect(await popup.locator('li.thread .subject').first().textContent()).toBe('Just arrived');
    await eventually(async () => (await browser.badge()) === String(await server.inboxUnreadThreads()));
    expect(await browser.badge()).toBe('5');
  });

  it('mark a thread read, on the server too', async () => {
    const row = popup.locator('li.thread', { hasText: 'Thread 3' });
    await row.getByRole('button', { name: 'Mark as read' }).click();
    await row.waitFor({ state: 'detached' });
    await eventually(async () => (await server.inboxUnreadThreads()) === 4);
    expect(await browser.badge()).toBe('4');
  });

  it('open a thread in the mail tab, which reads it', async () => {
    const opened = browser.context.waitForEvent('page');
    await popup.locator('li.thread', { hasText: 'Thread 5' }).locator('button.open').click();
    const tab = await opened;
    await tab.waitForURL(/mail\.html#\/thread\//);
    await tab.getByRole('heading', { name: 'Thread 5' }).waitFor();
    expect(await tab.locator('section.email').count()).toBe(2);
    // The newest message open, the earlier one folded; both open or both folded on request.
    expect(await tab.locator('section.email.expanded').count()).toBe(1);
    expect(await tab.locator('section.email').last().getAttribute('class')).toContain('expanded');
    await tab.getByRole('button', { name: 'Expand all' }).click();
    expect(await tab.locator('section.email.expanded').count()).toBe(2);
    await tab.getByRole('button', { name: 'Collapse all' }).click();
    expect(await tab.locator('section.email.expanded').count()).toBe(0);
    await eventually(async () => (await server.inboxUnreadThreads()) === 3);
    await eventually(async () => (await browser.badge()) === '3');
  });

  it('show the unread threads of a second account side by side, in its colour', async () => {
    const second = await freshUser('e2e2nd');
    const secondServer = await ServerAccount.open(second);
    await secondServer.importMessage(message({ from: 'Other <other@example.org>', to: second.email, subject: 'For the second account' }).raw);
    const page = await browser.open('mail.html#/add-account');
    await addAccountThroughUi(page, second);
    await page.locator(`li.account[data-account-email="${second.email}"]`).waitFor();
    const view = await browser.open('popup.html');
    const row = view.locator('li.thread', { hasText: 'For the second account' });
    await row.waitFor({ timeout: 20_000 });
    const colours = await view.locator('li.thread').evaluateAll((rows) => [...new Set(rows.map((r) => getComputedStyle(r).borderLeftColor))]);
    expect(colours).toHaveLength(2);
    const expected = (await server.inboxUnreadThreads()) + (await secondServer.inboxUnreadThreads());
    await eventually(async () => (await browser.badge()) === String(expected));
    await view.close();
    await page.close();
  });

  it('say why sync fails when the password no longer works', async () => {
    await changePassword(user, `${user.password}-changed`);
    const view = await browser.open('popup.html');
    const failing = view.locator('.failing');
    await failing.waitFor({ timeout: 20_000 });
    expect(await failing.textContent()).toContain(`${user.email}: Sync failed: Wrong user name, password or token.`);
    expect(await view.locator('.failing').count()).toBe(1);
    expect(await view.locator('.failing .sync-status').getAttribute('data-phase')).toBe('error');
    // The mail read so far stays readable.
    expect(await view.locator('li.thread').count()).toBe(4);
  });
});
