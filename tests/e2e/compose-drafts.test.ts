/**
 * Drafts that are never lost and sends that happen once: a draft survives the service worker
 * being stopped and its tab closed mid-edit, and is on the server as one copy; a message sent
 * without a network waits in the Outbox and is delivered once when the network is back. The
 * network is cut by a proxy in front of the real server (tests/support/jmap-proxy.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { JmapProxy } from '../support/jmap-proxy';
import { freshUser, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let proxy: JmapProxy;
let browser: ExtensionBrowser;
let page: Page;
let alice: TestUser;
let bob: TestUser;
let aliceServer: ServerAccount;
let bobServer: ServerAccount;

async function compose(to: string, subject: string, body: string): Promise<void> {
  await page.getByRole('button', { name: 'New message' }).click();
  await page.locator('#compose-to').fill(to);
  await page.locator('#compose-to').press('Enter');
  await page.getByLabel('Subject').fill(subject);
  await page.locator('.ql-editor').click();
  await page.keyboard.type(body);
}

async function stopServiceWorker(): Promise<void> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

beforeAll(async () => {
  [alice, bob] = await Promise.all([freshUser('alice'), freshUser('bob')]);
  [aliceServer, bobServer] = await Promise.all([ServerAccount.open(alice), ServerAccount.open(bob)]);
  proxy = await JmapProxy.start();
  ({ browser, page } = await openWithAccount(alice, { sessionUrl: proxy.sessionUrl }));
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
});

it('keeps a draft whose tab was closed mid-edit with the worker stopped, and saves it to the server once', async () => {
  await compose(bob.email, 'Half-written plan', 'First paragraph of the plan');
  await page.waitForTimeout(400); // the composer's local write (it gathers keystrokes for 250 ms)
  await stopServiceWorker();
  await page.close();

  // A new tab wakes the worker; the draft, not yet on the server, is saved there.
  page = await browser.open('mail.html#/');
  const drafts = await aliceServer.mailboxId('drafts');
  await expect.poll(() => aliceServer.idsWithSubject(drafts, 'Half-written plan'), { timeout: 45_000 }).toHaveLength(1);

  // Opened from Drafts, it goes on where it was.
  await page.locator('.folders a[data-mailbox-role="drafts"]').click();
  await page.locator('li.thread', { hasText: 'Half-written plan' }).locator('button.open').click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Edit draft' }).click();
  await expect.poll(() => page.locator('.ql-editor').innerText()).toContain('First paragraph of the plan');
  await page.locator('.ql-editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' and a second thought');
  await page.getByRole('button', { name: 'Close (keep the draft)' }).click();
  await expect
    .poll(async () => {
      const ids = await aliceServer.idsWithSubject(drafts, 'Half-written plan');
      return ids.length === 1 ? (await aliceServer.rawMessages('drafts', 'Half-written plan'))[0] : `${ids.length} copies`;
    }, { timeout: 30_000 })
    .toContain('and a second thought');
});

it('sends without a network once it is back: queued in the Outbox, delivered exactly once', async () => {
  await page.goto(page.url().replace(/#.*$/, '#/'));
  proxy.goOffline();
  await compose(bob.email, 'Sent while offline', 'This waited for the network.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const outbox = page.getByRole('link', { name: /Outbox/ });
  await outbox.click();
  const entry = page.locator('.outbox li', { hasText: 'Sent while offline' });
  await entry.waitFor();
  await page.waitForTimeout(8_000); // past the Undo window, attempts failing
  await entry.waitFor();
  expect(await bobServer.idsWithSubject(await bobServer.mailboxId('inbox'), 'Sent while offline')).toEqual([]);

  proxy.goOnline();
  const inbox = await bobServer.mailboxId('inbox');
  await expect.poll(() => bobServer.idsWithSubject(inbox, 'Sent while offline'), { timeout: 60_000 }).toHaveLength(1);
  await entry.waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForTimeout(3_000);
  expect(await bobServer.idsWithSubject(inbox, 'Sent while offline')).toHaveLength(1);
  expect(await aliceServer.idsWithSubject(await aliceServer.mailboxId('sent'), 'Sent while offline')).toHaveLength(1);
});
