/** "Group messages into conversations" off: each message on its own row, acted on alone. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let page: Page;

const rows = () => page.locator('li.thread');

beforeAll(async () => {
  user = await freshUser('ungroup');
  server = await ServerAccount.open(user);
  const first = message({ to: user.email, subject: 'Plan', body: 'First', date: new Date(Date.now() - 3 * 3600_000) });
  await server.importMessage(first.raw, 'inbox', {}, new Date(Date.now() - 3 * 3600_000));
  const second = message({ to: user.email, subject: 'Re: Plan', body: 'Second', replyTo: first.messageId, date: new Date(Date.now() - 2 * 3600_000) });
  await server.importMessage(second.raw, 'inbox', {}, new Date(Date.now() - 2 * 3600_000));
  await server.importMessage(message({ to: user.email, subject: 'Re: Plan', body: 'Third', replyTo: second.messageId }).raw, 'inbox');
  ({ browser, page } = await openWithAccount(user));
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  await page.waitForFunction(() => document.querySelectorAll('li.thread').length === 1);
});

afterAll(async () => {
  await browser?.close();
});

it('lists each message on its own row when the setting is off, and acts on that message only', async () => {
  const inboxUrl = page.url();
  await page.goto(inboxUrl.replace(/#.*/, '#/settings'));
  await page.getByLabel('Group messages into conversations').uncheck();
  await page.goto(inboxUrl);
  await expect.poll(() => rows().count()).toBe(3);
  expect(await rows().locator('.count').count()).toBe(0);
  // The middle message goes to Trash; the other two stay.
  const middle = (await server.idsWithSubject(await server.mailboxId('inbox'), 'Re: Plan')).length;
  expect(middle).toBe(2);
  await rows().nth(1).locator('button.open').focus();
  await page.keyboard.press('#');
  await expect.poll(() => rows().count()).toBe(2);
  await expect.poll(async () => (await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: await server.mailboxId('trash') } })).ids.length, { timeout: 15_000 }).toBe(1);
  expect((await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: await server.mailboxId('inbox') } })).ids.length).toBe(2);
});
