/**
 * Local-first actions without a network: they show at once, survive closing the browser, and
 * reach the server once it is reachable again, nothing lost and nothing applied twice. And
 * another client changing the same messages meanwhile: both changes end up on the server and in
 * the app. The network is cut by a proxy in front of the real server (tests/support/jmap-proxy.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { JmapProxy } from '../support/jmap-proxy';
import { freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { launchExtension, openWithAccount, type ExtensionBrowser } from './browser';

let proxy: JmapProxy;
let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let page: Page;
const profileDir = mkdtempSync(join(tmpdir(), 'mailext-offline-'));
const SUBJECTS = ['Read me offline', 'Flag me offline', 'Delete me offline', 'Changed elsewhere'];

const row = (subject: string) => page.locator('li.thread', { hasText: subject });
const emailOf = async (subject: string, role = 'inbox') => {
  const [id] = await server.idsWithSubject(await server.mailboxId(role), subject);
  return id ? server.email(id) : undefined;
};

async function openInbox(): Promise<void> {
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await row(SUBJECTS[0]).waitFor();
}

/** Focus and key press in one action, on the row as it is then (rows re-render as the store changes). */
async function keyOn(subject: string, key: string): Promise<void> {
  await row(subject).locator('button.open').press(key);
}

beforeAll(async () => {
  user = await freshUser('offline');
  server = await ServerAccount.open(user);
  for (const subject of SUBJECTS) await server.importMessage(message({ to: user.email, subject }).raw, 'inbox');
  proxy = await JmapProxy.start();
  ({ browser, page } = await openWithAccount(user, { sessionUrl: proxy.sessionUrl, profileDir }));
  await openInbox();
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

it('applies actions at once while the server cannot be reached', async () => {
  proxy.goOffline();
  await keyOn(SUBJECTS[0], 'Shift+I');
  await keyOn(SUBJECTS[1], 's');
  await keyOn(SUBJECTS[2], '#');
  await keyOn(SUBJECTS[3], 's');
  await expect.poll(() => row(SUBJECTS[0]).getAttribute('class'), { timeout: 15_000 }).not.toContain('unread');
  await row(SUBJECTS[1]).locator('.flag').waitFor();
  await row(SUBJECTS[2]).waitFor({ state: 'detached' });
  // Meanwhile another client marks the fourth message read on the server.
  const [other] = await server.idsWithSubject(await server.mailboxId('inbox'), SUBJECTS[3]);
  await server.setEmail({ [other]: { 'keywords/$seen': true } });
  await page.waitForTimeout(4_000); // a few live polls, all failing
  expect((await emailOf(SUBJECTS[0]))?.keywords.$seen).toBeUndefined();
  expect((await emailOf(SUBJECTS[1]))?.keywords.$flagged).toBeUndefined();
  expect(await emailOf(SUBJECTS[2])).toBeDefined();
});

it('keeps them when the browser is closed and opened again, still offline', async () => {
  await browser.close();
  browser = await launchExtension({ profileDir });
  page = await browser.open('mail.html#/');
  await openInbox();
  await expect.poll(() => row(SUBJECTS[0]).getAttribute('class'), { timeout: 15_000 }).not.toContain('unread');
  await row(SUBJECTS[1]).locator('.flag').waitFor();
  expect(await row(SUBJECTS[2]).count()).toBe(0);
  expect((await emailOf(SUBJECTS[1]))?.keywords.$flagged).toBeUndefined();
});

it('sends them once the server is back, once each, merged with the other client', async () => {
  proxy.goOnline();
  await page.getByRole('button', { name: 'Get new mail' }).click();
  await expect.poll(async () => (await emailOf(SUBJECTS[0]))?.keywords.$seen, { timeout: 30_000 }).toBe(true);
  await expect.poll(async () => (await emailOf(SUBJECTS[1]))?.keywords.$flagged, { timeout: 30_000 }).toBe(true);
  await expect.poll(async () => (await server.idsWithSubject(await server.mailboxId('trash'), SUBJECTS[2])).length, { timeout: 30_000 }).toBe(1);
  expect(await server.idsWithSubject(await server.mailboxId('inbox'), SUBJECTS[2])).toEqual([]);
  // Both changes to the fourth: our flag and the other client's read.
  await expect.poll(async () => (await emailOf(SUBJECTS[3]))?.keywords, { timeout: 30_000 }).toEqual({ $seen: true, $flagged: true });
  await expect.poll(() => row(SUBJECTS[3]).getAttribute('class'), { timeout: 15_000 }).not.toContain('unread');
  await row(SUBJECTS[3]).locator('.flag').waitFor();
  // Nothing pending or refused is left, and no message was copied.
  expect((await server.emailIds()).length).toBe(SUBJECTS.length);
  expect(await page.locator('.failed-changes').count()).toBe(0);
});
