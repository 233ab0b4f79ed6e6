import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailAddress } from '@/lib/jmap/types';
import { ROWS_PER_MAILBOX, suggestAddresses } from '@/lib/store/address-book';
import { MailDB } from '@/lib/store/db';
import type { AccountRow, MailboxRow, ThreadMailboxRow } from '@/lib/store/rows';

let db: MailDB;
let nextThread = 0;
const DAY = 24 * 3600_000;
const now = Date.now();

const account = (id: string, email: string, disabled: 0 | 1 = 0): AccountRow => ({
  id,
  name: id,
  email,
  color: '#000',
  sessionUrl: 'https://x.org',
  username: id,
  authKind: 'basic',
  createdAt: 0,
  disabled,
});

const mailbox = (accountId: string, id: string, role: string | null): MailboxRow => ({
  accountId,
  id,
  name: id,
  parentId: null,
  role,
  sortOrder: 0,
  totalEmails: 0,
  unreadEmails: 0,
  totalThreads: 0,
  unreadThreads: 0,
  isSubscribed: true,
});

function row(mailboxId: string, people: { senders?: EmailAddress[]; recipients?: EmailAddress[] }, latestAt: number, fields: Partial<ThreadMailboxRow> = {}): ThreadMailboxRow {
  nextThread++;
  return {
    accountId: 'a1',
    mailboxId,
    threadId: `t${nextThread}`,
    latestAt,
    unread: 0,
    flagged: 0,
    hasAttachment: 0,
    hasCalendar: 0,
    emailCount: 1,
    unreadCount: 0,
    subject: 's',
    senders: people.senders ?? [{ name: 'Me', email: 'me@x.org' }],
    recipients: people.recipients ?? [{ name: 'Me', email: 'me@x.org' }],
    keywords: [],
    preview: '',
    latestEmailId: `e${nextThread}`,
    ...fields,
  };
}

const emails = (found: EmailAddress[]) => found.map((a) => a.email);

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  await db.accounts.bulkAdd([account('a1', 'me@x.org'), account('a2', 'Other.Me@y.org'), account('off', 'off@z.org', 1)]);
  await db.mailboxes.bulkAdd([
    mailbox('a1', 'inbox', 'inbox'),
    mailbox('a1', 'sent', 'sent'),
    mailbox('a1', 'archive', 'archive'),
    mailbox('a2', 'in2', 'inbox'),
    mailbox('off', 'in3', 'inbox'),
  ]);
});

afterEach(() => {
  vi.useRealTimers();
  db.close();
});

describe('suggestAddresses', () => {
  it('puts people written to before people received from, and recent ones before old ones', async () => {
    const old = now - 400 * DAY;
    await db.threadMailboxes.bulkAdd([
      // Anna: written to twice, long ago (3 + 3). Boris: received from 5 times long ago (5).
      row('sent', { recipients: [{ name: 'Anna', email: 'anna@x.org' }] }, old),
      row('sent', { recipients: [{ name: 'Anna', email: 'anna@x.org' }, { name: '', email: 'me@x.org' }] }, old + 1, { unread: 1 }),
      ...Array.from({ length: 5 }, (_, n) => row('inbox', { senders: [{ name: 'Boris', email: 'boris@x.org' }] }, old + n)),
      // Alla: received from once, today: the recency bonus lifts her above both.
      row('inbox', { senders: [{ name: 'Alla', email: 'alla@x.org' }] }, now - DAY, { unread: 1 }),
    ]);
    expect(emails(await suggestAddresses(db, 'a'))).toEqual(['alla@x.org', 'anna@x.org']);
    expect(emails(await suggestAddresses(db, 'b'))).toEqual(['boris@x.org']);
    const all = await suggestAddresses(db, 'x.org', { limit: 10 });
    expect(all).toEqual([]); // matching is by prefix, not anywhere in the address
  });

  it("never suggests the accounts' own addresses", async () => {
    await db.threadMailboxes.bulkAdd([
      row('inbox', { senders: [{ name: 'Me', email: 'ME@x.org' }, { name: 'Other', email: 'other.me@y.org' }, { name: 'Off', email: 'off@z.org' }] }, now),
    ]);
    expect(await suggestAddresses(db, 'o')).toEqual([]);
    expect(await suggestAddresses(db, 'me')).toEqual([]);
  });

  it('keeps the most recent non-empty name of each address', async () => {
    await db.threadMailboxes.bulkAdd([
      row('inbox', { senders: [{ name: 'Old Name', email: 'p@x.org' }] }, now - 3 * DAY),
      row('inbox', { senders: [{ name: 'New Name', email: 'P@X.org' }] }, now - 2 * DAY),
      row('sent', { recipients: [{ name: '', email: 'p@x.org' }] }, now - DAY),
      row('sent', { recipients: [{ name: 'q@x.org', email: 'q@x.org' }] }, now),
    ]);
    expect(await suggestAddresses(db, 'p')).toEqual([{ name: 'New Name', email: 'p@x.org' }]);
    expect(await suggestAddresses(db, 'q')).toEqual([{ name: '', email: 'q@x.org' }]);
  });

  it('matches the start of the address, the name, or any word of the name, in any case and script', async () => {
    await db.threadMailboxes.bulkAdd([
      row('sent', { recipients: [{ name: 'Иван Петров', email: 'ivan@x.ru' }, { name: "Anne-Marie O'Hara", email: 'am@x.fr' }, { name: 'Фёдор', email: 'f@x.ru' }] }, now),
    ]);
    expect(emails(await suggestAddresses(db, 'IVA'))).toEqual(['ivan@x.ru']);
    expect(emails(await suggestAddresses(db, 'иван'))).toEqual(['ivan@x.ru']);
    expect(emails(await suggestAddresses(db, 'Петр'))).toEqual(['ivan@x.ru']);
    expect(emails(await suggestAddresses(db, 'петров ив'))).toEqual(['ivan@x.ru']);
    expect(emails(await suggestAddresses(db, 'marie'))).toEqual(['am@x.fr']);
    expect(emails(await suggestAddresses(db, 'hara'))).toEqual(['am@x.fr']);
    expect(emails(await suggestAddresses(db, 'федор'))).toEqual(['f@x.ru']);
    expect(await suggestAddresses(db, 'етров')).toEqual([]);
    expect(await suggestAddresses(db, '   ')).toEqual([]);
  });

  it('leaves out excluded addresses and stops at the limit', async () => {
    await db.threadMailboxes.bulkAdd(Array.from({ length: 12 }, (_, n) => row('inbox', { senders: [{ name: `Kim ${n}`, email: `kim${n}@x.org` }] }, now - n * DAY)));
    expect(await suggestAddresses(db, 'kim')).toHaveLength(8);
    expect(emails(await suggestAddresses(db, 'kim', { limit: 3, exclude: ['KIM0@x.org', 'kim2@x.org'] }))).toEqual(['kim1@x.org', 'kim3@x.org', 'kim4@x.org']);
  });

  it('reads only the inbox and sent mailboxes of enabled accounts', async () => {
    await db.threadMailboxes.bulkAdd([
      row('archive', { senders: [{ name: 'Archived', email: 'archived@x.org' }], recipients: [{ name: 'Archived', email: 'archived@x.org' }] }, now),
      row('inbox', { recipients: [{ name: 'Cc Person', email: 'cc@x.org' }] }, now),
      row('sent', { senders: [{ name: 'Sent From', email: 'sentfrom@x.org' }] }, now),
      row('in2', { senders: [{ name: 'Second', email: 'second@y.org' }] }, now, { accountId: 'a2' }),
      row('in3', { senders: [{ name: 'Disabled', email: 'disabled@z.org' }] }, now, { accountId: 'off' }),
    ]);
    expect(emails(await suggestAddresses(db, 'archived'))).toEqual([]);
    expect(emails(await suggestAddresses(db, 'cc'))).toEqual([]);
    expect(emails(await suggestAddresses(db, 'sentfrom'))).toEqual([]);
    expect(emails(await suggestAddresses(db, 'second'))).toEqual(['second@y.org']);
    expect(emails(await suggestAddresses(db, 'disabled'))).toEqual([]);
  });

  it(`reads the newest ${ROWS_PER_MAILBOX} conversations of a mailbox, read and unread together`, async () => {
    const rows = Array.from({ length: ROWS_PER_MAILBOX }, (_, n) =>
      row('inbox', { senders: [{ name: 'Recent', email: `r${n}@x.org` }] }, now - n * 1000, { unread: n % 2 === 0 ? 1 : 0 }),
    );
    rows.push(row('inbox', { senders: [{ name: 'Too Old', email: 'old-unread@x.org' }] }, now - DAY, { unread: 1 }));
    rows.push(row('inbox', { senders: [{ name: 'Too Old', email: 'old-read@x.org' }] }, now - DAY));
    await db.threadMailboxes.bulkAdd(rows);
    expect(await suggestAddresses(db, 'too')).toEqual([]);
    expect(await suggestAddresses(db, 'r4999@')).toHaveLength(1);
  });

  it('reuses its list for 60 s unless asked for a fresh one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    await db.threadMailboxes.add(row('inbox', { senders: [{ name: 'First', email: 'first@x.org' }] }, now));
    expect(emails(await suggestAddresses(db, 'f'))).toEqual(['first@x.org']);
    await db.threadMailboxes.add(row('inbox', { senders: [{ name: 'Fresh', email: 'fresh@x.org' }] }, now));
    expect(emails(await suggestAddresses(db, 'f'))).toEqual(['first@x.org']);
    expect(emails(await suggestAddresses(db, 'f', { fresh: true }))).toEqual(['first@x.org', 'fresh@x.org']);
    await db.threadMailboxes.add(row('inbox', { senders: [{ name: 'Later', email: 'later@x.org' }] }, now));
    vi.setSystemTime(now + 59_000);
    expect(await suggestAddresses(db, 'later')).toEqual([]);
    vi.setSystemTime(now + 61_000);
    expect(emails(await suggestAddresses(db, 'later'))).toEqual(['later@x.org']);
  });
});
