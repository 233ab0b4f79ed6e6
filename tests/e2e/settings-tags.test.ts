/**
 * Tags end to end in real Chromium against Cyrus: create with a Cyrillic name, refuse bad names,
 * rename, reorder from the keyboard, delete after confirmation, and the keyword is gone from every
 * message on the server (checked over JMAP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let page: Page;
let keyword: string;

const tagNames = () => page.locator('.tags ol li input[type="text"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
const alert = () => page.locator('.tags [role="alert"]');

async function create(name: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Name', { exact: true }).press('Enter');
}

beforeAll(async () => {
  user = await freshUser('tag');
  server = await ServerAccount.open(user);
  browser = await launchExtension();
  page = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(page, user);
  await page.locator('li.account').waitFor();
  await page.goto(page.url().replace(/#.*/, '#/settings/tags'));
  await page.getByRole('heading', { name: 'New tag' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe('tags', () => {
  it('creates a tag with a Cyrillic name and a keyword that is an IMAP atom', async () => {
    await create('Работа');
    await expect.poll(tagNames).toEqual(['Работа']);
    keyword = (await page.locator('.tags ol li').first().getAttribute('data-keyword'))!;
    expect(keyword).toMatch(/^[a-z0-9-]+$/);
  });

  it('answers an empty or duplicate name with a clear message and creates nothing', async () => {
    await create('  ');
    await expect.poll(() => alert().textContent()).toBe('A tag needs a name.');
    await create('работа');
    await expect.poll(() => alert().textContent()).toBe('A tag named “Работа” already exists.');
    expect(await tagNames()).toEqual(['Работа']);
  });

  it('renames and reorders from the keyboard', async () => {
    await create('Личное');
    await expect.poll(tagNames).toEqual(['Работа', 'Личное']);
    const name = page.getByLabel('Name of tag Работа');
    await name.fill('Проекты');
    await name.press('Enter');
    await expect.poll(tagNames).toEqual(['Проекты', 'Личное']);
    await page.getByRole('button', { name: 'Move Проекты down' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(tagNames).toEqual(['Личное', 'Проекты']);
    // Focus stays with the moved tag, so the user can keep moving it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Проекты up');
  });

  it('deletes after confirmation and removes the keyword from every message on the server', async () => {
    const tagged = [
      await server.importMessage(message({ to: user.email, subject: 'Tagged one' }).raw, 'inbox', { [keyword]: true }),
      await server.importMessage(message({ to: user.email, subject: 'Tagged two' }).raw, 'inbox', {}),
    ];
    await server.setEmail({ [tagged[1]]: { [`keywords/${keyword}`]: true } });
    await page.getByRole('button', { name: 'Delete Проекты' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('It is removed from every message in every account, on the server too.');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(tagNames).toEqual(['Личное']);
    await eventually(async () => (await server.call<{ ids: string[] }>('Email/query', { filter: { hasKeyword: keyword } })).ids.length === 0);
    for (const id of tagged) expect((await server.email(id))?.keywords).not.toHaveProperty(keyword);
  });
});
