import { describe, expect, it } from 'vitest';
import type { EmailRow } from '@/lib/store/rows';
import { isTagKeyword, threadMailboxRows } from '@/lib/store/threads';
import { emailRow } from './fixtures';

describe('threadMailboxRows', () => {
  it('makes one row per mailbox the thread has mail in', () => {
    const rows = threadMailboxRows([
      emailRow({ threadId: 't', mailboxIds: { inbox: true } }),
      emailRow({ threadId: 't', mailboxIds: { sent: true } }),
      emailRow({ threadId: 't', mailboxIds: { inbox: true, tag: true } }),
    ]);
    expect(rows.map((r) => r.mailboxId).sort()).toEqual(['inbox', 'sent', 'tag']);
    expect(rows.every((r) => r.emailCount === 3)).toBe(true);
  });

  it('is unread in a mailbox only if an email in that mailbox lacks $seen', () => {
    const rows = threadMailboxRows([
      emailRow({ threadId: 't', mailboxIds: { inbox: true }, keywords: { $seen: true } }),
      emailRow({ threadId: 't', mailboxIds: { archive: true } }),
    ]);
    const byMailbox = Object.fromEntries(rows.map((r) => [r.mailboxId, r]));
    expect(byMailbox.inbox).toMatchObject({ unread: 0, unreadCount: 0 });
    expect(byMailbox.archive).toMatchObject({ unread: 1, unreadCount: 1 });
  });

  it("takes date and preview from the mailbox's newest email and the subject from the first", () => {
    const first = emailRow({ threadId: 't', subject: 'Plans', receivedAt: 1000 });
    const reply = emailRow({ threadId: 't', subject: 'Re: Plans', receivedAt: 3000, preview: 'Latest words' });
    const [row] = threadMailboxRows([reply, first]);
    expect(row).toMatchObject({ latestAt: 3000, preview: 'Latest words', subject: 'Plans', latestEmailId: reply.id });
  });

  it('lists each sender once, oldest first, ignoring address case', () => {
    const [row] = threadMailboxRows([
      emailRow({ threadId: 't', receivedAt: 1, from: [{ name: 'Ann', email: 'ann@x.org' }] }),
      emailRow({ threadId: 't', receivedAt: 2, from: [{ name: 'Bob', email: 'bob@x.org' }] }),
      emailRow({ threadId: 't', receivedAt: 3, from: [{ name: 'Ann', email: 'ANN@x.org' }] }),
    ]);
    expect(row.senders.map((s) => s.name)).toEqual(['Ann', 'Bob']);
  });

  it('flags the thread when any email is flagged or has an attachment', () => {
    const [row] = threadMailboxRows([emailRow({ threadId: 't', keywords: { $flagged: true } }), emailRow({ threadId: 't', hasAttachment: 1 })]);
    expect(row).toMatchObject({ flagged: 1, hasAttachment: 1 });
  });

  it('marks the thread in a mailbox when an email there carries an invitation', () => {
    const rows = threadMailboxRows([
      emailRow({ threadId: 't', mailboxIds: { inbox: true }, hasCalendar: 1 }),
      emailRow({ threadId: 't', mailboxIds: { sent: true } }),
    ]);
    expect(Object.fromEntries(rows.map((r) => [r.mailboxId, r.hasCalendar]))).toEqual({ inbox: 1, sent: 0 });
  });

  it('reads an email stored before the calendar flag existed as without one', () => {
    const { hasCalendar: _, ...before } = emailRow({ threadId: 't' });
    expect(threadMailboxRows([before as EmailRow])[0].hasCalendar).toBe(0);
  });

  it('makes no row for an email in no mailbox', () => {
    expect(threadMailboxRows([emailRow({ mailboxIds: {} })])).toEqual([]);
  });
});

describe('tags of a conversation', () => {
  it("are its keywords that are not system flags or server state ($hasattachment), and Thunderbird's $label1…", () => {
    expect(['work', 'проект', '$label1', '$Label3'].filter(isTagKeyword)).toEqual(['work', 'проект', '$label1', '$Label3']);
    expect(['$seen', '$flagged', '$hasattachment', '$junk', '$ismailinglist', '$mdnsent'].filter(isTagKeyword)).toEqual([]);
  });
});
