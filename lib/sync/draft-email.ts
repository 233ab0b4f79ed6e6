/**
 * A draft as a JMAP Email/set create object (RFC 8621 §4.6): the server builds the MIME
 * (multipart/alternative for text and HTML, attachments, RFC 2047/2231 encodings). The copy that
 * is submitted has no Bcc header: servers need not remove it (Cyrus does not), and the envelope
 * names the Bcc recipients instead.
 */
import type { DraftRow } from '../store/rows';

export interface DraftMailboxes {
  drafts: string;
}

export function draftEmail(draft: DraftRow, mailboxes: DraftMailboxes, options: { forSending: boolean }): Record<string, unknown> {
  const text = draft.quote ? `${draft.text}\n\n${draft.quote.text}` : draft.text;
  const html = draft.html === null ? null : draft.quote ? `${draft.html}${draft.quote.html}` : draft.html;
  const keywords: Record<string, true> = { $draft: true, $seen: true };
  for (const keyword of draft.keywords) keywords[keyword] = true;
  return {
    mailboxIds: { [mailboxes.drafts]: true },
    keywords,
    from: [draft.from],
    ...(draft.to.length ? { to: draft.to } : {}),
    ...(draft.cc.length ? { cc: draft.cc } : {}),
    ...(draft.bcc.length && !options.forSending ? { bcc: draft.bcc } : {}),
    subject: draft.subject,
    messageId: [draft.messageId],
    ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}),
    ...(draft.references ? { references: draft.references } : {}),
    bodyValues: { text: { value: text }, ...(html === null ? {} : { html: { value: html } }) },
    textBody: [{ partId: 'text', type: 'text/plain' }],
    ...(html === null ? {} : { htmlBody: [{ partId: 'html', type: 'text/html' }] }),
    attachments: draft.attachments.map((a) => ({
      blobId: a.blobId,
      type: a.type,
      name: a.name,
      disposition: a.cid ? 'inline' : 'attachment',
      ...(a.cid ? { cid: a.cid } : {}),
    })),
  };
}
