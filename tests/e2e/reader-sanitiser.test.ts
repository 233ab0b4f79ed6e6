/** The sanitiser's decisions, in a real Chromium DOM (lib/security/sanitise.ts). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSanitiserPage, type SanitiserPage } from './sanitiser-page';

let sanitiser: SanitiserPage;
beforeAll(async () => {
  sanitiser = await openSanitiserPage();
});
afterAll(async () => {
  await sanitiser?.close();
});

/** Every way a message can reference a remote resource; images are under /img. */
const REMOTE = [
  '<style>@import url("http://remote.test/css-import.css"); @import "http://remote.test/css-import2.css";',
  '.a { background: url(http://remote.test/img-style-sheet.png) } .b { background-image: image-set("http://remote.test/img-set.png" 1x) }',
  '@font-face { font-family: x; src: url(http://remote.test/font.woff) } @media screen { .c { list-style: url(\'http://remote.test/img-media.png\') } }</style>',
  '<link rel="stylesheet" href="http://remote.test/link.css">',
  '<div style="background: url(http://remote.test/img-inline.png) red">a</div>',
  '<div style="background-image: \\75 rl(http://remote.test/img-escaped.png)">b</div>',
  '<div style="background-image: &#117;rl(http://remote.test/img-entity.png)">c</div>',
  '<div style="--x: url(http://remote.test/custom.png); background: var(--y, url(http://remote.test/var-fallback.png))">d</div>',
  '<table background="http://remote.test/img-table.png"><tr><td background="//remote.test/img-td.png">e</td></tr></table>',
  '<img src="http://remote.test/img-src.png" srcset="http://remote.test/img-srcset.png 2x" alt="pic">',
  '<picture><source srcset="https://remote.test/img-picture.webp"><img src="https://remote.test/img-picture.png"></picture>',
  '<video poster="http://remote.test/poster.png" src="http://remote.test/video.mp4"></video><audio src="http://remote.test/audio.mp3"></audio>',
  '<object data="http://remote.test/object"></object><iframe src="http://remote.test/frame"></iframe>',
].join('\n');

describe('active content', () => {
  it('removes scripts, handlers, forms, frames, plugins, <base>, <meta refresh>, SVG and MathML', async () => {
    const { html } = await sanitiser.sanitise({
      html: [
        '<base href="http://remote.test/"><meta http-equiv="refresh" content="0;url=http://remote.test/">',
        '<script>alert(1)</script><img src=x onerror=alert(1)><p onclick="alert(1)">p</p>',
        '<form action="http://remote.test/"><input name=a><button formaction="http://remote.test/">go</button></form>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe><frame src="x"><object data="x"></object><embed src="x">',
        '<svg><script>alert(1)</script><animate onbegin=alert(1) attributeName=href values=javascript:alert(1) /></svg>',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
        '<a href="javascript:alert(1)">j</a><a href="java&#x09;script:alert(1)">k</a><a href="data:text/html,<script>alert(1)</script>">d</a>',
        '<a href="vbscript:msgbox(1)">v</a><template><script>alert(1)</script></template><noscript><img src=x onerror=alert(1)></noscript>',
      ].join(''),
    });
    expect(html).not.toMatch(/<(script|form|input|button|iframe|frame|object|embed|base|meta|svg|math|template|noscript)\b/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:text|remote\.test/i);
  });

  it('keeps the text and ordinary formatting', async () => {
    const { html } = await sanitiser.sanitise({ html: '<h1 style="color: red">Title</h1><table><tr><td bgcolor="#eee"><b>cell</b></td></tr></table>' });
    expect(html).toBe('<h1 style="color: red;">Title</h1><table><tbody><tr><td bgcolor="#eee"><b>cell</b></td></tr></tbody></table>');
  });
});

describe('the DOMPurify payload list, one payload at a time', () => {
  const payloads = (JSON.parse(readFileSync('tests/fixtures/xss-dompurify/expect.json', 'utf8')) as Array<{ payload: string }>).map((p) => p.payload);

  it(`leaves nothing active and nothing loading in any of the ${payloads.length} outputs, parsed again as the frame will`, async () => {
    const findings = await sanitiser.page.evaluate(async (payloads) => {
      type Run = (body: { html: string; text: null }, policy: { allowRemoteImages: boolean; inlineParts: Map<string, string> }) => { html: string };
      const run = (globalThis as unknown as { sanitiseMessage: Run }).sanitiseMessage;
      const found: string[] = [];
      for (const payload of payloads) {
        const { html } = run({ html: payload, text: null }, { allowRemoteImages: false, inlineParts: new Map() });
        const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
        const active = doc.querySelectorAll('script, iframe, frame, object, embed, form, input, button, base, meta, link, svg, math, template, video, audio');
        if (active.length) found.push(`${payload} → <${active[0].localName}>`);
        for (const element of doc.querySelectorAll('*')) {
          for (const { name, value } of element.attributes) {
            if (/^on/i.test(name) || (name === 'href' && !/^(https?|mailto|tel):/i.test(value)) || /^(src|srcset|background|poster|action|formaction|xlink:href)$/i.test(name)) found.push(`${payload} → ${name}="${value}"`);
          }
        }
      }
      return found;
    }, payloads);
    expect(findings).toEqual([]);
  });
});

describe('remote content', () => {
  it('blocks every remote reference and counts what "Show images" would load', async () => {
    const result = await sanitiser.sanitise({ html: REMOTE });
    expect(result.html).not.toContain('remote.test');
    // Images: style sheet ×3, inline, escaped, entity, table, td, src, srcset, picture source + img.
    expect(result.blocked.images).toBe(12);
    // Never loaded: 2 imports, font, link, poster + video + audio, object, iframe.
    expect(result.blocked.other).toBe(9);
  });

  it('keeps only images when they are allowed', async () => {
    const { html, blocked } = await sanitiser.sanitise({ html: REMOTE }, { allowRemoteImages: true });
    const loaded = [...html.matchAll(/(?:https?:)?\/\/remote\.test\/([\w.-]+)/g)].map((m) => m[1]);
    expect(new Set(loaded)).toEqual(
      new Set(['img-style-sheet.png', 'img-set.png', 'img-media.png', 'img-inline.png', 'img-escaped.png', 'img-entity.png', 'img-table.png', 'img-td.png', 'img-src.png', 'img-srcset.png', 'img-picture.webp', 'img-picture.png']),
    );
    expect(html).toContain('background="https://remote.test/img-td.png"');
    expect(blocked).toEqual({ images: 0, other: 9 });
  });

  it('shows cid: images from the parts the caller resolved, and nothing for unknown ones', async () => {
    const { html, blocked } = await sanitiser.sanitise(
      { html: '<img src="cid:logo@x"><img src="cid:missing@x"><p style="background: url(cid:logo@x)">p</p>' },
      { inlineParts: { 'logo@x': 'data:image/png;base64,AAAA' } },
    );
    expect(html).toBe('<img src="data:image/png;base64,AAAA"><img><p style="background: url(&quot;data:image/png;base64,AAAA&quot;);">p</p>');
    expect(blocked).toEqual({ images: 0, other: 0 });
  });

  it('drops relative references, which would resolve against the extension', async () => {
    const { html } = await sanitiser.sanitise({ html: '<img src="/icon.png"><a href="mail.html">m</a><div style="background: url(popup.html)">x</div>' });
    expect(html).toBe('<img><a>m</a><div style="background: none;">x</div>');
  });
});

describe('links', () => {
  it('open in a new tab without opener or referrer, with the real target as title', async () => {
    const { html } = await sanitiser.sanitise({ html: '<a href="https://example.com/a" target="_self" rel="opener">Example</a><a href="mailto:a@example.com">mail</a>' });
    expect(html).toBe(
      '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer" title="https://example.com/a">Example</a>' +
        '<a href="mailto:a@example.com" target="_blank" rel="noopener noreferrer" title="mailto:a@example.com">mail</a>',
    );
  });

  it('lists links whose text is another address', async () => {
    const { deceptiveLinks, html } = await sanitiser.sanitise({ html: '<a href="https://evil.example/x">https://bank.example/login</a> <a href="https://bank.example/x">bank.example</a>' });
    expect(deceptiveLinks).toEqual([{ text: 'https://bank.example/login', href: 'https://evil.example/x' }]);
    expect(html.match(/data-reader-deceptive/g)).toHaveLength(1);
  });
});

describe('quoted text', () => {
  it('marks the outermost quotes for folding', async () => {
    const { html, quotes } = await sanitiser.sanitise({ html: '<p>Reply</p><div class="gmail_quote">On Monday: <blockquote>old <blockquote>older</blockquote></blockquote></div>' });
    expect(quotes).toBe(1);
    expect(html).toBe('<p>Reply</p><div class="gmail_quote" data-reader-quote="">On Monday: <blockquote>old <blockquote>older</blockquote></blockquote></div>');
  });

  it('folds nothing when the quote is the whole message', async () => {
    const { quotes } = await sanitiser.sanitise({ html: '<blockquote>Forwarded text</blockquote>' });
    expect(quotes).toBe(0);
  });

  it('does not take the sender\'s own marker attributes', async () => {
    const { html } = await sanitiser.sanitise({ html: '<p data-reader-quote data-reader-deceptive>text</p>' });
    expect(html).toBe('<p>text</p>');
  });
});

describe('plain text', () => {
  it('is escaped, its links clickable and its "> " lines foldable', async () => {
    const { html, quotes } = await sanitiser.sanitise({ text: 'Hi <b>you</b>, see https://example.com.\n> quoted' });
    expect(html).toBe(
      '<div class="plain-text">Hi &lt;b&gt;you&lt;/b&gt;, see <a href="https://example.com/" target="_blank" rel="noopener noreferrer" title="https://example.com/">https://example.com</a>.\n' +
        '<blockquote data-reader-quote="">quoted\n</blockquote></div>',
    );
    expect(quotes).toBe(1);
  });
});
