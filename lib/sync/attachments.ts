/**
 * Attachment bytes for a page. Only the background talks to the network, and messages between a
 * page and the worker cannot carry binary data, so the background downloads the blob into Cache
 * Storage (shared by the extension's pages and worker) under a key both compute, and the page
 * takes it from there and deletes it.
 */
import type { JmapClient } from '../jmap/client';

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
