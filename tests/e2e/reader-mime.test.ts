/**
 * postal-mime's fixtures (tests/fixtures/mime-postal-mime: the MIME torture test, a calendar
 * invitation, a bounce, an abuse report, a mixed message) put on the real server and opened in
 * the reader: subject, sender, body text and attachments as the messages say.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ServerAccount } from '../support/test-server';
import { openMessage, readerSession, type ReaderSession } from './reader-support';

interface Expected {
  file: string;
  subject: string;
  from: string;
  body: string[];
  attachments: string[];
}

const UNNAMED = 'Unnamed attachment';
const MESSAGES: Expected[] = [
  { file: 'arf.eml', subject: 'FW: Earn money', from: 'abusedesk@example.com', body: ['This is an email abuse report for an email message received from IP 192.0.2.1'], attachments: [UNNAMED, UNNAMED] },
  {
    file: 'bounce.eml',
    subject: 'Undelivered Mail Returned to Sender',
    from: 'Mail Delivery System <MAILER-DAEMON@messagingengine.com>',
    body: ["This is an automated message from the mail system at Fastmail. I'm sorry to have"],
    attachments: [UNNAMED, UNNAMED],
  },
  {
    file: 'calendar-event.eml',
    subject: 'Invitation: Test event ⏰ @ Thu Apr 11, 2024 11am - 12pm (GMT+3) (andris@ethereal.email)',
    from: 'Andris Reinman <andris@postalsys.com>',
    body: ['Test event ⏰'],
    attachments: [UNNAMED, 'invite.ics'],
  },
  {
    file: 'mimetorture.eml',
    subject: "Ryan Finnie's MIME Torture Test v1.0",
    from: 'Ryan Finnie <rfinnie@domain.dom>',
    body: ["Welcome to Ryan Finnie's MIME torture test."],
    attachments: Array(10).fill(UNNAMED),
  },
  { file: 'mixed.eml', subject: '(no subject)', from: '', body: ['This e-mail message has been scanned for Viruses and Content and cleared', 'Good Morning;'], attachments: [] },
];

let session: ReaderSession;

beforeAll(async () => {
  session = await readerSession('mime', () => []);
  const server = await ServerAccount.open(session.user);
  // Imported once the account is there, so each arrives by the delta sync as new mail does.
  for (const { file } of MESSAGES) await server.importMessage(readFileSync(`tests/fixtures/mime-postal-mime/${file}`, 'utf8').replace(/\r?\n/g, '\r\n'));
});

afterAll(async () => {
  await session?.browser.close();
});

it.each(MESSAGES)('$file: subject, sender, body and attachments', async ({ subject, from, body, attachments }) => {
  const { page } = session;
  const frame = await openMessage(page, subject);
  expect(await page.locator('section.email.expanded dd.from').textContent()).toBe(from);
  for (const text of body) await frame.getByText(text).first().waitFor({ state: 'attached' });
  expect(await page.locator('section.email.expanded .attachments li .name').allTextContents()).toEqual(attachments);
});
