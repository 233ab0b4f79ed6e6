/**
 * Hostile HTML through the whole reader: DOMPurify's public payload list (tests/fixtures/
 * xss-dompurify) and mail-specific vectors, delivered to the real server and opened in the mail
 * tab. Fails if any script runs (payloads call the canary __xss instead of alert; dialogs are
 * watched too), or any request leaves the browser other than to the JMAP server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVER_URL } from '../support/test-server';
import { htmlMessage, openMessage, readerSession, type ReaderSession } from './reader-support';

const PAYLOADS_PER_MESSAGE = 12;
const LEAK = 'http://127.0.0.1:9';

const dompurify = (JSON.parse(readFileSync('tests/fixtures/xss-dompurify/expect.json', 'utf8')) as Array<{ payload: string }>).map((p) => p.payload.replace(/alert/g, '__xss'));

/** Tricks aimed at mail readers rather than at sanitisers in general. */
const MAIL_VECTORS = [
  `<base href="${LEAK}/base/"><img src="relative.png"><a href="relative">relative</a>`,
  `<meta http-equiv="refresh" content="0; url=${LEAK}/refresh"><meta http-equiv="refresh" content="0; url=javascript:__xss(1)">`,
  `<div style="background: url(${LEAK}/css-attr)">a</div><div style="background-image: url('${LEAK}/css-quoted'), url(&quot;${LEAK}/css-entity&quot;)">b</div>`,
  `<div style="background:\\75\\72\\6c(${LEAK}/css-escaped)">c</div><div style="background: u\\rl(${LEAK}/css-escaped2)">d</div>`,
  `<div style="list-style-image: url(${LEAK}/list); cursor: url(${LEAK}/cursor), auto; border-image: url(${LEAK}/border) 30; content: url(${LEAK}/content)">e</div>`,
  `<div style="mask-image: url(${LEAK}/mask); -webkit-mask-image: url(${LEAK}/wmask); shape-outside: url(${LEAK}/shape); filter: url(${LEAK}/filter#f)">f</div>`,
  `<div style="background-image: image-set('${LEAK}/image-set' 1x); background: -webkit-image-set(url(${LEAK}/wimage-set) 1x)">g</div>`,
  `<div style="--u: url(${LEAK}/custom); background: var(--u); background-image: var(--none, url(${LEAK}/var-fallback))">h</div>`,
  `<style>@import '${LEAK}/import-string'; @import url(${LEAK}/import-url); @\\69mport '${LEAK}/import-escaped';</style>`,
  `<style>.x{background:url(${LEAK}/sheet)} @media all { .y { background: url(${LEAK}/media) } } @supports (display:grid) { .z { cursor: url(${LEAK}/supports), auto } }</style><p class="x y z">i</p>`,
  `<style>@font-face { font-family: leak; src: url(${LEAK}/font) } p { font-family: leak } @keyframes k { from { background: url(${LEAK}/keyframe) } } p { animation: k 1s }</style><p>j</p>`,
  `<style>p::after { content: url(${LEAK}/after) } p::before { content: "</style><img src=x onerror=__xss(1)>" }</style><p>k</p>`,
  `<img srcset="${LEAK}/srcset 1x, ${LEAK}/srcset2 2x"><picture><source srcset="${LEAK}/source"><img src="${LEAK}/picture"></picture>`,
  `<table background="${LEAK}/table"><tr><td background="${LEAK}/td">l</td></tr></table><body background="${LEAK}/body">`,
  `<video poster="${LEAK}/poster" src="${LEAK}/video"></video><audio src="${LEAK}/audio" autoplay></audio><input type="image" src="${LEAK}/input">`,
  `<link rel="stylesheet" href="${LEAK}/link"><link rel="prefetch" href="${LEAK}/prefetch"><link rel="dns-prefetch" href="${LEAK}/dns">`,
  `<svg><image href="${LEAK}/svg-image"/><use href="${LEAK}/svg-use#x"/><script>__xss(1)</script></svg><svg onload="__xss(1)"></svg>`,
  `<svg><a xlink:href="javascript:__xss(1)"><text>svg link</text></a><animate attributeName="href" values="javascript:__xss(1)"/><foreignObject><img src=x onerror=__xss(1)></foreignObject></svg>`,
  `<math><maction actiontype="statusline" xlink:href="javascript:__xss(1)">m</maction><mi href="javascript:__xss(1)">n</mi></math>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss(1)">entity</a><a href="&#x6A;avascript&colon;__xss(1)">hex</a><a href="java&Tab;script:__xss(1)">tab</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a><a href="vbscript:__xss(1)">vb</a><iframe src="data:text/html,<script>parent.__xss(1)</script>"></iframe>`,
  `<img src=x onerror="__xss(1)"><body onload="__xss(1)"><details open ontoggle="__xss(1)"><summary>s</summary></details><div onmouseover="__xss(1)">o</div>`,
  `<form action="${LEAK}/form"><input name="q" value="x" autofocus onfocus="__xss(1)"><button formaction="${LEAK}/formaction">go</button></form>`,
  `<object data="${LEAK}/object"></object><embed src="${LEAK}/embed"><iframe src="${LEAK}/iframe"></iframe><frameset><frame src="${LEAK}/frame"></frameset>`,
  `<a href="${LEAK}/ping" ping="${LEAK}/ping-audit">ping</a><img src="x" style="background:url(${LEAK}/img-style)"><p style="behavior: url(${LEAK}/htc)">q</p>`,
  `<noscript><p title="</noscript><img src=x onerror=__xss(1)>"></noscript><template><img src=x onerror=__xss(1)></template><xmp><img src=x onerror=__xss(1)></xmp>`,
];

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** One conversation, so that "Expand all" shows every message at once. */
const SUBJECT = 'Hostile conversation';
const BODIES = [...chunks(dompurify, PAYLOADS_PER_MESSAGE), ...chunks(MAIL_VECTORS, 9)].map((part) => part.join('\n<hr>\n'));
const FIRST_ID = '<xss-0@reader.test>';

let session: ReaderSession;
const ran: string[] = [];
const dialogs: string[] = [];
const leaks: string[] = [];

beforeAll(async () => {
  session = await readerSession(
    'xss',
    (to) =>
      BODIES.map((html, i) =>
        htmlMessage({ from: 'Attacker <attacker@evil.example>', to, subject: SUBJECT, html, messageId: i ? undefined : FIRST_ID, replyTo: i ? FIRST_ID : undefined }),
      ),
    async (browser) => {
      // In every frame of every page: a payload that runs calls it instead of alert.
      await browser.context.exposeBinding('__xss', ({ frame }, ...args: unknown[]) => void ran.push(`${frame.url()} ${JSON.stringify(args)}`));
      browser.context.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith('chrome-extension://') && !url.startsWith(`${SERVER_URL}/`) && !/^(data|blob|about):/.test(url)) leaks.push(url);
      });
      browser.context.on('page', (page) => page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss())));
    },
  );
  session.page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
}, 180_000);

afterAll(async () => {
  await session?.browser.close();
});

it(`opens ${dompurify.length} public payloads and ${MAIL_VECTORS.length} mail vectors: nothing runs, nothing leaves`, async () => {
  const { page } = session;
  await openMessage(page, SUBJECT);
  await page.getByRole('button', { name: 'Expand all' }).click();
  const frames = page.locator('section.email iframe');
  await expect.poll(() => frames.count()).toBe(BODIES.length);
  for (let i = 0; i < BODIES.length; i++) {
    // Each frame holds our document (its CSP first), and none can run script.
    expect(await frames.nth(i).getAttribute('sandbox')).toBe('allow-same-origin');
    const frame = await (await frames.nth(i).elementHandle())!.contentFrame();
    await frame!.locator('meta[http-equiv="Content-Security-Policy"]').waitFor({ state: 'attached' });
  }
  // The mouse across every body would run mouse handlers a sanitiser missed.
  for (let i = 0; i < BODIES.length; i++) {
    await frames.nth(i).scrollIntoViewIfNeeded();
    const box = await frames.nth(i).boundingBox();
    if (box?.height) await page.mouse.move(box.x + box.width / 3, box.y + Math.min(box.height / 2, 300));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(ran).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(leaks).toEqual([]);
}, 240_000);

it('the canary works: a script allowed to run in the mail page is seen', async () => {
  // Guards the test itself: if the binding were missing in extension pages, the check above could not fail.
  await session.page.evaluate(() => (globalThis as unknown as { __xss(n: number): void }).__xss(0));
  await expect.poll(() => ran.length).toBe(1);
  ran.length = 0;
});
