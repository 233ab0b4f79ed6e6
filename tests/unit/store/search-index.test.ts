import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { recordEmailPatch } from '@/lib/store/mutations';
import { SearchIndex } from '@/lib/store/search-index';
import { emailRow } from './fixtures';

let db: MailDB;
const inbox = [{ accountId: 'a1', mailboxId: 'inbox' }];

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  await applyEmailChanges(db, 'a1', {
    created: Array.from({ length: 50 }, (_, n) =>
      emailRow({ id: `m${n}`, threadId: `T${n}`, receivedAt: n * 1000, subject: n % 10 === 3 ? `Invoice ${n}` : `Note ${n}`, from: [{ name: n === 7 ? 'Ирина' : 'Bob', email: `p${n}@x.org` }] }),
    ),
    updated: [],
    destroyed: [],
  });
});

describe('SearchIndex', () => {
  it('finds conversations by words of the subject and people, newest or oldest first, a page at a time', async () => {
    const index = await SearchIndex.build(db, inbox);
    expect(index.size).toBe(50);
    const first = await index.list(db, { text: 'invoice' }, 'newest', 3);
    expect(first.rows.map((r) => r.threadId)).toEqual(['T43', 'T33', 'T23']);
    expect(first.more).toBe(true);
    expect((await index.list(db, { text: 'invoice' }, 'oldest', 10)).rows.map((r) => r.threadId)).toEqual(['T3', 'T13', 'T23', 'T33', 'T43']);
    expect((await index.list(db, { text: 'ирина' }, 'newest', 10)).rows.map((r) => r.threadId)).toEqual(['T7']);
  });

  it('applies the other filters to fresh rows (a change after the build counts)', async () => {
    const index = await SearchIndex.build(db, inbox);
    await recordEmailPatch(db, 'a1', ['m13', 'm33'], { 'keywords/$seen': true });
    const unread = await index.list(db, { text: 'invoice', unread: true }, 'newest', 10);
    expect(unread.rows.map((r) => r.threadId)).toEqual(['T43', 'T23', 'T3']);
    expect(unread.more).toBe(false);
  });
});

describe('SearchIndex for the From filter', () => {
  it('finds a sender through the same text, then checks the sender itself', async () => {
    const index = await SearchIndex.build(db, inbox);
    // "p7@" appears only as T7's sender address.
    expect((await index.list(db, { from: 'P7@' }, 'newest', 10)).rows.map((r) => r.threadId)).toEqual(['T7']);
  });
});
