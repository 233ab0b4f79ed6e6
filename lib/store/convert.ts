/** Conversion between JMAP wire objects and store rows. */
import type { EmailHeaders, Mailbox } from '../jmap/types';
import type { EmailRow, Flag, MailboxRow } from './rows';

/** MIME types of an iCalendar object (RFC 5545 §8.1; application/ics is a common non-standard alias). */
const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics']);

/** 1 when the email carries an iCalendar part (an invitation, a reply, a cancellation). */
export function calendarFlag(attachments: EmailHeaders['attachments']): Flag {
  return attachments?.some((part) => CALENDAR_TYPES.has((part.type ?? '').toLowerCase())) ? 1 : 0;
}

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
    hasCalendar: calendarFlag(email.attachments),
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
