/** Attachments in the reader: listed with name, size and type, downloaded with their exact bytes. */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMessage, readerSession, type ReaderSession } from './reader-support';

let session: ReaderSession;
/** A 4×3 GIF. */
const GIF_4X3 = 'R0lGODlhBAADAIAAAP8AAP///ywAAAAABAADAAACA4SPVgA7';
/** Every byte value, so that any re-encoding on the way would show. */
const BYTES = Buffer.from(Array.from({ length: 3_000 }, (_, i) => (i * 7) % 256));

beforeAll(async () => {
  session = await readerSession('attach', (to) => [
    [
      'From: Accounts <accounts@reader.test>',
      `To: ${to}`,
      'Subject: Invoice attached',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m1"',
      '',
      '--m1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Your invoice is attached.',
      '--m1',
      'Content-Type: application/octet-stream',
      // RFC 2047 in a quoted name, as many clients still send it.
      'Content-Disposition: attachment; filename="=?UTF-8?B?0KHRh9GR0YIg4oSWNS5iaW4=?="',
      'Content-Transfer-Encoding: base64',
      '',
      BYTES.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--m1--',
      '',
    ].join('\r\n'),
    [
      'From: Shop <shop@reader.test>',
      `To: ${to}`,
      'Subject: Logo inside',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Our logo:</p><img src="cid:logo.123@reader.test" alt="logo" width="4" height="3">',
      '--r1',
      'Content-Type: image/gif',
      'Content-ID: <logo.123@reader.test>',
      'Content-Disposition: inline',
      'Content-Transfer-Encoding: base64',
      '',
      GIF_4X3,
      '--r1--',
      '',
    ].join('\r\n'),
    [
      'From: Accounts <accounts@reader.test>',
      `To: ${to}`,
      'Subject: Three files',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m2"',
      '',
      '--m2',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Three files.',
      ...[
        ['notes.txt', 'first'],
        ['notes.txt', 'second'],
        ['../../escape.txt', 'third'],
      ].flatMap(([name, text]) => ['--m2', 'Content-Type: text/plain', `Content-Disposition: attachment; filename="${name}"`, '', text]),
      '--m2--',
      '',
    ].join('\r\n'),
  ]);
});

afterAll(async () => {
  await session?.browser.close();
});

it('lists the attachment and downloads it under its name with its bytes', async () => {
  const { page } = session;
  await openMessage(page, 'Invoice attached');
  const list = page.getByRole('region', { name: 'Attachments' });
  await list.getByText('Счёт №5.bin').waitFor();
  expect(await list.locator('li .meta').textContent()).toBe('3 kB · application/octet-stream');
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download Счёт №5.bin' }).click()]);
  expect(download.suggestedFilename()).toBe('Счёт №5.bin');
  expect(Buffer.compare(await readFile((await download.path())!), BYTES)).toBe(0);
});

it("shows the images a message takes from its own parts at once, without asking", async () => {
  const { page } = session;
  const frame = await openMessage(page, 'Logo inside');
  const logo = frame.getByAltText('logo');
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
  expect(await logo.getAttribute('src')).toMatch(/^blob:chrome-extension:/);
  expect(await page.getByText('Images in this message were blocked').count()).toBe(0);
});

it('prints a message with its headers, body and list of attachments', async () => {
  const { page } = session;
  await openMessage(page, 'Invoice attached');
  await page.locator('section.email.expanded').getByRole('button', { name: 'Print', exact: true }).click();
  const printed = page.frameLocator('iframe.print-frame');
  await printed.getByRole('heading', { name: 'Invoice attached' }).waitFor({ state: 'attached' });
  expect(await printed.locator('dl').textContent()).toMatch(/^FromAccounts <accounts@reader\.test>To\S+@example\.comDate.+$/);
  expect(await printed.locator('article').textContent()).toContain('Your invoice is attached.');
  expect(await printed.locator('.attachments li').allTextContents()).toEqual(['Счёт №5.bin (3 kB)']);
  expect(await page.locator('iframe.print-frame').getAttribute('sandbox')).toBe('allow-same-origin allow-modals');
});

it('downloads all attachments as one zip, equal names numbered and none able to leave its folder', async () => {
  const { page } = session;
  await openMessage(page, 'Three files');
  const list = page.getByRole('region', { name: 'Attachments' });
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download all' }).click()]);
  expect(download.suggestedFilename()).toBe('Three files.zip');
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString().trim()]))).toEqual({
    'notes.txt': 'first',
    'notes (2).txt': 'second',
    '__.._escape.txt': 'third',
  });
});
