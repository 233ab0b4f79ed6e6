/**
 * Drafts as the composer page writes them. The page holds the only copy of what is being typed
 * and files cannot cross runtime messages, so it writes here itself, in small transactions,
 * on every change; the background reads these rows to save them to the server and to send them
 * (lib/sync/drafts.ts), and writes back only the server's side (saved version, server id,
 * sending state). Content changes are refused once a draft is on its way (queued or sending):
 * Undo send (or Edit in the Outbox) brings it back to `draft` first.
 */
import type { EmailAddress } from '../jmap/types';
import type { MailDB } from './db';
import type { DraftAttachment, DraftRow } from './rows';

/** A draft is saved to the server once the user has not changed it for this long. */
export const SAVE_AFTER_IDLE_MS = 2_000;
/** How long a sent message waits, so that "Undo send" can take it back. */
export const UNDO_SEND_MS = 5_000;

/** The product's limits: one file, and all files of one message together. */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export type DraftContent = Pick<DraftRow, 'identityId' | 'from' | 'to' | 'cc' | 'bcc' | 'subject' | 'html' | 'text' | 'quote' | 'keywords'>;

export interface NewDraft extends DraftContent {
  accountId: string;
  messageId: string;
  inReplyTo?: string[] | null;
  references?: string[] | null;
  source?: DraftRow['source'];
  /** Files already on the server (a forward's attachments, a draft reopened from the server). */
  attachments?: DraftAttachment[];
  serverEmailId?: string | null;
}

/** Why a change to a draft was refused; `code` is a translation key suffix. */
export class DraftError extends Error {
  constructor(
    readonly code: 'fileTooLarge' | 'messageTooLarge' | 'notEditable' | 'gone' | 'noRecipients' | 'invalidRecipient' | 'filesOnServer',
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
  }
}

const EDITABLE: ReadonlyArray<DraftRow['status']> = ['draft', 'failed'];

export async function createDraft(db: MailDB, fields: NewDraft, now = Date.now()): Promise<DraftRow> {
  const row: DraftRow = {
    id: crypto.randomUUID(),
    inReplyTo: null,
    references: null,
    source: null,
    attachments: [],
    serverEmailId: null,
    ...fields,
    version: 1,
    // A draft reopened from the server is saved there already.
    savedVersion: fields.serverEmailId ? 1 : 0,
    status: 'draft',
    sendAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: now,
    updatedAt: now,
  };
  await db.drafts.add(row);
  return row;
}

/** Applies what the user changed; a failed send becomes a draft again when edited. */
export async function updateDraft(db: MailDB, id: string, change: Partial<DraftContent>, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const row = await editable(db, id);
    await db.drafts.put({ ...row, ...change, status: 'draft', error: null, version: row.version + 1, updatedAt: now });
  });
}

/** Keeps a file with the draft until the background uploads it. */
export async function addDraftFile(db: MailDB, draftId: string, file: Blob, name: string, cid: string | null = null, now = Date.now()): Promise<DraftAttachment> {
  if (file.size > MAX_FILE_BYTES) throw new DraftError('fileTooLarge', name);
  const attachment: DraftAttachment = { id: crypto.randomUUID(), name, type: file.type || 'application/octet-stream', size: file.size, blobId: null, cid };
  await db.transaction('rw', db.drafts, db.draftBlobs, async () => {
    const row = await editable(db, draftId);
    if (totalBytes(row.attachments) + file.size > MAX_MESSAGE_BYTES) throw new DraftError('messageTooLarge', name);
    await db.draftBlobs.put({ id: attachment.id, draftId, data: file });
    await db.drafts.put({ ...row, attachments: [...row.attachments, attachment], status: 'draft', error: null, version: row.version + 1, updatedAt: now });
  });
  return attachment;
}

export async function removeDraftFile(db: MailDB, draftId: string, attachmentId: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.drafts, db.draftBlobs, async () => {
    const row = await editable(db, draftId);
    await db.draftBlobs.delete(attachmentId);
    await db.drafts.put({ ...row, attachments: row.attachments.filter((a) => a.id !== attachmentId), status: 'draft', error: null, version: row.version + 1, updatedAt: now });
  });
}

export function totalBytes(attachments: readonly DraftAttachment[]): number {
  return attachments.reduce((sum, a) => sum + a.size, 0);
}

/** Every recipient, deduplicated by address (the SMTP envelope). */
export function allRecipients(draft: Pick<DraftRow, 'to' | 'cc' | 'bcc'>): EmailAddress[] {
  const seen = new Set<string>();
  return [...draft.to, ...draft.cc, ...draft.bcc].filter((a) => {
    const key = a.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Send clicked: the draft goes at `sendAt` (Undo until then), or as soon as the network allows.
 * `isValid` is the composer's own address check, so what it shows red is what is refused here.
 */
export async function queueSend(db: MailDB, id: string, sendAt: number, isValid: (email: string) => boolean): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const row = await editable(db, id);
    const recipients = allRecipients(row);
    if (!recipients.length) throw new DraftError('noRecipients');
    const invalid = recipients.find((r) => !isValid(r.email));
    if (invalid) throw new DraftError('invalidRecipient', invalid.email);
    await db.drafts.put({ ...row, status: 'queued', sendAt, error: null, attempts: 0, nextAttemptAt: 0 });
  });
}

/** Undo send / Edit from the Outbox: possible until the background has started submitting. */
export async function unqueueSend(db: MailDB, id: string): Promise<boolean> {
  return db.transaction('rw', db.drafts, async () => {
    const row = await db.drafts.get(id);
    if (!row || row.status !== 'queued') return false;
    await db.drafts.put({ ...row, status: 'draft', sendAt: null, error: null });
    return true;
  });
}

/**
 * From another account: a new draft of that account takes over everything (its files' bytes
 * included) and this one is discarded (its server copy, in the other account, is deleted).
 * Files already uploaded cannot follow: their blob ids belong to the other account.
 */
export async function moveDraftToAccount(db: MailDB, id: string, sender: Pick<DraftRow, 'accountId' | 'identityId' | 'from'>, now = Date.now()): Promise<string> {
  return db.transaction('rw', db.drafts, db.draftBlobs, async () => {
    const row = await editable(db, id);
    const uploaded = row.attachments.find((a) => a.blobId);
    if (uploaded) throw new DraftError('filesOnServer', uploaded.name);
    const moved: DraftRow = { ...row, ...sender, id: crypto.randomUUID(), serverEmailId: null, version: row.version + 1, savedVersion: 0, status: 'draft', error: null, attempts: 0, nextAttemptAt: 0, updatedAt: now };
    await db.drafts.add(moved);
    await db.draftBlobs.where('draftId').equals(id).modify({ draftId: moved.id });
    if (row.serverEmailId) await db.drafts.put({ ...row, status: 'discarded', attachments: [] });
    else await db.drafts.delete(id);
    return moved.id;
  });
}

/** Discard: gone from here at once; the background deletes the server's copy, if any. */
export async function discardDraft(db: MailDB, id: string): Promise<void> {
  await db.transaction('rw', db.drafts, db.draftBlobs, async () => {
    const row = await db.drafts.get(id);
    if (!row || row.status === 'sending') throw new DraftError('notEditable');
    await db.draftBlobs.where('draftId').equals(id).delete();
    if (row.serverEmailId) await db.drafts.put({ ...row, status: 'discarded', attachments: [] });
    else await db.drafts.delete(id);
  });
}

async function editable(db: MailDB, id: string): Promise<DraftRow> {
  const row = await db.drafts.get(id);
  if (!row || row.status === 'discarded') throw new DraftError('gone');
  if (!EDITABLE.includes(row.status)) throw new DraftError('notEditable');
  return row;
}
