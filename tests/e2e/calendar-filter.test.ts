/**
 * Invitations in the mail tab's list against the real server: the "With a calendar invitation"
 * filter and select entry keep only the conversation with an iCalendar part, and its row shows
 * the calendar icon (with a name for screen readers); the others show none.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let page: Page;

/** postal-mime's Google Calendar invitation (text/calendar inside multipart/alternative, plus invite.ics). */
const INVITATION = readFileSync('tests/fixtures/mime-postal-mime/calendar-event.eml', 'utf8');
const INVITATION_SUBJECT = 'Invitation: Test event ⏰ @ Thu Apr 11, 2024 11am - 12pm (GMT+3) (andris@ethereal.email)';

function withPdf(): string {
  const [headers] = message({ to: user.email, subject: 'Scanned invoice' }).raw.split('\r\n\r\n');
  return [
    headers.replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: multipart/mixed; boundary="b"').replace('\r\nContent-Transfer-Encoding: 8bit', ''),
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The invoice is attached.',
    '--b',
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 test').toString('base64'),
    '--b--',
    '',
  ].join('\r\n');
}

const subjects = () => page.locator('li.thread .subject').allTextContents();
const expectRows = async (expected: string[]) => expect.poll(async () => (await subjects()).sort(), { timeout: 10_000 }).toEqual([...expected].sort());
const ALL = [INVITATION_SUBJECT, 'Lunch today?', 'Scanned invoice'];

beforeAll(async () => {
  user = await freshUser('calendar');
  const server = await ServerAccount.open(user);
  const now = Date.now();
  await server.importMessage(INVITATION, 'inbox', {}, new Date(now - 60_000));
  await server.importMessage(message({ to: user.email, subject: 'Lunch today?' }).raw, 'inbox', {}, new Date(now - 120_000));
  await server.importMessage(withPdf(), 'inbox', {}, new Date(now - 180_000));
  ({ browser, page } = await openWithAccount(user));
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.thread').length === 3);
});

afterAll(async () => {
  await browser?.close();
});

describe('calendar invitations', () => {
  it('shows the calendar icon, named, on the invitation only', async () => {
    const rows = page.locator('li.thread');
    await expect.poll(() => rows.filter({ hasText: INVITATION_SUBJECT }).getByRole('img', { name: 'Has a calendar invitation' }).count()).toBe(1);
    expect(await rows.getByRole('img', { name: 'Has a calendar invitation' }).count()).toBe(1);
    // The invitation also has an .ics file attached; the invoice has only the attachment icon.
    await expect.poll(() => rows.filter({ hasText: 'Scanned invoice' }).locator('.attachment').count()).toBe(1);
    expect(await rows.filter({ hasText: 'Scanned invoice' }).locator('.calendar').count()).toBe(0);
  });

  it('"With a calendar invitation" lists only the invitation, as a chip that removes it', async () => {
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('menuitem', { name: 'With a calendar invitation', exact: true }).click();
    await expectRows([INVITATION_SUBJECT]);
    await page.getByRole('button', { name: 'Remove filter: With a calendar invitation' }).click();
    await expectRows(ALL);
  });

  it('selects the conversations with an invitation', async () => {
    await page.getByRole('combobox', { name: 'Select' }).selectOption('withCalendar');
    await expect.poll(() => page.locator('li.thread.selected .subject').allTextContents()).toEqual([INVITATION_SUBJECT]);
  });
});
