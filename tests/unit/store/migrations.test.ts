import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { applyMigrations, CURRENT_VERSION, SCHEMA_VERSIONS } from '@/lib/store/migrations';
import { overlayPending } from '@/lib/store/pending';
import { emailRow } from './fixtures';

/** A database as an older version of the extension left it, open, with a fresh name. */
async function openedAt(version: number, prefix: string): Promise<{ name: string; old: Dexie }> {
  const name = `${prefix}${crypto.randomUUID()}`;
  const old = new Dexie(name);
  applyMigrations(old, version);
  await old.open();
  return { name, old };
}

describe('schema migrations', () => {
  it('number versions in increasing order ending at the current one', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(CURRENT_VERSION);
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))('upgrade a database created at version %i to the current one with its data', async (from) => {
    const { name, old } = await openedAt(from, `migrate-${from}-`);
    await old.table('accounts').add({ id: 'a1', email: 'a@x.org' });
    await old.table('emails').add(emailRow({ id: 'kept' }));
    old.close();

    const db = new MailDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.accounts.get('a1')).toMatchObject({ email: 'a@x.org' });
    expect(await db.emails.get(['a1', 'kept'])).toBeDefined();
    db.close();
  });

  it('v3 adds an empty new-mail mark table to a version 2 database, read and written by account', async () => {
    const { name, old } = await openedAt(2, 'migrate-v3-');
    expect(old.tables.map((t) => t.name)).not.toContain('newMailMarks');
    old.close();

    const db = new MailDB(name);
    await db.open();
    expect(await db.newMailMarks.count()).toBe(0);
    await db.newMailMarks.put({ accountId: 'a1', receivedAt: 5, emailIds: ['m1'] });
    expect(await db.newMailMarks.get('a1')).toEqual({ accountId: 'a1', receivedAt: 5, emailIds: ['m1'] });
    db.close();
  });

  it('v4 leaves stored emails as they were (no calendar flag: read as 0) and marks synced accounts for a recheck', async () => {
    const { name, old } = await openedAt(3, 'migrate-v4-');
    const { hasCalendar: _, ...before } = emailRow({ id: 'old', hasAttachment: 1 });
    await old.table('emails').add(before);
    await old.table('syncStatus').add({ accountId: 'a1', phase: 'idle', done: 1, total: 1, backfillPosition: -1, lastSyncAt: 1, error: null, push: 'polling' });
    old.close();

    const db = new MailDB(name);
    await db.open();
    expect(await db.emails.get(['a1', 'old'])).toEqual(before);
    expect(await db.syncStatus.get('a1')).toMatchObject({ phase: 'idle', calendarRecheck: true });
    db.close();
  });

  it('v5 indexes the stored thread rows of a version 4 database by flag, without rewriting them', async () => {
    const { name, old } = await openedAt(4, 'migrate-v5-');
    const row = (threadId: string, flagged: 0 | 1) => ({ accountId: 'a1', mailboxId: 'inbox', threadId, latestAt: 1, unread: 0, flagged, hasAttachment: 0, hasCalendar: 0, emailCount: 1, unreadCount: 0, subject: '', senders: [], recipients: [], keywords: [], preview: '', latestEmailId: threadId });
    await old.table('threadMailboxes').bulkAdd([row('T1', 1), row('T2', 0)]);
    old.close();

    const db = new MailDB(name);
    await db.open();
    const flagged = await db.threadMailboxes.where('[accountId+mailboxId+flagged+latestAt]').between(['a1', 'inbox', 1, Dexie.minKey], ['a1', 'inbox', 1, Dexie.maxKey]).toArray();
    expect(flagged).toEqual([row('T1', 1)]);
    db.close();
  });

  it('v6 puts emails with a pending patch back at their server values and moves the patches to one pending change per account', async () => {
    const { name, old } = await openedAt(5, 'migrate-v6-');
    // As v5 stored a flag not yet sent: the email carries it, the mutation its base.
    const flaggedHere = emailRow({ id: 'm1', keywords: { $seen: true, $flagged: true } });
    await old.table('emails').bulkAdd([flaggedHere, emailRow({ id: 'm2' }), emailRow({ accountId: 'a2', id: 'm3', keywords: {} })]);
    const mutation = (accountId: string, emailId: string, fields: object) => ({ accountId, emailId, createdAt: 1, attempts: 0, nextAttemptAt: 1, status: 'pending', error: null, ...fields });
    await old.table('pendingMutations').bulkAdd([
      mutation('a1', 'm1', { patch: { 'keywords/$flagged': true }, base: { 'keywords/$flagged': null } }),
      mutation('a1', 'm2', { patch: {}, base: {}, status: 'failed', error: 'forbidden' }),
      mutation('a1', 'gone', { patch: {}, base: {}, destroyed: emailRow({ id: 'gone' }) }),
      mutation('a2', 'm3', { patch: { 'keywords/$seen': true }, base: { 'keywords/$seen': null } }),
    ]);
    old.close();

    const db = new MailDB(name);
    await db.open();
    expect((await db.emails.get(['a1', 'm1']))?.keywords).toEqual({ $seen: true });
    expect((await overlayPending(db, 'a1', [(await db.emails.get(['a1', 'm1']))!]))[0]).toEqual(flaggedHere);
    expect((await db.pendingChanges.toArray()).map((c) => [c.accountId, c.patches])).toEqual([
      ['a1', { m1: { 'keywords/$flagged': true } }],
      ['a2', { m3: { 'keywords/$seen': true } }],
    ]);
    // A refused change and a destroy stay where they were.
    expect((await db.pendingMutations.toArray()).map((m) => m.emailId)).toEqual(['m2', 'gone']);
    db.close();
  });
});
