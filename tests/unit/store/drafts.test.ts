import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import { addDraftFile, allRecipients, createDraft, discardDraft, DraftError, MAX_FILE_BYTES, moveDraftToAccount, queueSend, removeDraftFile, unqueueSend, updateDraft, type NewDraft } from '@/lib/store/drafts';

let db: MailDB;
const valid = (email: string) => email.includes('@');

function fields(extra: Partial<NewDraft> = {}): NewDraft {
  return {
    accountId: 'a1',
    identityId: null,
    from: { name: 'Me', email: 'me@example.com' },
    to: [{ name: '', email: 'you@example.com' }],
    cc: [],
    bcc: [],
    subject: 'Hi',
    html: '<p>Hi</p>',
    text: 'Hi',
    quote: null,
    keywords: [],
    messageId: 'm1@example.com',
    ...extra,
  };
}

/** A blob that claims a size without holding the bytes. */
function sized(bytes: number): Blob {
  const blob = new Blob(['x']);
  Object.defineProperty(blob, 'size', { value: bytes });
  return blob;
}

beforeEach(() => {
  db = new MailDB(`drafts-${crypto.randomUUID()}`);
});

describe('drafts written by the composer', () => {
  it('counts each change as a new version to save', async () => {
    const draft = await createDraft(db, fields(), 1);
    await updateDraft(db, draft.id, { subject: 'Hello' }, 2);
    expect(await db.drafts.get(draft.id)).toMatchObject({ subject: 'Hello', version: 2, savedVersion: 0, updatedAt: 2 });
  });

  it('refuses a file over 15 MB and files over 25 MB together, naming the file and keeping the rest', async () => {
    const draft = await createDraft(db, fields());
    await expect(addDraftFile(db, draft.id, sized(MAX_FILE_BYTES + 1), 'huge.iso')).rejects.toMatchObject({ code: 'fileTooLarge', detail: 'huge.iso' });
    await addDraftFile(db, draft.id, sized(14 * 1024 * 1024), 'a.pdf');
    await addDraftFile(db, draft.id, sized(10 * 1024 * 1024), 'b.pdf');
    await expect(addDraftFile(db, draft.id, sized(2 * 1024 * 1024), 'c.pdf')).rejects.toMatchObject({ code: 'messageTooLarge', detail: 'c.pdf' });
    const row = await db.drafts.get(draft.id);
    expect(row?.attachments.map((a) => a.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(await db.draftBlobs.where('draftId').equals(draft.id).count()).toBe(2);
  });

  it('removes a file and its stored bytes', async () => {
    const draft = await createDraft(db, fields());
    const file = await addDraftFile(db, draft.id, new Blob(['abc'], { type: 'text/plain' }), 'a.txt');
    await removeDraftFile(db, draft.id, file.id);
    expect((await db.drafts.get(draft.id))?.attachments).toEqual([]);
    expect(await db.draftBlobs.get(file.id)).toBeUndefined();
  });

  it('queues a send only with recipients that are all valid, and freezes the content until undone', async () => {
    const draft = await createDraft(db, fields({ to: [] }));
    await expect(queueSend(db, draft.id, 5, valid)).rejects.toMatchObject({ code: 'noRecipients' });
    await updateDraft(db, draft.id, { to: [{ name: '', email: 'nobody' }] });
    await expect(queueSend(db, draft.id, 5, valid)).rejects.toMatchObject({ code: 'invalidRecipient', detail: 'nobody' });
    await updateDraft(db, draft.id, { to: [{ name: '', email: 'you@example.com' }] });
    await queueSend(db, draft.id, 5, valid);
    await expect(updateDraft(db, draft.id, { subject: 'late edit' })).rejects.toBeInstanceOf(DraftError);
    expect(await unqueueSend(db, draft.id)).toBe(true);
    expect(await db.drafts.get(draft.id)).toMatchObject({ status: 'draft', sendAt: null });
    await updateDraft(db, draft.id, { subject: 'edited after undo' });
  });

  it('cannot undo once the background has started sending', async () => {
    const draft = await createDraft(db, fields());
    await db.drafts.update(draft.id, { status: 'sending' });
    expect(await unqueueSend(db, draft.id)).toBe(false);
    await expect(discardDraft(db, draft.id)).rejects.toMatchObject({ code: 'notEditable' });
  });

  it('discards a draft never saved at once, and marks a saved one for deletion on the server', async () => {
    const local = await createDraft(db, fields());
    await addDraftFile(db, local.id, new Blob(['abc']), 'a.txt');
    await discardDraft(db, local.id);
    expect(await db.drafts.get(local.id)).toBeUndefined();
    expect(await db.draftBlobs.count()).toBe(0);
    const saved = await createDraft(db, fields({ serverEmailId: 'M1' }));
    await discardDraft(db, saved.id);
    expect(await db.drafts.get(saved.id)).toMatchObject({ status: 'discarded' });
  });

  it('moves a draft to another account with its files, leaving the old server copy to be deleted', async () => {
    const draft = await createDraft(db, fields({ serverEmailId: 'M1' }));
    const file = await addDraftFile(db, draft.id, new Blob(['abc']), 'a.txt');
    const movedId = await moveDraftToAccount(db, draft.id, { accountId: 'a2', identityId: null, from: { name: '', email: 'me@other.org' } });
    expect(await db.drafts.get(movedId)).toMatchObject({ accountId: 'a2', from: { email: 'me@other.org' }, subject: 'Hi', serverEmailId: null, savedVersion: 0, attachments: [{ id: file.id }] });
    expect(await db.draftBlobs.get(file.id)).toMatchObject({ draftId: movedId });
    expect(await db.drafts.get(draft.id)).toMatchObject({ status: 'discarded', serverEmailId: 'M1' });
  });

  it('refuses to move a draft whose files are already in the old account, changing nothing', async () => {
    const draft = await createDraft(db, fields({ attachments: [{ id: 'f1', name: 'report.pdf', type: 'application/pdf', size: 10, blobId: 'B1', cid: null }] }));
    await expect(moveDraftToAccount(db, draft.id, { accountId: 'a2', identityId: null, from: { name: '', email: 'me@other.org' } })).rejects.toMatchObject({ code: 'filesOnServer', detail: 'report.pdf' });
    expect(await db.drafts.count()).toBe(1);
  });

  it('lists each recipient once for the envelope, whatever the case', () => {
    expect(allRecipients({ to: [{ name: '', email: 'A@x.org' }], cc: [{ name: '', email: 'a@x.org' }], bcc: [{ name: '', email: 'b@x.org' }] }).map((a) => a.email)).toEqual(['A@x.org', 'b@x.org']);
  });
});
