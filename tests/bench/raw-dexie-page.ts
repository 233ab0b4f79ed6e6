/**
 * Page side of benchmark (a'): a raw Dexie bulk write of the email rows into a database with the
 * store's own schema and indexes, in chunks like the engine's pages, timed inside the page.
 */
import { MailDB } from '../../lib/store/db';
import type { EmailRow } from '../../lib/store/rows';

declare global {
  interface Window {
    rawDexieWrite(rows: EmailRow[], chunk: number): Promise<number>;
  }
}

window.rawDexieWrite = async (rows, chunk) => {
  const db = new MailDB(`raw-${Date.now()}`);
  await db.open();
  const start = performance.now();
  for (let i = 0; i < rows.length; i += chunk) await db.emails.bulkPut(rows.slice(i, i + chunk));
  const ms = performance.now() - start;
  db.close();
  return ms;
};
