/**
 * Writing and sending mail in the mail tab, against the real server with delivery to other test
 * users. What arrives is read raw over JMAP and parsed by Python's email package (not our code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deliverBySmtp, freshUser, message, parseWithPython, ServerAccount, type TestUser } from '../support/test-server';
import { addAccountThroughUi, openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let page: Page;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let aliceServer: ServerAccount;
let bobServer: ServerAccount;

async function inboxWith(server: ServerAccount, subject: string, timeout = 20_000): Promise<string[]> {
  const inbox = await server.mailboxId('inbox');
  const deadline = Date.now() + timeout;
  for (;;) {
    const ids = await server.idsWithSubject(inbox, subject);
    if (ids.length || Date.now() > deadline) return ids;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function newMessage(): Promise<void> {
  await page.getByRole('button', { name: 'New message' }).click();
  await page.locator('.composer').waitFor();
}

async function addRecipient(field: 'to' | 'cc' | 'bcc', address: string): Promise<void> {
  const input = page.locator(`#compose-${field}`);
  await input.fill(address);
  await input.press('Enter');
}

async function typeBody(text: string): Promise<void> {
  await page.locator('.ql-editor').click();
  await page.keyboard.type(text);
}

beforeAll(async () => {
  [alice, bob, carol] = await Promise.all([freshUser('alice'), freshUser('bob'), freshUser('carol')]);
  [aliceServer, bobServer] = await Promise.all([ServerAccount.open(alice), ServerAccount.open(bob)]);
  ({ browser, page } = await openWithAccount(alice));
});

afterAll(async () => {
  await browser?.close();
});

describe('composing and sending', () => {
  it('sends a Cyrillic message with Cc, Bcc and a file, delivered once with Bcc hidden', async () => {
    await newMessage();
    await addRecipient('to', bob.email);
    await page.getByRole('button', { name: 'Add Cc' }).click();
    await addRecipient('cc', carol.email);
    await page.getByRole('button', { name: 'Add Bcc' }).click();
    await addRecipient('bcc', `hidden.${carol.email}`);
    await page.getByLabel('Subject').fill('Привет из расширения');
    await typeBody('Здравствуй, Боб! ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Важно.');
    const bytes = Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 10, 13]);
    await page.locator('.files input[type="file"]').setInputFiles({ name: 'Отчёт за ноябрь.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await page.locator('.files li', { hasText: 'Отчёт за ноябрь.bin' }).waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Sending…' }).waitFor();

    expect(await inboxWith(bobServer, 'Привет из расширения')).toHaveLength(1);
    const [raw] = await bobServer.rawMessages('inbox', 'Привет из расширения');
    const parsed = await parseWithPython(raw);
    expect(parsed.headers.to).toBe(bob.email);
    expect(parsed.headers.cc).toBe(carol.email);
    expect(parsed.headers.bcc).toBeUndefined();
    expect(raw).not.toContain('hidden.');
    expect(parsed.text).toContain('Здравствуй, Боб! Важно.');
    expect(parsed.html).toMatch(/Здравствуй, Боб! <strong>Важно\.<\/strong>/);
    expect(parsed.attachments).toEqual([expect.objectContaining({ filename: 'Отчёт за ноябрь.bin', base64: bytes.toString('base64') })]);

    // One copy in Sent, none left in Drafts.
    const sent = await aliceServer.mailboxId('sent');
    await expect.poll(() => aliceServer.idsWithSubject(sent, 'Привет из расширения')).toHaveLength(1);
    const [sentRaw] = await aliceServer.rawMessages('sent', 'Привет из расширения');
    expect((await parseWithPython(sentRaw)).headers.bcc).toBe(`hidden.${carol.email}`);
    expect(await aliceServer.idsWithSubject(await aliceServer.mailboxId('drafts'), 'Привет из расширения')).toEqual([]);
  });

  it('sends a picture put into the text as an inline part the HTML refers to by cid:', async () => {
    // A 1×1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await newMessage();
    await addRecipient('to', bob.email);
    await page.getByLabel('Subject').fill('With a picture');
    await typeBody('Look: ');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Image' }).click();
    await (await chooser).setFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
    await page.locator('.ql-editor img').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    expect(await inboxWith(bobServer, 'With a picture')).toHaveLength(1);
    const [raw] = await bobServer.rawMessages('inbox', 'With a picture');
    const parsed = await parseWithPython(raw);
    const cid = /src="cid:([^"]+)"/.exec(parsed.html ?? '')?.[1];
    expect(cid).toBeTruthy();
    expect(parsed.html).not.toContain('data:image');
    expect(parsed.attachments).toEqual([expect.objectContaining({ type: 'image/png', cid: `<${cid}>`, base64: png.toString('base64') })]);
  });

  it('Undo send takes the message back into the composer, and nothing is sent', async () => {
    await newMessage();
    await addRecipient('to', bob.email);
    await page.getByLabel('Subject').fill('Undo me');
    await typeBody('Second thoughts');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByLabel('Subject').inputValue()).toBe('Undo me');
    await expect.poll(() => page.locator('.ql-editor').innerText()).toContain('Second thoughts');
    await page.waitForTimeout(7_000); // longer than the Undo window
    expect(await bobServer.idsWithSubject(await bobServer.mailboxId('inbox'), 'Undo me')).toEqual([]);
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.locator('.composer').waitFor({ state: 'detached' });
  });

  it('refuses a file over 15 MB by name and keeps everything else', async () => {
    await newMessage();
    await addRecipient('to', bob.email);
    await page.getByLabel('Subject').fill('Too big');
    await page.locator('.files input[type="file"]').setInputFiles([
      { name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from('small') },
      { name: 'huge.iso', mimeType: 'application/octet-stream', buffer: Buffer.alloc(15 * 1024 * 1024 + 1) },
    ]);
    await page.getByRole('alert').filter({ hasText: 'huge.iso is larger than 15 MB' }).waitFor();
    await page.locator('.files li', { hasText: 'small.txt' }).waitFor();
    expect(await page.locator('.files li', { hasText: 'huge.iso' }).count()).toBe(0);
    expect(await page.getByLabel('Subject').inputValue()).toBe('Too big');
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.locator('.composer').waitFor({ state: 'detached' });
  });

  it('replies in the same conversation, with Re: and the threading headers', async () => {
    const original = message({ from: `Bob <${bob.email}>`, to: alice.email, subject: 'Lunch on Friday?', body: 'Are you free?' });
    await deliverBySmtp(bob.email, alice.email, original.raw);
    await page.goto(page.url().replace(/#.*$/, '#/'));
    await page.locator('li.thread', { hasText: 'Lunch on Friday?' }).locator('button.open').click({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    await page.locator('.composer').waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Re: Lunch on Friday?');
    await page.locator(`.recipient-field .chip-text[title="Bob <${bob.email}>"]`).first().waitFor();
    await typeBody('Yes, see you there.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    expect(await inboxWith(bobServer, 'Re: Lunch on Friday?')).toHaveLength(1);
    const [raw] = await bobServer.rawMessages('inbox', 'Re: Lunch on Friday?');
    const parsed = await parseWithPython(raw);
    expect(parsed.headers['in-reply-to']).toBe(original.messageId);
    expect(parsed.headers.references).toContain(original.messageId);
    expect(parsed.text).toMatch(/Yes, see you there\.[\s\S]*wrote:\r?\n> Are you free\?/);
    // The original is marked answered once the reply is sent, and the server threads them together.
    const [originalId] = await aliceServer.idsWithSubject(await aliceServer.mailboxId('inbox'), 'Lunch on Friday?');
    const [replyId] = await aliceServer.idsWithSubject(await aliceServer.mailboxId('sent'), 'Re: Lunch on Friday?');
    const { list } = await aliceServer.call<{ list: Array<{ id: string; threadId: string }> }>('Email/get', { ids: [originalId, replyId], properties: ['threadId'] });
    expect(list).toHaveLength(2);
    expect(list[0].threadId).toBe(list[1].threadId);
    await expect.poll(async () => (await aliceServer.email(originalId))?.keywords.$answered, { timeout: 15_000 }).toBe(true);
  });

  it('writes in a window of its own, opened from the popup; the window closes after Undo has run out', async () => {
    const popup = await browser.open('popup.html');
    const opened = browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'New message' }).click();
    const window = await opened;
    await window.locator('.composer').waitFor();
    expect(window.url()).toContain('window=compose');
    await window.locator('#compose-to').fill(bob.email);
    await window.locator('#compose-to').press('Enter');
    await window.getByLabel('Subject').fill('From the small window');
    await window.locator('.ql-editor').click();
    await window.keyboard.type('Written in a window.');
    await window.getByRole('button', { name: 'Send', exact: true }).click();
    await window.getByRole('button', { name: 'Undo' }).waitFor();
    await window.waitForEvent('close', { timeout: 15_000 });
    expect(await inboxWith(bobServer, 'From the small window')).toHaveLength(1);
  });

  it('moves a message to another account chosen in From, and sends it from there', async () => {
    await page.goto(page.url().replace(/#.*$/, '#/add-account'));
    await addAccountThroughUi(page, carol);
    await page.locator(`.account[data-account-email="${carol.email}"] .sync-status[data-phase="idle"]`).waitFor({ timeout: 60_000 });
    await newMessage();
    await addRecipient('to', bob.email);
    await page.getByLabel('Subject').fill('Sent as Carol');
    await typeBody('Hello from the second account.');
    await page.locator('#compose-from').selectOption({ label: carol.email });
    await expect.poll(() => page.locator('#compose-from option:checked').innerText()).toBe(carol.email);
    expect(await page.getByLabel('Subject').inputValue()).toBe('Sent as Carol');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    expect(await inboxWith(bobServer, 'Sent as Carol')).toHaveLength(1);
    const [raw] = await bobServer.rawMessages('inbox', 'Sent as Carol');
    expect((await parseWithPython(raw)).headers.from).toBe(carol.email);
    // Nothing of it stays in Alice's account.
    await new Promise((r) => setTimeout(r, 3_000));
    for (const role of ['drafts', 'sent']) expect(await aliceServer.idsWithSubject(await aliceServer.mailboxId(role), 'Sent as Carol')).toEqual([]);
  });
});
