/**
 * Message bodies, fetched when a conversation is opened and kept for offline reading (within
 * lib/store/body-storage.ts's limit). The
 * background fetches the text and HTML body values (RFC 8621 §4.2, fetchTextBodyValues /
 * fetchHTMLBodyValues), the attachments' descriptions and the headers only a reply or a
 * reopened draft needs (References, Reply-To, Bcc); pages sanitise HTML themselves (lib/security),
 * since the worker has no DOM.
 */
import type { JmapClient } from '../jmap/client';
import type { EmailAddress } from '../jmap/types';
import type { MailDB } from '../store/db';
import { evictBodies } from '../store/body-storage';
import type { AttachmentMeta, BodyRow } from '../store/rows';
// Pure text → HTML escaping; no DOM, so it may run here in the worker.
import { plainTextToHtml } from '../security/plain-text';

/**
 * Larger body values are cut by the server (isTruncated): the row says so (`truncated`) and the
 * reader offers the source for the whole message.
 */
export const MAX_BODY_VALUE_BYTES = 2_000_000;

interface BodyPart {
  partId: string | null;
  blobId?: string | null;
  type: string;
  charset?: string | null;
}

/** An attachment as the server sends it: the store's shape, with null fields possibly left out (Cyrus does). */
type AttachmentPart = Pick<AttachmentMeta, 'blobId' | 'type' | 'size'> & Partial<Pick<AttachmentMeta, 'name' | 'cid' | 'disposition'>>;

interface EmailBodies {
  id: string;
  blobId?: string;
  textBody: BodyPart[];
  htmlBody: BodyPart[];
  attachments: AttachmentPart[];
  bodyValues: Record<string, { value: string; isTruncated?: boolean; isEncodingProblem?: boolean }>;
  references: string[] | null;
  replyTo: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
}

const ATTACHMENT_PROPERTIES = ['blobId', 'name', 'type', 'size', 'cid', 'disposition', 'charset'];

function attachmentsOf(email: EmailBodies): AttachmentMeta[] {
  return (email.attachments ?? []).map(({ blobId, name, type, size, cid, disposition }: AttachmentPart) => ({ blobId, name: name ?? null, type, size, cid: cid ?? null, disposition: disposition ?? null }));
}

function joined(parts: BodyPart[], values: EmailBodies['bodyValues'], type: string): string | null {
  const texts = parts.filter((p) => p.partId && p.type === type).map((p) => values[p.partId!]?.value ?? '');
  return texts.length ? texts.join('\n\n') : null;
}

/**
 * The HTML view of a message: its HTML parts, and the plain-text parts it shows between them (a
 * mixed message's text/plain footer) made into escaped HTML, in order. Null without HTML parts.
 */
function htmlView(parts: BodyPart[], values: EmailBodies['bodyValues']): string | null {
  if (!parts.some((p) => p.type === 'text/html')) return null;
  return parts
    .filter((p) => p.partId && (p.type === 'text/html' || p.type === 'text/plain'))
    .map((p) => (p.type === 'text/html' ? values[p.partId!]?.value ?? '' : plainTextToHtml(values[p.partId!]?.value ?? '')))
    .join('\n');
}

/**
 * What the server could not give whole: a value cut at MAX_BODY_VALUE_BYTES, or one it could not
 * decode (an unknown or missing charset, broken base64: RFC 8621 isEncodingProblem, the value
 * then holds U+FFFD). With an encoding problem, the parts the reader shows (the HTML view's, or
 * the text's) are kept by blob, so that the page can decode them again in a charset the user picks.
 */
function problemsOf(email: EmailBodies, html: boolean): Pick<BodyRow, 'truncated' | 'encodingProblem' | 'shownParts'> {
  const values = Object.values(email.bodyValues ?? {});
  const truncated = values.some((v) => v.isTruncated);
  const encodingProblem = values.some((v) => v.isEncodingProblem);
  const shown = (html ? email.htmlBody : email.textBody) ?? [];
  const shownParts = shown.filter((p) => p.blobId && (p.type === 'text/html' || p.type === 'text/plain')).map((p) => ({ blobId: p.blobId!, type: p.type, charset: p.charset ?? null }));
  return { ...(truncated ? { truncated } : {}), ...(encodingProblem ? { encodingProblem, shownParts } : {}) };
}

/** Makes sure the bodies of these emails are stored, and records that they were read now. */
export async function loadBodies(db: MailDB, client: JmapClient, accountId: string, emailIds: string[], now = Date.now()): Promise<void> {
  const keys = emailIds.map((id) => [accountId, id] as [string, string]);
  const stored = await db.bodies.bulkGet(keys);
  const missing = emailIds.filter((_, i) => !stored[i]?.attachments);
  if (missing.length) {
    const response = await client.getAll<EmailBodies>('Email', missing, ['id', 'blobId', 'textBody', 'htmlBody', 'attachments', 'bodyValues', 'references', 'replyTo', 'bcc'], {
      fetchTextBodyValues: true,
      fetchHTMLBodyValues: true,
      maxBodyValueBytes: MAX_BODY_VALUE_BYTES,
      bodyProperties: ['partId', 'type', ...ATTACHMENT_PROPERTIES],
    });
    const rows: BodyRow[] = response.list.map((email) => {
      const text = joined(email.textBody ?? [], email.bodyValues ?? {}, 'text/plain');
      const html = htmlView(email.htmlBody ?? [], email.bodyValues ?? {});
      const replyHeaders = { references: email.references ?? null, replyTo: email.replyTo ?? null, bcc: email.bcc ?? null };
      return { accountId, emailId: email.id, ...(email.blobId ? { blobId: email.blobId } : {}), text, html, attachments: attachmentsOf(email), ...replyHeaders, ...problemsOf(email, html !== null), size: (text?.length ?? 0) + (html?.length ?? 0), fetchedAt: now, lastReadAt: now };
    });
    await db.bodies.bulkPut(rows);
  }
  const known = stored.filter((row): row is BodyRow => !!row?.attachments);
  if (known.length) await db.bodies.bulkPut(known.map((row) => ({ ...row, lastReadAt: now })));
  if (missing.length) await evictBodies(db);
}
