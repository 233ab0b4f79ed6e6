import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { listMessages } from '@/lib/store/message-query';
import { emailRow } from './fixtures';

let db: MailDB;
const inbox = [{ accountId: 'a1', mailboxId: 'inbox' }];

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  // 300 conversations of 3 messages whose dates interleave: conversation n has messages at
  // n, n + 400 and n + 800 (so a conversation's oldest message is older than others' newest),
  // plus one in Sent only, which the inbox must not list.
  await applyEmailChanges(db, 'a1', {
    created: [
      ...Array.from({ length: 300 }, (_, n) =>
        [0, 400, 800].map((offset) =>
          emailRow({ id: `m${n}-${offset}`, threadId: `T${n}`, receivedAt: (n + offset) * 1000, keywords: offset === 400 ? {} : { $seen: true } }),
        ),
      ).flat(),
      emailRow({ id: 'sent', threadId: 'T0', receivedAt: 5_000_000, mailboxIds: { sent: true } }),
    ],
    updated: [],
    destroyed: [],
  });
});

describe('listMessages', () => {
  it('lists every message of the folder on its own row, newest first, across conversations', async () => {
    const { rows, complete } = await listMessages(db, inbox, {}, 'newest', 1000);
    expect(complete).toBe(true);
    expect(rows).toHaveLength(900);
    const dates = rows.map((r) => r.latestAt);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(rows.every((r) => r.emailId && r.emailCount === 1)).toBe(true);
    expect(rows.some((r) => r.emailId === 'sent')).toBe(false);
  });

  it('gives the newest messages first without reading everything, then more', async () => {
    const first = await listMessages(db, inbox, {}, 'newest', 10);
    expect(first.complete).toBe(false);
    expect(first.rows.map((r) => r.emailId)).toEqual(Array.from({ length: 10 }, (_, i) => `m${299 - i}-800`));
  });

  it('filters each message on its own (unread) and sorts oldest first', async () => {
    const { rows } = await listMessages(db, inbox, { unread: true }, 'oldest', 5);
    expect(rows.map((r) => r.emailId)).toEqual(['m0-400', 'm1-400', 'm2-400', 'm3-400', 'm4-400']);
  });
});
