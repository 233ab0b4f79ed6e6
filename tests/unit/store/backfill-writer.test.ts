import { beforeEach, describe, expect, it } from 'vitest';
import { BackfillWriter } from '@/lib/store/backfill-writer';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { changeThreads } from '@/lib/store/mutations';
import type { ThreadMailboxRow } from '@/lib/store/rows';
import { threadMailboxRows } from '@/lib/store/threads';
import { emailRow, seenEmail, seenEmails } from './fixtures';

let db: MailDB;

beforeEach(() => {
  db = new MailDB(`backfill-${crypto.randomUUID()}`);
});

/** The thread rows as the invariant says they must be: derived from all stored emails, as the user sees them. */
async function expectedRows(): Promise<ThreadMailboxRow[]> {
  const emails = await seenEmails(db, 'a1');
  const threads = new Map<string, typeof emails>();
  for (const e of emails) threads.set(e.threadId, [...(threads.get(e.threadId) ?? []), e]);
  return [...threads.values()].flatMap(threadMailboxRows).sort((a, b) => a.threadId.localeCompare(b.threadId) || a.mailboxId.localeCompare(b.mailboxId));
}

async function storedRows(): Promise<ThreadMailboxRow[]> {
  return (await db.threadMailboxes.toArray()).sort((a, b) => a.threadId.localeCompare(b.threadId) || a.mailboxId.localeCompare(b.mailboxId));
}

describe('BackfillWriter', () => {
  it('keeps thread rows exact for threads spread over pages and over mail stored before the run', async () => {
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'first', threadId: 'T', receivedAt: 9_000 })], updated: [], destroyed: [] });
    const writer = await BackfillWriter.start(db, 'a1');
    await writer.writePage([emailRow({ id: 'p1a', threadId: 'T', receivedAt: 8_000, mailboxIds: { sent: true } }), emailRow({ id: 'p1b', threadId: 'U', receivedAt: 7_000 })], {});
    await writer.writePage([emailRow({ id: 'p2a', threadId: 'U', receivedAt: 6_000, keywords: { $flagged: true } }), emailRow({ id: 'p2b', threadId: 'V', receivedAt: 5_000 })], {});
    // A page that repeats an email already written (pages shift when new mail arrives).
    await writer.writePage([emailRow({ id: 'p2b', threadId: 'V', receivedAt: 5_000, keywords: { $seen: true } })], {});
    expect(await storedRows()).toEqual(await expectedRows());
    const t = (await db.threadMailboxes.toArray()).filter((r) => r.threadId === 'T');
    expect(t.map((r) => [r.mailboxId, r.emailCount])).toEqual([['inbox', 2], ['sent', 2]]);
  });

  it('sees a local change made while the run goes on', async () => {
    const writer = await BackfillWriter.start(db, 'a1');
    await writer.writePage([emailRow({ id: 'a', threadId: 'T', receivedAt: 3_000 })], {});
    await changeThreads(db, 'a1', ['T'], 'read');
    await writer.writePage([emailRow({ id: 'b', threadId: 'T', receivedAt: 2_000, keywords: { $seen: true } })], {});
    expect((await seenEmail(db, 'a1', 'a'))?.keywords.$seen).toBe(true);
    expect(await storedRows()).toEqual(await expectedRows());
    expect((await storedRows())[0]).toMatchObject({ unread: 0, emailCount: 2 });
  });
});
