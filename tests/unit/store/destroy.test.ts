import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { destroyThreads, emptyMailbox } from '@/lib/store/destroy';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { recordEmailPatch } from '@/lib/store/mutations';
import { changesToSend } from '@/lib/sync/outbox';
import { emailRow, seenEmail } from './fixtures';

let db: MailDB;

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  await applyEmailChanges(db, 'a1', {
    created: [
      emailRow({ id: 'only-trash', threadId: 'T1', receivedAt: 1, mailboxIds: { trash: true } }),
      emailRow({ id: 'also-sent', threadId: 'T1', receivedAt: 2, mailboxIds: { trash: true, sent: true } }),
      emailRow({ id: 'inbox', threadId: 'T1', receivedAt: 3, mailboxIds: { inbox: true } }),
      emailRow({ id: 'other', threadId: 'T2', receivedAt: 4, mailboxIds: { trash: true } }),
    ],
    updated: [],
    destroyed: [],
  });
});

const stored = async () => (await db.emails.toArray()).map((e) => e.id).sort();

describe('deleting forever', () => {
  it("removes the conversation's emails in that mailbox at once; a copy in another mailbox only leaves it", async () => {
    await recordEmailPatch(db, 'a1', ['only-trash'], { 'keywords/$seen': true });
    expect(await destroyThreads(db, 'a1', ['T1'], 'trash')).toBe(1);
    expect(await stored()).toEqual(['also-sent', 'inbox', 'other']);
    expect((await seenEmail(db, 'a1', 'also-sent'))!.mailboxIds).toEqual({ sent: true });
    expect((await db.threadMailboxes.toArray()).map((r) => `${r.mailboxId}/${r.threadId}`).sort()).toEqual(['inbox/T1', 'sent/T1', 'trash/T2']);
    // One destroy for the email (its earlier pending change no longer sent) and a patch for the copy.
    expect((await db.pendingMutations.toArray()).map((p) => [p.emailId, !!p.destroyed])).toEqual([['only-trash', true]]);
    expect((await changesToSend(db, 'a1')).toSend).toEqual([['also-sent', { 'mailboxIds/trash': null }]]);
  });

  it('is not undone by a sync that still lists the email', async () => {
    await destroyThreads(db, 'a1', ['T2'], 'trash');
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'other', threadId: 'T2', receivedAt: 4, mailboxIds: { trash: true } })], updated: [], destroyed: [] });
    expect(await stored()).not.toContain('other');
  });

  it('empties a mailbox: every conversation in it', async () => {
    expect(await emptyMailbox(db, 'a1', 'trash')).toBe(2);
    expect(await stored()).toEqual(['also-sent', 'inbox']);
    expect(await db.threadMailboxes.where('[accountId+mailboxId+threadId]').between(['a1', 'trash', ''], ['a1', 'trash', '\uffff']).count()).toBe(0);
  });
});
