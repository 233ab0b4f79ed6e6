import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { changesToSend } from '@/lib/sync/outbox';
import { removeKeywordLocally } from '@/lib/sync/remove-keyword';
import { parseRequest } from '@/lib/messages';
import { emailRow, seenEmails } from '../store/fixtures';

let db: MailDB;

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  for (const id of ['a1', 'a2']) {
    await db.accounts.add({ id, name: id, email: `${id}@x.org`, color: '#000', sessionUrl: 'https://x.org', username: id, authKind: 'basic', createdAt: 0, disabled: 0 });
  }
  await applyEmailChanges(db, 'a1', {
    created: [
      emailRow({ id: 'm1', threadId: 't1', keywords: { rabota: true, $seen: true } }),
      emailRow({ id: 'm2', threadId: 't1', keywords: {} }),
      emailRow({ id: 'm3', threadId: 't2', keywords: { rabota: true, other: true } }),
      emailRow({ id: 'm4', threadId: 't3', keywords: { other: true } }),
    ],
    updated: [],
    destroyed: [],
  });
  await applyEmailChanges(db, 'a2', { created: [emailRow({ accountId: 'a2', id: 'm1', threadId: 't1', keywords: { rabota: true } })], updated: [], destroyed: [] });
});

describe('removeKeywordLocally', () => {
  it('takes the keyword off every stored email of the account, keeps the rest, and queues the change', async () => {
    const changed = await removeKeywordLocally(db, 'a1', 'rabota');
    expect(changed.sort()).toEqual(['m1', 'm3']);
    const emails = await seenEmails(db, 'a1');
    expect(Object.fromEntries(emails.map((e) => [e.id, e.keywords]))).toEqual({ m1: { $seen: true }, m2: {}, m3: { other: true }, m4: { other: true } });
    const rows = await db.threadMailboxes.where('[accountId+mailboxId+threadId]').between(['a1', 'inbox', ''], ['a1', 'inbox', '\uffff']).toArray();
    expect(rows.flatMap((r) => r.keywords)).not.toContain('rabota');
    expect((await changesToSend(db, 'a1')).toSend).toEqual([
      ['m1', { 'keywords/rabota': null }],
      ['m3', { 'keywords/rabota': null }],
    ]);
  });

  it('leaves other accounts alone and does nothing when no email has the keyword', async () => {
    await removeKeywordLocally(db, 'a1', 'rabota');
    expect((await db.emails.get(['a2', 'm1']))?.keywords).toEqual({ rabota: true });
    expect(await removeKeywordLocally(db, 'a1', 'absent')).toEqual([]);
  });
});

describe('the removeKeyword request', () => {
  it('accepts a keyword and refuses what is not an IMAP atom', () => {
    expect(parseRequest({ type: 'removeKeyword', keyword: '$label1' })).toEqual({ type: 'removeKeyword', keyword: '$label1' });
    expect(parseRequest({ type: 'removeKeyword', keyword: 'two words' })).toBeNull();
    expect(parseRequest({ type: 'removeKeyword', keyword: '' })).toBeNull();
    expect(parseRequest({ type: 'removeKeyword' })).toBeNull();
  });
});
