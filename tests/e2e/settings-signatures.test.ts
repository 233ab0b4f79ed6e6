/**
 * Settings → Signatures in real Chromium against Cyrus, which has no Identity/set: the page says
 * the signature is kept in the synced settings, the HTML typed is sanitised when saved, New
 * message starts with the signature, and with "Use signature" off it does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { freshUser, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let mail: Page;
let settings: Page;
let user: TestUser;
let entry: Locator;

/** Saves the entry; done when nothing is unsaved any more (the toast of an earlier save may still show). */
async function saveEntry(): Promise<void> {
  await entry.getByText('Not saved yet').waitFor();
  await entry.getByRole('button', { name: 'Save' }).click();
  await entry.getByText('Not saved yet').waitFor({ state: 'detached' });
  await settings.getByText('Signature saved in your synced settings.').waitFor();
}

/** Opens New message in the mail tab and answers the text of its body, then discards it. */
async function newMessageBody(): Promise<string> {
  await mail.bringToFront();
  await mail.getByRole('button', { name: 'New message' }).click();
  // The editor is made once the draft is read, with its body already in it.
  await mail.locator('.composer .ql-editor').waitFor();
  const body = await mail.locator('.composer .ql-editor').innerText();
  await mail.locator('.composer').getByRole('button', { name: 'Discard' }).click();
  await mail.locator('.composer').waitFor({ state: 'detached' });
  return body;
}

beforeAll(async () => {
  user = await freshUser('sig');
  ({ browser, page: mail } = await openWithAccount(user));
  settings = await browser.open('mail.html#/settings/signatures');
  entry = settings.locator('section.signature', { has: settings.getByRole('heading', { name: user.email }) });
  await entry.waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe('signatures settings page', () => {
  it("has its place in the settings navigation and says where this server's signatures are kept", async () => {
    await settings.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Signatures' }).waitFor();
    // Found out when the page read the identities: Cyrus answers Identity/set with unknownMethod.
    await entry.getByText('Kept in your synced settings (this server cannot store signatures).').waitFor();
    expect(await entry.getByLabel('Use signature').isChecked()).toBe(true);
  });

  it('saves what is typed in the editor from the keyboard, and New message starts with it', async () => {
    const editor = entry.getByRole('textbox', { name: `Signature for ${user.email}` });
    await editor.click();
    await settings.keyboard.type('Alice Example — ');
    await settings.keyboard.press('Control+b');
    await settings.keyboard.type('Алиса');
    await settings.keyboard.press('Control+b');
    await entry.getByText('Not saved yet').waitFor();
    // Tab leaves the editor (it does not indent) and lands on Save.
    await editor.press('Tab');
    await expect.poll(() => settings.evaluate(() => document.activeElement?.textContent)).toBe('Save');
    await settings.keyboard.press('Enter');
    await settings.getByText('Signature saved in your synced settings.').waitFor();
    await entry.getByText('Not saved yet').waitFor({ state: 'detached' });

    const body = await newMessageBody();
    // innerText drops the separator's trailing space.
    expect(body).toMatch(/^--\s*Alice Example — Алиса$/m);
  });

  it('sanitises HTML typed as HTML when it saves it', async () => {
    await entry.getByLabel('Edit as HTML').check();
    const source = entry.getByRole('textbox', { name: `Signature HTML for ${user.email}` });
    expect(await source.inputValue()).toContain('<strong>Алиса</strong>');
    await source.fill('<p>Alice Example — <strong>Алиса</strong></p><p><a href="https://example.com/alice" onclick="alert(1)">example.com/alice</a></p><script>alert(2)</script>');
    await saveEntry();
    const saved = await source.inputValue();
    expect(saved).toContain('href="https://example.com/alice"');
    expect(saved).not.toMatch(/script|onclick|alert/);

    const body = await newMessageBody();
    expect(body).toContain('Alice Example — Алиса');
    expect(body).toContain('example.com/alice');
  });

  it('Cancel takes back what was typed and not saved, in either view', async () => {
    const source = entry.getByRole('textbox', { name: `Signature HTML for ${user.email}` });
    const saved = await source.inputValue();
    await source.fill('<p>Not this one</p>');
    await entry.getByRole('button', { name: 'Cancel' }).click();
    expect(await source.inputValue()).toBe(saved);
    await entry.getByLabel('Edit as HTML').uncheck();
    await expect.poll(() => entry.getByRole('textbox', { name: `Signature for ${user.email}` }).innerText()).toContain('Alice Example — Алиса');
  });

  it('with "Use signature" off, New message starts without it, and the text is kept for later', async () => {
    await entry.getByLabel('Use signature').uncheck();
    await saveEntry();

    const body = await newMessageBody();
    expect(body).not.toContain('Алиса');
    expect(body).not.toMatch(/^--/m);

    await settings.reload();
    await entry.waitFor();
    expect(await entry.getByLabel('Use signature').isChecked()).toBe(false);
    expect(await entry.getByRole('textbox', { name: `Signature for ${user.email}` }).innerText()).toContain('Alice Example — Алиса');
  });
});
