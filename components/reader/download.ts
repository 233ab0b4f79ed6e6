/**
 * Attachment bytes in this page: the background fetches them into Cache Storage
 * (lib/sync/attachments.ts), the page takes them out — or, for a message attached to another,
 * they come from its parsed bytes (attached-message.ts); `MessageFiles` hides which. Saved files
 * are typed application/octet-stream and saved with `download`, so they never open as a
 * document of the extension's origin; inline images become blob: URLs for the message frame.
 */
import { zipSync } from 'fflate';
import { errorText, t } from '@/lib/i18n/t';
import type { ErrorInfo } from '@/lib/messages';
import type { AttachmentMeta } from '@/lib/store/rows';
import { ATTACHMENT_CACHE, attachmentCacheKey } from '@/lib/sync/attachments';
import { request } from '../background';

/** Long enough for the browser to start the download; the URL holds the whole file in memory. */
const REVOKE_AFTER_MS = 60_000;

export type Bytes = ArrayBuffer | Uint8Array<ArrayBuffer>;

/** Where one message's files come from: its parts, and its own source (RFC 5322 bytes). */
export interface MessageFiles {
  part(attachment: AttachmentMeta): Promise<Bytes>;
  source(): Promise<Bytes>;
}

async function takeFromCache(accountId: string, blobId: string): Promise<ArrayBuffer> {
  const cache = await caches.open(ATTACHMENT_CACHE);
  const key = attachmentCacheKey(accountId, blobId);
  const response = await cache.match(key);
  await cache.delete(key);
  if (!response) throw new Error('The downloaded attachment was not found in the cache');
  return response.arrayBuffer();
}

function failed(error: ErrorInfo): Error {
  return new Error(`${errorText(error.code)} (${error.message})`);
}

export async function attachmentBytes(accountId: string, attachment: AttachmentMeta): Promise<ArrayBuffer> {
  const reply = await request({ type: 'fetchAttachment', accountId, blobId: attachment.blobId, mediaType: attachment.type });
  if (!reply.ok) throw failed(reply.error);
  return takeFromCache(accountId, attachment.blobId);
}

/** The raw message as the server keeps it, byte for byte. */
export async function messageSource(accountId: string, emailId: string): Promise<ArrayBuffer> {
  const reply = await request({ type: 'fetchMessageSource', accountId, emailId });
  if (!reply.ok) throw failed(reply.error);
  if (!reply.blobId) throw new Error('The background named no message blob');
  return takeFromCache(accountId, reply.blobId);
}

/** A stored message's files: on the server, fetched through the background. */
export function serverFiles(accountId: string, emailId: string): MessageFiles {
  return { part: (attachment) => attachmentBytes(accountId, attachment), source: () => messageSource(accountId, emailId) };
}

/** A file name from a subject: no path separators or characters file systems refuse. */
export function fileNameFrom(subject: string, fallback: string, extension: string): string {
  return `${subject.replace(/[/\\:*?"<>|\x00-\x1f]/g, '_').trim() || fallback}${extension}`;
}

export function attachmentName(attachment: AttachmentMeta): string {
  return attachment.name || t('unnamedAttachment');
}

export async function downloadAttachment(files: MessageFiles, attachment: AttachmentMeta): Promise<void> {
  save(await files.part(attachment), attachmentName(attachment));
}

/**
 * "Download all": one zip, stored without compression (attachments are mostly compressed
 * already). Entry names cannot make folders or climb out of one when unpacked, and equal names
 * are numbered.
 */
export async function downloadAll(files: MessageFiles, attachments: AttachmentMeta[], zipName: string): Promise<void> {
  const entries: Record<string, Uint8Array> = {};
  for (const attachment of attachments) {
    const name = uniqueName(entries, attachmentName(attachment).replace(/[/\\]/g, '_').replace(/^\.+/, '_'));
    entries[name] = new Uint8Array(await files.part(attachment));
  }
  save(zipSync(entries, { level: 0 }), zipName);
}

function uniqueName(taken: Record<string, unknown>, name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; candidate in taken; n++) candidate = `${stem} (${n})${extension}`;
  return candidate;
}

export function save(bytes: Bytes, fileName: string): void {
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
export async function inlineImages(files: MessageFiles, attachments: AttachmentMeta[], html: string): Promise<Map<string, string>> {
  const referenced = attachments.filter((a) => a.cid && INLINE_IMAGE.test(a.type) && html.includes(a.cid.replace(/^<|>$/g, '')));
  const urls = new Map<string, string>();
  await Promise.all(
    referenced.map(async (part) => {
      const bytes = await files.part(part);
      urls.set(part.cid!.replace(/^<|>$/g, ''), URL.createObjectURL(new Blob([bytes], { type: part.type })));
    }),
  );
  return urls;
}
