/** The UI speaks the browser's language: Russian in a Russian browser, with no untranslated key. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension({ lang: 'ru' });
});

afterAll(async () => {
  await browser?.close();
});

it('shows the popup and the add-account form in Russian', async () => {
  const popup = await browser.open('popup.html');
  await popup.locator('main[data-loaded="true"]').waitFor();
  expect(await popup.locator('h1').textContent()).toContain('Непрочитанные');
  expect(await popup.getByRole('button', { name: 'Добавить аккаунт' }).count()).toBe(1);

  const mail = await browser.open('mail.html#/add-account');
  await mail.getByRole('heading', { name: 'Подключение почтового аккаунта' }).waitFor();
  const text = await mail.locator('body').innerText();
  expect(text).toContain('Адрес эл. почты');
  // A missing translation shows its key (camelCase identifier) instead of text.
  expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*_?[A-Za-z]*\b/);
});
