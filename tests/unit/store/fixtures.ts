import type { MailDB } from '@/lib/store/db';
import { overlayPending } from '@/lib/store/pending';
import type { DraftRow, EmailRow } from '@/lib/store/rows';

let next = 0;

/** An email row with sensible defaults; receivedAt increases with each call unless given. */
export function emailRow(fields: Partial<EmailRow> = {}): EmailRow {
  next++;
  return {
    accountId: 'a1',
    id: `e${next}`,
    threadId: `t${next}`,
    mailboxIds: { inbox: true },
    keywords: {},
    size: 1000,
    receivedAt: 1_700_000_000_000 + next * 1000,
    sentAt: null,
    messageId: null,
    inReplyTo: null,
    from: [{ name: `Sender ${next}`, email: `s${next}@example.com` }],
    to: [{ name: '', email: 'me@example.com' }],
    cc: null,
    subject: `Subject ${next}`,
    preview: `Preview ${next}`,
    hasAttachment: 0,
    hasCalendar: 0,
    ...fields,
  };
}

/** A draft being written, with sensible defaults. */
export function draftRow(fields: Partial<DraftRow> = {}): DraftRow {
  next++;
  return {
    id: `d${next}`,
    accountId: 'a1',
    identityId: null,
    from: { name: 'Me', email: 'me@example.com' },
    to: [{ name: 'You', email: 'you@example.com' }],
    cc: [],
    bcc: [],
    subject: `Draft ${next}`,
    html: `<p>Draft ${next}</p>`,
    text: `Draft ${next}`,
    quote: null,
    attachments: [],
    keywords: [],
    messageId: `m${next}@example.com`,
    inReplyTo: null,
    references: null,
    source: null,
    version: 1,
    savedVersion: 0,
    serverEmailId: null,
    status: 'draft',
    sendAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...fields,
  };
}

/** An email as the user sees it: the stored (server) row with the pending changes laid over. */
export async function seenEmail(db: MailDB, accountId: string, id: string): Promise<EmailRow | undefined> {
  const row = await db.emails.get([accountId, id]);
  return row && (await overlayPending(db, accountId, [row]))[0];
}

/** Every stored email of the account as the user sees it. */
export async function seenEmails(db: MailDB, accountId: string): Promise<EmailRow[]> {
  return overlayPending(db, accountId, (await db.emails.toArray()).filter((e) => e.accountId === accountId));
}
