/**
 * The sync engine against the real Cyrus server: what happens on the server (new, changed, moved,
 * deleted mail) reaches the local store; cannotCalculateChanges resyncs without losing pending
 * local changes; pages smaller than the mailbox (maxObjectsInGet) still fetch everything.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '@/lib/accounts/add-account';
import { ClientPool } from '@/lib/accounts/clients';
import { JmapClient } from '@/lib/jmap/client';
import { CORE } from '@/lib/jmap/types';
import { MailDB } from '@/lib/store/db';
import { getSyncState, setSyncState } from '@/lib/store/mail-writes';
import { changeThreads, recordEmailPatch } from '@/lib/store/mutations';
import { overlayPending } from '@/lib/store/pending';
import { unreadThreadCount } from '@/lib/store/queries';
import { listThreads } from '@/lib/store/thread-query';
import { syncAccount, type SyncDeps } from '@/lib/sync/engine';
import { getStatus } from '@/lib/sync/status';
import { freshUser, message, ServerAccount, SESSION_URL, type TestUser } from '../support/test-server';

interface Harness {
  db: MailDB;
  deps: SyncDeps;
  accountId: string;
  server: ServerAccount;
}

async function harness(user: TestUser, limits: Partial<Record<'maxObjectsInGet' | 'maxCallsInRequest', number>> = {}): Promise<Harness> {
  const db = new MailDB(`it-${crypto.randomUUID()}`);
  const { account } = await addAccount(db, { email: user.email, secret: user.password, sessionUrl: SESSION_URL });
  const pool = new ClientPool({ db });
  const deps: SyncDeps = {
    db,
    clientFor: async (id) => {
      const client = await pool.clientFor(id);
      if (!Object.keys(limits).length) return client;
      // Same server, smaller limits than it advertises: forces many pages and requests.
      const core = { ...(client.session.capabilities[CORE] as object), ...limits };
      const session = { ...client.session, capabilities: { ...client.session.capabilities, [CORE]: core } };
      return new JmapClient(session, { kind: 'basic', username: user.email, password: user.password });
    },
  };
  return { db, deps, accountId: account.id, server: await ServerAccount.open(user) };
}

/** Threads of 1–3 messages in the inbox, some read; plus a few in the archive. */
async function seed(server: ServerAccount, threads: number): Promise<void> {
  const base = Date.now() - threads * 60_000;
  for (let i = 0; i < threads; i++) {
    const first = message({ to: server.user.email, subject: `Topic ${i}`, date: new Date(base + i * 60_000) });
    await server.importMessage(first.raw, i % 7 === 6 ? 'archive' : 'inbox', i % 3 === 0 ? { $seen: true } : {}, new Date(base + i * 60_000));
    for (let r = 1; r <= i % 3; r++) {
      const reply = message({ to: server.user.email, subject: `Re: Topic ${i}`, replyTo: first.messageId, date: new Date(base + i * 60_000 + r * 1000) });
      await server.importMessage(reply.raw, 'inbox', {}, new Date(base + i * 60_000 + r * 1000));
    }
  }
}

async function storedEmailIds(h: Harness): Promise<string[]> {
  return (await h.db.emails.toArray()).filter((e) => e.accountId === h.accountId).map((e) => e.id).sort();
}

describe('initial sync', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(await freshUser('init'));
    await seed(h.server, 14);
    await syncAccount(h.deps, h.accountId);
  });

  it('stores every email of the account', async () => {
    expect(await storedEmailIds(h)).toEqual((await h.server.emailIds()).sort());
  });

  it("counts unread inbox threads exactly as the server's Mailbox.unreadThreads", async () => {
    const serverCount = await h.server.inboxUnreadThreads();
    expect(serverCount).toBeGreaterThan(0);
    expect(await unreadThreadCount(h.db)).toBe(serverCount);
  });

  it('groups replies into their thread, newest thread first', async () => {
    const inbox = (await h.db.mailboxes.where('[accountId+role]').equals([h.accountId, 'inbox']).first())!;
    const threads = (await listThreads(h.db, [{ accountId: h.accountId, mailboxId: inbox.id }], {}, 'newest', 100)).rows;
    expect(threads[0].subject).toBe('Topic 13');
    expect(threads.find((t) => t.subject === 'Topic 2')?.emailCount).toBe(3);
    expect(threads.every((t, i) => i === 0 || threads[i - 1].latestAt >= t.latestAt)).toBe(true);
  });

  it('reports the first sync as complete', async () => {
    const status = await getStatus(h.db, h.accountId);
    expect(status).toMatchObject({ phase: 'idle', backfillPosition: -1, error: null });
    expect(status.done).toBe(status.total);
    expect(status.lastSyncAt).toBeTypeOf('number');
  });
});

describe('pages smaller than the mailbox', () => {
  it('fetches everything with maxObjectsInGet 7 and maxCallsInRequest 4', async () => {
    const h = await harness(await freshUser('pages'), { maxObjectsInGet: 7, maxCallsInRequest: 4 });
    await seed(h.server, 20);
    await syncAccount(h.deps, h.accountId);
    const serverIds = await h.server.emailIds();
    expect(serverIds.length).toBeGreaterThan(7 * 4);
    expect(await storedEmailIds(h)).toEqual(serverIds.sort());
    expect(await unreadThreadCount(h.db)).toBe(await h.server.inboxUnreadThreads());
  });
});

describe('delta sync', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(await freshUser('delta'));
    await seed(h.server, 5);
    await syncAccount(h.deps, h.accountId);
  });

  it('brings in mail created on the server', async () => {
    const id = await h.server.importMessage(message({ to: h.server.user.email, subject: 'Brand new' }).raw);
    await syncAccount(h.deps, h.accountId);
    expect((await h.db.emails.get([h.accountId, id]))?.subject).toBe('Brand new');
    expect(await unreadThreadCount(h.db)).toBe(await h.server.inboxUnreadThreads());
  });

  it('applies keyword changes made by another client', async () => {
    const [id] = await h.server.emailIds();
    await h.server.setEmail({ [id]: { 'keywords/$flagged': true, 'keywords/$seen': true } });
    await syncAccount(h.deps, h.accountId);
    expect((await h.db.emails.get([h.accountId, id]))?.keywords).toMatchObject({ $flagged: true, $seen: true });
    expect(await unreadThreadCount(h.db)).toBe(await h.server.inboxUnreadThreads());
  });

  it('moves threads between mailboxes', async () => {
    const id = await h.server.importMessage(message({ to: h.server.user.email, subject: 'To be archived' }).raw);
    await syncAccount(h.deps, h.accountId);
    const [inbox, archive] = [await h.server.mailboxId('inbox'), await h.server.mailboxId('archive')];
    await h.server.setEmail({ [id]: { [`mailboxIds/${inbox}`]: null, [`mailboxIds/${archive}`]: true } });
    await syncAccount(h.deps, h.accountId);
    const email = (await h.db.emails.get([h.accountId, id]))!;
    expect(email.mailboxIds).toEqual({ [archive]: true });
    const inArchive = (await listThreads(h.db, [{ accountId: h.accountId, mailboxId: archive }], {}, 'newest', 100)).rows;
    const inInbox = (await listThreads(h.db, [{ accountId: h.accountId, mailboxId: inbox }], {}, 'newest', 100)).rows;
    expect(inArchive.some((t) => t.threadId === email.threadId)).toBe(true);
    expect(inInbox.some((t) => t.threadId === email.threadId)).toBe(false);
  });

  it('removes mail destroyed on the server', async () => {
    const id = await h.server.importMessage(message({ to: h.server.user.email, subject: 'Short-lived' }).raw);
    await syncAccount(h.deps, h.accountId);
    expect(await h.db.emails.get([h.accountId, id])).toBeDefined();
    await h.server.setEmail({}, [id]);
    await syncAccount(h.deps, h.accountId);
    expect(await h.db.emails.get([h.accountId, id])).toBeUndefined();
    expect(await storedEmailIds(h)).toEqual((await h.server.emailIds()).sort());
  });

  it('sends local changes to the server (mark a thread read)', async () => {
    const id = await h.server.importMessage(message({ to: h.server.user.email, subject: 'Read me' }).raw);
    await syncAccount(h.deps, h.accountId);
    const threadId = (await h.db.emails.get([h.accountId, id]))!.threadId;
    await changeThreads(h.db, h.accountId, [threadId], 'read');
    await syncAccount(h.deps, h.accountId);
    expect((await h.server.email(id))?.keywords.$seen).toBe(true);
    expect(await h.db.pendingChanges.count()).toBe(0);
    expect((await h.db.emails.get([h.accountId, id]))?.keywords.$seen).toBe(true);
    expect(await unreadThreadCount(h.db)).toBe(await h.server.inboxUnreadThreads());
  });
});

describe('cannotCalculateChanges', () => {
  it('resyncs to the server state and keeps a pending local change', async () => {
    const h = await harness(await freshUser('ccc'));
    await seed(h.server, 6);
    await syncAccount(h.deps, h.accountId);
    const ids = await h.server.emailIds();
    // Meanwhile on the server: one new, one deleted, one flagged.
    const created = await h.server.importMessage(message({ to: h.server.user.email, subject: 'Arrived during the gap' }).raw);
    await h.server.setEmail({ [ids[1]]: { 'keywords/$flagged': true } }, [ids[0]]);
    // A local change not yet sent (not due), and a state the server cannot compute changes from.
    await recordEmailPatch(h.db, h.accountId, [ids[2]], { 'keywords/$answered': true });
    await h.db.pendingChanges.toCollection().modify({ nextAttemptAt: Date.now() + 3_600_000 });
    await setSyncState(h.db, h.accountId, 'Email', 'not-a-state');

    await syncAccount(h.deps, h.accountId);

    expect(await getSyncState(h.db, h.accountId, 'Email')).not.toBe('not-a-state');
    expect(await storedEmailIds(h)).toEqual((await h.server.emailIds()).sort());
    expect(await h.db.emails.get([h.accountId, created])).toBeDefined();
    expect((await h.db.emails.get([h.accountId, ids[1]]))?.keywords.$flagged).toBe(true);
    const answered = (await h.db.emails.get([h.accountId, ids[2]]))!;
    expect(answered.keywords.$answered).toBeUndefined(); // the server's value, with the change still pending over it
    expect((await overlayPending(h.db, h.accountId, [answered]))[0].keywords.$answered).toBe(true);
    expect(await h.db.pendingChanges.count()).toBe(1);
  });
});

describe('a worker stopped in the middle of the first sync', () => {
  it('resumes the backfill from the stored position', async () => {
    const h = await harness(await freshUser('resume'), { maxObjectsInGet: 5 });
    await seed(h.server, 12);
    const { firstPage, backfill } = await import('@/lib/sync/initial');
    const client = await h.deps.clientFor(h.accountId);
    await firstPage(h.db, client, h.accountId);
    const complete = await backfill(h.db, client, h.accountId, () => true);
    expect(complete).toBe(false);
    const position = (await getStatus(h.db, h.accountId)).backfillPosition;
    expect(position).toBeGreaterThan(0);
    // A new worker: the engine goes on from the stored state.
    await syncAccount(h.deps, h.accountId);
    expect(await storedEmailIds(h)).toEqual((await h.server.emailIds()).sort());
    expect((await getStatus(h.db, h.accountId)).backfillPosition).toBe(-1);
  });
});
