import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { changeThreads, recordEmailPatch, recordEmailPatches } from '@/lib/store/mutations';
import { pendingChanges } from '@/lib/store/pending';
import { unreadThreadCount } from '@/lib/store/queries';
import { changesToSend } from '@/lib/sync/outbox';
import { emailRow, seenEmail, seenEmails } from './fixtures';

/** What the outbox would send now, per email. */
const toSend = async () => Object.fromEntries((await changesToSend(db, 'a1')).toSend);

let db: MailDB;

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  await db.accounts.add({ id: 'a1', name: 'A', email: 'a@x.org', color: '#000', sessionUrl: 'https://x.org', username: 'a', authKind: 'basic', createdAt: 0, disabled: 0 });
  await db.mailboxes.add({ accountId: 'a1', id: 'inbox', name: 'Inbox', parentId: null, role: 'inbox', sortOrder: 0, totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, isSubscribed: true });
});

describe('local changes', () => {
  it('show at once, keep the stored email at the server value, and queue one change per action', async () => {
    const e = emailRow({ id: 'm1', threadId: 't1' });
    await applyEmailChanges(db, 'a1', { created: [e], updated: [], destroyed: [] });
    expect(await unreadThreadCount(db)).toBe(1);
    await changeThreads(db, 'a1', ['t1'], 'read');
    expect(await unreadThreadCount(db)).toBe(0);
    expect((await seenEmail(db, 'a1', 'm1'))?.keywords).toEqual({ $seen: true });
    expect((await db.emails.get(['a1', 'm1']))?.keywords).toEqual({});
    expect(await pendingChanges(db, 'a1')).toMatchObject([{ patches: { m1: { 'keywords/$seen': true } } }]);
    expect(await toSend()).toEqual({ m1: { 'keywords/$seen': true } });
  });

  it('cancel out when a change is undone before it is sent (flag then unflag sends nothing)', async () => {
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'm1' })], updated: [], destroyed: [] });
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$flagged': true });
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$flagged': null });
    expect(await toSend()).toEqual({});
    expect((await seenEmail(db, 'a1', 'm1'))?.keywords).toEqual({});
  });

  it('coalesce several changes of one email into one patch', async () => {
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'm1' })], updated: [], destroyed: [] });
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$flagged': true });
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$seen': true });
    expect(await toSend()).toEqual({ m1: { 'keywords/$flagged': true, 'keywords/$seen': true } });
  });

  it('stay visible when older server data for the email arrives (overlay)', async () => {
    const e = emailRow({ id: 'm1', threadId: 't1' });
    await applyEmailChanges(db, 'a1', { created: [e], updated: [], destroyed: [] });
    await changeThreads(db, 'a1', ['t1'], 'read');
    // A delta computed before the server saw our change still says "unread".
    await applyEmailChanges(db, 'a1', { created: [], updated: [{ id: 'm1', keywords: {}, mailboxIds: { inbox: true } }], destroyed: [] });
    expect((await seenEmail(db, 'a1', 'm1'))?.keywords.$seen).toBe(true);
    expect(await unreadThreadCount(db)).toBe(0);
  });

  it('are not recorded for emails that already have the value', async () => {
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'm1', keywords: { $seen: true } })], updated: [], destroyed: [] });
    expect(await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$seen': true })).toBe(0);
    expect(await pendingChanges(db, 'a1')).toEqual([]);
  });

});

describe('changeThreads', () => {
  beforeEach(async () => {
    await applyEmailChanges(db, 'a1', {
      created: [
        emailRow({ id: 'old', threadId: 'T', receivedAt: 1_000, keywords: { $seen: true, $flagged: true } }),
        emailRow({ id: 'new', threadId: 'T', receivedAt: 2_000, keywords: { $seen: true } }),
      ],
      updated: [],
      destroyed: [],
    });
  });
  const keywords = async () => Object.fromEntries((await seenEmails(db, 'a1')).map((e) => [e.id, e.keywords]));

  it('marks the newest email unread and flags the newest email', async () => {
    await changeThreads(db, 'a1', ['T'], 'unread');
    await changeThreads(db, 'a1', ['T'], 'flag');
    expect(await keywords()).toEqual({ old: { $seen: true, $flagged: true }, new: { $flagged: true } });
    expect(await unreadThreadCount(db)).toBe(1);
  });

  it('unflags every email of the thread', async () => {
    await changeThreads(db, 'a1', ['T'], 'unflag');
    expect(await keywords()).toEqual({ old: { $seen: true }, new: { $seen: true } });
    expect((await db.threadMailboxes.toArray())[0].flagged).toBe(0);
  });
});

describe('moving a conversation', () => {
  beforeEach(async () => {
    for (const [id, role] of [['trash', 'trash'], ['junk', 'junk'], ['archive', 'archive'], ['sent', 'sent']]) {
      await db.mailboxes.add({ accountId: 'a1', id, name: id, parentId: null, role, sortOrder: 0, totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, isSubscribed: true });
    }
    await applyEmailChanges(db, 'a1', {
      created: [
        emailRow({ id: 'in1', threadId: 'T', receivedAt: 1_000, mailboxIds: { inbox: true } }),
        emailRow({ id: 'mine', threadId: 'T', receivedAt: 2_000, mailboxIds: { sent: true }, keywords: { $seen: true } }),
      ],
      updated: [],
      destroyed: [],
    });
  });
  const placeOf = async (id: string) => (await seenEmail(db, 'a1', id))!.mailboxIds;

  it('archives only what is in the mailbox shown, and undoes exactly', async () => {
    const undo = await changeThreads(db, 'a1', ['T'], 'archive', 'inbox');
    expect(await placeOf('in1')).toEqual({ archive: true });
    expect(await placeOf('mine')).toEqual({ sent: true });
    expect(undo).toEqual({ in1: { 'mailboxIds/inbox': true, 'mailboxIds/archive': null } });
    await recordEmailPatches(db, 'a1', undo);
    expect(await placeOf('in1')).toEqual({ inbox: true });
    // Undone before it was sent: nothing is left to send.
    expect(await toSend()).toEqual({});
  });

  it("moves the conversation's messages in the mailbox shown to Trash, not the user's sent copy", async () => {
    await changeThreads(db, 'a1', ['T'], 'trash', 'inbox');
    expect(await placeOf('in1')).toEqual({ trash: true });
    expect(await placeOf('mine')).toEqual({ sent: true });
    expect(await unreadThreadCount(db)).toBe(0);
  });

  it('marks as spam with $junk, and back with $notjunk', async () => {
    await changeThreads(db, 'a1', ['T'], 'junk', 'inbox');
    expect(await seenEmail(db, 'a1', 'in1')).toMatchObject({ mailboxIds: { junk: true }, keywords: { $junk: true } });
    await changeThreads(db, 'a1', ['T'], 'inbox', 'junk');
    expect(await seenEmail(db, 'a1', 'in1')).toMatchObject({ mailboxIds: { inbox: true }, keywords: { $notjunk: true } });
  });
});

describe('bulk changes', () => {
  beforeEach(async () => {
    await db.mailboxes.add({ accountId: 'a1', id: 'projects', name: 'Projects', parentId: null, role: null, sortOrder: 0, totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, isSubscribed: true });
    await applyEmailChanges(db, 'a1', {
      created: [1, 2, 3].flatMap((n) => [
        emailRow({ id: `t${n}a`, threadId: `T${n}`, receivedAt: n * 1000, mailboxIds: { inbox: true } }),
        emailRow({ id: `t${n}b`, threadId: `T${n}`, receivedAt: n * 1000 + 1, mailboxIds: { inbox: true } }),
      ]),
      updated: [],
      destroyed: [],
    });
  });

  it('move several conversations to a folder in one change, and undo it', async () => {
    const undo = await changeThreads(db, 'a1', ['T1', 'T3'], { moveTo: 'projects' }, 'inbox');
    const where = async () => Object.fromEntries((await db.threadMailboxes.toArray()).map((r) => [r.threadId, r.mailboxId]));
    expect(await where()).toEqual({ T1: 'projects', T2: 'inbox', T3: 'projects' });
    expect(Object.keys(undo).sort()).toEqual(['t1a', 't1b', 't3a', 't3b']);
    await recordEmailPatches(db, 'a1', undo);
    expect(await where()).toEqual({ T1: 'inbox', T2: 'inbox', T3: 'inbox' });
    expect(await toSend()).toEqual({});
  });

  it('tag every email of the conversations with a keyword, and untag them', async () => {
    await changeThreads(db, 'a1', ['T1', 'T2'], { keyword: 'work/urgent', on: true });
    const tagged = (await seenEmails(db, 'a1')).filter((e) => e.keywords['work/urgent']).map((e) => e.id);
    expect(tagged.sort()).toEqual(['t1a', 't1b', 't2a', 't2b']);
    // The slash is escaped in the patch path sent to the server (RFC 6901).
    expect((await toSend()).t1a).toEqual({ 'keywords/work~1urgent': true });
    await changeThreads(db, 'a1', ['T1', 'T2'], { keyword: 'work/urgent', on: false });
    expect(await toSend()).toEqual({});
  });
});

describe('changes to single messages (the list does not group conversations)', () => {
  it('touch only the messages named, not the rest of their conversation', async () => {
    await applyEmailChanges(db, 'a1', {
      created: [emailRow({ id: 'a', threadId: 'T', receivedAt: 1 }), emailRow({ id: 'b', threadId: 'T', receivedAt: 2 })],
      updated: [],
      destroyed: [],
    });
    await changeThreads(db, 'a1', ['T'], 'read', undefined, ['a']);
    await changeThreads(db, 'a1', ['T'], 'flag', undefined, ['a']);
    const keywords = Object.fromEntries((await seenEmails(db, 'a1')).map((e) => [e.id, e.keywords]));
    expect(keywords).toEqual({ a: { $seen: true, $flagged: true }, b: {} });
  });
});
