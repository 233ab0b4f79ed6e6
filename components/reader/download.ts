/**
 * Saves an attachment: the background fetches it into Cache Storage (lib/sync/attachments.ts),
 * this page takes it out and hands it to the browser as a download. The blob is typed
 * application/octet-stream and saved with `download`, so it is never opened as a document of the
 * extension's origin.
 */
import type { ErrorInfo } from '@/lib/messages';
import type { AttachmentMeta } from '@/lib/store/rows';
import { ATTACHMENT_CACHE, attachmentCacheKey } from '@/lib/sync/attachments';
import { request } from '../background';

/** Long enough for the browser to start the download; the URL holds the whole file in memory. */
const REVOKE_AFTER_MS = 60_000;

export async function downloadAttachment(accountId: string, attachment: AttachmentMeta, fileName: string): Promise<ErrorInfo | null> {
  const reply = await request({ type: 'fetchAttachment', accountId, blobId: attachment.blobId, name: fileName, mediaType: attachment.type });
  if (!reply.ok) return reply.error;
  const cache = await caches.open(ATTACHMENT_CACHE);
  const key = attachmentCacheKey(accountId, attachment.blobId);
  const response = await cache.match(key);
  await cache.delete(key);
  if (!response) return { code: 'internal', message: 'The downloaded attachment was not found in the cache' };
  const bytes = await response.arrayBuffer();
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return null;
}
