/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension loaded, driven by
 * playwright-core. Each launch gets a fresh profile. The extension is the `--mode loopback` build,
 * which may reach the local test server without the permission prompt automation cannot click.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { SESSION_URL, type TestUser } from '../support/test-server';

export const EXTENSION_DIR = resolve(process.env.E2E_EXT_DIR ?? '.output/chrome-mv3-loopback');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  open(path: string): Promise<Page>;
  badge(): Promise<string>;
  close(): Promise<void>;
}

export async function launchExtension(options: { lang?: string } = {}): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'mailext-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: options.lang ?? 'en-US',
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${options.lang ?? 'en-US'}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL((await worker()).url()).host;
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
      return (await worker()).evaluate(() => chrome.action.getBadgeText({}));
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Fills in and submits the add-account form as a user would, with the advanced session URL. */
export async function addAccountThroughUi(page: Page, user: TestUser, sessionUrl = SESSION_URL, password = user.password): Promise<void> {
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByText('Advanced settings').click();
  await page.getByLabel('JMAP session URL').fill(sessionUrl);
  await page.getByRole('button', { name: 'Connect' }).click();
}
