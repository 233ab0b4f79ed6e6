// Launching Debian's Chromium with the extension loaded, and adding an account through the UI as
// a user would. Plain JavaScript so that both the tests (TypeScript) and the demo (node) use it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

// Flags this closed, display-less network needs: no sandbox as root, no GPU, no calls home.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromiumWithExtension({ extensionDir, profileDir, headless = true, lang = 'en-US' }) {
  const extension = resolve(extensionDir);
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'mailext-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    locale: lang,
    viewport: headless ? { width: 1280, height: 800 } : null,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_ARGS, `--lang=${lang}`, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return { context, profile, extensionId: new URL(worker.url()).host };
}

/** Fills in and submits the add-account form, with the session URL under Advanced settings. */
export async function addAccountThroughUi(page, { email, password, sessionUrl }) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByText('Advanced settings').click();
  await page.getByLabel('JMAP session URL').fill(sessionUrl);
  await page.getByRole('button', { name: 'Connect' }).click();
}
