/**
 * mailto: links in real Chromium: the compose route reads a link's fields; with "Open mailto:
 * links in this extension" on, a click on a link in a web page (served here from 127.0.0.1, which
 * the loopback build may reach: see MAILTO_ORIGINS in lib/mailto-links.ts) opens our compose
 * window filled in; with it off, the page's click is left to the browser.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let page: Page;
let user: TestUser;
let server: Server;
let site: string;

/** Bob and Carol, Cc Dan, Bcc Eve, a Cyrillic subject with a + in it, two lines of body. */
const LINK =
  'mailto:bob@example.com,%22Carol%20C%22%20%3Ccarol@example.com%3E?cc=dan@example.com&bcc=eve@example.com' +
  '&subject=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%201+1&body=Line%20one%0D%0A%D0%A1%D1%82%D1%80%D0%BE%D0%BA%D0%B0%20%D0%B4%D0%B2%D0%B0';

async function expectFilled(composer: Page): Promise<void> {
  await composer.locator('.composer').waitFor();
  const titles = (field: string) =>
    composer
      .locator('.recipient-field', { has: composer.locator(`#compose-${field}`) })
      .locator('.chip-text')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  await expect.poll(() => composer.getByLabel('Subject').inputValue()).toBe('Привет 1+1');
  await expect.poll(() => titles('to')).toEqual(['bob@example.com', 'Carol C <carol@example.com>']);
  expect(await titles('cc')).toEqual(['dan@example.com']);
  expect(await titles('bcc')).toEqual(['eve@example.com']);
  // One paragraph per line of the link's body, as typed text would be.
  const lines = await composer.locator('.ql-editor > p').evaluateAll((ps) => ps.map((p) => p.textContent));
  expect(lines.slice(0, 2)).toEqual(['Line one', 'Строка два']);
}

/** Compose windows opened while `action` runs and for a moment after. */
async function windowsOpenedBy(action: () => Promise<void>, wait = 2_500): Promise<Page[]> {
  const opened: Page[] = [];
  const listener = (p: Page) => void opened.push(p);
  browser.context.on('page', listener);
  await action();
  await new Promise((r) => setTimeout(r, wait));
  browser.context.off('page', listener);
  return opened.filter((p) => p.url().includes('window=compose'));
}

async function registeredScripts(): Promise<string[]> {
  type ScriptingApi = { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string }>> } } };
  return (await browser.worker()).evaluate(async () => (await (globalThis as unknown as ScriptingApi).chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
}

async function webPage(): Promise<Page> {
  const tab = await browser.context.newPage();
  await tab.goto(`${site}/contact`);
  return tab;
}

async function setMailtoPreference(on: boolean): Promise<void> {
  await page.goto(page.url().replace(/#.*/, '#/settings/general'));
  const box = page.getByLabel('Open mailto: links in this extension');
  await box.waitFor();
  if (on) await box.check();
  else await box.uncheck();
  await expect.poll(registeredScripts, { timeout: 10_000 }).toEqual(on ? ['mailto-links'] : []);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><title>Contact</title><p><a id="mail" href="${LINK}">Write to us</a> <a id="plain" href="mailto:x@example.com"><b>x</b></a></p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  user = await freshUser('mailto');
  ({ browser, page } = await openWithAccount(user));
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('mailto: links', () => {
  it('opens the compose route with the fields of a mailto: URL', async () => {
    const composer = await browser.open(`mail.html#/compose/new?mailto=${encodeURIComponent(LINK)}`);
    await expectFilled(composer);
    // From the user's account; the address bar no longer holds the link.
    expect(await composer.locator('#compose-from option:checked').innerText()).toContain(user.email);
    expect(composer.url()).toMatch(/#\/compose\/[0-9a-f-]+$/);
    await composer.getByRole('button', { name: 'Discard' }).click();
    await composer.close();
  });

  it('leaves link clicks to the browser while the preference is off', async () => {
    expect(await registeredScripts()).toEqual([]);
    const tab = await webPage();
    expect(await windowsOpenedBy(() => tab.locator('#mail').click())).toEqual([]);
    await tab.close();
  });

  it('with it on, a click on a link in a web page opens the compose window filled in', async () => {
    await setMailtoPreference(true);
    const tab = await webPage();
    const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('window=compose'), timeout: 15_000 });
    await tab.locator('#mail').click();
    const composer = await opened;
    await expectFilled(composer);
    expect(tab.url()).toBe(`${site}/contact`); // the page stays where it was
    await composer.getByRole('button', { name: 'Discard' }).click();
    await composer.waitForEvent('close', { timeout: 30_000 }); // a loaded machine is slow to close a window

    // From the keyboard too (after MAILTO_MIN_INTERVAL_MS: clicks closer together open one window);
    // a click with a modifier is left to the browser.
    await new Promise((r) => setTimeout(r, 1_100));
    const again = browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('window=compose'), timeout: 15_000 });
    await tab.locator('#plain').focus();
    await tab.keyboard.press('Enter');
    const second = await again;
    await second.locator('.composer').waitFor();
    await expect.poll(() => second.locator('.recipient-field .chip-text').first().getAttribute('title')).toBe('x@example.com');
    await second.getByRole('button', { name: 'Discard' }).click();
    expect(await windowsOpenedBy(() => tab.locator('#plain').click({ modifiers: ['Shift'] }))).toEqual([]);
    await tab.close();
  });

  it('turned off again: the script is unregistered, and a page that still has it leaves the click to the browser', async () => {
    const loadedWhileOn = await webPage();
    await setMailtoPreference(false);
    expect(await windowsOpenedBy(() => loadedWhileOn.locator('#mail').click())).toEqual([]);
    const fresh = await webPage();
    expect(await windowsOpenedBy(() => fresh.locator('#mail').click())).toEqual([]);
    await Promise.all([loadedWhileOn.close(), fresh.close()]);
  });
});
