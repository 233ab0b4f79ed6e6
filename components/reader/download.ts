/**
 * Attachment bytes in this page: the background fetches them into Cache Storage
 * (lib/sync/attachments.ts), the page takes them out. Saved files are typed
 * application/octet-stream and saved with `download`, so they never open as a document of the
 * extension's origin; inline images become blob: URLs for the message frame.
 */
import { zipSync } from 'fflate';
import { errorText, t } from '@/lib/i18n/t';
import type { AttachmentMeta } from '@/lib/store/rows';
import { ATTACHMENT_CACHE, attachmentCacheKey } from '@/lib/sync/attachments';
import { request } from '../background';

/** Long enough for the browser to start the download; the URL holds the whole file in memory. */
const REVOKE_AFTER_MS = 60_000;

export async function attachmentBytes(accountId: string, attachment: AttachmentMeta): Promise<ArrayBuffer> {
  const reply = await request({ type: 'fetchAttachment', accountId, blobId: attachment.blobId, mediaType: attachment.type });
  if (!reply.ok) throw new Error(`${errorText(reply.error.code)} (${reply.error.message})`);
  const cache = await caches.open(ATTACHMENT_CACHE);
  const key = attachmentCacheKey(accountId, attachment.blobId);
  const response = await cache.match(key);
  await cache.delete(key);
  if (!response) throw new Error('The downloaded attachment was not found in the cache');
  return response.arrayBuffer();
}

export function attachmentName(attachment: AttachmentMeta): string {
  return attachment.name || t('unnamedAttachment');
}

export async function downloadAttachment(accountId: string, attachment: AttachmentMeta): Promise<void> {
  save(await attachmentBytes(accountId, attachment), attachmentName(attachment));
}

/**
 * "Download all": one zip, stored without compression (attachments are mostly compressed
 * already). Entry names cannot make folders or climb out of one when unpacked, and equal names
 * are numbered.
 */
export async function downloadAll(accountId: string, attachments: AttachmentMeta[], zipName: string): Promise<void> {
  const files: Record<string, Uint8Array> = {};
  for (const attachment of attachments) {
    const name = uniqueName(files, attachmentName(attachment).replace(/[/\\]/g, '_').replace(/^\.+/, '_'));
    files[name] = new Uint8Array(await attachmentBytes(accountId, attachment));
  }
  save(zipSync(files, { level: 0 }), zipName);
}

function uniqueName(taken: Record<string, unknown>, name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; candidate in taken; n++) candidate = `${stem} (${n})${extension}`;
  return candidate;
}

function save(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

const INLINE_IMAGE = /^image\/(?:png|gif|jpeg|webp|bmp|avif)$/i;

/**
 * blob: URLs for the raster images among the parts a body refers to by cid:, keyed by content id
 * (what the sanitiser's inlineParts expects). The caller revokes them when the body goes away.
 */
export async function inlineImages(accountId: string, attachments: AttachmentMeta[], html: string): Promise<Map<string, string>> {
  const referenced = attachments.filter((a) => a.cid && INLINE_IMAGE.test(a.type) && html.includes(a.cid.replace(/^<|>$/g, '')));
  const urls = new Map<string, string>();
  await Promise.all(
    referenced.map(async (part) => {
      const bytes = await attachmentBytes(accountId, part);
      urls.set(part.cid!.replace(/^<|>$/g, ''), URL.createObjectURL(new Blob([bytes], { type: part.type })));
    }),
  );
  return urls;
}
