/** mailto: links in web pages: the content script's registration, its one request, and which clicks it takes. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { BackgroundService } from '@/lib/background-service';
import { mailtoOfClick, type ClickLike } from '@/lib/mailto-click';
import { MAILTO_MIN_INTERVAL_MS, MAILTO_ORIGINS, MAILTO_SCRIPT_FILE, MAILTO_SCRIPT_ID, MailtoLinks, mailtoRoute, type MailtoDeps } from '@/lib/mailto-links';
import { MAX_MAILTO_LENGTH } from '@/lib/mime/mailto';
import { parseContentScriptRequest, parseRequest } from '@/lib/messages';
import { MailDB } from '@/lib/store/db';

/** The scripting API as far as MailtoLinks uses it, keeping registered ids. */
function fakeScripting() {
  const ids = new Set<string>();
  return {
    ids,
    registered: [] as Browser.scripting.RegisteredContentScript[],
    getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) => [...ids].filter((id) => !filter?.ids || filter.ids.includes(id)).map((id) => ({ id }))),
    registerContentScripts: vi.fn(async function (this: void, scripts: Browser.scripting.RegisteredContentScript[]) {
      for (const s of scripts) {
        if (ids.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        ids.add(s.id);
      }
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      for (const id of filter?.ids ?? [...ids]) ids.delete(id);
    }),
  };
}

function setup(initial: { wanted: boolean; granted: boolean }) {
  const state = { ...initial, now: 10_000 };
  const scripting = fakeScripting();
  const opened: string[] = [];
  const deps: MailtoDeps = {
    wanted: async () => state.wanted,
    openComposeWindow: async (hash) => void opened.push(hash),
    scripting: scripting as unknown as MailtoDeps['scripting'],
    permissions: { contains: vi.fn(async ({ origins }) => state.granted && JSON.stringify(origins) === JSON.stringify(MAILTO_ORIGINS)) } as unknown as MailtoDeps['permissions'],
    now: () => state.now,
  };
  return { state, scripting, opened, links: new MailtoLinks(deps) };
}

describe('MailtoLinks.update: the content script runs only with the preference on and access granted here', () => {
  it('registers it on every site, every frame, from document start', async () => {
    const { scripting, links } = setup({ wanted: true, granted: true });
    await links.update();
    expect(scripting.registerContentScripts).toHaveBeenCalledWith([
      { id: MAILTO_SCRIPT_ID, js: [MAILTO_SCRIPT_FILE], matches: MAILTO_ORIGINS, allFrames: true, runAt: 'document_start', persistAcrossSessions: true },
    ]);
    expect(MAILTO_ORIGINS).toEqual(['<all_urls>']); // the tests run in the default mode
  });

  it('does nothing while the preference is on but this browser has not granted access (synced from elsewhere)', async () => {
    const { scripting, links } = setup({ wanted: true, granted: false });
    await links.update();
    expect(scripting.ids.size).toBe(0);
  });

  it('follows the preference and the permission both ways, and never registers twice', async () => {
    const { state, scripting, links } = setup({ wanted: false, granted: true });
    await links.update();
    expect(scripting.ids.size).toBe(0);
    state.wanted = true;
    // A preference change and a permission change arriving together.
    await Promise.all([links.update(), links.update(), links.update()]);
    expect(scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    expect([...scripting.ids]).toEqual([MAILTO_SCRIPT_ID]);
    state.granted = false; // taken back in chrome://extensions
    await links.update();
    expect(scripting.ids.size).toBe(0);
    state.granted = true;
    await links.update();
    state.wanted = false;
    await links.update();
    expect(scripting.ids.size).toBe(0);
    expect(scripting.unregisterContentScripts).toHaveBeenCalledTimes(2);
  });

  it('does nothing without the scripting API (Firefox), and survives a failing browser call', async () => {
    const noScripting = new MailtoLinks({ wanted: async () => true, openComposeWindow: async () => undefined, permissions: { contains: async () => true } as unknown as MailtoDeps['permissions'] });
    await expect(noScripting.update()).resolves.toBeUndefined();
    expect(await noScripting.active()).toBe(false);
    const { scripting, links } = setup({ wanted: true, granted: true });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    scripting.registerContentScripts.mockRejectedValueOnce(new Error('boom'));
    await links.update();
    expect(error).toHaveBeenCalled();
    await links.update(); // the queue goes on after a failure
    expect([...scripting.ids]).toEqual([MAILTO_SCRIPT_ID]);
    error.mockRestore();
  });
});

describe('MailtoLinks.open', () => {
  it('opens the compose window on the link, once per click burst', async () => {
    const { state, opened, links } = setup({ wanted: true, granted: true });
    expect(await links.open('mailto:a@x.org?subject=Hi')).toEqual({ ok: true });
    expect(await links.open('mailto:a@x.org?subject=Hi')).toEqual({ ok: true }); // a double click
    expect(opened).toEqual([mailtoRoute('mailto:a@x.org?subject=Hi')]);
    state.now += MAILTO_MIN_INTERVAL_MS;
    await links.open('mailto:b@x.org');
    expect(opened).toHaveLength(2);
    expect(opened[1]).toBe('/compose/new?mailto=mailto%3Ab%40x.org');
  });

  it('refuses when off or without access, so the page opens the link as usual', async () => {
    for (const initial of [
      { wanted: false, granted: true },
      { wanted: true, granted: false },
    ]) {
      const { opened, links } = setup(initial);
      expect(await links.open('mailto:a@x.org')).toMatchObject({ ok: false, error: { code: 'mailtoOff' } });
      expect(opened).toEqual([]);
    }
  });
});

describe('parseContentScriptRequest', () => {
  it('accepts only openMailto with a mailto: URL of bounded length', () => {
    expect(parseContentScriptRequest({ type: 'openMailto', url: 'mailto:a@x.org' })).toEqual({ type: 'openMailto', url: 'mailto:a@x.org' });
    expect(parseContentScriptRequest({ type: 'openMailto', url: 'MAILTO:a@x.org' })).toEqual({ type: 'openMailto', url: 'MAILTO:a@x.org' });
    for (const bad of [
      null,
      'openMailto',
      { type: 'openMailto' },
      { type: 'openMailto', url: 42 },
      { type: 'openMailto', url: 'https://evil.example/' },
      { type: 'openMailto', url: 'javascript:alert(1)' },
      { type: 'openMailto', url: `mailto:a@x.org?body=${'a'.repeat(MAX_MAILTO_LENGTH)}` },
      { type: 'openMailto', url: 'mailto:a@x.org', extra: true },
      { type: 'syncNow' },
      { type: 'addAccount', input: { email: 'a@x.org', secret: 'pw' } },
    ]) {
      expect(parseContentScriptRequest(bad)).toBeNull();
    }
  });

  it('is not a request pages may send, and page requests are not content-script requests', () => {
    expect(parseRequest({ type: 'openMailto', url: 'mailto:a@x.org' })).toBeNull();
    expect(parseContentScriptRequest({ type: 'dismissFailedChanges' })).toBeNull();
  });
});

describe('BackgroundService.handleMessage from a content script', () => {
  let service: BackgroundService;
  const tab = { id: 7, url: 'https://shop.example/contact' } as Browser.tabs.Tab;
  const contentScript = () => ({ id: fakeBrowser.runtime.id, url: 'https://shop.example/contact', tab });
  const refused = { ok: false, error: { code: 'internal', message: 'Unknown or unauthorised request' } };

  beforeEach(() => {
    fakeBrowser.reset();
    service = new BackgroundService(new MailDB(`bg-${crypto.randomUUID()}`));
  });

  it('passes openMailto from our content script to the mailto handler', async () => {
    const open = vi.spyOn(service.mailto, 'open').mockResolvedValue({ ok: true });
    expect(await service.handleMessage({ type: 'openMailto', url: 'mailto:a@x.org' }, contentScript())).toEqual({ ok: true });
    expect(open).toHaveBeenCalledWith('mailto:a@x.org');
  });

  it('refuses page requests from a content script, and openMailto from anyone else', async () => {
    const open = vi.spyOn(service.mailto, 'open');
    expect(await service.handleMessage({ type: 'dismissFailedChanges' }, contentScript())).toEqual(refused);
    expect(await service.handleMessage({ type: 'openMailto', url: 'https://x.org/' }, contentScript())).toEqual(refused);
    // Another extension's content script, a sender without a tab, our own page (it has no business with it).
    expect(await service.handleMessage({ type: 'openMailto', url: 'mailto:a@x.org' }, { ...contentScript(), id: 'someone-else' })).toEqual(refused);
    expect(await service.handleMessage({ type: 'openMailto', url: 'mailto:a@x.org' }, { id: fakeBrowser.runtime.id, url: 'https://shop.example/' })).toEqual(refused);
    expect(await service.handleMessage({ type: 'openMailto', url: 'mailto:a@x.org' }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/mail.html') })).toEqual(refused);
    expect(open).not.toHaveBeenCalled();
  });

  it('answers "off" while the preference is off (the default)', async () => {
    expect(await service.handleMessage({ type: 'openMailto', url: 'mailto:a@x.org' }, contentScript())).toMatchObject({ ok: false, error: { code: 'mailtoOff' } });
  });
});

describe('mailtoOfClick: which clicks the content script takes', () => {
  const link = (href: string | null, localName = 'a') => ({
    localName,
    href: href ?? '',
    hasAttribute: (name: string) => name === 'href' && href !== null,
    getAttribute: (name: string) => (name === 'href' ? href : null),
  });
  const click = (path: object[], over: Partial<ClickLike> = {}): ClickLike => ({
    button: 0,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    defaultPrevented: false,
    composedPath: () => path as EventTarget[],
    ...over,
  });
  const span = { localName: 'span', hasAttribute: () => false, getAttribute: () => null };

  it('takes a plain left click on a mailto: link or inside one (also <area>, any case)', () => {
    expect(mailtoOfClick(click([link('mailto:a@x.org')]))).toBe('mailto:a@x.org');
    expect(mailtoOfClick(click([span, link('MailTo:a@x.org?subject=Hi'), { localName: 'body', hasAttribute: () => false }]))).toBe('MailTo:a@x.org?subject=Hi');
    expect(mailtoOfClick(click([link('mailto:map@x.org', 'area')]))).toBe('mailto:map@x.org');
  });

  it('leaves other clicks alone: modifiers, other buttons, other links, no link, an overlong link', () => {
    const mail = [link('mailto:a@x.org')];
    for (const over of [{ button: 1 }, { button: 2 }, { ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }, { defaultPrevented: true }]) {
      expect(mailtoOfClick(click(mail, over))).toBeNull();
    }
    expect(mailtoOfClick(click([link('https://x.org/mailto:a@x.org')]))).toBeNull();
    expect(mailtoOfClick(click([span, link(null), link('mailto:outer@x.org')]))).toBe('mailto:outer@x.org');
    expect(mailtoOfClick(click([span, link('https://x.org/'), link('mailto:outer@x.org')]))).toBeNull(); // the innermost link decides
    expect(mailtoOfClick(click([span, { nodeType: 9 }, {}]))).toBeNull();
    expect(mailtoOfClick(click([link(`mailto:a@x.org?body=${'a'.repeat(MAX_MAILTO_LENGTH)}`)]))).toBeNull();
  });
});
