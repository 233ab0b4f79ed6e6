/** The outbox against an in-process JMAP server: what is sent, and what happens on each outcome. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JmapClient } from '@/lib/jmap/client';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { destroyThreads } from '@/lib/store/destroy';
import { recordEmailPatch } from '@/lib/store/mutations';
import { changesToSend, flushMutations } from '@/lib/sync/outbox';
import { jsonBody, makeSession, sendJson, startFakeServer, type FakeServer } from '../../support/fake-jmap-server';
import { emailRow, seenEmail } from '../store/fixtures';

let server: FakeServer;
let db: MailDB;
let client: JmapClient;
type Request = { methodCalls: Array<[string, { update?: Record<string, Record<string, unknown>>; destroy?: string[] }, string]> };

beforeEach(async () => {
  server = await startFakeServer();
  db = new MailDB(`outbox-${crypto.randomUUID()}`);
  client = new JmapClient(makeSession(server.origin, { maxObjectsInSet: 2 }), { kind: 'bearer', token: 't' });
  await applyEmailChanges(db, 'a1', { created: ['m1', 'm2', 'm3'].map((id) => emailRow({ id, threadId: id })), updated: [], destroyed: [] });
});

afterEach(async () => {
  await server.close();
});

type Refusals = Record<string, { type: string; description?: string }>;

function answer(notUpdated: Refusals = {}, notDestroyed: Refusals = {}) {
  server.handle((req, res) => {
    const [[, args, callId]] = jsonBody<Request>(req).methodCalls;
    const updated = Object.fromEntries(Object.keys(args.update ?? {}).filter((id) => !notUpdated[id]).map((id) => [id, null]));
    const destroyed = (args.destroy ?? []).filter((id) => !notDestroyed[id]);
    sendJson(res, 200, { methodResponses: [['Email/set', { accountId: 'A1', newState: 's2', updated, notUpdated, destroyed, notDestroyed }, callId]], sessionState: '0' });
  });
}

describe('flushMutations', () => {
  it('sends each pending change once, in chunks of maxObjectsInSet, and on success stores the values the server now has', async () => {
    answer();
    await recordEmailPatch(db, 'a1', ['m1', 'm2', 'm3'], { 'keywords/$seen': true });
    const result = await flushMutations(db, client, 'a1');
    expect(result).toEqual({ sent: 3, failed: 0, deferred: 0 });
    const updates = server.requests.map((r) => jsonBody<Request>(r).methodCalls[0][1].update!);
    expect(updates).toHaveLength(2);
    expect(Object.assign({}, ...updates)).toEqual({ m1: { 'keywords/$seen': true }, m2: { 'keywords/$seen': true }, m3: { 'keywords/$seen': true } });
    expect(await db.pendingChanges.count()).toBe(0);
    expect((await db.emails.get(['a1', 'm3']))?.keywords).toEqual({ $seen: true });
    expect((await flushMutations(db, client, 'a1')).sent).toBe(0);
  });

  it('sends nothing for a change undone before it went (flag then unflag), and forgets both', async () => {
    answer();
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$flagged': true });
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$flagged': null });
    expect(await flushMutations(db, client, 'a1')).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(server.requests).toHaveLength(0);
    expect(await db.pendingChanges.count()).toBe(0);
  });

  it('rolls a refused change back and keeps the reason for the user', async () => {
    answer({ m1: { type: 'forbidden', description: 'read-only mailbox' } });
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$flagged': true });
    expect((await seenEmail(db, 'a1', 'm1'))?.keywords.$flagged).toBe(true);
    expect((await db.threadMailboxes.get(['a1', 'inbox', 'm1']))?.flagged).toBe(1);
    expect(await flushMutations(db, client, 'a1')).toMatchObject({ failed: 1 });
    expect((await seenEmail(db, 'a1', 'm1'))?.keywords.$flagged).toBeUndefined();
    expect((await db.threadMailboxes.get(['a1', 'inbox', 'm1']))?.flagged).toBe(0);
    expect(await db.pendingChanges.count()).toBe(0);
    expect(await db.pendingMutations.toArray()).toMatchObject([{ emailId: 'm1', status: 'failed', error: 'forbidden: read-only mailbox', patch: { 'keywords/$flagged': true }, base: { 'keywords/$flagged': null } }]);
  });

  it('destroys emails deleted forever, and puts one back when the server refuses', async () => {
    answer({}, { m2: { type: 'forbidden' } });
    await destroyThreads(db, 'a1', ['m1', 'm2'], 'inbox');
    expect(await db.emails.count()).toBe(1);
    expect(await flushMutations(db, client, 'a1')).toMatchObject({ sent: 1, failed: 1 });
    expect(jsonBody<Request>(server.requests[0]).methodCalls[0][1]).toMatchObject({ destroy: ['m1', 'm2'] });
    expect((await db.emails.toArray()).map((e) => e.id).sort()).toEqual(['m2', 'm3']);
    expect(await db.threadMailboxes.count()).toBe(2);
    expect(await db.pendingMutations.toArray()).toMatchObject([{ emailId: 'm2', status: 'failed', error: 'forbidden' }]);
  });

  it('drops the change of an email the server no longer has', async () => {
    answer({ m2: { type: 'notFound' } });
    await recordEmailPatch(db, 'a1', ['m2'], { 'keywords/$seen': true });
    await flushMutations(db, client, 'a1');
    expect(await db.pendingChanges.count()).toBe(0);
    expect(await db.pendingMutations.count()).toBe(0);
  });

  it('keeps what the user changed while the request was out, and settles the rest of the chunk at once', async () => {
    await applyEmailChanges(db, 'a1', { created: [emailRow({ id: 'm4', threadId: 'm4' })], updated: [], destroyed: [] });
    client = new JmapClient(makeSession(server.origin, { maxObjectsInSet: 3 }), { kind: 'bearer', token: 't' });
    await recordEmailPatch(db, 'a1', ['m1', 'm4'], { 'keywords/$flagged': true });
    await recordEmailPatch(db, 'a1', ['m2', 'm3'], { 'keywords/$seen': true });
    let first = true;
    server.handle(async (req, res) => {
      const [[, args, callId]] = jsonBody<Request>(req).methodCalls;
      if (first) {
        first = false;
        // Meanwhile the user tags m1, marks m2 unread again, and tags and unflags m4.
        await recordEmailPatch(db, 'a1', ['m1', 'm4'], { 'keywords/work': true });
        await recordEmailPatch(db, 'a1', ['m2'], { 'keywords/$seen': null });
        await recordEmailPatch(db, 'a1', ['m4'], { 'keywords/$flagged': null });
      }
      const ids = Object.keys(args.update ?? {});
      const notUpdated = ids.includes('m3') ? { m3: { type: 'notFound' } } : {};
      sendJson(res, 200, { methodResponses: [['Email/set', { accountId: 'A1', newState: 's2', updated: Object.fromEntries(ids.filter((id) => id !== 'm3').map((id) => [id, null])), notUpdated }, callId]], sessionState: '0' });
    });
    expect(await flushMutations(db, client, 'a1')).toEqual({ sent: 3, failed: 0, deferred: 0 });
    expect(server.requests).toHaveLength(2);
    // m4's flag was sent and then taken off while it was out: the unflag goes next time.
    expect(Object.fromEntries((await changesToSend(db, 'a1')).toSend)).toEqual({
      m1: { 'keywords/work': true },
      m2: { 'keywords/$seen': null },
      m4: { 'keywords/work': true, 'keywords/$flagged': null },
    });
    expect(await db.pendingChanges.count()).toBe(3);
    expect((await seenEmail(db, 'a1', 'm4'))?.keywords).toEqual({ work: true });
  });

  it('keeps changes and retries later with growing delays when the server is unreachable', async () => {
    await recordEmailPatch(db, 'a1', ['m1'], { 'keywords/$seen': true }, 1_000);
    await server.close();
    expect(await flushMutations(db, client, 'a1', 1_000)).toEqual({ sent: 0, failed: 0, deferred: 1 });
    const [first] = await db.pendingChanges.toArray();
    expect(first).toMatchObject({ attempts: 1, nextAttemptAt: 2_000 });
    expect((await flushMutations(db, client, 'a1', 1_500)).deferred).toBe(0); // not due yet
    await flushMutations(db, client, 'a1', 2_000);
    expect((await db.pendingChanges.toArray())[0]).toMatchObject({ attempts: 2, nextAttemptAt: 4_000 });
    expect((await seenEmail(db, 'a1', 'm1'))?.keywords.$seen).toBe(true);
    // A new action is due at once, and takes the earlier change with it.
    await recordEmailPatch(db, 'a1', ['m2'], { 'keywords/$seen': true }, 2_500);
    expect((await flushMutations(db, client, 'a1', 2_500)).deferred).toBe(2);
    server = await startFakeServer();
  });
});
