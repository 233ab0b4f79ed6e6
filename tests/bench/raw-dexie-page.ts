/**
 * Page side of benchmark (a'): a raw Dexie bulk write of the email rows into a database with the
 * store's own schema and indexes, in chunks like the engine's pages, timed inside the page.
 */
import { MailDB } from '../../lib/store/db';
import type { EmailRow, ThreadMailboxRow } from '../../lib/store/rows';

declare global {
  interface Window {
    /** Emails only, or emails and thread rows (the rows the store holds), `chunk` per transaction. */
    rawDexieWrite(emails: EmailRow[], threadRows: ThreadMailboxRow[], chunk: number): Promise<number>;
  }
}

window.rawDexieWrite = async (emails, threadRows, chunk) => {
  const db = new MailDB(`raw-${Date.now()}`);
  await db.open();
  const threadChunk = Math.ceil((threadRows.length / Math.max(1, emails.length)) * chunk);
  const start = performance.now();
  for (let i = 0, j = 0; i < emails.length; i += chunk, j += threadChunk) {
    await db.transaction('rw', db.emails, db.threadMailboxes, async () => {
      await db.emails.bulkPut(emails.slice(i, i + chunk));
      if (threadRows.length) await db.threadMailboxes.bulkPut(threadRows.slice(j, j + threadChunk));
    });
  }
  const ms = performance.now() - start;
  db.close();
  return ms;
};
