import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges, setCalendarFlags, StateConflictError } from '@/lib/store/mail-writes';
import type { EmailRow, Flag } from '@/lib/store/rows';
import { inboxThreads, neighbourThreads, threadEmails, unreadInboxThreads, unreadThreadCount, unreadThreadsIn } from '@/lib/store/queries';
import { listThreads } from '@/lib/store/thread-query';
import { emailRow } from './fixtures';

let db: MailDB;
const inbox = { accountId: 'a1', id: 'inbox', name: 'Inbox', parentId: null, role: 'inbox', sortOrder: 0, totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, isSubscribed: true };

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  for (const id of ['a1', 'a2']) {
    await db.accounts.add({ id, name: id, email: `${id}@x.org`, color: '#000', sessionUrl: 'https://x.org', username: id, authKind: 'basic', createdAt: 0, disabled: 0 });
    await db.mailboxes.add({ ...inbox, accountId: id });
  }
});

describe('applying server changes', () => {
  it('keeps thread rows in step with created, updated and destroyed emails', async () => {
    const a = emailRow({ id: 'x', threadId: 't' });
    const b = emailRow({ id: 'y', threadId: 't' });
    await applyEmailChanges(db, 'a1', { created: [a, b], updated: [], destroyed: [] });
    expect((await listThreads(db, [{ accountId: 'a1', mailboxId: 'inbox' }], {}, 'newest', 10)).rows[0]).toMatchObject({ emailCount: 2, unreadCount: 2 });
    await applyEmailChanges(db, 'a1', { created: [], updated: [{ id: 'y', keywords: { $seen: true }, mailboxIds: { inbox: true } }], destroyed: ['x'] });
    expect((await listThreads(db, [{ accountId: 'a1', mailboxId: 'inbox' }], {}, 'newest', 10)).rows[0]).toMatchObject({ emailCount: 1, unreadCount: 0, unread: 0 });
    await applyEmailChanges(db, 'a1', { created: [], updated: [], destroyed: ['y'] });
    expect((await listThreads(db, [{ accountId: 'a1', mailboxId: 'inbox' }], {}, 'newest', 10)).rows).toEqual([]);
  });

  it('refuses deltas that do not start at the stored state', async () => {
    await applyEmailChanges(db, 'a1', { created: [], updated: [], destroyed: [], newState: 's2' });
    await expect(applyEmailChanges(db, 'a1', { created: [emailRow()], updated: [], destroyed: [], oldState: 's1', newState: 's3' })).rejects.toBeInstanceOf(StateConflictError);
    expect(await db.emails.count()).toBe(0);
  });
});

describe('queries', () => {
  it('list unread inbox threads of all accounts newest first, and count them', async () => {
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'old', receivedAt: 1000 }), emailRow({ id: 'read', receivedAt: 4000, keywords: { $seen: true } })], updated: [], destroyed: [] });
    await applyEmailChanges(db, 'a2', { created: [emailRow({ accountId: 'a2', id: 'new', receivedAt: 3000 })], updated: [], destroyed: [] });
    const threads = await unreadInboxThreads(db, 10);
    expect(threads.map((t) => t.latestEmailId)).toEqual(['new', 'old']);
    expect(await unreadThreadCount(db)).toBe(2);
    expect(await unreadInboxThreads(db, 1)).toHaveLength(1);
  });

  it('list all inbox threads of all accounts, read and unread, newest first and limited', async () => {
    await applyEmailChanges(db, 'a1', {
      created: [emailRow({ id: 'old', receivedAt: 1000 }), emailRow({ id: 'read', receivedAt: 4000, keywords: { $seen: true } }), emailRow({ id: 'archived', receivedAt: 5000, mailboxIds: { archive: true } })],
      updated: [],
      destroyed: [],
    });
    await applyEmailChanges(db, 'a2', { created: [emailRow({ accountId: 'a2', id: 'new', receivedAt: 3000 }), emailRow({ accountId: 'a2', id: 'seen', receivedAt: 2000, keywords: { $seen: true } })], updated: [], destroyed: [] });
    expect((await inboxThreads(db, 10)).map((t) => t.latestEmailId)).toEqual(['read', 'new', 'seen', 'old']);
    expect((await inboxThreads(db, 2)).map((t) => t.latestEmailId)).toEqual(['read', 'new']);
    await db.accounts.update('a2', { disabled: 1 });
    expect((await inboxThreads(db, 10)).map((t) => t.latestEmailId)).toEqual(['read', 'old']);
  });

  it("keep conversations of the same date in the mail tab's order, whichever are read", async () => {
    await applyEmailChanges(db, 'a1', {
      created: ['P', 'Q', 'R', 'S'].map((threadId, i) => emailRow({ id: threadId.toLowerCase(), threadId, receivedAt: 5_000, keywords: i % 2 ? { $seen: true } : {} })),
      updated: [],
      destroyed: [],
    });
    const listed = (await listThreads(db, [{ accountId: 'a1', mailboxId: 'inbox' }], {}, 'newest', 10)).rows.map((row) => row.threadId);
    expect(listed).toEqual(['S', 'R', 'Q', 'P']);
    expect((await inboxThreads(db, 10)).map((row) => row.threadId)).toEqual(listed);
    expect((await unreadInboxThreads(db, 10)).map((row) => row.threadId)).toEqual(['R', 'P']);
  });

  it('leave out disabled accounts', async () => {
    await applyEmailChanges(db, 'a2', { created: [emailRow({ accountId: 'a2' })], updated: [], destroyed: [] });
    await db.accounts.update('a2', { disabled: 1 });
    expect(await unreadThreadCount(db)).toBe(0);
  });

  it("page a mailbox's threads and count them", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => emailRow({ receivedAt: 10_000 + i, keywords: i % 2 ? { $seen: true } : {} }));
    await applyEmailChanges(db, 'a1', { created: rows, updated: [], destroyed: [] });
    const inInbox = [{ accountId: 'a1', mailboxId: 'inbox' }];
    const first = await listThreads(db, inInbox, {}, 'newest', 10);
    expect(first.rows.map((t) => t.latestAt)).toEqual(Array.from({ length: 10 }, (_, i) => 10_024 - i));
    const second = await listThreads(db, inInbox, {}, 'newest', 10, first.next);
    expect(second.rows.map((t) => t.latestAt)).toEqual(Array.from({ length: 10 }, (_, i) => 10_014 - i));
    const last = await listThreads(db, inInbox, {}, 'newest', 10, second.next);
    expect(last.rows).toHaveLength(5);
    expect(last.next).toBeNull();
    expect(await unreadThreadsIn(db, { ...inbox })).toBe(13);
  });

  it('return the emails of a thread oldest first', async () => {
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'b', threadId: 't', receivedAt: 2 }), emailRow({ id: 'a', threadId: 't', receivedAt: 1 })], updated: [], destroyed: [] });
    expect((await threadEmails(db, 'a1', 't')).map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('neighbourThreads', () => {
  it('finds the conversations above and below one in a mailbox, read or unread', async () => {
    await applyEmailChanges(db, 'a1', {
      created: [
        emailRow({ id: 'a', threadId: 'A', receivedAt: 1_000 }),
        emailRow({ id: 'b', threadId: 'B', receivedAt: 2_000, keywords: { $seen: true } }),
        emailRow({ id: 'c', threadId: 'C', receivedAt: 3_000 }),
      ],
      updated: [],
      destroyed: [],
    });
    const around = async (threadId: string) => {
      const { newer, older } = await neighbourThreads(db, 'a1', 'inbox', threadId);
      return [newer?.threadId ?? null, older?.threadId ?? null];
    };
    expect(await around('B')).toEqual(['C', 'A']);
    expect(await around('C')).toEqual([null, 'B']);
    expect(await around('A')).toEqual(['B', null]);
    expect(await around('missing')).toEqual([null, null]);
  });

  it('goes through conversations of the same date in the order the list shows them, read or unread', async () => {
    await applyEmailChanges(db, 'a1', {
      created: ['P', 'Q', 'R', 'S', 'T'].map((threadId, i) => emailRow({ id: threadId.toLowerCase(), threadId, receivedAt: 5_000, keywords: i % 2 ? { $seen: true } : {} })),
      updated: [],
      destroyed: [],
    });
    const listed = (await listThreads(db, [{ accountId: 'a1', mailboxId: 'inbox' }], {}, 'newest', 10)).rows.map((row) => row.threadId);
    const walk = async (direction: 'newer' | 'older', from: string) => {
      const seen = [from];
      // Bounded: a walk that went round in circles must fail, not hang.
      for (let at: string | undefined = from; at && seen.length <= listed.length; ) {
        at = (await neighbourThreads(db, 'a1', 'inbox', at))[direction]?.threadId;
        if (at) seen.push(at);
      }
      return seen;
    };
    expect(await walk('older', listed[0])).toEqual(listed);
    expect(await walk('newer', listed.at(-1)!)).toEqual([...listed].reverse());
  });
});

describe('the calendar flag recheck', () => {
  it('sets the flag on stored emails, rebuilds their thread rows, and keeps what changed meanwhile', async () => {
    const { hasCalendar: _, ...before } = emailRow({ id: 'inv', threadId: 't', hasAttachment: 1 });
    await applyEmailChanges(db, 'a1', { created: [before as EmailRow, emailRow({ id: 'other', threadId: 'u', hasAttachment: 1 })], updated: [], destroyed: [] });
    await applyEmailChanges(db, 'a1', { created: [], updated: [{ id: 'inv', keywords: { $seen: true }, mailboxIds: { inbox: true } }], destroyed: [] });
    await setCalendarFlags(db, 'a1', new Map<string, Flag>([['inv', 1], ['other', 0], ['gone', 1]]));
    expect(await db.emails.get(['a1', 'inv'])).toMatchObject({ hasCalendar: 1, keywords: { $seen: true } });
    const rows = (await listThreads(db, [{ accountId: 'a1', mailboxId: 'inbox' }], { withCalendar: true }, 'newest', 10)).rows;
    expect(rows.map((r) => r.threadId)).toEqual(['t']);
    expect(await db.emails.get(['a1', 'gone'])).toBeUndefined();
  });
});
