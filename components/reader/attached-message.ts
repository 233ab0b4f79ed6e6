/**
 * An attached message (message/rfc822), parsed in the page with postal-mime into the shapes the
 * reader shows a stored message in: an EmailRow for its headers, a BodyRow for its body (which
 * MessageBody sanitises exactly as any other), and its own parts, whose bytes are kept here
 * instead of on the server. Nested messages stay attachments (forceRfc822Attachments), as JMAP
 * lists them, so each can be opened in turn.
 */
import { calendarFlag } from '@/lib/store/convert';
import PostalMime, { type Address, type Attachment } from 'postal-mime';
import type { EmailAddress } from '@/lib/jmap/types';
import type { AttachmentMeta, BodyRow, EmailRow } from '@/lib/store/rows';
import type { MessageFiles } from './download';

export interface AttachedMessage {
  email: EmailRow;
  body: BodyRow;
  /** The bytes of each of body.attachments, by its blobId (a local one, "part-<n>"). */
  parts: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
}

function addresses(list: Address[] | Address | undefined): EmailAddress[] | null {
  if (!list) return null;
  const flat = (Array.isArray(list) ? list : [list]).flatMap((a) => (a.group ? a.group : [a]));
  return flat.length ? flat.map((a) => ({ name: a.name ?? '', email: a.address ?? '' })) : null;
}

function bytesOf(content: Attachment['content']): Uint8Array<ArrayBuffer> {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof ArrayBuffer ? new Uint8Array(content) : new Uint8Array(content);
}

export async function parseAttachedMessage(raw: ArrayBuffer | Uint8Array, accountId: string, now = Date.now()): Promise<AttachedMessage> {
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', forceRfc822Attachments: true });
  const parts = new Map<string, Uint8Array<ArrayBuffer>>();
  const attachments: AttachmentMeta[] = parsed.attachments.map((part, index) => {
    const blobId = `part-${index}`;
    const content = bytesOf(part.content);
    parts.set(blobId, content);
    return { blobId, name: part.filename ?? null, type: part.mimeType || 'application/octet-stream', size: content.byteLength, cid: part.contentId ?? null, disposition: part.disposition ?? null };
  });
  const date = parsed.date ? Date.parse(parsed.date) : NaN;
  const text = parsed.text ?? null;
  const html = parsed.html ?? null;
  const email: EmailRow = {
    accountId,
    id: `attached-${crypto.randomUUID()}`,
    threadId: '',
    mailboxIds: {},
    keywords: { $seen: true },
    size: raw.byteLength,
    receivedAt: Number.isNaN(date) ? 0 : date,
    sentAt: Number.isNaN(date) ? null : date,
    messageId: parsed.messageId ? [parsed.messageId] : null,
    inReplyTo: null,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
    preview: (text ?? '').slice(0, 256),
    hasAttachment: attachments.length ? 1 : 0,
    hasCalendar: calendarFlag(attachments),
  };
  const body: BodyRow = { accountId, emailId: email.id, text, html, attachments, size: (text?.length ?? 0) + (html?.length ?? 0), fetchedAt: now, lastReadAt: now };
  return { email, body, parts };
}

/** Its files come from its own bytes: the parts as parsed, its source as attached. */
export function attachedFiles(message: AttachedMessage, raw: Uint8Array<ArrayBuffer>): MessageFiles {
  return {
    async part(attachment) {
      const bytes = message.parts.get(attachment.blobId);
      if (!bytes) throw new Error(`No part ${attachment.blobId} in the attached message`);
      return bytes;
    },
    source: async () => raw,
  };
}
