/**
 * Row shapes of the local store. Metadata rows (accounts, mailboxes, emails, threadMailboxes) are
 * small and change often; bodies are large, immutable and evictable, so they live in their own
 * table and are never loaded by list queries. IndexedDB cannot index booleans: flags are 0/1.
 */
import type { EmailAddress } from '../jmap/types';

export type Flag = 0 | 1;

export interface AccountRow {
  id: string; // local id (uuid); JMAP ids are only unique per server
  name: string;
  email: string;
  color: string;
  sessionUrl: string;
  username: string;
  authKind: 'basic' | 'bearer';
  createdAt: number;
  disabled: Flag;
  /**
   * Whether the server keeps identity signatures (Identity/set), as the last signature save found
   * out; absent until one was tried. Not indexed, so no schema version: old rows read as absent.
   */
  signaturesOnServer?: boolean;
}

/** Kept apart from AccountRow so that nothing that lists or syncs accounts ever carries a secret. */
export interface CredentialRow {
  accountId: string;
  secret: string; // password or access token
}

export interface MailboxRow {
  accountId: string;
  id: string;
  name: string;
  parentId: string | null;
  role: string | null;
  sortOrder: number;
  totalEmails: number;
  unreadEmails: number;
  totalThreads: number;
  unreadThreads: number;
  isSubscribed: boolean;
}

export interface EmailRow {
  accountId: string;
  id: string;
  threadId: string;
  mailboxIds: Record<string, boolean>;
  keywords: Record<string, boolean>;
  size: number;
  receivedAt: number; // ms since epoch
  sentAt: number | null;
  messageId: string[] | null;
  inReplyTo: string[] | null;
  from: EmailAddress[] | null;
  to: EmailAddress[] | null;
  cc: EmailAddress[] | null;
  subject: string;
  preview: string;
  hasAttachment: Flag;
  /**
   * Carries an iCalendar part (text/calendar or application/ics), from `attachments` (v4). Absent
   * on rows stored before v4 until the sync rechecks them (lib/sync/calendar-recheck.ts): read as 0.
   */
  hasCalendar: Flag;
}

/**
 * One row per (mailbox, thread): the thread as a list shows it in that mailbox. Derived from
 * EmailRow by lib/store/threads.ts; lets a mailbox's list and its unread count be read from one
 * index without touching emails.
 */
export interface ThreadMailboxRow {
  accountId: string;
  mailboxId: string;
  threadId: string;
  latestAt: number; // receivedAt of the newest email of the thread in this mailbox
  unread: Flag; // some email of the thread in this mailbox lacks $seen
  flagged: Flag;
  hasAttachment: Flag;
  hasCalendar: Flag; // some email of the thread in this mailbox carries an invitation (absent before v4: 0)
  emailCount: number; // emails in the whole thread
  unreadCount: number; // unread emails of the thread in this mailbox
  subject: string;
  senders: EmailAddress[]; // distinct senders of the thread, oldest first
  recipients: EmailAddress[]; // distinct To and Cc of the thread's emails in this mailbox, at most MAX_RECIPIENTS
  keywords: string[]; // the tags (keywords other than IMAP system flags) of its emails in this mailbox
  preview: string;
  latestEmailId: string;
}

/** An attachment as the server describes it (RFC 8621 EmailBodyPart); its bytes stay on the server. */
export interface AttachmentMeta {
  blobId: string;
  /** Decoded by the server (RFC 2231 / RFC 2047); null when the part has none. */
  name: string | null;
  type: string;
  size: number;
  /** Content-ID, for inline parts a body refers to as cid:. */
  cid: string | null;
  disposition: string | null;
}

export interface BodyRow {
  accountId: string;
  emailId: string;
  /** The whole message's blob (its source); missing on rows stored before it was fetched (asked for when needed). */
  blobId?: string;
  text: string | null;
  html: string | null;
  /** Missing on rows stored before attachments were fetched: those are fetched again. */
  attachments?: AttachmentMeta[];
  /** What a reply (or a draft reopened) needs beyond the list's headers; missing on rows stored before replies existed. */
  references?: string[] | null;
  replyTo?: EmailAddress[] | null;
  bcc?: EmailAddress[] | null;
  /** A body value was cut by the server at MAX_BODY_VALUE_BYTES (lib/sync/bodies.ts): the source has the whole. */
  truncated?: boolean;
  /** The server could not decode a body value (unknown or missing charset, broken transfer encoding). */
  encodingProblem?: boolean;
  /** With an encoding problem: the shown view's parts in order, so that the page can decode them again. */
  shownParts?: Array<{ blobId: string; type: string; charset: string | null }>;
  size: number;
  fetchedAt: number;
  lastReadAt: number;
}

export type SyncedType = 'Mailbox' | 'Email' | 'Thread';

export interface SyncStateRow {
  accountId: string;
  type: SyncedType;
  state: string;
}

export type SyncPhase = 'idle' | 'initial' | 'backfill' | 'delta' | 'error';

export interface SyncStatusRow {
  accountId: string;
  phase: SyncPhase;
  done: number; // emails stored during the first sync
  total: number; // emails on the server when the first sync started
  backfillPosition: number; // next Email/query position to fetch; -1 when the backfill is complete
  lastSyncAt: number | null;
  error: { code: string; message: string } | null;
  push: 'unknown' | 'eventsource' | 'polling';
  /** Set by the v4 upgrade: emails stored before need their calendar flag from the server (lib/sync/calendar-recheck.ts). */
  calendarRecheck?: boolean;
}

/**
 * A refused local change, kept for the UI (components/FailedChanges.svelte) with the server's
 * reason, or a pending destroy ("delete forever"): one row per email. `patch` holds JMAP patch
 * paths ("keywords/$seen", "mailboxIds/<id>") → the value asked for, `base` the server's value.
 * Other pending changes are PendingChangeRow.
 */
export interface PendingMutationRow {
  seq?: number;
  accountId: string;
  emailId: string;
  patch: Record<string, true | null>;
  base: Record<string, true | null>;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  status: 'pending' | 'failed';
  error: string | null;
  /** Set when the email is to be destroyed: the row as it was, restored if the server refuses. */
  destroyed?: EmailRow;
}

/**
 * One local change (a user action, or its undo) waiting for the server: per email id, the JMAP
 * patch paths ("keywords/$seen", "mailboxIds/<id>") → the value asked for. Stored emails keep the
 * server's values; what the user sees is those with every pending change laid over them, oldest
 * first (lib/store/pending.ts). One row per action, however many emails it changes, so a bulk
 * action costs one write here. The outbox sends them merged, dropping paths already at the
 * server's value (flag then unflag sends nothing). (v6)
 */
export interface PendingChangeRow {
  seq?: number;
  accountId: string;
  patches: Record<string, Record<string, true | null>>;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

/** A file attached to a draft: its bytes are in draftBlobs until uploaded, then on the server. */
export interface DraftAttachment {
  id: string; // local id; also the draftBlobs key while the bytes are only here
  name: string;
  type: string;
  size: number;
  /** Set once uploaded (or when the file came from an email on the server: a forward, a reopened draft). */
  blobId: string | null;
  /** For an image shown in the body (`cid:` in the HTML): sent as an inline part. */
  cid: string | null;
}

/**
 * What the user is writing, kept here first so that nothing typed is lost (a crash, a closed tab,
 * a stopped worker, no network). The composer page writes the content fields and bumps
 * `version`; the background writes the server fields (`savedVersion`, `serverEmailId`, status
 * after sending). `messageId` is chosen once, so every saved copy and the sent message carry
 * the same one: how the send is recognised after a timeout.
 */
export interface DraftRow {
  id: string;
  accountId: string;
  identityId: string | null;
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject: string;
  /** The user's text as HTML (null in plain-text mode) and its plain-text alternative. */
  html: string | null;
  text: string;
  /** The quoted original of a reply or forward, kept out of the editor (already sanitised), or null. */
  quote: { html: string; text: string } | null;
  attachments: DraftAttachment[];
  keywords: string[]; // tags the sent message carries
  messageId: string;
  inReplyTo: string[] | null;
  references: string[] | null;
  /** The email answered or forwarded: it gets $answered / $forwarded once this is sent. */
  source: { emailId: string; kind: 'reply' | 'forward' } | null;
  version: number;
  savedVersion: number;
  serverEmailId: string | null;
  /** The file the background is uploading now, if any. */
  uploading?: string | null;
  /**
   * draft: being written; queued: Send clicked, goes at `sendAt` (Undo until then) or when the
   * network is back; sending: the submission was made and its answer is not known yet;
   * failed: the server refused (reason in `error`); discarded: to delete everywhere.
   */
  status: 'draft' | 'queued' | 'sending' | 'failed' | 'discarded';
  sendAt: number | null;
  error: string | null;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
}

export interface DraftBlobRow {
  id: string; // = DraftAttachment.id
  draftId: string;
  data: Blob;
}

/** A JMAP Identity (RFC 8621 §6): an address the account may send as. */
export interface IdentityRow {
  accountId: string;
  id: string;
  name: string;
  email: string;
  replyTo: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
  htmlSignature: string | null;
  textSignature: string | null;
  mayDelete: boolean;
}

/**
 * How far an account's inbox has been looked at for new-mail notifications (lib/store/new-mail.ts):
 * every inbox email received before `receivedAt`, and those at exactly `receivedAt` listed in
 * `emailIds`, has been decided on (notified or not). Kept in the store so a restarted worker
 * never notifies the same message twice. (v3)
 */
export interface NewMailMarkRow {
  accountId: string;
  receivedAt: number;
  emailIds: string[];
}
