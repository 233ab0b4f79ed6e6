/**
 * The MV3 worker may be stopped at any moment: stopped in the middle of a first sync, the next
 * wake goes on from the stored position and ends with exactly the server's mail.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, freshUser, ServerAccount, type TestUser } from '../support/test-server';
import { addAccountThroughUi, launchExtension, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
const MESSAGES = 6000;

/** Reads the sync status and the number of stored emails straight from IndexedDB. */
async function storeState(page: Page): Promise<{ phase?: string; backfillPosition?: number; emails: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mailext');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['syncStatus', 'emails']);
          const statuses = tx.objectStore('syncStatus').getAll();
          const count = tx.objectStore('emails').count();
          tx.oncomplete = () => {
            const [status] = statuses.result as Array<{ phase: string; backfillPosition: number }>;
            resolve({ phase: status?.phase, backfillPosition: status?.backfillPosition, emails: count.result });
            open.result.close();
          };
        };
      }),
  );
}

beforeAll(async () => {
  user = await freshUser('restart');
  await promisify(execFile)('node', ['tests/server/seed-bulk.mjs', user.email, user.password, '--count', String(MESSAGES), '--no-wait-index']);
  browser = await launchExtension();
});

afterAll(async () => {
  await browser?.close();
});

it('resumes the first sync after the worker is stopped mid-way', async () => {
  const page = await browser.open('mail.html#/add-account');
  await addAccountThroughUi(page, user);
  // Stop the worker once some, not all, pages are stored.
  await eventually(async () => {
    const state = await storeState(page);
    return state.phase === 'backfill' && state.emails > 0 && (state.backfillPosition ?? 0) > 0;
  }, 30_000, 10);
  const cdp = await browser.context.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => statuses.push(...versions.map((v) => v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await eventually(async () => statuses.includes('stopped'), 10_000, 10);
  const stoppedAt = await storeState(page);
  expect(stoppedAt.emails).toBeLessThan(MESSAGES);

  // An open view wakes it again (its live port reconnects); it goes on from the stored position.
  await eventually(async () => (await storeState(page)).phase === 'idle', 60_000);
  const server = await ServerAccount.open(user);
  expect((await storeState(page)).emails).toBe((await server.emailIds()).length);
  expect((await storeState(page)).backfillPosition).toBe(-1);
  await eventually(async () => (await browser.badge()) === String(await server.inboxUnreadThreads()));
});
