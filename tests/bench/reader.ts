/**
 * npm run bench:reader: opening a conversation in the mail tab, in real Chromium with the built
 * extension (the loopback build), against the real Cyrus server, for
 *  (a) a typical newsletter (about 100 kB of HTML: a <style> sheet, layout tables, 30 remote
 *      images, which stay blocked),
 *  (b) a 5 MB HTML message (the server sends its first 2 MB: MAX_BODY_VALUE_BYTES),
 *  (c) a conversation of 50 messages (the newest open, the others folded),
 * each "from the store" (its body stored: opened once, then the re-openings measured) and "from
 * the server" (its body not stored: a different, never opened copy each time).
 *
 * The time runs from the click on the conversation in the list (a capture listener, page clock)
 * to the next animation frame after the open message's frame holds its content: the frame's
 * document is the message's (its body has the message's marker text) and has finished loading
 * (readyState "complete"), checked every millisecond or so (4 ms once Chromium clamps nested
 * timers). The frame is same-origin (allow-same-origin), so the page can read it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromiumWithExtension } from '../support/chromium.mjs';
import { freshUser, ServerAccount } from '../support/test-server';
import { hugeMessage, newsletterMessage, threadMessage } from '../support/hostile-mail';
import { mailTabWithAccount } from './extension-probe';

// BENCH_QUICK=1: a short run to check that the benchmark itself works (its numbers mean little).
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 2 : Number(process.env.BENCH_RUNS ?? 7);
const THREAD_LENGTH = 50;
const TARGET_MS = 150;
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
const list = (values: number[]) => values.map(Math.round).join(', ');
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

interface Kind {
  name: string;
  /** Subject of copy `i`; copy 0 is the one re-opened from the store. */
  subject(i: number): string;
  /** Text only the newest message of copy `i` has. */
  marker(i: number): string;
  /** Puts copy `i` on the server. */
  seed(server: ServerAccount, to: string, i: number): Promise<void>;
}

const KINDS: Kind[] = [
  {
    name: '(a) newsletter, ~100 kB HTML, 30 images blocked',
    subject: (i) => `Newsletter ${i}`,
    marker: (i) => `The Weekly, issue ${i}`,
    seed: async (server, to, i) => void (await server.importMessage(new Uint8Array(newsletterMessage({ to, subject: `Newsletter ${i}`, marker: `The Weekly, issue ${i}` })))),
  },
  {
    name: '(b) 5 MB HTML message',
    subject: (i) => `Five megabytes ${i}`,
    marker: (i) => `Five megabytes, copy ${i}`,
    seed: async (server, to, i) => void (await server.importMessage(new Uint8Array(hugeMessage({ to, subject: `Five megabytes ${i}`, bytes: 5_000_000, html: true, marker: `Five megabytes, copy ${i}` })))),
  },
  {
    name: `(c) conversation of ${THREAD_LENGTH} messages`,
    subject: (i) => `Long conversation ${i}`,
    marker: () => `Message ${THREAD_LENGTH} of the thread.`,
    seed: async (server, to, i) => {
      const first = `<thread-${i}-1@bench.test>`;
      const start = Date.now() - 3_600_000;
      for (let n = 1; n <= THREAD_LENGTH; n++) {
        const raw = threadMessage({ to, subject: `Long conversation ${i}`, messageId: n === 1 ? first : `<thread-${i}-${n}@bench.test>`, replyTo: n === 1 ? undefined : first, index: n });
        await server.importMessage(new Uint8Array(raw), 'inbox', { $seen: true }, new Date(start + n * 60_000));
      }
    },
  },
];

/** One opening, measured in the page (see the file's comment); back to the list afterwards. */
async function openingTime(page: Page, subject: string, marker: string): Promise<number> {
  // Within the page, as a user goes back to the list: no reload between openings.
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  const row = page.locator('li.thread').filter({ has: page.locator('.subject', { hasText: new RegExp(`^${subject}$`) }) });
  await page.locator('li.thread').first().waitFor({ timeout: 30_000 });
  // The list renders only the rows in view: scroll until this one is there.
  for (let step = 0; !(await row.count()) && step < 50; step++) {
    await page.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('.scroller')!;
      scroller.scrollTop += scroller.clientHeight / 2;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await sleep(100);
  }
  await row.waitFor({ timeout: 30_000 });
  await sleep(800); // the list and its counts settled
  await page.evaluate((marker) => {
    const w = window as unknown as { measured?: Promise<number> };
    w.measured = new Promise<number>((resolve) => {
      document.addEventListener(
        'click',
        () => {
          const start = performance.now();
          const check = () => {
            const frame = document.querySelector<HTMLIFrameElement>('section.email.expanded iframe');
            const doc = frame?.contentDocument;
            if (doc?.readyState === 'complete' && doc.body?.textContent?.includes(marker)) requestAnimationFrame(() => resolve(performance.now() - start));
            else if (performance.now() - start > 60_000) resolve(Number.NaN);
            else setTimeout(check, 1);
          };
          check();
        },
        { capture: true, once: true },
      );
    });
  }, marker);
  await row.locator('button.open').click();
  const time = await page.evaluate(() => (window as unknown as { measured: Promise<number> }).measured);
  if (Number.isNaN(time)) throw new Error(`${subject}: its body never showed (60 s)`);
  // Only the open message has a frame: the folded ones are not rendered.
  const frames = await page.locator('section.email iframe').count();
  if (frames !== 1) throw new Error(`${subject}: ${frames} message frames, expected 1`);
  return time;
}

async function main(): Promise<void> {
  await promisify(execFile)('bash', ['tests/server/cyrus.sh', 'start']);
  const user = await freshUser('benchread');
  const server = await ServerAccount.open(user);
  log(`seeding ${RUNS + 1} copies of each kind`);
  for (const kind of KINDS) for (let i = 0; i <= RUNS; i++) await kind.seed(server, user.email, i);
  const inbox = await server.mailboxId('inbox');

  const browser = await launchChromiumWithExtension({ extensionDir: '.output/chrome-mv3-loopback' });
  try {
    const { page, accountId } = await mailTabWithAccount(browser, user);
    await page.bringToFront(); // a tab behind others gets one frame a second
    const listUrl = `chrome-extension://${browser.extensionId}/mail.html#/mailbox/${encodeURIComponent(accountId)}/${encodeURIComponent(inbox)}`;
    await page.goto(listUrl);
    await sleep(2000);

    const rows: Array<[string, string, string]> = [];
    for (const kind of KINDS) {
      const fromServer: number[] = [];
      for (let i = 0; i < RUNS; i++) fromServer.push(await openingTime(page, kind.subject(i), kind.marker(i)));
      log(`${kind.name} from the server: ${list(fromServer)}`);
      // Copy 0 was opened above: its body is stored.
      const fromStore: number[] = [];
      for (let i = 0; i < RUNS; i++) fromStore.push(await openingTime(page, kind.subject(0), kind.marker(0)));
      log(`${kind.name} from the store: ${list(fromStore)}`);
      const target = kind === KINDS[0] ? `target ≤ ${TARGET_MS} ms: ${median(fromStore) <= TARGET_MS ? 'met' : '**not met**'}; ` : '';
      rows.push([`${kind.name}, from the store`, ms(median(fromStore)), `${target}${list(fromStore)}`]);
      rows.push([`${kind.name}, from the server`, ms(median(fromServer)), list(fromServer)]);
    }
    console.log(`\n| click on the conversation → frame after the open message's body is painted (median of ${RUNS}) | result | note |\n| --- | --- | --- |`);
    for (const [what, result, note] of rows) console.log(`| ${what} | ${result} | ${note} |`);
  } finally {
    await browser.context.close();
    const { rmSync } = await import('node:fs');
    rmSync(browser.profile, { recursive: true, force: true });
  }
}

await main();
