import type { EmailRow } from '@/lib/store/rows';

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
    ...fields,
  };
}
