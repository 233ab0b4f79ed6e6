/** The draft outbox's checks that need no server answer: what the server would refuse is refused before any request. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JmapClient } from '@/lib/jmap/client';
import { MAIL, SUBMISSION } from '@/lib/jmap/types';
import { MailDB } from '@/lib/store/db';
import { addDraftFile, createDraft, queueSend } from '@/lib/store/drafts';
import { flushDrafts } from '@/lib/sync/draft-outbox';
import { makeSession, startFakeServer, type FakeServer } from '../../support/fake-jmap-server';
import { draftRow } from '../store/fixtures';

let server: FakeServer;
let db: MailDB;

function clientWith(maxSizeUpload: number, maxSizeAttachmentsPerEmail?: number): JmapClient {
  const session = makeSession(server.origin, { maxSizeUpload }, { [SUBMISSION]: {} });
  if (maxSizeAttachmentsPerEmail) (session.accounts[Object.keys(session.accounts)[0]] as unknown as { accountCapabilities: Record<string, unknown> }).accountCapabilities[MAIL] = { maxSizeAttachmentsPerEmail };
  return new JmapClient(session, { kind: 'bearer', token: 't' });
}

async function draftWithFile(bytes: number): Promise<string> {
  const { id, ...fields } = draftRow();
  const draft = await createDraft(db, { ...fields, messageId: `${id}@x.org` }, 0);
  await addDraftFile(db, draft.id, new Blob([new Uint8Array(bytes)]), 'report.pdf', null, 0);
  return draft.id;
}

beforeEach(async () => {
  server = await startFakeServer();
  db = new MailDB(`draft-outbox-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await server.close();
});

describe('the server limits', () => {
  it("refuses a file over the server's upload limit by name, sending nothing", async () => {
    const id = await draftWithFile(2_000);
    await flushDrafts(db, clientWith(1_000), 'a1', 10_000);
    expect(await db.drafts.get(id)).toMatchObject({ error: expect.stringContaining('report.pdf is larger than this server accepts') });
    expect(server.requests).toHaveLength(0);
  });

  it('a message whose files are over the account\'s maxSizeAttachmentsPerEmail fails to send with the reason', async () => {
    const id = await draftWithFile(2_000);
    await queueSend(db, id, 0, () => true);
    await flushDrafts(db, clientWith(1_000_000, 1_500), 'a1', 10_000);
    expect(await db.drafts.get(id)).toMatchObject({ status: 'failed', error: expect.stringContaining('more than this server accepts in one message') });
    expect(server.requests).toHaveLength(0);
  });
});
