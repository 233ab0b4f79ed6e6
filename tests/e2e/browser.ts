/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension loaded, driven by
 * playwright-core. Each launch gets a fresh profile. The extension is the `--mode loopback` build,
 * which may reach the local test server without the permission prompt automation cannot click.
 */
import { rmSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { addAccountThroughUi as fillAccountForm, launchChromiumWithExtension } from '../support/chromium.mjs';
import { SESSION_URL, type TestUser } from '../support/test-server';

export const EXTENSION_DIR = process.env.E2E_EXT_DIR ?? '.output/chrome-mv3-loopback';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  open(path: string): Promise<Page>;
  badge(): Promise<string>;
  close(): Promise<void>;
}

/** `profileDir`: a profile to reuse (a browser restart); it is then kept when the browser closes. */
export async function launchExtension(options: { lang?: string; profileDir?: string } = {}): Promise<ExtensionBrowser> {
  const { context, profile, extensionId } = await launchChromiumWithExtension({ extensionDir: EXTENSION_DIR, lang: options.lang, profileDir: options.profileDir });
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return {
    context,
    extensionId,
    worker,
    async open(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async badge() {
      // Runs in the extension's service worker, where `chrome` is the extension API.
      type ActionApi = { chrome: { action: { getBadgeText(details: object): Promise<string> } } };
      return (await worker()).evaluate(() => (globalThis as unknown as ActionApi).chrome.action.getBadgeText({}));
    },
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function addAccountThroughUi(page: Page, user: TestUser, sessionUrl = SESSION_URL, password = user.password): Promise<void> {
  return fillAccountForm(page, { email: user.email, password, sessionUrl });
}

/** A browser with the extension, the user's account added through the mail tab, its first sync done. */
export async function openWithAccount(user: TestUser, options: { sessionUrl?: string; profileDir?: string } = {}): Promise<{ browser: ExtensionBrowser; page: Page }> {
  const browser = await launchExtension({ profileDir: options.profileDir });
  const page = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(page, user, options.sessionUrl);
  await page.locator('.sync-status[data-phase="idle"]').waitFor({ timeout: 60_000 });
  return { browser, page };
}
