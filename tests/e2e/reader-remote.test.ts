/**
 * Remote content: a message full of references to a local HTTP server. Nothing reaches the server
 * until "Show images", then only images; "Always show images from <sender>" applies to that
 * sender's next message and to no one else's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { htmlMessage, openMessage, readerSession, type ReaderSession } from './reader-support';

let session: ReaderSession;
let tracker: Server;
let base: string;
const hits: string[] = [];
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const SHOP = 'Shop <news@shop.example>';

/** Every kind of remote reference; images are under /img/, everything else under /other/. */
function everything(tag: string): string {
  const img = (name: string) => `${base}/img/${tag}-${name}.gif`;
  const other = (name: string) => `${base}/other/${tag}-${name}`;
  return [
    `<style>@import url("${other('import.css')}"); .a { background-image: url("${img('sheet')}") }`,
    `@font-face { font-family: f; src: url("${other('font.woff')}") } .f { font-family: f }</style>`,
    `<link rel="stylesheet" href="${other('link.css')}"><link rel="icon" href="${other('icon')}">`,
    `<p class="a f">Newsletter ${tag}</p><div style="background: url('${img('inline')}') no-repeat; height: 10px"></div>`,
    `<table background="${img('table')}"><tr><td>cell</td></tr></table>`,
    `<img src="${img('src')}" alt="src"><img src="${img('fallback')}" srcset="${img('srcset')} 1x" alt="srcset">`,
    `<picture><source srcset="${img('picture')}"><img src="${img('picture-fallback')}" alt="picture"></picture>`,
    `<video poster="${other('poster.gif')}" src="${other('video.mp4')}"></video><audio src="${other('audio.mp3')}"></audio>`,
    `<iframe src="${other('frame')}"></iframe><object data="${other('object')}"></object>`,
  ].join('\n');
}

beforeAll(async () => {
  tracker = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.setHeader('Content-Type', request.url?.startsWith('/img/') ? 'image/gif' : 'text/plain');
    response.setHeader('Cache-Control', 'no-store');
    response.end(request.url?.startsWith('/img/') ? PIXEL : '');
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
  session = await readerSession('remote', (to) => [
    htmlMessage({ from: SHOP, to, subject: 'Newsletter A', html: everything('a') }),
    htmlMessage({ from: SHOP, to, subject: 'Newsletter B', html: `<p>B</p><img src="${base}/img/b.gif" alt="b">` }),
    htmlMessage({ from: 'Other <someone@other.example>', to, subject: 'Other sender', html: `<p>C</p><img src="${base}/img/c.gif" alt="c">` }),
    htmlMessage({ from: SHOP, to, subject: 'Newsletter D', html: `<p>D</p><img src="${base}/img/d.gif" alt="d">` }),
  ]);
});

afterAll(async () => {
  await session?.browser.close();
  tracker?.close();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

it('loads nothing remote until "Show images", then only the images', async () => {
  const { page } = session;
  const frame = await openMessage(page, 'Newsletter A');
  await frame.getByText('Newsletter a').waitFor();
  await settle();
  expect(hits).toEqual([]);
  await page.getByText('Images in this message were blocked').waitFor();

  await page.getByRole('button', { name: 'Show images', exact: true }).click();
  const images = ['sheet', 'inline', 'table', 'src', 'srcset', 'picture'].map((name) => `/img/a-${name}.gif`);
  await expect.poll(() => images.filter((path) => !hits.includes(path)), { timeout: 10_000 }).toEqual([]);
  await settle();
  expect(hits.filter((path) => !path.startsWith('/img/'))).toEqual([]);
  expect(await page.getByText('Images in this message were blocked').count()).toBe(0);
});

it('"Always show images from" a sender shows the images of their next message at once, and of no one else', async () => {
  const { page } = session;
  await openMessage(page, 'Newsletter B');
  await settle();
  expect(hits).not.toContain('/img/b.gif');
  await page.getByRole('button', { name: 'Always show images from news@shop.example' }).click();
  await expect.poll(() => hits.includes('/img/b.gif')).toBe(true);

  await openMessage(page, 'Newsletter D');
  await expect.poll(() => hits.includes('/img/d.gif')).toBe(true);
  expect(await page.getByText('Images in this message were blocked').count()).toBe(0);

  await openMessage(page, 'Other sender');
  await settle();
  expect(hits).not.toContain('/img/c.gif');
  await page.getByText('Images in this message were blocked').waitFor();
});

it('prints images only for messages whose images were allowed', async () => {
  const { page } = session;
  await openMessage(page, 'Other sender');
  await page.getByRole('button', { name: 'Print all' }).click();
  const printed = page.frameLocator('iframe.print-frame');
  await printed.getByText('C', { exact: true }).waitFor({ state: 'attached' });
  expect(await printed.locator('img').getAttribute('src')).toBeNull();
  await openMessage(page, 'Newsletter D');
  await page.getByRole('button', { name: 'Print all' }).click();
  await printed.getByText('D', { exact: true }).waitFor({ state: 'attached' });
  expect(await printed.locator('img').getAttribute('src')).toBe(`${base}/img/d.gif`);
  await settle();
  expect(hits).not.toContain('/img/c.gif');
});
