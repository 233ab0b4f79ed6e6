import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { listThreads, type ListPosition, type ThreadFilter, type SortOrder } from '@/lib/store/thread-query';
import { emailRow } from './fixtures';

let db: MailDB;
const inbox = [{ accountId: 'a1', mailboxId: 'inbox' }];

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  // 30 conversations; three of each date share it, so pages end inside a run of equal dates.
  await applyEmailChanges(db, 'a1', {
    created: Array.from({ length: 30 }, (_, n) =>
      emailRow({
        id: `m${n}`,
        threadId: `T${n}`,
        receivedAt: Math.floor(n / 3) * 1000,
        keywords: { ...(n % 2 ? { $seen: true } : {}), ...(n % 5 === 0 ? { $flagged: true } : {}), ...(n === 7 ? { work: true } : {}) },
        from: [{ name: n === 4 ? 'Ирина Петрова' : `Sender ${n}`, email: `s${n}@example.com` }],
        to: [{ name: '', email: n === 9 ? 'boss@corp.example' : 'me@example.com' }],
        subject: n === 12 ? 'Quarterly report for Q3' : `Subject ${n}`,
        ...(n === 3 || n === 22 ? { hasAttachment: 1, hasCalendar: 1 } : n === 8 ? { hasAttachment: 1 } : {}),
      }),
    ),
    updated: [],
    destroyed: [],
  });
});

async function all(filter: ThreadFilter, order: SortOrder = 'newest', pageSize = 4): Promise<string[]> {
  const ids: string[] = [];
  let position: ListPosition | null = null;
  do {
    const page = await listThreads(db, inbox, filter, order, pageSize, position);
    ids.push(...page.rows.map((r) => r.threadId));
    position = page.next;
  } while (position);
  return ids;
}

describe('listThreads', () => {
  it('pages through every conversation once, newest first, across equal dates', async () => {
    const ids = await all({});
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(ids.slice(0, 3).sort()).toEqual(['T27', 'T28', 'T29']);
  });

  it('sorts oldest first', async () => {
    const ids = await all({}, 'oldest', 7);
    expect(new Set(ids).size).toBe(30);
    expect(ids.slice(0, 3).sort()).toEqual(['T0', 'T1', 'T2']);
  });

  it.each<[string, ThreadFilter, string[]]>([
    ['unread', { unread: true, until: 6000 }, ['T0', 'T2', 'T4', 'T6', 'T8', 'T10', 'T12', 'T14', 'T16']],
    ['read', { unread: false, since: 9000 }, ['T27', 'T29']],
    ['flagged', { flagged: true }, ['T0', 'T5', 'T10', 'T15', 'T20', 'T25']],
    ['a date range', { since: 3000, until: 4000 }, ['T9', 'T10', 'T11']],
    ['a sender, in any script and case', { from: 'ирина' }, ['T4']],
    ['a recipient', { to: 'boss@' }, ['T9']],
    ['a tag', { keyword: 'work' }, ['T7']],
    ['a calendar invitation', { withCalendar: true }, ['T3', 'T22']],
    ['an attachment', { withAttachment: true }, ['T3', 'T8', 'T22']],
    ['words of the subject', { text: 'report q3' }, ['T12']],
    ['combined filters', { flagged: true, unread: true, since: 3000 }, ['T10', 'T20']],
    ['flagged and read', { flagged: true, unread: false }, ['T5', 'T15', 'T25']],
  ])('filters by %s', async (_, filter, expected) => {
    expect((await all(filter, 'oldest', 2)).sort()).toEqual(expected.sort());
  });

  it('keeps a conversation in its place among those of the same date when it is marked read', async () => {
    const before = await all({}, 'newest', 30);
    const m28 = (await db.emails.get(['a1', 'm28']))!;
    await applyEmailChanges(db, 'a1', { created: [], updated: [{ ...m28, keywords: { $seen: true } }], destroyed: [] });
    expect(await all({}, 'newest', 30)).toEqual(before);
    expect(await all({}, 'newest', 4)).toEqual(before);
  });

  it('lists flagged conversations newest first, page by page, and follows a flag taken off', async () => {
    expect(await all({ flagged: true }, 'newest', 2)).toEqual(['T25', 'T20', 'T15', 'T10', 'T5', 'T0']);
    const m10 = (await db.emails.get(['a1', 'm10']))!;
    await applyEmailChanges(db, 'a1', { created: [], updated: [{ ...m10, keywords: {} }], destroyed: [] });
    expect(await all({ flagged: true }, 'newest', 2)).toEqual(['T25', 'T20', 'T15', 'T5', 'T0']);
  });
});
