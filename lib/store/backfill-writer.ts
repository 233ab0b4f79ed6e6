/**
 * Writes first-sync pages fast. Every page is new mail, and most of its threads have no email in
 * the store yet, so re-deriving their rows from the store (lib/store/mail-writes.ts) would read
 * for nothing. This writer knows, for one backfill run, which threads have stored emails (listed
 * once at the start) and keeps the emails of the threads it wrote in the last few pages, so a
 * page costs about one write per row. The run is short (the engine does a delta between runs),
 * and a local destroy made during it (which takes emails out of the store) makes the writer
 * reread the affected threads. Other local changes leave stored emails as they are.
 *
 * It writes through lib/store/thread-writes.ts like every other writer.
 */
import Dexie from 'dexie';
import type { MailDB } from './db';
import { destroyedLocally } from './pending';
import type { EmailRow, SyncStatusRow } from './rows';
import { byThread, readThreads, replaceThreads, type ThreadChange } from './thread-writes';

/** Threads remembered from this many recent pages; older ones are reread if they come back. */
const REMEMBERED_PAGES = 4;

export class BackfillWriter {
  private readonly remembered = new Map<string, { emails: EmailRow[]; page: number }>();
  private pages = 0;

  private constructor(
    private readonly db: MailDB,
    private readonly accountId: string,
    /** Threads with at least one stored email. */
    private readonly stored: Set<string>,
    /** Highest pending-mutation seq when the run started; a higher one means a local destroy. */
    private readonly mutationSeq: number,
  ) {}

  static async start(db: MailDB, accountId: string): Promise<BackfillWriter> {
    const [threadKeys, lastMutation] = await Promise.all([
      db.emails.where('[accountId+threadId]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).keys(),
      db.pendingMutations.orderBy('seq').last(),
    ]);
    const stored = new Set(threadKeys.map((key) => (key as unknown as [string, string])[1]));
    return new BackfillWriter(db, accountId, stored, lastMutation?.seq ?? 0);
  }

  /** Writes a page and, in the same transaction, the sync progress that says it is written. */
  async writePage(rows: EmailRow[], progress: Partial<SyncStatusRow>): Promise<void> {
    const { db, accountId } = this;
    this.pages++;
    await db.transaction('rw', [db.emails, db.threadMailboxes, db.pendingMutations, db.pendingChanges, db.bodies, db.syncStatus], async () => {
      const lastSeq = (await db.pendingMutations.orderBy('seq').last())?.seq;
      const changedLocally = (lastSeq ?? 0) > this.mutationSeq;
      const destroyed = lastSeq === undefined ? new Set<string>() : await destroyedLocally(db, accountId, rows.map((e) => e.id));
      const page = byThread(destroyed.size ? rows.filter((e) => !destroyed.has(e.id)) : rows);
      const toRead = [...page.keys()].filter((t) => this.stored.has(t) && (changedLocally || !this.remembered.has(t)));
      for (const [threadId, emails] of await readThreads(db, accountId, toRead)) this.remembered.set(threadId, { emails, page: this.pages });
      const changes: ThreadChange[] = [];
      for (const [threadId, incoming] of page) {
        const before = this.remembered.get(threadId)?.emails ?? [];
        const ids = new Set(incoming.map((e) => e.id));
        const after = [...before.filter((e) => !ids.has(e.id)), ...incoming];
        changes.push({ threadId, before, after });
        this.remembered.set(threadId, { emails: after, page: this.pages });
        this.stored.add(threadId);
      }
      await replaceThreads(db, accountId, changes);
      await db.syncStatus.update(accountId, progress);
    });
    for (const [threadId, { page }] of this.remembered) if (page <= this.pages - REMEMBERED_PAGES) this.remembered.delete(threadId);
  }
}
