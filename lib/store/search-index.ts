/**
 * The local half of search (and of the From / To filters): the searchable text of every
 * conversation of the listed folders, in memory, newest first, so that each keystroke tests strings instead of reading rows from
 * IndexedDB (which costs a structured clone per row). Built once per list (a read of the folders'
 * rows in chunks), then only consulted: candidates are re-read by key and tested again with the
 * whole filter, so a row changed since the build is never shown wrongly; a row added since is
 * missing until the caller rebuilds (it does when the store changes under the list).
 */
import type { MailDB } from './db';
import type { ThreadMailboxRow } from './rows';
import { fullMatcher, listThreads, searchText, searchWords, type ListedMailbox, type ListPosition, type SortOrder, type ThreadFilter } from './thread-query';

type RowKey = [string, string, string];

const BUILD_CHUNK = 2000;

export class SearchIndex {
  private constructor(
    readonly mailboxes: ListedMailbox[],
    private readonly keys: RowKey[],
    private readonly texts: string[],
  ) {}

  static async build(db: MailDB, mailboxes: ListedMailbox[], signal?: AbortSignal): Promise<SearchIndex> {
    const keys: RowKey[] = [];
    const texts: string[] = [];
    let position: ListPosition | null = null;
    do {
      const page = await listThreads(db, mailboxes, {}, 'newest', BUILD_CHUNK, position, signal);
      for (const row of page.rows) {
        keys.push([row.accountId, row.mailboxId, row.threadId]);
        texts.push(searchText(row));
      }
      position = page.next;
    } while (position);
    return new SearchIndex(mailboxes, keys, texts);
  }

  get size(): number {
    return this.keys.length;
  }

  /**
   * Up to `limit` rows matching the whole filter (its text through the index), newest or oldest
   * first; `more` when there may be others.
   */
  async list(db: MailDB, filter: ThreadFilter, order: SortOrder, limit: number): Promise<{ rows: ThreadMailboxRow[]; more: boolean }> {
    // Sender and recipient filters look in the same text first (a superset), then in the row.
    const words = [...searchWords(filter.text), ...searchWords(filter.from), ...searchWords(filter.to)];
    const matches = fullMatcher(filter);
    const rows: ThreadMailboxRow[] = [];
    const step = order === 'newest' ? 1 : -1;
    let at = order === 'newest' ? 0 : this.keys.length - 1;
    let more = false;
    while (rows.length < limit && at >= 0 && at < this.keys.length) {
      const batch: RowKey[] = [];
      for (; batch.length < limit * 2 && at >= 0 && at < this.keys.length; at += step) {
        const text = this.texts[at];
        if (words.every((w) => text.includes(w))) batch.push(this.keys[at]);
      }
      const fresh = await db.threadMailboxes.bulkGet(batch);
      for (const row of fresh) {
        if (!row || !matches(row)) continue;
        if (rows.length < limit) rows.push(row);
        else more = true;
      }
    }
    return { rows, more: more || (at >= 0 && at < this.keys.length) };
  }
}
