/**
 * The settings page's general section in real Chromium: every change is kept (seen after a
 * reload) and shows at once in another page of the extension; bad input is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let page: Page;

beforeAll(async () => {
  user = await freshUser('set');
  browser = await launchExtension();
  page = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(page, user);
  await page.locator('li.account').waitFor();
  await page.goto(page.url().replace(/#.*/, '#/settings'));
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe('general settings', () => {
  it('keeps each preference and shows it in another page at once', async () => {
    const other = await browser.open('mail.html#/settings/general');
    await page.getByLabel('Mark messages as read when opened').uncheck();
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByLabel('Default sending account').selectOption(user.email);
    await expect.poll(() => other.getByLabel('Mark messages as read when opened').isChecked()).toBe(false);
    await expect.poll(() => other.getByLabel('Theme').inputValue()).toBe('dark');
    await other.reload();
    // After a reload the page reads the settings and the accounts again: wait for both.
    await expect.poll(() => other.getByLabel('Default sending account').inputValue()).toBe(user.email);
    expect(await other.getByLabel('Mark messages as read when opened').isChecked()).toBe(false);
    expect(await other.getByLabel('Group messages into conversations').isChecked()).toBe(true);
    await other.close();
  });

  it('adds and removes trusted senders from the keyboard and refuses what is not an address', async () => {
    const input = page.getByLabel('Address or @domain');
    await input.fill('not an address');
    await input.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter an address');
    await input.fill('@Example.org');
    await input.press('Enter');
    await page.getByText('@example.org', { exact: true }).waitFor();
    expect(await input.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Remove @example.org' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('No one yet.').waitFor();
  });
});
