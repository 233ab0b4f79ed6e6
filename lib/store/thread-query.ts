/**
 * A list of conversations as the mail app shows it: one or more mailboxes (a folder, or the
 * inboxes of all accounts), filtered, newest or oldest first, a page at a time. Read from the
 * [accountId+mailboxId+unread+latestAt] index: "unread" and "read" pick one of its two ranges, a
 * date filter narrows both, and the other filters are tested on rows read in growing chunks (bulk
 * getAll, not a cursor per row) until the page is full. "Flagged" reads the flagged range of
 * [accountId+mailboxId+flagged+latestAt] instead (its matches are rare), with the read state
 * tested on the rows. Nothing reads a whole table; a rare match may read a whole folder, which an
 * AbortSignal cuts short when the query is stale.
 */
import Dexie from 'dexie';
import type { EmailAddress } from '../jmap/types';
import type { MailDB } from './db';
import type { ThreadMailboxRow } from './rows';

export interface ThreadFilter {
  /** true: unread conversations only; false: read ones only. */
  unread?: boolean;
  flagged?: boolean;
  withAttachment?: boolean;
  /** Conversations with an iCalendar invitation (or reply, cancellation) in them. */
  withCalendar?: boolean;
  /** Latest message at or after this time (ms). */
  since?: number;
  /** Latest message before this time (ms). */
  until?: number;
  /** Part of a sender's name or address. */
  from?: string;
  /** Part of a recipient's (To, Cc) name or address. */
  to?: string;
  /** A tag: the JMAP keyword on the conversation's messages. */
  keyword?: string;
  /** Words that must all appear in the subject, the people or the preview. */
  text?: string;
}

export type SortOrder = 'newest' | 'oldest';

export interface ListedMailbox {
  accountId: string;
  mailboxId: string;
}

/** Where a page ended: the next page starts there (rows sharing that date are not repeated). */
export interface ListPosition {
  latestAt: number;
  shown: string[];
}

export interface ThreadPage {
  rows: ThreadMailboxRow[];
  /** null when the list has no more rows. */
  next: ListPosition | null;
}

/** Rows read per round trip: small first (a common filter fills a screen at once), then more. */
const FIRST_CHUNK = 50;
const MAX_CHUNK = 1000;

const rowKey = (row: ThreadMailboxRow) => `${row.accountId}\u0000${row.mailboxId}\u0000${row.threadId}`;

/**
 * The order of every list of conversations, oldest first (newest first is its reverse): by date,
 * then equal dates in the order of the index's primary key, as each range reads them, so that a
 * conversation marked read or unread moves to the other range but keeps its place among its equals.
 */
export function oldestFirst(a: ThreadMailboxRow, b: ThreadMailboxRow): number {
  return a.latestAt - b.latestAt || (rowKey(a) < rowKey(b) ? -1 : rowKey(a) > rowKey(b) ? 1 : 0);
}

const folded = (value: string) => value.toLocaleLowerCase();
const addressText = (addresses: EmailAddress[]) => addresses.map((a) => `${a.name ?? ''} ${a.email ?? ''}`).join(' ');

/** What search looks in: subject, people, preview; lower case. */
export function searchText(row: ThreadMailboxRow): string {
  return folded(`${row.subject}\n${addressText(row.senders)}\n${addressText(row.recipients ?? [])}\n${row.preview}`);
}

export const searchWords = (text: string | undefined): string[] => (text ? folded(text).split(/\s+/).filter(Boolean) : []);

/** The filter as a test on one row (the parts the index does not already answer). */
export function rowMatcher(filter: ThreadFilter): (row: ThreadMailboxRow) => boolean {
  const from = filter.from ? folded(filter.from.trim()) : '';
  const to = filter.to ? folded(filter.to.trim()) : '';
  const words = searchWords(filter.text);
  return (row) => {
    if (filter.flagged && !row.flagged) return false;
    if (filter.withAttachment && !row.hasAttachment) return false;
    if (filter.withCalendar && !row.hasCalendar) return false;
    if (filter.keyword && !row.keywords?.includes(filter.keyword)) return false;
    if (from && !folded(addressText(row.senders)).includes(from)) return false;
    if (to && !folded(addressText(row.recipients ?? [])).includes(to)) return false;
    if (words.length) {
      const haystack = searchText(row);
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  };
}

/** The whole filter as a test on one row, for rows that did not come from the index (server search). */
export function fullMatcher(filter: ThreadFilter): (row: ThreadMailboxRow) => boolean {
  const rest = rowMatcher(filter);
  return (row) =>
    (filter.unread === undefined || row.unread === (filter.unread ? 1 : 0)) &&
    (filter.since === undefined || row.latestAt >= filter.since) &&
    (filter.until === undefined || row.latestAt < filter.until) &&
    rest(row);
}

/**
 * Up to `limit` matching rows of one (mailbox, unread) range in order, starting at `position`.
 * Chunks continue from the date of the last row read; rows at that date already read are skipped
 * by key, so equal dates are neither lost nor repeated.
 */
async function matchingInRange(
  db: MailDB,
  { accountId, mailboxId }: ListedMailbox,
  [index, value]: IndexRange,
  filter: ThreadFilter,
  order: SortOrder,
  limit: number,
  position: ListPosition | null,
  matches: (row: ThreadMailboxRow) => boolean,
  signal?: AbortSignal,
): Promise<ThreadMailboxRow[]> {
  let lower = filter.since ?? -Infinity;
  let upper = filter.until !== undefined ? filter.until - 1 : Infinity;
  const skip = new Set(position?.shown ?? []);
  if (position) {
    if (order === 'newest') upper = Math.min(upper, position.latestAt);
    else lower = Math.max(lower, position.latestAt);
  }
  const found: ThreadMailboxRow[] = [];
  let chunk = FIRST_CHUNK;
  while (found.length < limit && lower <= upper) {
    // A list that is no longer wanted (the user typed on) stops reading.
    signal?.throwIfAborted();
    const range = db.threadMailboxes
      .where(`[accountId+mailboxId+${index}+latestAt]`)
      .between([accountId, mailboxId, value, lower === -Infinity ? Dexie.minKey : lower], [accountId, mailboxId, value, upper === Infinity ? Dexie.maxKey : upper], true, true);
    const rows = await (order === 'newest' ? range.reverse() : range).limit(chunk).toArray();
    for (const row of rows) if (!skip.has(rowKey(row)) && matches(row)) found.push(row);
    if (rows.length < chunk) break;
    const edge = rows[rows.length - 1].latestAt;
    const atEdge = rows.filter((r) => r.latestAt === edge);
    // A whole chunk of one date: read a larger one, or the loop would not move.
    chunk = atEdge.length === rows.length ? chunk * 2 : Math.min(chunk * 2, MAX_CHUNK);
    for (const row of atEdge) skip.add(rowKey(row));
    if (order === 'newest') upper = edge;
    else lower = edge;
  }
  return found;
}

/** An index of thread rows by a 0/1 field then date, and the value read. */
type IndexRange = ['unread' | 'flagged', 0 | 1];

/** The index ranges that hold a filter's rows, merged by date. */
function indexRanges(filter: ThreadFilter): IndexRange[] {
  if (filter.flagged) return [['flagged', 1]];
  return filter.unread === true ? [['unread', 1]] : filter.unread === false ? [['unread', 0]] : [['unread', 0], ['unread', 1]];
}

/** A page of the list: `limit` rows after `position` (null for the first page). */
export async function listThreads(
  db: MailDB,
  mailboxes: ListedMailbox[],
  filter: ThreadFilter,
  order: SortOrder,
  limit: number,
  position: ListPosition | null = null,
  signal?: AbortSignal,
): Promise<ThreadPage> {
  const rest = rowMatcher(filter);
  const matches = filter.flagged && filter.unread !== undefined ? (row: ThreadMailboxRow) => row.unread === (filter.unread ? 1 : 0) && rest(row) : rest;
  // One more row than asked tells whether there is a next page.
  const ranges = await Promise.all(mailboxes.flatMap((m) => indexRanges(filter).map((range) => matchingInRange(db, m, range, filter, order, limit + 1, position, matches, signal))));
  const sorted = ranges.flat().sort((a, b) => (order === 'newest' ? oldestFirst(b, a) : oldestFirst(a, b)));
  const rows = sorted.slice(0, limit);
  if (sorted.length <= limit) return { rows, next: null };
  const last = rows[rows.length - 1].latestAt;
  const carried = position && position.latestAt === last ? position.shown : [];
  return { rows, next: { latestAt: last, shown: [...carried, ...rows.filter((r) => r.latestAt === last).map(rowKey)] } };
}
