/**
 * Files in the reader: View (images and text, in a frame with no permission at all; PDFs drawn by
 * pdf.js in the sandboxed PDF viewer page), an attached
 * message opened as a message, and a message's source, in Chromium against the real server.
 */
import { readFile } from 'node:fs/promises';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ServerAccount } from '../support/test-server';
import { openMessage, readerSession, type ReaderSession } from './reader-support';

let session: ReaderSession;
/** A 4×3 GIF. */
const GIF_4X3 = 'R0lGODlhBAADAIAAAP8AAP///ywAAAAABAADAAACA4SPVgA7';
const SCRIPT_TEXT = '<script>window.canary = 1; parent.canary = 1;</script><b>not bold</b> & плюс';
/** Every byte value, so that any re-encoding on the way would show. */
const INNER_BYTES = Buffer.from(Array.from({ length: 2_000 }, (_, i) => (i * 11) % 256));
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64').replace(/.{76}/g, '$&\r\n');

/** A PDF with a correct xref table, made of its objects (numbered from 1; the first is the catalog). */
function pdf(objects: string[]): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const stream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
/** One page: a blue box and "Hello PDF" in Helvetica. */
const PAGE_OBJECTS = [
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  stream('0 0 1 rg 20 120 120 40 re f 0 g BT /F1 24 Tf 20 60 Td (Hello PDF) Tj ET'),
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
];
const HELLO_PDF = pdf(['<< /Type /Catalog /Pages 2 0 R >>', ...PAGE_OBJECTS]);
/** The same page, with JavaScript to run on opening, in the names tree and in a page action. */
const SCRIPT_PDF = pdf([
  '<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /Names << /JavaScript << /Names [(x) 6 0 R] >> >> >>',
  ...PAGE_OBJECTS,
  '<< /S /JavaScript /JS (globalThis.canary = 7; try { parent.canary = 7 } catch (e) {} app.alert\\(1\\);) >>',
]);

const part = (type: string, name: string, data: Buffer | string) => [`Content-Type: ${type}`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', b64(data)];

const INNER = [
  'From: Inner Sender <inner@reader.test>',
  'To: Someone <someone@reader.test>',
  'Subject: =?UTF-8?B?0JLQu9C+0LbQtdC90L3QvtC1?= report',
  'Date: Tue, 03 Mar 2026 10:15:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="in"',
  '',
  '--in',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p id="inner-text">Inner body text</p><script>parent.canary = 2</script><img src="x" onerror="parent.canary = 3">',
  '--in',
  ...part('application/octet-stream', 'inner.bin', INNER_BYTES),
  '--in--',
  '',
].join('\r\n');

beforeAll(async () => {
  session = await readerSession('files', (to) => [
    [
      'From: Files <files@reader.test>',
      `To: ${to}`,
      'Subject: Files to view',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="f1"',
      '',
      '--f1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Have a look.',
      '--f1',
      ...part('image/gif', 'pixel.gif', Buffer.from(GIF_4X3, 'base64')),
      '--f1',
      ...part('text/plain; charset=utf-8', 'notes.txt', SCRIPT_TEXT),
      '--f1',
      ...part('image/svg+xml', 'logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>parent.canary = 4</script></svg>'),
      '--f1',
      ...part('image/png', 'fake.png', '<html><script>parent.canary = 5</script></html>'),
      '--f1',
      ...part('application/pdf', 'doc.pdf', '%PDF-1.4\n%%EOF\n'),
      '--f1--',
      '',
    ].join('\r\n'),
    [
      'From: Files <files@reader.test>',
      `To: ${to}`,
      'Subject: PDFs to view',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="p1"',
      '',
      '--p1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Some PDFs.',
      '--p1',
      ...part('application/pdf', 'hello.pdf', HELLO_PDF),
      '--p1',
      ...part('application/pdf', 'script.pdf', SCRIPT_PDF),
      '--p1',
      ...part('application/pdf', 'fake.pdf', '<html><script>parent.canary = 6</script></html>'),
      '--p1--',
      '',
    ].join('\r\n'),
    [
      'From: Forwarder <fwd@reader.test>',
      `To: ${to}`,
      'Subject: Forwarded inside',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="f2"',
      '',
      '--f2',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'See the attached message.',
      '--f2',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="inner.eml"',
      '',
      INNER,
      '--f2--',
      '',
    ].join('\r\n'),
  ]);
});

afterAll(async () => {
  await session?.browser.close();
});

const attachments = (page: Page) => page.locator('section.email.expanded').getByRole('region', { name: 'Attachments' }).first();

async function frameOf(element: Locator): Promise<Frame> {
  await element.waitFor({ state: 'attached' });
  const frame = await (await element.elementHandle())!.contentFrame();
  await frame!.waitForLoadState();
  return frame!;
}

/** What a document in the frame could reach, read from inside it. */
const reach = (frame: Frame) =>
  frame.evaluate(() => ({
    origin: self.origin,
    runtime: typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime,
    browser: typeof (globalThis as { browser?: unknown }).browser,
    canary: (globalThis as { canary?: unknown }).canary,
  }));

it('views an image in a frame with no permission at all, from the keyboard, and gives the focus back', async () => {
  const { page } = session;
  await openMessage(page, 'Files to view');
  const view = attachments(page).getByRole('button', { name: 'View pixel.gif' });
  await view.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'pixel.gif' });
  await dialog.waitFor();
  const element = dialog.locator('iframe');
  expect(await element.getAttribute('sandbox')).toBe('');
  const frame = await frameOf(element);
  const image = frame.getByAltText('pixel.gif');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
  expect(await image.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  expect(await reach(frame)).toEqual({ origin: 'null', runtime: 'undefined', browser: 'undefined', canary: undefined });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await view.evaluate((button) => button === document.activeElement)).toBe(true);
});

it('views text with markup in it as text: nothing in it runs', async () => {
  const { page } = session;
  await openMessage(page, 'Files to view');
  await attachments(page).getByRole('button', { name: 'View notes.txt' }).click();
  const dialog = page.getByRole('dialog', { name: 'notes.txt' });
  const frame = await frameOf(dialog.locator('iframe'));
  expect(await frame.locator('pre').textContent()).toBe(SCRIPT_TEXT);
  expect(await frame.locator('script, b').count()).toBe(0);
  expect(await reach(frame)).toEqual({ origin: 'null', runtime: 'undefined', browser: 'undefined', canary: undefined });
  expect(await page.evaluate(() => (window as { canary?: unknown }).canary)).toBeUndefined();
  // Download from the viewer saves the file itself.
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('notes.txt');
  expect(await readFile((await download.path())!, 'utf8')).toBe(SCRIPT_TEXT);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
});

it('offers no View for SVG, and refuses an "image" whose bytes are not one', async () => {
  const { page } = session;
  await openMessage(page, 'Files to view');
  const list = attachments(page);
  await list.getByRole('button', { name: 'Download logo.svg' }).waitFor();
  expect(await list.getByRole('button', { name: 'View logo.svg' }).count()).toBe(0);
  await list.getByRole('button', { name: 'View fake.png' }).click();
  await list.getByRole('alert').filter({ hasText: '“fake.png” is not the kind of file its type says (image/png)' }).waitFor();
  expect(await page.getByRole('dialog').count()).toBe(0);
  expect(await page.evaluate(() => (window as { canary?: unknown }).canary)).toBeUndefined();
});

/** Opens a PDF's viewer and gives its frame, checked to be the sandboxed viewer page. */
async function viewPdf(page: Page, name: string) {
  await attachments(page).getByRole('button', { name: `View ${name}` }).click();
  const dialog = page.getByRole('dialog', { name });
  const element = dialog.locator('iframe');
  expect(await element.getAttribute('sandbox')).toBe('allow-scripts');
  expect(await element.getAttribute('src')).toMatch(/^chrome-extension:\/\/[a-p]{32}\/pdf-viewer\.html$/);
  return { dialog, frame: await frameOf(element) };
}

/**
 * What the PDF viewer page could reach, read from inside it. Chromium gives an extension's
 * sandboxed page an empty `browser` object (no properties, no runtime) and a `chrome` with only
 * loadTimes/csi: no extension API.
 */
const pdfReach = (frame: Frame) =>
  frame.evaluate(() => {
    const scope = globalThis as { chrome?: Record<string, unknown> & { runtime?: { id?: unknown } }; browser?: Record<string, unknown>; canary?: unknown };
    return {
      origin: self.origin,
      runtimeId: typeof scope.chrome?.runtime?.id,
      chrome: Object.getOwnPropertyNames(scope.chrome ?? {}).filter((name) => !['loadTimes', 'csi'].includes(name)),
      browser: Object.getOwnPropertyNames(scope.browser ?? {}),
      canary: scope.canary,
    };
  });
const UNREACHED = { origin: 'null', runtimeId: 'undefined', chrome: [], browser: [], canary: undefined };

/** How many pixels of a canvas in the frame are not white. */
const inked = (frame: Frame, label: string) =>
  frame.getByRole('img', { name: label }).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) count++;
    return count;
  });

it('views a PDF as pages drawn by pdf.js in the sandboxed viewer page: no extension APIs, an opaque origin', async () => {
  const { page } = session;
  await openMessage(page, 'PDFs to view');
  const { dialog, frame } = await viewPdf(page, 'hello.pdf');
  await frame.getByRole('img', { name: 'Page 1 of 1' }).waitFor();
  await expect.poll(() => inked(frame, 'Page 1 of 1'), { timeout: 10_000 }).toBeGreaterThan(1_000);
  expect(await pdfReach(frame)).toEqual(UNREACHED);
  expect(await frame.locator('[role="alert"]').count()).toBe(0);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

it('runs none of the JavaScript a PDF carries', async () => {
  const { page } = session;
  await openMessage(page, 'PDFs to view');
  const { dialog, frame } = await viewPdf(page, 'script.pdf');
  await expect.poll(() => inked(frame, 'Page 1 of 1'), { timeout: 10_000 }).toBeGreaterThan(1_000);
  await page.waitForTimeout(500);
  expect(await pdfReach(frame)).toEqual(UNREACHED);
  expect(await page.evaluate(() => (window as { canary?: unknown }).canary)).toBeUndefined();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

it('refuses a ".pdf" that is not one, and says so when pdf.js cannot read a file that starts like one', async () => {
  const { page } = session;
  await openMessage(page, 'PDFs to view');
  const list = attachments(page);
  await list.getByRole('button', { name: 'View fake.pdf' }).click();
  await list.getByRole('alert').filter({ hasText: '“fake.pdf” is not the kind of file its type says (application/pdf)' }).waitFor();
  expect(await page.getByRole('dialog').count()).toBe(0);

  await openMessage(page, 'Files to view');
  const { dialog, frame } = await viewPdf(page, 'doc.pdf');
  await frame.getByRole('alert').filter({ hasText: 'This PDF could not be read' }).waitFor();
  expect(await frame.locator('canvas').count()).toBe(0);
  expect(await page.evaluate(() => (window as { canary?: unknown }).canary)).toBeUndefined();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

it('opens an attached message: decoded headers, sanitised body, its own attachment byte for byte', async () => {
  const { page } = session;
  await openMessage(page, 'Forwarded inside');
  await attachments(page).getByRole('button', { name: 'Open inner.eml' }).click();
  const dialog = page.getByRole('dialog', { name: 'Вложенное report' });
  await dialog.waitFor();
  expect(await dialog.locator('dd.from').textContent()).toBe('Inner Sender <inner@reader.test>');
  expect(await dialog.locator('dd.subject').textContent()).toBe('Вложенное report');
  const element = dialog.locator('iframe').first();
  expect(await element.getAttribute('sandbox')).toBe('allow-same-origin');
  const frame = await frameOf(element);
  await frame.getByText('Inner body text').waitFor();
  expect(await frame.locator('script, [onerror]').count()).toBe(0);
  expect(await frame.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'))).toMatch(/^default-src 'none'/);
  expect(await page.evaluate(() => (window as { canary?: unknown }).canary)).toBeUndefined();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download inner.bin' }).click()]);
  expect(download.suggestedFilename()).toBe('inner.bin');
  expect(Buffer.compare(await readFile((await download.path())!), INNER_BYTES)).toBe(0);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

it("shows a message's source as text and downloads it as the server's exact bytes", async () => {
  const { page, user } = session;
  await openMessage(page, 'Files to view');
  await page.locator('section.email.expanded').getByRole('button', { name: 'View source' }).click();
  const dialog = page.getByRole('dialog', { name: 'Source of “Files to view”' });
  const element = dialog.locator('iframe');
  expect(await element.getAttribute('sandbox')).toBe('');
  const frame = await frameOf(element);
  const text = (await frame.locator('pre').textContent())!;
  expect(text).toMatch(/^From: Files <files@reader\.test>\r?\n/);
  expect(text).toContain('Subject: Files to view');
  expect(text).toContain('Content-Type: multipart/mixed; boundary="f1"');
  expect(await reach(frame)).toEqual({ origin: 'null', runtime: 'undefined', browser: 'undefined', canary: undefined });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .eml' }).click()]);
  expect(download.suggestedFilename()).toBe('Files to view.eml');
  const [server] = await (await ServerAccount.open(user)).rawMessageBytes('inbox', 'Files to view');
  expect(Buffer.compare(await readFile((await download.path())!), server)).toBe(0);
});
