/**
 * Drafts on the server: the steps the draft outbox (lib/sync/draft-outbox.ts) and sending
 * (lib/sync/send.ts) are made of. A saved draft is one Email in Drafts: each save uploads the
 * files only stored here, then creates the new copy and destroys the previous one in one
 * Email/set, so the server never keeps a pile of versions.
 */
import type { JmapClient } from '../jmap/client';
import { MAIL, type QueryResponse, type SetResponse } from '../jmap/types';
import type { MailDB } from '../store/db';
import type { DraftRow } from '../store/rows';
import { draftEmail } from './draft-email';

/** A refusal by the server (not a network problem): retrying the same thing will not help. */
export class DraftRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DraftRefusedError';
  }
}

/** The draft and its stored files, gone from this browser. */
export async function forget(db: MailDB, draftId: string): Promise<void> {
  await db.transaction('rw', db.drafts, db.draftBlobs, async () => {
    await db.draftBlobs.where('draftId').equals(draftId).delete();
    await db.drafts.delete(draftId);
  });
}

export async function draftsMailbox(db: MailDB, accountId: string, role: 'drafts' | 'sent'): Promise<string> {
  const mailbox = await db.mailboxes.where('[accountId+role]').equals([accountId, role]).first();
  if (!mailbox) throw new DraftRefusedError(`The account has no ${role === 'drafts' ? 'Drafts' : 'Sent'} folder`);
  return mailbox.id;
}

/**
 * The server's own limits, which may be below ours (15 MB a file, 25 MB a message): what it
 * would refuse is refused here, by name, before anything is sent.
 */
export function checkServerLimits(client: JmapClient, draft: DraftRow): void {
  // RFC 8621 §1.3.1: an account capability, not a session one.
  const account = client.session.accounts[client.accountId] as { accountCapabilities?: Record<string, { maxSizeAttachmentsPerEmail?: number }> } | undefined;
  const perMessage = account?.accountCapabilities?.[MAIL]?.maxSizeAttachmentsPerEmail;
  const tooBig = draft.attachments.find((a) => !a.blobId && a.size > client.limits.maxSizeUpload);
  if (tooBig) throw new DraftRefusedError(`${tooBig.name} is larger than this server accepts (${client.limits.maxSizeUpload} bytes)`);
  const total = draft.attachments.reduce((sum, a) => sum + a.size, 0);
  if (perMessage && total > perMessage) throw new DraftRefusedError(`The files (${total} bytes) are more than this server accepts in one message (${perMessage} bytes)`);
}

/** Uploads the files only stored here and records their blob ids; returns the draft as uploaded. */
export async function uploadFiles(db: MailDB, client: JmapClient, draft: DraftRow): Promise<DraftRow> {
  checkServerLimits(client, draft);
  const blobIds = new Map<string, string>();
  for (const attachment of draft.attachments) {
    if (attachment.blobId) continue;
    const stored = await db.draftBlobs.get(attachment.id);
    if (!stored) throw new DraftRefusedError(`The file ${attachment.name} is no longer stored`);
    // The composer shows which file is on its way (fetch reports no upload progress).
    await db.drafts.update(draft.id, { uploading: attachment.id });
    try {
      blobIds.set(attachment.id, (await client.upload(stored.data, attachment.type)).blobId);
    } finally {
      await db.drafts.update(draft.id, { uploading: null });
    }
  }
  if (!blobIds.size) return draft;
  // The page may have added or removed files meanwhile: only the uploaded ones change.
  await db.transaction('rw', db.drafts, db.draftBlobs, async () => {
    const row = await db.drafts.get(draft.id);
    if (!row) return;
    await db.drafts.put({ ...row, attachments: row.attachments.map((a) => (blobIds.has(a.id) ? { ...a, blobId: blobIds.get(a.id)! } : a)) });
    await db.draftBlobs.bulkDelete([...blobIds.keys()]);
  });
  return { ...draft, attachments: draft.attachments.map((a) => (blobIds.has(a.id) ? { ...a, blobId: blobIds.get(a.id)! } : a)) };
}

/**
 * Creates the draft's new server copy and destroys the previous one in the same request.
 * Returns the new copy's id.
 */
export async function replaceServerCopy(db: MailDB, client: JmapClient, draft: DraftRow, forSending: boolean): Promise<string> {
  const uploaded = await uploadFiles(db, client, draft);
  const drafts = await draftsMailbox(db, draft.accountId, 'drafts');
  const previous = draft.serverEmailId ? [draft.serverEmailId] : [];
  // After a failed attempt a copy may exist that the row never learnt of (the answer to its
  // creation was lost): every copy carries the draft's Message-ID, so those in Drafts go too.
  if (draft.attempts > 0) previous.push(...(await copiesIn(client, drafts, draft.messageId)).filter((id) => !previous.includes(id)));
  const batch = client.batch();
  const set = batch.add<SetResponse<{ id: string }>>('Email/set', {
    create: { draft: draftEmail(uploaded, { drafts }, { forSending }) },
    ...(previous.length ? { destroy: previous } : {}),
  });
  const response = (await batch.send()).get(set);
  const created = response.created?.draft;
  if (!created) {
    const refusal = response.notCreated?.draft;
    throw new DraftRefusedError(refusal ? `${refusal.type}${refusal.description ? `: ${refusal.description}` : ''}` : 'Email/set created nothing');
  }
  return created.id;
}

/** The emails of a mailbox that carry this Message-ID (every copy of a draft, or of what it became). */
export async function copiesIn(client: JmapClient, mailboxId: string, messageId: string): Promise<string[]> {
  const batch = client.batch();
  const query = batch.add<QueryResponse>('Email/query', { filter: { inMailbox: mailboxId, header: ['Message-ID', `<${messageId}>`] } });
  return (await batch.send()).get(query).ids;
}

/** Saves the draft as it is now; records what the server has unless the row went meanwhile. */
export async function saveDraft(db: MailDB, client: JmapClient, draft: DraftRow): Promise<void> {
  const serverEmailId = await replaceServerCopy(db, client, draft, false);
  const orphan = await db.transaction('rw', db.drafts, async () => {
    const row = await db.drafts.get(draft.id);
    if (!row) return true;
    await db.drafts.put({ ...row, serverEmailId, savedVersion: draft.version, attempts: 0, nextAttemptAt: 0, error: null });
    return false;
  });
  // Sent or deleted while this copy was being made: it must not stay behind in Drafts.
  if (orphan) await destroyEmails(client, [serverEmailId]);
}

export async function destroyServerCopy(db: MailDB, client: JmapClient, draft: DraftRow): Promise<void> {
  if (draft.serverEmailId) await destroyEmails(client, [draft.serverEmailId]);
  await forget(db, draft.id);
}

/** Email/set destroy; an email already gone is fine. */
export async function destroyEmails(client: JmapClient, ids: string[]): Promise<void> {
  const batch = client.batch();
  const set = batch.add<SetResponse>('Email/set', { destroy: ids });
  const refused = Object.entries((await batch.send()).get(set).notDestroyed ?? {}).filter(([, e]) => e.type !== 'notFound');
  if (refused.length) throw new DraftRefusedError(refused.map(([id, e]) => `${id}: ${e.type}`).join(', '));
}
