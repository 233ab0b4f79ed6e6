/**
 * Drafts and sending against the real server, with delivery to other test users. What arrives is
 * read raw over JMAP and parsed by Python's email package, not by our code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { JmapClient } from '@/lib/jmap/client';
import { fetchSession } from '@/lib/jmap/session';
import { MailDB } from '@/lib/store/db';
import { addDraftFile, createDraft, discardDraft, queueSend, unqueueSend, updateDraft, type NewDraft } from '@/lib/store/drafts';
import { flushDrafts } from '@/lib/sync/draft-outbox';
import { syncMailboxesFully } from '@/lib/sync/initial';
import { UNCONFIRMED_SEND } from '@/lib/sync/send';
import { freshUser, parseWithPython, ServerAccount, SESSION_URL, type TestUser } from '../support/test-server';

const ACCOUNT = 'a1';
const anyAddress = () => true;

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let aliceServer: ServerAccount;
let db: MailDB;
let session: Awaited<ReturnType<typeof fetchSession>>;

/** A client whose fetch can be made to fail around one JMAP method, as a network would. */
function clientWith(fault: { method: string; when: 'before' | 'after' } | null = null): JmapClient {
  const auth = { kind: 'basic' as const, username: alice.email, password: alice.password };
  let armed = !!fault;
  const faulty: typeof fetch = async (input, init) => {
    const body = init?.body instanceof Uint8Array ? new TextDecoder().decode(init.body) : '';
    if (armed && fault && body.includes(`"${fault.method}"`)) {
      armed = false;
      if (fault.when === 'before') throw new TypeError('Failed to fetch');
      await fetch(input, init); // the server does it; the answer is lost
      throw new TypeError('network connection lost');
    }
    return fetch(input, init);
  };
  return new JmapClient(session, auth, { fetch: faulty });
}

function draftTo(to: TestUser[], fields: Partial<NewDraft> = {}): NewDraft {
  return {
    accountId: ACCOUNT,
    identityId: null,
    from: { name: 'Алиса Тестова', email: alice.email },
    to: to.map((u) => ({ name: '', email: u.email })),
    cc: [],
    bcc: [],
    subject: 'Hello',
    html: '<p>Hello</p>',
    text: 'Hello',
    quote: null,
    keywords: [],
    messageId: `${crypto.randomUUID()}@example.com`,
    ...fields,
  };
}

async function waitForInbox(user: TestUser, count: number): Promise<string[]> {
  const server = await ServerAccount.open(user);
  for (let i = 0; i < 50; i++) {
    const raw = await server.rawMessages('inbox');
    if (raw.length >= count) return raw;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${user.email} did not receive ${count} messages`);
}

beforeAll(async () => {
  [alice, bob, carol] = await Promise.all([freshUser('alice'), freshUser('bob'), freshUser('carol')]);
  aliceServer = await ServerAccount.open(alice);
  session = await fetchSession(SESSION_URL, { kind: 'basic', username: alice.email, password: alice.password });
  db = new MailDB(`send-${crypto.randomUUID()}`);
  await syncMailboxesFully(db, clientWith(), ACCOUNT);
});

describe('drafts on the server', () => {
  it('saves a draft once the user pauses, and each later save replaces it', async () => {
    const draft = await createDraft(db, draftTo([bob], { subject: 'Plans v1' }), 1_000);
    expect((await flushDrafts(db, clientWith(), ACCOUNT, 1_500)).saved).toBe(0); // still typing
    expect((await flushDrafts(db, clientWith(), ACCOUNT, 3_500)).saved).toBe(1);
    const drafts = await aliceServer.mailboxId('drafts');
    expect(await aliceServer.idsWithSubject(drafts, 'Plans v1')).toHaveLength(1);

    await updateDraft(db, draft.id, { subject: 'Plans v2' }, 4_000);
    await flushDrafts(db, clientWith(), ACCOUNT, 7_000);
    expect(await aliceServer.idsWithSubject(drafts, 'Plans v1')).toEqual([]);
    const [id] = await aliceServer.idsWithSubject(drafts, 'Plans v2');
    expect((await aliceServer.email(id))?.keywords).toMatchObject({ $draft: true });
    expect(await db.drafts.get(draft.id)).toMatchObject({ serverEmailId: id, savedVersion: 2 });
  });

  it('a save whose answer was lost leaves no second copy once the next save succeeds', async () => {
    const draft = await createDraft(db, draftTo([bob], { subject: 'Lost save' }), 1_000);
    await flushDrafts(db, clientWith({ method: 'Email/set', when: 'after' }), ACCOUNT, 5_000);
    const drafts = await aliceServer.mailboxId('drafts');
    expect(await aliceServer.idsWithSubject(drafts, 'Lost save')).toHaveLength(1); // made, but the row never heard of it
    expect((await db.drafts.get(draft.id))?.serverEmailId).toBeNull();
    await updateDraft(db, draft.id, { subject: 'Lost save' }, 6_000);
    await flushDrafts(db, clientWith(), ACCOUNT, 1_000_000);
    expect(await aliceServer.idsWithSubject(drafts, 'Lost save')).toHaveLength(1);
    expect((await db.drafts.get(draft.id))?.serverEmailId).toBe((await aliceServer.idsWithSubject(drafts, 'Lost save'))[0]);
  });

  it('discarding deletes the server copy and the local draft', async () => {
    const draft = await createDraft(db, draftTo([bob], { subject: 'Throw away' }), 1_000);
    await flushDrafts(db, clientWith(), ACCOUNT, 5_000);
    const drafts = await aliceServer.mailboxId('drafts');
    expect(await aliceServer.idsWithSubject(drafts, 'Throw away')).toHaveLength(1);
    await discardDraft(db, draft.id);
    await flushDrafts(db, clientWith(), ACCOUNT, 6_000);
    expect(await aliceServer.idsWithSubject(drafts, 'Throw away')).toEqual([]);
    expect(await db.drafts.get(draft.id)).toBeUndefined();
  });
});

describe('sending', () => {
  it('delivers a Cyrillic message with Cc, Bcc and an attachment; Bcc is invisible; one copy in Sent', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 13, 10, 0]);
    const draft = await createDraft(
      db,
      draftTo([bob], {
        cc: [{ name: 'Кэрол', email: carol.email }],
        bcc: [{ name: '', email: `hidden-${carol.email}` }],
        subject: 'Отчёт за ноябрь — итоги',
        html: '<p>Привет, <b>Боб</b>!</p>',
        text: 'Привет, Боб!',
      }),
    );
    await addDraftFile(db, draft.id, new Blob([bytes], { type: 'application/octet-stream' }), 'Отчёт №1.bin');
    await queueSend(db, draft.id, 0, anyAddress);
    expect((await flushDrafts(db, clientWith(), ACCOUNT)).sent).toBe(1);
    expect(await db.drafts.get(draft.id)).toBeUndefined();

    const [raw] = await waitForInbox(bob, 1);
    const parsed = await parseWithPython(raw);
    expect(parsed.headers.subject).toBe('Отчёт за ноябрь — итоги');
    expect(parsed.headers.from).toBe(`Алиса Тестова <${alice.email}>`);
    expect(parsed.headers.cc).toBe(`Кэрол <${carol.email}>`);
    expect(parsed.headers.bcc).toBeUndefined();
    expect(raw).not.toContain('hidden-');
    expect(parsed.headers['message-id']).toBe(`<${draft.messageId}>`);
    expect(parsed.text?.trim()).toBe('Привет, Боб!');
    expect(parsed.html).toContain('<p>Привет, <b>Боб</b>!</p>');
    expect(parsed.attachments).toEqual([{ filename: 'Отчёт №1.bin', type: 'application/octet-stream', disposition: 'attachment', cid: null, base64: Buffer.from(bytes).toString('base64') }]);
    expect(await waitForInbox(carol, 1)).toHaveLength(1);

    // Alice's Sent copy (one) still says whom it went to in Bcc.
    const sent = await aliceServer.mailboxId('sent');
    const sentIds = await aliceServer.idsWithSubject(sent, 'Отчёт за ноябрь — итоги');
    expect(sentIds).toHaveLength(1);
    expect((await aliceServer.email(sentIds[0]))?.keywords.$draft).toBeFalsy();
    const [sentRaw] = await aliceServer.rawMessages('sent', 'Отчёт за ноябрь — итоги');
    expect((await parseWithPython(sentRaw)).headers.bcc).toBe(`hidden-${carol.email}`);
    expect(await aliceServer.idsWithSubject(await aliceServer.mailboxId('drafts'), 'Отчёт за ноябрь — итоги')).toEqual([]);
  });

  it('waits while Undo is possible, and an undone send sends nothing', async () => {
    const draft = await createDraft(db, draftTo([bob], { subject: 'Not yet' }));
    await queueSend(db, draft.id, 10_000, anyAddress);
    const early = await flushDrafts(db, clientWith(), ACCOUNT, 5_000);
    expect(early).toMatchObject({ sent: 0, nextDueAt: 10_000 });
    expect(await unqueueSend(db, draft.id)).toBe(true);
    expect((await flushDrafts(db, clientWith(), ACCOUNT, 20_000)).sent).toBe(0);
    expect((await db.drafts.get(draft.id))?.status).toBe('draft');
    await discardDraft(db, draft.id);
  });

  it('a lost answer to the submission is checked, not repeated: exactly one copy arrives, every time', async () => {
    const subjects = Array.from({ length: 12 }, (_, i) => `Answer lost ${i}`);
    for (const subject of subjects) {
      const draft = await createDraft(db, draftTo([bob], { subject }));
      await queueSend(db, draft.id, 0, anyAddress);
      // The server receives and performs the submission; the connection drops before the answer.
      const lost = await flushDrafts(db, clientWith({ method: 'EmailSubmission/set', when: 'after' }), ACCOUNT, 1_000);
      expect(lost.sent).toBe(0);
      expect(await db.drafts.get(draft.id)).toMatchObject({ status: 'sending' });
      // The next run (a retry, or a restarted worker) asks before doing anything.
      expect((await flushDrafts(db, clientWith(), ACCOUNT, 1_000_000)).sent).toBe(1);
      expect(await db.drafts.get(draft.id)).toBeUndefined();
    }
    const bobServer = await ServerAccount.open(bob);
    await new Promise((r) => setTimeout(r, 1_000)); // the relay delivers just after answering
    const inbox = await bobServer.mailboxId('inbox');
    for (const subject of subjects) expect(await bobServer.idsWithSubject(inbox, subject)).toHaveLength(1);
  });

  it('a submission that never reached the server is made once the server is asked', async () => {
    const draft = await createDraft(db, draftTo([bob], { subject: 'Never reached' }));
    await queueSend(db, draft.id, 0, anyAddress);
    await flushDrafts(db, clientWith({ method: 'EmailSubmission/set', when: 'before' }), ACCOUNT, 1_000);
    expect(await db.drafts.get(draft.id)).toMatchObject({ status: 'sending' });
    expect((await flushDrafts(db, clientWith(), ACCOUNT, 1_000_000)).sent).toBe(1);
    await waitForInbox(bob, 1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await ServerAccount.open(bob).then((s) => s.rawMessages('inbox'))).filter((m) => m.includes('Subject: Never reached'))).toHaveLength(1);
  });

  it('when the sent email vanished and no copy carries its Message-ID, it is not sent again', async () => {
    const draft = await createDraft(db, draftTo([bob], { subject: 'Vanished' }));
    await queueSend(db, draft.id, 0, anyAddress);
    await flushDrafts(db, clientWith({ method: 'EmailSubmission/set', when: 'before' }), ACCOUNT, 1_000);
    const { serverEmailId } = (await db.drafts.get(draft.id))!;
    await aliceServer.setEmail({}, [serverEmailId!]);
    await flushDrafts(db, clientWith(), ACCOUNT, 1_000_000);
    expect(await db.drafts.get(draft.id)).toMatchObject({ status: 'failed', error: UNCONFIRMED_SEND });
  });

  it('a message the server refuses fails with its reason and stays editable', async () => {
    // No recipient at all: the composer never queues that, and the server refuses it (envelope/rcptTo).
    const draft = await createDraft(db, draftTo([], { subject: 'Refused' }));
    await db.drafts.update(draft.id, { status: 'queued', sendAt: 0 });
    await flushDrafts(db, clientWith(), ACCOUNT, 1_000);
    const row = await db.drafts.get(draft.id);
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/\w+/) });
    await updateDraft(db, draft.id, { to: [{ name: '', email: bob.email }] });
    expect((await db.drafts.get(draft.id))?.status).toBe('draft');
  });
});
