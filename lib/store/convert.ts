/** Conversion between JMAP wire objects and store rows. */
import type { EmailHeaders, Mailbox } from '../jmap/types';
import type { EmailRow, MailboxRow } from './rows';

export function emailRow(accountId: string, email: EmailHeaders): EmailRow {
  return {
    accountId,
    id: email.id,
    threadId: email.threadId,
    mailboxIds: email.mailboxIds ?? {},
    keywords: email.keywords ?? {},
    size: email.size ?? 0,
    receivedAt: Date.parse(email.receivedAt),
    sentAt: email.sentAt ? Date.parse(email.sentAt) : null,
    messageId: email.messageId ?? null,
    inReplyTo: email.inReplyTo ?? null,
    from: email.from ?? null,
    to: email.to ?? null,
    cc: email.cc ?? null,
    subject: email.subject ?? '',
    preview: email.preview ?? '',
    hasAttachment: email.hasAttachment ? 1 : 0,
  };
}

export function mailboxRow(accountId: string, mailbox: Mailbox): MailboxRow {
  return {
    accountId,
    id: mailbox.id,
    name: mailbox.name,
    parentId: mailbox.parentId ?? null,
    role: mailbox.role ?? null,
    sortOrder: mailbox.sortOrder ?? 0,
    totalEmails: mailbox.totalEmails ?? 0,
    unreadEmails: mailbox.unreadEmails ?? 0,
    totalThreads: mailbox.totalThreads ?? 0,
    unreadThreads: mailbox.unreadThreads ?? 0,
    isSubscribed: mailbox.isSubscribed ?? true,
  };
}
