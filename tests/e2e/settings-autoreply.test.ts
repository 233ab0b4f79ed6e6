/**
 * The autoreply in real Chromium against Cyrus: set through the settings page (a rich message typed
 * in the editor, the signature added below it or not; bad input refused with a message, nothing
 * typed lost), shown by the mail tab's banner, and what the server's
 * vacation really does with mail delivered by SMTP from other users: one reply per sender (Cyrus
 * keeps quiet for 7 days after it), none to a mailing list (List-Id), none to the user's own
 * address; then turned off from the banner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deliverBySmtp, eventually, freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';

const VACATION = 'urn:ietf:params:jmap:vacationresponse';
const SUBJECT = 'Out of office until Monday';
const TEXT = 'I am away — в отпуске до понедельника.';
/** TEXT as typed, "в отпуске" in bold. */
const HTML = '<p>I am away — <strong>в отпуске</strong> до понедельника.</p>';
/** Set on the Signatures page before the autoreply page opens. */
const SIGNATURE_HTML = '<p>Anna <em>Away</em></p>';

let browser: ExtensionBrowser;
let user: TestUser;
let owner: ServerAccount;
let settings: Page;
let mail: Page;
/** How long the first reply took to come back: the wait before deciding that none is coming. */
let replyLatencyMs = 0;

async function vacation(): Promise<Record<string, unknown>> {
  const { list } = await owner.call<{ list: Array<Record<string, unknown>> }>('VacationResponse/get', { ids: ['singleton'] }, [VACATION]);
  return list[0];
}

/** The autoreplies in an account's inbox: our subject, marked auto-replied by the server. */
async function repliesIn(account: ServerAccount): Promise<number> {
  const ids = await account.idsWithSubject(await account.mailboxId('inbox'), SUBJECT);
  if (!ids.length) return 0;
  const { list } = await account.call<{ list: Array<{ 'header:Auto-Submitted:asText': string | null }> }>('Email/get', { ids, properties: ['header:Auto-Submitted:asText'] });
  return list.filter((e) => e['header:Auto-Submitted:asText']?.includes('auto-replied')).length;
}

/** Delivers by SMTP and waits until the message is in the owner's inbox (so the vacation has run on it). */
async function deliver(from: string, raw: string, subject: string): Promise<void> {
  await deliverBySmtp(from, user.email, raw);
  const inbox = await owner.mailboxId('inbox');
  await eventually(async () => (await owner.idsWithSubject(inbox, subject)).length > 0);
}

/** A reply is queued by the relay after delivery: give it several times what the first one took. */
const settle = () => new Promise((resolve) => setTimeout(resolve, Math.max(5_000, 3 * replyLatencyMs)));

beforeAll(async () => {
  user = await freshUser('away');
  owner = await ServerAccount.open(user);
  browser = await launchExtension();
  mail = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(mail, user);
  await mail.locator('li.account').waitFor();
  await mail.goto(mail.url().replace(/#.*/, '#/inboxes'));
  settings = await browser.open('mail.html#/settings/signatures');
  const entry = settings.locator('section.signature', { has: settings.getByRole('heading', { name: user.email }) });
  await entry.getByLabel('Edit as HTML').check();
  await entry.getByRole('textbox', { name: `Signature HTML for ${user.email}` }).fill(SIGNATURE_HTML);
  await entry.getByRole('button', { name: 'Save' }).click();
  await settings.getByText('Signature saved in your synced settings.').waitFor();
  await settings.goto(settings.url().replace(/#.*/, '#/settings/autoreply'));
  await settings.getByLabel('Send an automatic reply').waitFor();
});

/** The rich editor of the message (Quill: a contenteditable named by its label). */
const editor = (page: Page = settings) => page.getByRole('textbox', { name: 'Message' });

afterAll(async () => {
  await browser?.close();
});

describe('autoreply settings page', () => {
  it("starts today, shows the server's current message, and says contacts-only is unavailable and why", async () => {
    const today = await settings.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(await settings.getByLabel('First day').inputValue()).toBe(today);
    expect(await settings.getByLabel('Last day (optional)').inputValue()).toBe('');
    expect(await settings.getByLabel('Send an automatic reply').isChecked()).toBe(false);
    // Cyrus's default text, read from the server.
    expect(await editor().innerText()).toContain("I'm away at the moment.");
    // On by default, and it says which signature (and where to change it).
    expect(await settings.getByLabel('Add my signature').isChecked()).toBe(true);
    await settings.getByText('Your signature for this address goes below the message').waitFor();
    const contactsOnly = settings.getByLabel('Only to people in my contacts');
    expect(await contactsOnly.isDisabled()).toBe(true);
    expect(await settings.locator(`#${await contactsOnly.getAttribute('aria-describedby')}`).textContent()).toContain('there are no contacts yet');
  });

  it('refuses an end before the start, an empty message and what the server refuses, keeping what was typed', async () => {
    const first = await settings.getByLabel('First day').inputValue();
    const dayBefore = new Date(Date.parse(`${first}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await settings.getByLabel('Send an automatic reply').check();
    await settings.getByLabel('Subject').fill(SUBJECT);
    await editor().fill(TEXT);
    await settings.getByLabel('Last day (optional)').fill(dayBefore);
    await settings.getByRole('button', { name: 'Save autoreply' }).click();
    await settings.getByRole('alert').getByText('The last day cannot be before the first day.').waitFor();
    expect(await settings.getByLabel('Last day (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(await editor().innerText()).toBe(TEXT);

    await settings.getByLabel('Last day (optional)').fill('');
    await editor().fill('  ');
    await settings.getByRole('button', { name: 'Save autoreply' }).click();
    await settings.getByRole('alert').getByText('Write the message to send, or turn the autoreply off.').waitFor();
    expect(await editor().getAttribute('aria-invalid')).toBe('true');
    expect(await settings.getByLabel('Subject').inputValue()).toBe(SUBJECT);

    // What only the server knows it cannot hold (Cyrus: a quote in the subject) is said too.
    await editor().fill(TEXT);
    await settings.getByLabel('Subject').fill('Say "hi"');
    await settings.getByRole('button', { name: 'Save autoreply' }).click();
    await settings.getByRole('alert').getByText(/The server refused this autoreply\..*\(VacationResponse\/set: serverError/).waitFor();
    expect(await editor().innerText()).toBe(TEXT);
    expect((await vacation()).isEnabled).toBe(false);
    await settings.getByLabel('Subject').fill(SUBJECT);
  });

  it('saves the rich message with the signature from the keyboard, and the mail tab says it is on', async () => {
    await editor().fill('');
    await editor().click();
    await settings.keyboard.type('I am away — ');
    await settings.keyboard.press('Control+b');
    await settings.keyboard.type('в отпуске');
    await settings.keyboard.press('Control+b');
    await settings.keyboard.type(' до понедельника.');
    // Tab leaves the editor for "Add my signature", then the link to the signatures, then Save
    // (the disabled contacts-only option is skipped).
    await editor().press('Tab');
    await expect.poll(() => settings.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('addSignature');
    await settings.keyboard.press('Tab');
    await settings.keyboard.press('Tab');
    await expect.poll(() => settings.evaluate(() => document.activeElement?.textContent)).toBe('Save autoreply');
    await settings.keyboard.press('Enter');
    await settings.getByText('Autoreply saved.').waitFor();
    // Cyrus leaves out what is null (here toDate). The signature is below the message in both forms.
    expect(await vacation()).toMatchObject({ isEnabled: true, subject: SUBJECT, textBody: `${TEXT}\n\n-- \nAnna Away`, htmlBody: `${HTML}<p><br></p><p>-- </p>${SIGNATURE_HTML}` });
    expect((await vacation()).toDate ?? null).toBeNull();
    // The page shows the message alone: the signature is added at each save, not kept in it.
    expect(await editor().innerText()).toBe(TEXT);
    await mail.locator('.autoreply-banner').getByText(`Autoreply is on for ${user.email}.`).waitFor();
    expect(await settings.getByText('This server does not report its autoreply correctly').count()).toBe(0);
  });
  it('without "Add my signature", the server gets the message alone; with it again, the signature is back', async () => {
    await settings.getByLabel('Add my signature').uncheck();
    await settings.getByRole('button', { name: 'Save autoreply' }).click();
    await expect.poll(async () => (await vacation()).textBody).toBe(TEXT);
    expect((await vacation()).htmlBody).toBe(HTML);
    await settings.getByLabel('Add my signature').check();
    await settings.getByRole('button', { name: 'Save autoreply' }).click();
    await expect.poll(async () => (await vacation()).htmlBody).toBe(`${HTML}<p><br></p><p>-- </p>${SIGNATURE_HTML}`);
    expect(await settings.getByLabel('Add my signature').isChecked()).toBe(true);
  });
});

describe("what the server's vacation does", () => {
  it('replies once to a sender, and not to their second message the same day', async () => {
    const sender = await freshUser('snd');
    const senderAccount = await ServerAccount.open(sender);
    const started = Date.now();
    await deliver(sender.email, message({ from: sender.email, to: user.email, subject: 'First question' }).raw, 'First question');
    await eventually(async () => (await repliesIn(senderAccount)) === 1, 30_000);
    replyLatencyMs = Date.now() - started;
    console.log(`autoreply arrived ${replyLatencyMs} ms after the SMTP delivery started`);

    await deliver(sender.email, message({ from: sender.email, to: user.email, subject: 'Second question' }).raw, 'Second question');
    await settle();
    expect(await repliesIn(senderAccount)).toBe(1);
  });

  it('does not reply to a mailing list (List-Id), but does to the same sender without it', async () => {
    const list = await freshUser('lst');
    const listAccount = await ServerAccount.open(list);
    const raw = message({ from: list.email, to: user.email, subject: 'List digest' }).raw.replace('MIME-Version: 1.0', 'List-Id: Team <team.lists.example.com>\r\nMIME-Version: 1.0');
    await deliver(list.email, raw, 'List digest');
    await settle();
    expect(await repliesIn(listAccount)).toBe(0);
    // The control: the same sender, no list header, does get one (so the silence above was the rule).
    await deliver(list.email, message({ from: list.email, to: user.email, subject: 'Personal note' }).raw, 'Personal note');
    await eventually(async () => (await repliesIn(listAccount)) === 1, 30_000);
  });

  it("does not reply to the user's own address", async () => {
    await deliver(user.email, message({ from: user.email, to: user.email, subject: 'Note to self' }).raw, 'Note to self');
    await settle();
    expect(await repliesIn(owner)).toBe(0);
  });
});

describe('the banner and the accounts page', () => {
  it('the accounts page shows it on, with a Turn off of its own', async () => {
    await settings.goto(settings.url().replace(/#.*/, '#/settings/accounts'));
    const row = settings.locator(`.settings-page li[data-account-email="${user.email}"]`);
    await row.getByRole('link', { name: 'Autoreply is on' }).waitFor();
    expect(await row.getByRole('button', { name: 'Turn off' }).count()).toBe(1);
    await settings.goto(settings.url().replace(/#.*/, '#/settings/autoreply'));
  });


  it('leads to the settings, showing it on', async () => {
    await mail.locator('.autoreply-banner').getByRole('link', { name: 'Settings' }).click();
    await mail.getByLabel('Send an automatic reply').waitFor();
    expect(await mail.getByLabel('Send an automatic reply').isChecked()).toBe(true);
    expect(await mail.getByLabel('Subject').inputValue()).toBe(SUBJECT);
  });

  it('turns the autoreply off on the server and goes away', async () => {
    await mail.locator('.autoreply-banner').getByRole('button', { name: 'Turn off' }).click();
    await mail.getByText('Autoreply turned off.').waitFor();
    await mail.locator('.autoreply-banner').waitFor({ state: 'detached' });
    // Off, the message stays without its signature (nothing goes out); the next save adds it again.
    expect(await vacation()).toMatchObject({ isEnabled: false, subject: SUBJECT, textBody: TEXT, htmlBody: HTML });
    // The settings open below the banner follow at once; a fresh page reads the same from the server.
    await expect.poll(() => mail.getByLabel('Send an automatic reply').isChecked()).toBe(false);
    await settings.reload();
    await settings.getByLabel('Subject').waitFor();
    expect(await settings.getByLabel('Send an automatic reply').isChecked()).toBe(false);
    expect(await settings.getByLabel('Subject').inputValue()).toBe(SUBJECT);
  });
});
