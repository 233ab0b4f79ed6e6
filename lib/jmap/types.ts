/**
 * Wire types. Session, Mailbox and address shapes come from jmap-client-ts; the Email subset we
 * sync is ours because jmap-client-ts types `date` as Date and lacks cc/hasAttachment/messageId.
 */
import type { IEmailAddress, IMailboxProperties, ISession } from 'jmap-client-ts/lib/types';

export type { IEmailAddress as EmailAddress };
export type Mailbox = Omit<IMailboxProperties, 'isSubscribed' | 'parentId' | 'role'> & {
  parentId: string | null;
  role: string | null;
  isSubscribed: boolean;
};

export const CORE = 'urn:ietf:params:jmap:core';
export const MAIL = 'urn:ietf:params:jmap:mail';
export const SUBMISSION = 'urn:ietf:params:jmap:submission';
export const VACATION = 'urn:ietf:params:jmap:vacationresponse';

export interface CoreLimits {
  maxSizeUpload: number;
  maxConcurrentUpload: number;
  maxSizeRequest: number;
  maxConcurrentRequests: number;
  maxCallsInRequest: number;
  maxObjectsInGet: number;
  maxObjectsInSet: number;
}

export type Session = ISession & { capabilities: Record<string, unknown> };

export type Invocation = [name: string, args: Record<string, unknown>, callId: string];

export interface ResultReference {
  resultOf: string;
  name: string;
  path: string;
}

/** The header properties the store keeps for every email (metadata, small and mutable). */
export const EMAIL_HEADER_PROPERTIES = [
  'id',
  'threadId',
  'mailboxIds',
  'keywords',
  'size',
  'receivedAt',
  'sentAt',
  'messageId',
  'inReplyTo',
  'from',
  'to',
  'cc',
  'subject',
  'preview',
  'hasAttachment',
  // Only each part's type (EMAIL_BODY_PROPERTIES): enough to tell an invitation (hasCalendar).
  'attachments',
] as const;

/**
 * The EmailBodyPart properties fetched with the header properties. RFC 8621 lists a text/calendar
 * part in `attachments` wherever it sits (also inside multipart/alternative, next to the text and
 * HTML), as Cyrus 3.10 does (tests/integration/calendar-flag.test.ts); the types alone cost
 * ~20 bytes per email, where the default part properties would cost ~200 per part.
 */
export const EMAIL_BODY_PROPERTIES = ['type'] as const;

/** The arguments of every Email/get that fetches what the store keeps of an email. */
export const EMAIL_HEADER_GET = { properties: EMAIL_HEADER_PROPERTIES, bodyProperties: EMAIL_BODY_PROPERTIES } as const;

/** The only Email properties that can change after creation (RFC 8621 §4.1). */
export const EMAIL_MUTABLE_PROPERTIES = ['id', 'keywords', 'mailboxIds'] as const;

export interface EmailHeaders {
  id: string;
  threadId: string;
  mailboxIds: Record<string, boolean>;
  keywords: Record<string, boolean>;
  size: number;
  receivedAt: string;
  sentAt: string | null;
  messageId: string[] | null;
  inReplyTo: string[] | null;
  from: IEmailAddress[] | null;
  to: IEmailAddress[] | null;
  cc: IEmailAddress[] | null;
  subject: string | null;
  preview: string;
  hasAttachment: boolean;
  /** With EMAIL_BODY_PROPERTIES: the attachments' types only. */
  attachments?: Array<{ type: string | null }> | null;
}

export type EmailMutable = Pick<EmailHeaders, 'id' | 'keywords' | 'mailboxIds'>;

export interface Thread {
  id: string;
  emailIds: string[];
}

export interface GetResponse<T> {
  accountId: string;
  state: string;
  list: T[];
  notFound: string[];
}

export interface ChangesResponse {
  accountId: string;
  oldState: string;
  newState: string;
  hasMoreChanges: boolean;
  created: string[];
  updated: string[];
  destroyed: string[];
  updatedProperties?: string[] | null;
}

export interface QueryResponse {
  accountId: string;
  queryState: string;
  canCalculateChanges: boolean;
  position: number;
  ids: string[];
  total?: number;
}

export interface SetError {
  type: string;
  description?: string;
  properties?: string[];
}

export interface SetResponse<T = Record<string, unknown>> {
  accountId: string;
  oldState: string | null;
  newState: string;
  created: Record<string, T> | null;
  updated: Record<string, T | null> | null;
  destroyed: string[] | null;
  notCreated: Record<string, SetError> | null;
  notUpdated: Record<string, SetError> | null;
  notDestroyed: Record<string, SetError> | null;
}
