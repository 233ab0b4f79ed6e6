/**
 * Functions evaluated inside the extension's pages during the benchmark. They read the store with
 * raw IndexedDB, so that measuring does not share code (or caches) with what is measured.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { SESSION_URL, type TestUser } from '../support/test-server';

export const DB_NAME = 'mailext';

/** The extension API as seen from code evaluated in an extension page. */
export type ExtensionGlobal = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

/**
 * Polls until the store satisfies `what`; returns the page's clock at that moment. Every 5 ms for
 * the first thread (a short wait that needs precision), every 25 ms otherwise, so that the polling
 * itself does not slow down the sync it measures.
 */
export async function waitInStore(page: Page, what: 'firstThread' | 'syncDone' | { emailId: string }, accountId: string | null, timeoutMs = 600_000): Promise<number> {
  return page.evaluate(
    async ({ what, accountId, timeoutMs, dbName }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const read = <T>(store: string, op: (s: IDBObjectStore) => IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          const request = op(db.transaction(store).objectStore(store));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const end = performance.now() + timeoutMs;
      for (;;) {
        let done = false;
        if (what === 'firstThread') done = !!(await read('threadMailboxes', (s) => s.getKey(IDBKeyRange.lowerBound([]))));
        else if (what === 'syncDone') {
          const status = await read<{ phase: string; backfillPosition: number } | undefined>('syncStatus', (s) => s.get(accountId!));
          done = !!status && status.phase === 'idle' && status.backfillPosition === -1;
        } else done = !!(await read('emails', (s) => s.get([accountId!, what.emailId])));
        if (done) {
          db.close();
          return performance.now();
        }
        if (performance.now() > end) throw new Error(`store never reached ${JSON.stringify(what)}`);
        await new Promise((resolve) => setTimeout(resolve, what === 'firstThread' ? 5 : 25));
      }
    },
    { what, accountId, timeoutMs, dbName: DB_NAME },
  );
}

/** Adds generated emails and their thread rows to an account's inbox until it holds `total`. */
export async function fillStore(page: Page, accountId: string, total: number): Promise<number> {
  return page.evaluate(
    async ({ accountId, total, dbName }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const done = (tx: IDBTransaction) => new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
      const count = await new Promise<number>((resolve) => {
        const request = db.transaction('emails').objectStore('emails').count();
        request.onsuccess = () => resolve(request.result);
      });
      const inbox = await new Promise<{ id: string }>((resolve) => {
        const request = db.transaction('mailboxes').objectStore('mailboxes').index('[accountId+role]').get([accountId, 'inbox']);
        request.onsuccess = () => resolve(request.result);
      });
      // One a minute up to now: the newest rows are today's, as in a busy mailbox.
      const oldest = Date.now() - total * 60_000;
      for (let i = count; i < total; i += 5000) {
        const tx = db.transaction(['emails', 'threadMailboxes'], 'readwrite');
        for (let j = i; j < Math.min(total, i + 5000); j++) {
          const id = `gen${j}`;
          const receivedAt = oldest + j * 60_000;
          const unread = j % 9 === 0 ? 1 : 0;
          // Enough variety for every filter of the list: flags, attachments, a tag, senders, recipients.
          const flagged = j % 40 === 0 ? 1 : 0;
          const hasAttachment = j % 13 === 0 ? 1 : 0;
          const tags = j % 25 === 0 ? ['project'] : [];
          const from = [{ name: `Generated ${j % 500}`, email: `g${j % 500}@example.org` }];
          const to = [{ name: '', email: `team${j % 20}@example.com` }];
          tx.objectStore('emails').put({
            accountId, id, threadId: id, mailboxIds: { [inbox.id]: true },
            keywords: { ...(unread ? {} : { $seen: true }), ...(flagged ? { $flagged: true } : {}), ...Object.fromEntries(tags.map((t) => [t, true])) }, size: 4000, receivedAt,
            sentAt: receivedAt, messageId: [`${id}@gen`], inReplyTo: null, from, to, cc: null,
            subject: `Generated message ${j}`, preview: 'Generated preview text for the store-size benchmark.', hasAttachment, hasCalendar: 0,
          });
          tx.objectStore('threadMailboxes').put({
            accountId, mailboxId: inbox.id, threadId: id, latestAt: receivedAt, unread, flagged, hasAttachment, hasCalendar: 0, emailCount: 1,
            unreadCount: unread, subject: `Generated message ${j}`, senders: from, recipients: to, keywords: tags,
            preview: 'Generated preview text for the store-size benchmark.', latestEmailId: id,
          });
        }
        await done(tx);
      }
      const final = await new Promise<number>((resolve) => {
        const request = db.transaction('emails').objectStore('emails').count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return final;
    },
    { accountId, total, dbName: DB_NAME },
  );
}

/** Milliseconds from navigation start to the first frame painted with a thread row in it. */
export async function popupFirstPaint(page: Page, url: string): Promise<number> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('li.thread')) return;
      observer.disconnect();
      requestAnimationFrame(() => ((window as unknown as { firstThreadPaint: number }).firstThreadPaint = performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  // Waited for from here, not in the page: Playwright's in-page polling (waitForFunction) would
  // inject and compile its script while the page is still reading its first rows.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await page.waitForFunction(() => (window as unknown as { firstThreadPaint?: number }).firstThreadPaint !== undefined, null, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { firstThreadPaint: number }).firstThreadPaint);
}

/**
 * The mail tab (1280×900, in front) with the user's account added through the background, as the
 * add-account form would, once its first sync is done.
 */
export async function mailTabWithAccount(browser: { context: BrowserContext; extensionId: string }, user: TestUser): Promise<{ page: Page; accountId: string }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/mail.html#/`);
  const added = (await page.evaluate(
    ([email, secret, sessionUrl]) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'addAccount', input: { email, secret, sessionUrl } }),
    [user.email, user.password, SESSION_URL],
  )) as { ok: boolean; accountId?: string };
  if (!added.ok) throw new Error(`addAccount failed: ${JSON.stringify(added)}`);
  await waitInStore(page, 'syncDone', added.accountId!);
  return { page, accountId: added.accountId! };
}
