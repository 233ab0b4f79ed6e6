/**
 * Where a reopened draft's body images come from: the bytes still stored with the draft, or,
 * once uploaded, the server (through the background, like any attachment).
 */
import type { MailDB } from '@/lib/store/db';
import type { DraftRow } from '@/lib/store/rows';
import { attachmentBytes } from '../reader/download';

export function inlineImageLoader(db: MailDB, draft: DraftRow): (cid: string) => Promise<Blob | null> {
  return async (cid) => {
    const attachment = draft.attachments.find((a) => a.cid === cid);
    if (!attachment) return null;
    const stored = await db.draftBlobs.get(attachment.id);
    if (stored) return stored.data;
    if (!attachment.blobId) return null;
    const bytes = await attachmentBytes(draft.accountId, { blobId: attachment.blobId, name: attachment.name, type: attachment.type, size: attachment.size, cid, disposition: 'inline' });
    return new Blob([bytes], { type: attachment.type });
  };
}
