/**
 * Attachment bytes for a page. Only the background talks to the network, and messages between a
 * page and the worker cannot carry binary data, so the background downloads the blob into Cache
 * Storage (shared by the extension's pages and worker) under a key both compute, and the page
 * takes it from there and deletes it.
 */
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { MailDB } from '../store/db';

export const ATTACHMENT_CACHE = 'attachments';

/** Cache keys must be http(s) URLs; this one names no real host. */
export function attachmentCacheKey(accountId: string, blobId: string): string {
  return `https://attachments.invalid/${encodeURIComponent(accountId)}/${encodeURIComponent(blobId)}`;
}

/**
 * The file name in the download URL only names what the server would send; the page saves under
 * the attachment's own name. A real name would have to survive the URL (servers refuse an
 * encoded `/`), so a neutral one is used.
 */
export async function fetchAttachment(client: JmapClient, accountId: string, blobId: string, type: string): Promise<void> {
  const blob = await client.download(blobId, 'attachment', type);
  const cache = await caches.open(ATTACHMENT_CACHE);
  await cache.put(attachmentCacheKey(accountId, blobId), new Response(blob));
}

/**
 * A message's source (its RFC 5322 bytes: the email's own blob, RFC 8621 §4.1.1) into the same
 * cache; answers the blobId the page then takes it out by. The blobId is stored with the body;
 * for a body stored before it was fetched, or none, it is asked for (an email's blobId never
 * changes, RFC 8621 §4.1.1).
 */
export async function fetchMessageSource(db: MailDB, client: JmapClient, accountId: string, emailId: string): Promise<string> {
  const stored = await db.bodies.get([accountId, emailId]);
  let blobId = stored?.blobId;
  if (!blobId) {
    const response = await client.getAll<{ id: string; blobId: string }>('Email', [emailId], ['id', 'blobId']);
    blobId = response.list[0]?.blobId;
    if (!blobId) throw new JmapError('method', `The server has no email ${emailId}`);
    if (stored) await db.bodies.update([accountId, emailId], { blobId });
  }
  await fetchAttachment(client, accountId, blobId, 'message/rfc822');
  return blobId;
}
