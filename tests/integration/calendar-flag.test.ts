/**
 * Invitations against the real Cyrus server: which emails carry an iCalendar part, as the first
 * sync, a delta, a full revalidation (cannotCalculateChanges) and the one-time recheck of emails
 * stored before schema v4 find it. Also pins down what Cyrus 3.10 says of such emails, which the
 * design relies on: the calendar part is listed in `attachments` wherever it sits in the MIME
 * tree (inside multipart/alternative too, as RFC 8621 §4.1.4 says), and `hasAttachment` is true.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '@/lib/accounts/add-account';
import { ClientPool } from '@/lib/accounts/clients';
import { MailDB } from '@/lib/store/db';
import { setSyncState } from '@/lib/store/mail-writes';
import { listThreads } from '@/lib/store/thread-query';
import { syncAccount, type SyncDeps } from '@/lib/sync/engine';
import { updateStatus, getStatus } from '@/lib/sync/status';
import { freshUser, message, ServerAccount, SESSION_URL } from '../support/test-server';

/** postal-mime's Google Calendar invitation: multipart/mixed > multipart/alternative (text, HTML, text/calendar) + invite.ics. */
const GOOGLE = readFileSync('tests/fixtures/mime-postal-mime/calendar-event.eml', 'utf8');
const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:cal-flag@example.org', 'DTSTAMP:20261201T000000Z', 'DTSTART:20261210T100000Z', 'DTEND:20261210T110000Z', 'SUMMARY:Review', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

function raw(subject: string, contentType: string, body: string[]): string {
  const headers = ['From: Organiser <org@example.org>', 'To: me@example.com', `Subject: ${subject}`, `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`, `Message-ID: <${crypto.randomUUID()}@test.example>`, 'MIME-Version: 1.0', `Content-Type: ${contentType}`];
  return [...headers, '', ...body, ''].join('\r\n');
}
/** Outlook's shape: no multipart/mixed, the calendar part only as an alternative to the text. */
const outlook = (subject: string) => raw(subject, 'multipart/alternative; boundary="A"', ['--A', 'Content-Type: text/plain; charset=utf-8', '', 'Review on Thursday.', '--A', 'Content-Type: text/calendar; charset=utf-8; method=REQUEST', '', ICS, '--A--']);
const withPdf = (subject: string) =>
  raw(subject, 'multipart/mixed; boundary="M"', ['--M', 'Content-Type: text/plain', '', 'Invoice attached.', '--M', 'Content-Type: application/pdf; name="a.pdf"', 'Content-Disposition: attachment; filename="a.pdf"', 'Content-Transfer-Encoding: base64', '', Buffer.from('%PDF-1.4').toString('base64'), '--M--']);

let db: MailDB;
let deps: SyncDeps;
let accountId: string;
let server: ServerAccount;
const ids: Record<string, string> = {};

const stored = async (name: string) => db.emails.get([accountId, ids[name]]);
const calendarThreads = async () => (await listThreads(db, [{ accountId, mailboxId: await server.mailboxId('inbox') }], { withCalendar: true }, 'newest', 50)).rows.map((r) => r.latestEmailId).sort();
const named = (...names: string[]) => names.map((n) => ids[n]).sort();

beforeAll(async () => {
  const user = await freshUser('cal');
  db = new MailDB(`it-${crypto.randomUUID()}`);
  const { account } = await addAccount(db, { email: user.email, secret: user.password, sessionUrl: SESSION_URL });
  const pool = new ClientPool({ db });
  deps = { db, clientFor: (id) => pool.clientFor(id) };
  accountId = account.id;
  server = await ServerAccount.open(user);
  ids.google = await server.importMessage(GOOGLE);
  ids.plain = await server.importMessage(message({ to: user.email, subject: 'Plain hello' }).raw);
  ids.pdf = await server.importMessage(withPdf('Invoice'));
  await syncAccount(deps, accountId);
});

describe('what Cyrus says of an invitation', () => {
  it('lists its calendar part in attachments, also inside multipart/alternative, and sets hasAttachment', async () => {
    const outlookId = await server.importMessage(outlook('Probe only'), 'archive');
    const { list } = await server.call<{ list: Array<{ id: string; hasAttachment: boolean; attachments: Array<{ type: string }> }> }>('Email/get', {
      ids: [ids.google, outlookId, ids.plain],
      properties: ['hasAttachment', 'attachments'],
      bodyProperties: ['type'],
    });
    const byId = new Map(list.map((e) => [e.id, e]));
    expect(byId.get(ids.google)).toMatchObject({ hasAttachment: true, attachments: [{ type: 'text/calendar' }, { type: 'application/ics' }] });
    expect(byId.get(outlookId)).toMatchObject({ hasAttachment: true, attachments: [{ type: 'text/calendar' }] });
    expect(byId.get(ids.plain)).toMatchObject({ hasAttachment: false, attachments: [] });
  });
});

describe('the calendar flag', () => {
  it('is set by the first sync on the invitation only, and on its conversation', async () => {
    expect(await stored('google')).toMatchObject({ hasCalendar: 1, hasAttachment: 1 });
    expect(await stored('plain')).toMatchObject({ hasCalendar: 0 });
    expect(await stored('pdf')).toMatchObject({ hasCalendar: 0, hasAttachment: 1 });
    expect(await calendarThreads()).toEqual(named('google'));
  });

  it('is set on mail that arrives by delta', async () => {
    ids.outlook = await server.importMessage(outlook('Review Thursday'));
    ids.plain2 = await server.importMessage(message({ to: server.user.email, subject: 'Another plain one' }).raw);
    await syncAccount(deps, accountId);
    expect(await stored('outlook')).toMatchObject({ hasCalendar: 1 });
    expect(await stored('plain2')).toMatchObject({ hasCalendar: 0 });
    expect(await calendarThreads()).toEqual(named('google', 'outlook'));
  });

  it('is set on mail a full revalidation fetches (cannotCalculateChanges)', async () => {
    ids.gap = await server.importMessage(outlook('Arrived during the gap'));
    await setSyncState(db, accountId, 'Email', 'not-a-state');
    await syncAccount(deps, accountId);
    expect(await stored('gap')).toMatchObject({ hasCalendar: 1 });
    expect(await calendarThreads()).toEqual(named('google', 'outlook', 'gap'));
  });

  it('is found once for emails stored before it existed (schema v4 recheck)', async () => {
    // As a v3 store left them: no flag on emails nor on thread rows.
    await db.emails.toCollection().modify((e: Partial<import('@/lib/store/rows').EmailRow>) => void delete e.hasCalendar);
    await db.threadMailboxes.toCollection().modify((r: Partial<import('@/lib/store/rows').ThreadMailboxRow>) => void delete r.hasCalendar);
    expect(await calendarThreads()).toEqual([]);
    await updateStatus(db, accountId, { calendarRecheck: true });

    await syncAccount(deps, accountId);

    expect(await calendarThreads()).toEqual(named('google', 'outlook', 'gap'));
    // Only emails that turn out to carry one are rewritten; the others keep reading as 0.
    expect((await stored('pdf'))?.hasCalendar).toBeUndefined();
    expect((await stored('plain'))?.hasCalendar).toBeUndefined();
    expect((await getStatus(db, accountId)).calendarRecheck).toBe(false);
  });
});
