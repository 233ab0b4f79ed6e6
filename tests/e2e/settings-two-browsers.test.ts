/**
 * Two browsers (two Chromium profiles) with the same account: a tag created in one appears in the
 * other's settings page, through the settings mailbox of the user's own account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';

let browsers: ExtensionBrowser[] = [];
let pages: Page[] = [];
let user: TestUser;

async function tagsPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(page, user);
  await page.locator('li.account').waitFor();
  await page.goto(page.url().replace(/#.*/, '#/settings/tags'));
  await page.getByRole('heading', { name: 'New tag' }).waitFor();
  return page;
}

beforeAll(async () => {
  user = await freshUser('two');
  browsers = [await launchExtension(), await launchExtension()];
  pages = [await tagsPage(browsers[0]), await tagsPage(browsers[1])];
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
});

describe('tags in two browsers', () => {
  it('a tag created in one browser appears in the other', async () => {
    const [home, work] = pages;
    await home.getByLabel('Name', { exact: true }).fill('Отпуск');
    await home.getByLabel('Name', { exact: true }).press('Enter');
    const started = Date.now();
    await work.getByLabel('Name of tag Отпуск').waitFor({ timeout: 60_000 });
    console.log(`tag reached the second browser in ${Date.now() - started} ms`);
    const name = work.getByLabel('Name of tag Отпуск');
    await name.fill('Каникулы');
    await name.press('Enter');
    await home.getByLabel('Name of tag Каникулы').waitFor({ timeout: 60_000 });
    expect(await home.locator('.tags ol li').count()).toBe(1);
  });
});
