/**
 * Theme and density in real Chromium: the preference, changed in Settings → General (here in a
 * second tab, so the change also has to reach the list's tab), sets the root's data-theme and
 * the colours the pages are drawn with; "System" follows the emulated prefers-color-scheme live;
 * Compact makes the thread rows shorter while j/k still walk the virtualised list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

const MESSAGES = 40;

let browser: ExtensionBrowser;
let user: TestUser;
let page: Page;
let settingsTab: Page;

/** Relative luminance of a computed `rgb(r, g, b)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const theme = (p: Page) => p.evaluate(() => document.documentElement.dataset.theme);
const background = (p: Page, selector: string) => p.evaluate((s) => getComputedStyle(document.querySelector(s)!).backgroundColor, selector);

async function choose(label: 'Theme' | 'Density', value: string): Promise<void> {
  await settingsTab.getByLabel(label).selectOption(value);
}

/** The focused row's index, and whether it lies where the virtualiser puts it and wholly in view. */
function focusedRow(p: Page) {
  return p.evaluate(() => {
    const li = document.activeElement?.closest<HTMLElement>('li[data-index]');
    const scroller = document.querySelector<HTMLElement>('.thread-list .scroller');
    const list = scroller?.querySelector('ul');
    if (!li || !scroller || !list) return null;
    const row = li.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return {
      index: Number(li.dataset.index),
      offset: Math.round(row.top - list.getBoundingClientRect().top),
      height: Math.round(row.height),
      inView: row.top >= view.top - 0.5 && row.bottom <= view.bottom + 0.5,
    };
  });
}

beforeAll(async () => {
  user = await freshUser('look');
  const server = await ServerAccount.open(user);
  const now = Date.now();
  for (let i = 0; i < MESSAGES; i++) {
    const at = new Date(now - (i + 1) * 3_600_000);
    await server.importMessage(message({ to: user.email, subject: `Letter ${String(i).padStart(2, '0')}`, date: at }).raw, 'inbox', {}, at);
  }
  ({ browser, page } = await openWithAccount(user));
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.locator('li.thread[data-index="0"]').waitFor();
  settingsTab = await browser.open('mail.html#/settings/general');
  await settingsTab.getByLabel('Theme').waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe('theme', () => {
  it('starts light in a light system, with light colours', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(page)).toBe('light');
    expect(luminance(await background(page, 'html'))).toBeGreaterThan(0.8);
  });

  it('Dark makes the mail tab and the popup dark', async () => {
    await choose('Theme', 'dark');
    await expect.poll(() => theme(page)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    const canvas = await background(page, 'html');
    const sidebar = await background(page, '.sidebar');
    expect(luminance(canvas)).toBeLessThan(0.05);
    expect(luminance(sidebar)).toBeLessThan(0.05);
    // Body text is light on it.
    expect(luminance(await page.evaluate(() => getComputedStyle(document.querySelector('li.thread .subject')!).color))).toBeGreaterThan(0.6);
    expect(await theme(settingsTab)).toBe('dark');

    const popup = await browser.open('popup.html');
    await expect.poll(() => theme(popup)).toBe('dark');
    expect(luminance(await background(popup, 'html'))).toBeLessThan(0.05);
    await popup.close();
  });

  it('opens dark at once after a reload (the last theme is applied before the settings are read)', async () => {
    const fresh = await browser.context.newPage();
    // Every value data-theme takes, from the document's start: the first must already be dark.
    await fresh.addInitScript(() => {
      const seen: Array<string | undefined> = [];
      Object.assign(window, { themesSeen: seen });
      // The script runs before the <html> element exists: watch the whole document.
      new MutationObserver(() => seen.push(document.documentElement.dataset.theme)).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-theme'] });
    });
    await fresh.goto(`chrome-extension://${browser.extensionId}/mail.html#/settings/general`);
    await fresh.getByLabel('Theme').waitFor();
    const seen = await fresh.evaluate(() => (window as unknown as { themesSeen: string[] }).themesSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['dark']));
    await fresh.close();
  });

  it('System follows the emulated colour scheme, live', async () => {
    await choose('Theme', 'system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => theme(page)).toBe('dark');
    expect(luminance(await background(page, '.sidebar'))).toBeLessThan(0.05);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(page)).toBe('light');
    expect(luminance(await background(page, '.sidebar'))).toBeGreaterThan(0.8);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => theme(page)).toBe('dark');
  });

  it('Light stays light in a dark system', async () => {
    await choose('Theme', 'light');
    await expect.poll(() => theme(page)).toBe('light');
    expect(luminance(await background(page, 'html'))).toBeGreaterThan(0.8);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('density', () => {
  const rowHeight = () => page.locator('li.thread[data-index="0"]').evaluate((li) => li.getBoundingClientRect().height);

  it('Compact makes the rows shorter, and j/k still walk the list', async () => {
    expect(await rowHeight()).toBe(64);
    await choose('Density', 'compact');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.density)).toBe('compact');
    await expect.poll(rowHeight).toBe(48);

    await page.locator('li.thread[data-index="0"] button.open').focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('j');
    await expect.poll(() => focusedRow(page)).toEqual({ index: 30, offset: 30 * 48, height: 48, inView: true });
    for (let i = 0; i < 3; i++) await page.keyboard.press('k');
    await expect.poll(() => focusedRow(page)).toEqual({ index: 27, offset: 27 * 48, height: 48, inView: true });
    // To the end and back to the top.
    for (let i = 0; i < MESSAGES; i++) await page.keyboard.press('j');
    await expect.poll(() => focusedRow(page)).toEqual({ index: MESSAGES - 1, offset: (MESSAGES - 1) * 48, height: 48, inView: true });
    for (let i = 0; i < MESSAGES; i++) await page.keyboard.press('k');
    await expect.poll(() => focusedRow(page)).toEqual({ index: 0, offset: 0, height: 48, inView: true });
    expect(await page.locator('li.thread[data-index="0"] .subject').textContent()).toBe('Letter 00');
  });

  it('Comfortable brings the full height back', async () => {
    await choose('Density', 'comfortable');
    await expect.poll(rowHeight).toBe(64);
    await page.locator('li.thread[data-index="0"] button.open').focus();
    for (let i = 0; i < 12; i++) await page.keyboard.press('j');
    await expect.poll(() => focusedRow(page)).toEqual({ index: 12, offset: 12 * 64, height: 64, inView: true });
  });
});
