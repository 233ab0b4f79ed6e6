/** The background's front door: only our own pages, only known and well-formed requests. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { BackgroundService } from '@/lib/background-service';
import { MAX_SIGNATURE_HTML, MAX_SIGNATURE_TEXT, parseRequest } from '@/lib/messages';
import { MailDB } from '@/lib/store/db';

const autoreply = {
  isEnabled: true,
  fromDate: '2026-12-01T00:00:00Z',
  toDate: null,
  subject: '',
  textBody: 'Away — в отпуске.',
  htmlBody: '<p>Away — <strong>в отпуске</strong>.</p>',
  addSignature: true,
};

describe('parseRequest', () => {
  it.each([
    [{ type: 'syncNow' }],
    [{ type: 'syncNow', accountId: 'a1' }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1'], change: 'flag' }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1', 't2'], change: { moveTo: 'm7' }, mailboxId: 'inbox' }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1'], change: { keyword: '$label1', on: true } }],
    [{ type: 'destroyThreads', accountId: 'a1', threadIds: ['t1'], mailboxId: 'trash' }],
    [{ type: 'emptyMailbox', accountId: 'a1', mailboxId: 'trash' }],
    [{ type: 'searchServer', accountId: 'a1', text: 'report', mailboxIds: ['inbox'] }],
    [{ type: 'changeFolder', accountId: 'a1', change: { kind: 'create', name: 'Clients', parentId: null } }],
    [{ type: 'changeFolder', accountId: 'a1', change: { kind: 'move', mailboxId: 'm1', parentId: 'm2' } }],
    [{ type: 'addAccount', input: { email: 'a@x.org', secret: 'pw', sessionUrl: 'https://x.org/jmap', authKind: 'bearer' } }],
    [{ type: 'fetchAttachment', accountId: 'a1', blobId: 'b1', mediaType: 'application/pdf' }],
    [{ type: 'fetchMessageSource', accountId: 'a1', emailId: 'e1' }],
    [{ type: 'getAutoreply', accountId: 'a1' }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { ...autoreply, htmlBody: null, addSignature: false }, signature: null }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply, signature: { html: '<p><br></p><p>-- </p><p>Anna</p>', text: '-- \nAnna' } }],
    [{ type: 'setSignature', accountId: 'a1', identityId: 'alice@example.com', html: '<p>Alice — <strong>Алиса</strong></p>', text: 'Alice — Алиса', enabled: true }],
    [{ type: 'setSignature', accountId: 'a1', identityId: 'i1', html: '', text: '', enabled: false }],
    [{ type: 'refreshIdentities', accountId: 'a1' }],
  ])('accepts %j', (request) => {
    expect(parseRequest(request)).toEqual(request);
  });

  it.each([
    [null],
    ['syncNow'],
    [{ type: 'deleteEverything' }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1'] }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: [], change: 'read' }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: 't1', change: 'read' }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1'], change: 'delete' }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1'], change: { keyword: 'has space', on: true } }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1'], change: { keyword: 'работа', on: true } }],
    [{ type: 'changeThreads', accountId: 'a1', threadIds: ['t1'], change: { moveTo: 'm7', keyword: 'x', on: true } }],
    [{ type: 'destroyThreads', accountId: 'a1', threadIds: ['t1'] }],
    [{ type: 'searchServer', accountId: 'a1', text: '  ', mailboxIds: [] }],
    [{ type: 'changeFolder', accountId: 'a1', change: { kind: 'move', mailboxId: 'm1', parentId: 'm1' } }],
    [{ type: 'changeFolder', accountId: 'a1', change: { kind: 'explode', mailboxId: 'm1' } }],
    [{ type: 'syncNow', accountId: 7 }],
    [{ type: 'addAccount', input: { email: 'a@x.org' } }],
    [{ type: 'addAccount', input: { email: 'a@x.org', secret: 'pw', authKind: 'cookie' } }],
    [{ type: 'addAccount', input: { email: 'a@x.org', secret: 'pw', sessionUrl: 42 } }],
    [{ type: 'fetchAttachment', accountId: 'a1', blobId: 'b1' }],
    [{ type: 'fetchMessageSource', accountId: 'a1' }],
    [{ type: 'fetchMessageSource', accountId: 'a1', emailId: ['e1'] }],
    [{ type: 'getAutoreply' }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { ...autoreply, isEnabled: 'yes' }, signature: null }],
    // From before rich text: no htmlBody, no addSignature.
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { isEnabled: true, fromDate: null, toDate: null, subject: '', textBody: 'x' }, signature: null }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { ...autoreply, textBody: 'x'.repeat(20_001) }, signature: null }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { ...autoreply, htmlBody: 'x'.repeat(100_001) }, signature: null }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { ...autoreply, htmlBody: 7 }, signature: null }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { ...autoreply, addSignature: 'yes' }, signature: null }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply: { ...autoreply, extra: 1 }, signature: null }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply }],
    // The signature as the page finds it starts with the separator the read-back looks for.
    [{ type: 'setAutoreply', accountId: 'a1', autoreply, signature: { html: '<p>Anna</p>', text: '-- \nAnna' } }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply, signature: { html: '<p><br></p><p>-- </p><p>Anna</p>', text: 'Anna' } }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply, signature: { html: `<p><br></p><p>-- </p>${'x'.repeat(MAX_SIGNATURE_HTML)}`, text: '-- ' } }],
    [{ type: 'setAutoreply', accountId: 'a1', autoreply, signature: { html: '<p><br></p><p>-- </p>', text: '-- ', extra: 1 } }],
    [{ type: 'setSignature', accountId: 'a1', identityId: 'i1', html: '<p>x</p>', text: 'x' }],
    [{ type: 'setSignature', accountId: 'a1', identityId: 'i1', html: '<p>x</p>', text: 'x', enabled: 'yes' }],
    [{ type: 'setSignature', accountId: 'a1', identityId: '', html: '<p>x</p>', text: 'x', enabled: true }],
    [{ type: 'setSignature', accountId: 'a1', identityId: 'i1', html: null, text: 'x', enabled: true }],
    [{ type: 'setSignature', accountId: 'a1', identityId: 'i1', html: 'x'.repeat(MAX_SIGNATURE_HTML + 1), text: 'x', enabled: true }],
    [{ type: 'setSignature', accountId: 'a1', identityId: 'i1', html: '<p>x</p>', text: 'x'.repeat(MAX_SIGNATURE_TEXT + 1), enabled: true }],
    [{ type: 'setSignature', identityId: 'i1', html: '<p>x</p>', text: 'x', enabled: true }],
  ])('refuses %j', (request) => {
    expect(parseRequest(request)).toBeNull();
  });
});

describe('BackgroundService.handleMessage', () => {
  let service: BackgroundService;
  const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

  beforeEach(() => {
    fakeBrowser.reset();
    service = new BackgroundService(new MailDB(`bg-${crypto.randomUUID()}`));
  });

  it('answers a request from its own page', async () => {
    expect(await service.handleMessage({ type: 'syncNow' }, ownPage())).toEqual({ ok: true });
  });

  it('refuses requests from another extension or a web page', async () => {
    const refused = { ok: false, error: { code: 'internal', message: 'Unknown or unauthorised request' } };
    expect(await service.handleMessage({ type: 'syncNow' }, { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' })).toEqual(refused);
    expect(await service.handleMessage({ type: 'syncNow' }, { id: fakeBrowser.runtime.id, url: 'https://example.com/', tab: { url: 'https://example.com/' } as Browser.tabs.Tab })).toEqual(refused);
  });

  it('turns a bad account into a translated error code, storing nothing', async () => {
    const reply = await service.handleMessage({ type: 'addAccount', input: { email: 'not-an-address', secret: 'pw' } }, ownPage());
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalidAddress' } });
    const plainHttp = await service.handleMessage({ type: 'addAccount', input: { email: 'a@x.org', secret: 'pw', sessionUrl: 'http://mail.x.org/jmap' } }, ownPage());
    expect(plainHttp).toMatchObject({ ok: false, error: { code: 'invalidUrl' } });
  });
});

describe('dismissFailedChanges', () => {
  it('forgets the refused changes the user has seen, and only those', async () => {
    const db = new MailDB(`bg-${crypto.randomUUID()}`);
    const service = new BackgroundService(db);
    const base = { accountId: 'a1', patch: { 'keywords/$seen': true as const }, base: { 'keywords/$seen': null }, createdAt: 0, attempts: 0, nextAttemptAt: 0 };
    await db.pendingMutations.bulkAdd([
      { ...base, emailId: 'refused', status: 'failed', error: 'forbidden' },
      { ...base, emailId: 'waiting', status: 'pending', error: null },
    ]);
    const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/mail.html') };
    expect(await service.handleMessage({ type: 'dismissFailedChanges' }, sender)).toEqual({ ok: true });
    expect((await db.pendingMutations.toArray()).map((m) => m.emailId)).toEqual(['waiting']);
  });
});

describe('setSignature', () => {
  it('drops what a request carries beyond its fields, and refuses an account it does not know', async () => {
    expect(parseRequest({ type: 'setSignature', accountId: 'a1', identityId: 'i1', html: '<p>x</p>', text: 'x', enabled: true, storedOn: 'server' })).toEqual({
      type: 'setSignature',
      accountId: 'a1',
      identityId: 'i1',
      html: '<p>x</p>',
      text: 'x',
      enabled: true,
    });
    fakeBrowser.reset();
    const service = new BackgroundService(new MailDB(`bg-${crypto.randomUUID()}`));
    const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/mail.html') };
    const reply = await service.handleMessage({ type: 'setSignature', accountId: 'nobody', identityId: 'i1', html: '<p>x</p>', text: 'x', enabled: true }, sender);
    expect(reply).toMatchObject({ ok: false, error: { code: 'request' } });
  });
});
