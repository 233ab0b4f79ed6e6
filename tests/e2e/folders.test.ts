/** Folders in the mail tab: the account's mailboxes in a mail client's order, counts, contents. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let page: Page;

beforeAll(async () => {
  user = await freshUser('folders');
  await promisify(execFile)('node', ['tests/server/seed-demo.mjs', user.email, user.password]);
  server = await ServerAccount.open(user);
  ({ browser, page } = await openWithAccount(user));
});

afterAll(async () => {
  await browser?.close();
});

it("lists the account's folders, special ones first, subfolders under their parent", async () => {
  const names = await page.locator('.folders a .name').allTextContents();
  expect(names).toEqual(['Inbox', 'Drafts', 'Sent', 'Archive', 'Spam', 'Trash', 'Projects', '2026', 'Receipts']);
});

it("shows the inbox's unread conversations as the server counts them", async () => {
  const inbox = page.locator('.folders a[data-mailbox-role="inbox"] .unread');
  expect(Number(await inbox.textContent())).toBe(await server.inboxUnreadThreads());
});

/** Scrolls the list to its end as a user does, page after page, and returns the number of rows it has. */
async function scrollToEnd(): Promise<number> {
  let rows = -1;
  let unchanged = 0;
  await page.locator('.scroller').hover();
  // Done when three scrolls in a row (about a second) bring no more rows.
  while (unchanged < 3) {
    await page.mouse.wheel(0, 5000);
    await page.waitForTimeout(300);
    const last = Number(await page.locator('li.thread').last().getAttribute('data-index')) + 1;
    unchanged = last === rows ? unchanged + 1 : 0;
    rows = last;
  }
  return rows;
}

it('opens a folder with all its conversations, only those on screen in the page', async () => {
  const archive = (await server.mailboxes()).find((m) => m.role === 'archive')!;
  expect(archive.totalThreads).toBeGreaterThan(50);
  await page.locator('.folders a[data-mailbox-role="archive"]').click();
  await page.getByRole('heading', { name: 'Archive' }).waitFor();
  await page.locator('li.thread').first().waitFor();
  expect(await page.locator('li.thread').count()).toBeLessThan(40);
  expect(await scrollToEnd()).toBe(archive.totalThreads);
  expect(await page.locator('li.thread').count()).toBeLessThan(40);
  expect(await page.locator('.folders a[aria-current="page"]').getAttribute('data-mailbox-role')).toBe('archive');
});

it('shows the text of a message, from HTML that runs nothing and loads nothing', async () => {
  const html = [
    'From: Hostile <hostile@example.org>',
    `To: ${user.email}`,
    'Subject: Hostile HTML',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>First paragraph</p><script>window.parent.pwned = 1</script>',
    '<img src="http://127.0.0.1:9/tracker.png" onerror="window.parent.pwned = 2"><p>Second <b>bold</b></p>',
    '',
  ].join('\r\n');
  await server.importMessage(html);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  await page.locator('li.thread', { hasText: 'Hostile HTML' }).locator('button.open').click({ timeout: 20_000 });
  const body = page.frameLocator('section.email iframe').locator('body');
  await body.getByText('Second').waitFor();
  expect(await body.innerText()).toMatch(/^First paragraph\n+Second bold$/);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(requests.filter((url) => url.includes('tracker'))).toEqual([]);
});

it('moves through a list with j and k, opens with Enter and goes back with u', async () => {
  await page.locator('.folders a[data-mailbox-role="archive"]').click();
  await page.getByRole('heading', { name: 'Archive' }).waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const subjects = await page.locator('li.thread .subject').allTextContents();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  expect(await page.evaluate(() => document.activeElement?.querySelector('.subject')?.textContent)).toBe(subjects[1]);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: subjects[1] }).waitFor();
  await page.keyboard.press('u');
  await page.getByRole('heading', { name: 'Archive' }).waitFor();
});

it('flags, unflags and marks unread, in the store at once and on the server', async () => {
  const archiveId = await server.mailboxId('archive');
  const flaggedOnServer = async () =>
    (await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: archiveId, hasKeyword: '$flagged' } })).ids.length;
  const unreadOnServer = async () => (await server.mailboxes()).find((m) => m.id === archiveId)!.unreadThreads;
  expect(await flaggedOnServer()).toBe(0);
  await page.locator('.folders a[data-mailbox-role="archive"]').click();
  await page.getByRole('heading', { name: 'Archive' }).waitFor();
  const first = page.locator('li.thread').first();
  const subject = await first.locator('.subject').textContent();
  await first.locator('button.open').click();
  await page.getByRole('button', { name: 'Flag', exact: true }).click();
  await page.getByRole('button', { name: 'Remove flag' }).waitFor();
  await expect.poll(flaggedOnServer, { timeout: 15_000 }).toBe(1);

  await page.keyboard.press('u');
  const row = page.locator('li.thread', { hasText: subject! }).first();
  await row.locator('.flag').waitFor();
  await row.locator('button.open').focus();
  await page.keyboard.press('s');
  await row.locator('.flag').waitFor({ state: 'detached' });
  await expect.poll(flaggedOnServer, { timeout: 15_000 }).toBe(0);

  await page.keyboard.press('Shift+U');
  await expect.poll(() => row.getAttribute('class')).toContain('unread');
  await expect.poll(unreadOnServer, { timeout: 15_000 }).toBe(1);
});

it('deletes a conversation to Trash and takes it back with Undo', async () => {
  const [inboxId, trashId] = [await server.mailboxId('inbox'), await server.mailboxId('trash')];
  const inMailbox = async (mailboxId: string, subject: string) => (await server.idsWithSubject(mailboxId, subject)).length;
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  const row = page.locator('li.thread', { hasText: 'Hostile HTML' });
  await row.locator('button.open').focus();
  await page.keyboard.press('#');
  await row.waitFor({ state: 'detached' });
  const toast = page.getByRole('status').filter({ hasText: 'Moved to Trash.' });
  await toast.waitFor();
  await expect.poll(() => inMailbox(trashId, 'Hostile HTML'), { timeout: 15_000 }).toBe(1);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await row.waitFor();
  await expect.poll(() => inMailbox(inboxId, 'Hostile HTML'), { timeout: 15_000 }).toBe(1);
  expect(await inMailbox(trashId, 'Hostile HTML')).toBe(0);
});

it('marks a conversation as spam from the conversation, and back with Not spam', async () => {
  const [inboxId, junkId] = [await server.mailboxId('inbox'), await server.mailboxId('junk')];
  const keywordsOf = async (mailboxId: string) =>
    (await server.call<{ list: Array<{ keywords: Record<string, boolean> }> }>('Email/get', {
      ids: await server.idsWithSubject(mailboxId, 'Hostile HTML'),
      properties: ['keywords'],
    })).list;
  await page.locator('li.thread', { hasText: 'Hostile HTML' }).locator('button.open').click();
  await page.getByRole('button', { name: 'Spam', exact: true }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await expect.poll(async () => (await keywordsOf(junkId))[0]?.keywords.$junk, { timeout: 15_000 }).toBe(true);

  await page.locator('.folders a[data-mailbox-role="junk"]').click();
  await page.locator('li.thread', { hasText: 'Hostile HTML' }).locator('button.open').click();
  await page.getByRole('button', { name: 'Not spam' }).click();
  await expect.poll(async () => (await keywordsOf(inboxId))[0]?.keywords.$notjunk, { timeout: 15_000 }).toBe(true);
});

it('goes to the previous and next conversation of the list, and back to the list', async () => {
  await page.locator('.folders a[data-mailbox-role="archive"]').click();
  await page.getByRole('heading', { name: 'Archive' }).waitFor();
  const subjects = await page.locator('li.thread .subject').allTextContents();
  await page.locator('li.thread').nth(1).locator('button.open').click();
  await page.getByRole('heading', { name: subjects[1] }).waitFor();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: subjects[2] }).waitFor();
  await page.keyboard.press('k');
  await page.getByRole('heading', { name: subjects[1] }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: 'Previous', exact: true }).isEnabled()).toBe(true);
  await page.keyboard.press('k');
  await page.getByRole('heading', { name: subjects[0] }).waitFor();
  expect(await page.getByRole('button', { name: 'Previous', exact: true }).isDisabled()).toBe(true);
  await page.keyboard.press('u');
  await page.getByRole('heading', { name: 'Archive' }).waitFor();
});

it('acts on j / k pressed the moment a conversation opens, on a slow machine too', async () => {
  // A slow page: the conversation shows before its neighbours in the list are known.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  try {
    await page.locator('.folders a[data-mailbox-role="archive"]').click();
    await page.getByRole('heading', { name: 'Archive' }).waitFor();
    const subjects = await page.locator('li.thread .subject').allTextContents();
    for (let round = 0; round < 3; round++) {
      await page.locator('li.thread').nth(1).locator('button.open').click();
      await page.getByRole('heading', { name: subjects[1] }).waitFor();
      await page.keyboard.press('j');
      await page.getByRole('heading', { name: subjects[2] }).waitFor();
      await page.keyboard.press('k');
      await page.getByRole('heading', { name: subjects[1] }).waitFor();
      await page.keyboard.press('u');
      await page.getByRole('heading', { name: 'Archive' }).waitFor();
    }
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
});

it('shows every inbox conversation under All inboxes', async () => {
  const inbox = (await server.mailboxes()).find((m) => m.role === 'inbox')!;
  await page.getByRole('link', { name: 'All inboxes', exact: true }).click();
  await page.getByRole('heading', { name: 'All inboxes' }).waitFor();
  await page.locator('li.thread').first().waitFor();
  expect(await scrollToEnd()).toBe(inbox.totalThreads);
});
