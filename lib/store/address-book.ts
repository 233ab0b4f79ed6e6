/**
 * Recipient autocomplete from the user's own mail: the people written to (recipients of Sent
 * conversations) and received from (senders of Inbox conversations) of every enabled account.
 *
 * Built once per database into memory and reused for 60 s, so each keystroke tests strings
 * instead of reading IndexedDB. The build reads at most the newest ROWS_PER_MAILBOX thread rows
 * of each inbox and sent mailbox, through the [accountId+mailboxId+unread+latestAt] index (its
 * unread and read ranges, newest first, merged), never a whole table: the store may hold 100,000
 * messages and older correspondents matter less.
 *
 * Score: WRITTEN_TO per Sent conversation the person was a recipient of, RECEIVED_FROM per Inbox
 * conversation they sent, plus a recency bonus that halves every RECENCY_HALF_LIFE since the last
 * contact, so someone written to yesterday comes before a newsletter read for years.
 */
import Dexie from 'dexie';
import type { EmailAddress } from '../jmap/types';
import { addressKey } from '../mime/addresses';
import type { MailDB } from './db';
import type { MailboxRow, ThreadMailboxRow } from './rows';

export const ROWS_PER_MAILBOX = 5000;
const CACHE_MS = 60_000;
const WRITTEN_TO = 3;
const RECEIVED_FROM = 1;
const RECENCY_BONUS = 10;
const RECENCY_HALF_LIFE = 30 * 24 * 3600_000;
const DEFAULT_LIMIT = 8;

interface Person {
  email: string;
  /** addressKey(email): what `exclude` is compared with. */
  key: string;
  /** Lower case, ё read as е, for matching. */
  emailKey: string;
  name: string;
  nameKey: string;
  nameWords: string[];
  /** latestAt of the conversation the name came from. */
  nameAt: number;
  lastAt: number;
  score: number;
}

interface Built {
  at: number;
  people: Promise<Person[]>;
}

const cache = new WeakMap<MailDB, Built>();

const fold = (text: string) => text.toLocaleLowerCase().replace(/ё/g, 'е');
const words = (folded: string) => folded.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);

export interface SuggestOptions {
  /** At most this many suggestions (8 by default). */
  limit?: number;
  /** Addresses already in the field. */
  exclude?: string[];
  /** Rebuild the list now instead of using one up to 60 s old. */
  fresh?: boolean;
}

/** People whose address, name, or a word of whose name starts with `query`, best first. */
export async function suggestAddresses(db: MailDB, query: string, options: SuggestOptions = {}): Promise<EmailAddress[]> {
  const people = await addressBook(db, options.fresh ?? false);
  const typed = fold(query.trim());
  if (!typed) return [];
  const typedWords = words(typed);
  const excluded = new Set((options.exclude ?? []).map(addressKey));
  const limit = options.limit ?? DEFAULT_LIMIT;
  const found: EmailAddress[] = [];
  // `people` is sorted best first, so the first matches are the best ones.
  for (const person of people) {
    if (found.length >= limit) break;
    if (excluded.has(person.key)) continue;
    if (matches(person, typed, typedWords)) found.push({ name: person.name, email: person.email });
  }
  return found;
}

/** "iv", "ivan pe", "petrov" and "petrov iv" all find Ivan Petrov. */
function matches(person: Person, typed: string, typedWords: string[]): boolean {
  if (person.emailKey.startsWith(typed) || person.nameKey.startsWith(typed)) return true;
  return typedWords.length > 0 && typedWords.every((w) => person.nameWords.some((n) => n.startsWith(w)));
}

function addressBook(db: MailDB, fresh: boolean): Promise<Person[]> {
  const cached = cache.get(db);
  if (!fresh && cached && Date.now() - cached.at < CACHE_MS) return cached.people;
  const people = build(db);
  const entry = { at: Date.now(), people };
  cache.set(db, entry);
  // A failed build is not kept: the next keystroke tries again.
  people.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return people;
}

async function build(db: MailDB): Promise<Person[]> {
  const accounts = await db.accounts.toArray();
  const own = new Set(accounts.map((a) => addressKey(a.email)));
  const enabled = accounts.filter((a) => !a.disabled);
  const mailboxes = (
    await Promise.all(enabled.map((a) => db.mailboxes.where('[accountId+role]').anyOf([a.id, 'inbox'], [a.id, 'sent']).toArray()))
  ).flat();
  const people = new Map<string, Person>();
  // One mailbox at a time, so at most one mailbox's rows are held at once.
  for (const mailbox of mailboxes) {
    const sent = mailbox.role === 'sent';
    for (const row of await newestRows(db, mailbox)) {
      for (const address of sent ? (row.recipients ?? []) : row.senders) {
        count(people, own, address, row.latestAt, sent ? WRITTEN_TO : RECEIVED_FROM);
      }
    }
  }
  const now = Date.now();
  const list = [...people.values()];
  for (const person of list) person.score += RECENCY_BONUS * 0.5 ** (Math.max(0, now - person.lastAt) / RECENCY_HALF_LIFE);
  return list.sort((a, b) => b.score - a.score || b.lastAt - a.lastAt || a.key.localeCompare(b.key));
}

function count(people: Map<string, Person>, own: Set<string>, address: EmailAddress, at: number, weight: number): void {
  const email = address.email?.trim();
  if (!email || !email.includes('@')) return;
  const key = addressKey(email);
  if (own.has(key)) return;
  const name = address.name?.trim() ?? '';
  const usefulName = name && addressKey(name) !== key ? name : '';
  let person = people.get(key);
  if (!person) {
    person = { email, key, emailKey: fold(email), name: '', nameKey: '', nameWords: [], nameAt: -Infinity, lastAt: at, score: 0 };
    people.set(key, person);
  }
  person.score += weight;
  // The spelling of the latest contact, as for the name below.
  if (at > person.lastAt) {
    person.email = email;
    person.emailKey = fold(email);
    person.lastAt = at;
  }
  // The most recent non-empty display name wins (people rename; an old typo should not stick).
  if (usefulName && at >= person.nameAt) {
    person.name = usefulName;
    person.nameKey = fold(usefulName);
    person.nameWords = words(person.nameKey);
    person.nameAt = at;
  }
}

/** The newest ROWS_PER_MAILBOX rows of a mailbox: both unread ranges of the index, newest first, merged. */
async function newestRows(db: MailDB, mailbox: MailboxRow): Promise<ThreadMailboxRow[]> {
  const ranges = await Promise.all(
    ([0, 1] as const).map((unread) =>
      db.threadMailboxes
        .where('[accountId+mailboxId+unread+latestAt]')
        .between([mailbox.accountId, mailbox.id, unread, Dexie.minKey], [mailbox.accountId, mailbox.id, unread, Dexie.maxKey])
        .reverse()
        .limit(ROWS_PER_MAILBOX)
        .toArray(),
    ),
  );
  // A new array: the rows Dexie returns are frozen and its arrays are not ours to sort.
  return [...ranges[0], ...ranges[1]].sort((a, b) => b.latestAt - a.latestAt).slice(0, ROWS_PER_MAILBOX);
}
