/** The reader in the mail tab: frame, fitted height, quoted text, links and the phishing guard. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { htmlMessage, openMessage, readerSession, type ReaderSession } from './reader-support';

let session: ReaderSession;
let site: Server;
let siteUrl: string;
const SENDER = 'Friend <friend@reader.test>';

beforeAll(async () => {
  site = createServer((_, response) => response.end('<title>landing</title>landing'));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const lines = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of a long letter.`).join('\n');
  session = await readerSession('reader', (to) => [
    htmlMessage({ from: SENDER, to, subject: 'Plain reply', type: 'plain', html: `Thanks, see ${siteUrl}/plain.\n${lines}\n\n> What you wrote\n> earlier` }),
    htmlMessage({ from: SENDER, to, subject: 'Your bank', html: `<p>Log in at <a href="${siteUrl}/phish">https://bank.example/login</a> or <a href="${siteUrl}/honest">our site</a>.</p>` }),
  ]);
});

afterAll(async () => {
  await session?.browser.close();
  site?.close();
});

it('shows a plain-text message in a sandboxed frame as tall as its text, quoted text folded', async () => {
  const { page } = session;
  const frame = await openMessage(page, 'Plain reply');
  const element = page.locator('section.email.expanded iframe');
  expect(await element.getAttribute('sandbox')).toBe('allow-same-origin');
  await frame.getByText('Line 60 of a long letter.').waitFor();
  // Fitted: the page scrolls, never the frame.
  await expect.poll(async () => (await element.boundingBox())!.height).toBeGreaterThan(60 * 15);
  expect(await frame.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(Math.ceil((await element.boundingBox())!.height) + 1);
  expect(await frame.getByText('What you wrote').isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Show quoted text' }).click();
  await expect.poll(() => frame.getByText('What you wrote').isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Hide quoted text' }).getAttribute('aria-expanded')).toBe('true');
});

it('opens links in a new tab and shows their real target on hover', async () => {
  const { page, browser } = session;
  const frame = await openMessage(page, 'Plain reply');
  const link = frame.getByRole('link', { name: `${siteUrl}/plain` });
  await link.hover();
  await expect.poll(() => page.locator('.link-target').textContent()).toBe(`${siteUrl}/plain`);
  const [tab] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
  await expect.poll(() => tab.url()).toBe(`${siteUrl}/plain`);
  await tab.close();
  expect(page.url()).toContain('mail.html#/thread/');
});

it('warns before following a link whose text is another address, and follows others at once', async () => {
  const { page, browser } = session;
  const frame = await openMessage(page, 'Your bank');
  const opened: string[] = [];
  browser.context.on('page', (tab) => opened.push(tab.url()));
  await frame.getByRole('link', { name: 'https://bank.example/login' }).click();
  const dialog = page.getByRole('dialog', { name: 'This link may not go where it says' });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(`${siteUrl}/phish`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
  expect(opened).toEqual([]);

  // From the keyboard: Enter on the link, then Tab to the choice.
  await frame.getByRole('link', { name: 'https://bank.example/login' }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Open the link');
  await page.keyboard.press('Enter');
  await expect.poll(() => browser.context.pages().some((tab) => tab.url() === `${siteUrl}/phish`)).toBe(true);

  await frame.getByRole('link', { name: 'our site' }).click();
  await expect.poll(() => browser.context.pages().some((tab) => tab.url() === `${siteUrl}/honest`)).toBe(true);
  expect(await dialog.isVisible()).toBe(false);
});
