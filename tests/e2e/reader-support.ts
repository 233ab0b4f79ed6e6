/** Shared steps of the reader's end-to-end tests: mail on the real server, opened in the mail tab. */
import type { Frame, Page } from 'playwright-core';
import { freshUser, ServerAccount, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';

/** An HTML message, base64-encoded so that any payload survives transport unchanged. */
export function htmlMessage(options: { from: string; to: string; subject: string; html: string; type?: 'html' | 'plain'; messageId?: string; replyTo?: string }): string {
  return [
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${options.messageId ?? `<${Math.random().toString(36).slice(2)}@reader.test>`}`,
    ...(options.replyTo ? [`In-Reply-To: ${options.replyTo}`, `References: ${options.replyTo}`] : []),
    'MIME-Version: 1.0',
    `Content-Type: text/${options.type ?? 'html'}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(options.html).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '',
  ].join('\r\n');
}

export interface ReaderSession {
  user: TestUser;
  browser: ExtensionBrowser;
  page: Page;
}

/** A fresh user whose inbox holds `messages` (made from its address), signed in in the mail tab. */
export async function readerSession(prefix: string, messages: (to: string) => string[], before?: (browser: ExtensionBrowser) => Promise<void>): Promise<ReaderSession> {
  const user = await freshUser(prefix);
  const server = await ServerAccount.open(user);
  for (const raw of messages(user.email)) await server.importMessage(raw);
  const browser = await launchExtension();
  await before?.(browser);
  const page = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(page, user);
  await page.locator('.sync-status[data-phase="idle"]').waitFor({ timeout: 60_000 });
  return { user, browser, page };
}

/** Opens the conversation with this subject from the inbox; returns its (newest) message frame. */
export async function openMessage(page: Page, subject: string): Promise<Frame> {
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  const exactly = new RegExp(`^${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator('li.thread').filter({ has: page.locator('.subject', { hasText: exactly }) }).locator('button.open').click({ timeout: 20_000 });
  await page.getByRole('heading', { name: subject }).waitFor();
  const element = page.locator('section.email.expanded iframe');
  // Attached, not visible: a message whose own CSS hides everything has a frame of height 0.
  await element.waitFor({ state: 'attached' });
  const frame = await (await element.elementHandle())!.contentFrame();
  await frame!.waitForLoadState();
  return frame!;
}
