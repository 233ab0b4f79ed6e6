/** Reading and saving an autoreply against in-process JMAP servers that behave like the real ones do. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AutoreplyError, readAutoreply, saveAutoreply, sieveSafeHtml, sieveSafeText, type AutoreplySignature } from '@/lib/accounts/autoreply';
import { JmapClient } from '@/lib/jmap/client';
import { VACATION } from '@/lib/jmap/types';
import type { Autoreply } from '@/lib/settings/autoreplies';
import { Settings } from '@/lib/settings/settings';
import { jsonBody, makeSession, sendJson, startFakeServer, type FakeServer } from '../../support/fake-jmap-server';

type Call = [string, Record<string, unknown>, string];
const DEFAULT = { id: 'singleton', isEnabled: false, fromDate: null, toDate: null, subject: null, textBody: "I'm away at the moment.", htmlBody: null };
const away: Autoreply = { isEnabled: true, fromDate: '2026-12-01T00:00:00Z', toDate: null, subject: 'Away', textBody: 'Back on Monday.', htmlBody: null, addSignature: false };
const rich: Autoreply = { ...away, textBody: 'Back on Monday.', htmlBody: '<p>Back on <strong>Monday</strong>.</p>', addSignature: true };
/** As the page sends it (signatureFor, signatureText). */
const signature: AutoreplySignature = { html: '<p><br></p><p>-- </p><p>Anna <em>Petrova</em></p>', text: '-- \nAnna Petrova' };

let server: FakeServer;
let settings: Settings;
let stored: Record<string, unknown>;

/**
 * `reflects`: whether /get answers what /set stored (Cyrus 3.10 does; Cyrus 3.6 always answers the
 * default). Like Cyrus, a property set to null is left out of what /get answers.
 */
function vacationServer(options: { reflects: boolean; refuse?: (update: Record<string, unknown>) => boolean }): void {
  stored = { ...DEFAULT };
  server.handle((req, res) => {
    const responses = jsonBody<{ methodCalls: Call[] }>(req).methodCalls.map(([name, args, id]): Call => {
      if (name === 'VacationResponse/get') return [name, { accountId: 'A1', state: '1', list: [options.reflects ? stored : DEFAULT], notFound: [] }, id];
      const update = (args.update as Record<string, Record<string, unknown>>).singleton;
      if (options.refuse?.(update)) return [name, { accountId: 'A1', notUpdated: { singleton: { type: 'serverError', description: 'Failed to update vacation response' } } }, id];
      stored = Object.fromEntries(Object.entries({ ...stored, ...update }).filter(([, value]) => value !== null));
      return [name, { accountId: 'A1', updated: { singleton: null } }, id];
    });
    sendJson(res, 200, { methodResponses: responses, sessionState: '0' });
  });
}

const client = (capabilities: Record<string, unknown> = { [VACATION]: {} }) => new JmapClient(makeSession(server.origin, {}, capabilities), { kind: 'bearer', token: 't' });

beforeEach(async () => {
  server = await startFakeServer();
  settings = new Settings(new Y.Doc());
});

afterEach(async () => {
  await server.close();
});

describe('on a server that reflects what it stores', () => {
  beforeEach(() => vacationServer({ reflects: true }));

  it('saves every field (no html, so the text goes out), keeps a copy, and shows the server', async () => {
    const state = await saveAutoreply(client(), settings.autoreplies, 'Alice@example.com', away, null, 42);
    expect(state).toEqual({ available: true, autoreply: away, source: 'server' });
    expect(stored).toEqual({ id: 'singleton', isEnabled: true, fromDate: away.fromDate, subject: 'Away', textBody: away.textBody });
    expect(settings.autoreplies.get('alice@example.com')).toEqual({ ...away, serverReflects: true, savedAt: 42 });
  });

  it('sends an empty subject as none, so the server picks one', async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, subject: '' }, null);
    expect(stored.subject).toBeUndefined();
    expect(settings.autoreplies.get('a@x.org')?.serverReflects).toBe(true);
  });

  it("reads the server's autoreply, and the copy follows a change made by another client", async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', away, null);
    stored = { ...stored, isEnabled: false };
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toEqual({ available: true, autoreply: { ...away, isEnabled: false }, source: 'server' });
    expect(settings.autoreplies.get('a@x.org')?.isEnabled).toBe(false);
  });

  it('copies an autoreply turned on elsewhere, so the banner knows; an unset one adds nothing', async () => {
    expect((await readAutoreply(client(), settings.autoreplies, 'a@x.org')).available).toBe(true);
    expect(settings.autoreplies.get('a@x.org')).toBeNull();
    stored = { ...stored, isEnabled: true, textBody: 'Out.' };
    await readAutoreply(client(), settings.autoreplies, 'a@x.org');
    expect(settings.autoreplies.get('a@x.org')).toMatchObject({ isEnabled: true, textBody: 'Out.', serverReflects: true });
  });
});

describe('a rich message with the signature', () => {
  beforeEach(() => vacationServer({ reflects: true }));

  it('sends both bodies with the signature below; the copy and the page keep the message without it', async () => {
    const state = await saveAutoreply(client(), settings.autoreplies, 'a@x.org', rich, signature, 7);
    expect(stored).toMatchObject({
      textBody: 'Back on Monday.\n\n-- \nAnna Petrova',
      htmlBody: '<p>Back on <strong>Monday</strong>.</p><p><br></p><p>-- </p><p>Anna <em>Petrova</em></p>',
    });
    expect(state).toEqual({ available: true, autoreply: rich, source: 'server' });
    expect(settings.autoreplies.get('a@x.org')).toEqual({ ...rich, serverReflects: true, savedAt: 7 });
    // Read back: the server holds our message (and a signature), so the message alone is shown.
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toEqual({ available: true, autoreply: rich, source: 'server' });
  });

  it('still shows the message alone after the signature changed, and the next save puts the new one', async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', rich, signature);
    const changed = { html: '<p><br></p><p>-- </p><p>A. P.</p>', text: '-- \nA. P.' };
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toMatchObject({ autoreply: rich });
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', rich, changed);
    expect(stored.textBody).toBe('Back on Monday.\n\n-- \nA. P.');
    expect(stored.htmlBody).toBe('<p>Back on <strong>Monday</strong>.</p><p><br></p><p>-- </p><p>A. P.</p>');
  });

  it('turned off, or with no signature found, sends the message alone', async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...rich, addSignature: false }, signature);
    expect(stored).toMatchObject({ textBody: rich.textBody, htmlBody: rich.htmlBody });
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', rich, null);
    expect(stored).toMatchObject({ textBody: rich.textBody, htmlBody: rich.htmlBody });
    expect(settings.autoreplies.get('a@x.org')?.addSignature).toBe(true);
  });

  it('gives a text-only message an HTML body when a signature goes with it', async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, textBody: 'Away <3 days>.', addSignature: true }, signature);
    expect(stored.htmlBody).toBe('<p>Away &lt;3 days&gt;.</p><p><br></p><p>-- </p><p>Anna <em>Petrova</em></p>');
  });

  it('follows a schedule changed elsewhere, keeping our message; a message changed elsewhere is shown as it is, signature off', async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', rich, signature);
    stored = { ...stored, isEnabled: false, subject: 'Gone' };
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toMatchObject({ autoreply: { ...rich, isEnabled: false, subject: 'Gone' } });
    expect(settings.autoreplies.get('a@x.org')).toMatchObject({ isEnabled: false, subject: 'Gone', htmlBody: rich.htmlBody });

    stored = { ...stored, textBody: 'Other app.\n\n-- \nAnna', htmlBody: '<div>Other app.</div>' };
    const other = { ...rich, isEnabled: false, subject: 'Gone', textBody: 'Other app.\n\n-- \nAnna', htmlBody: '<div>Other app.</div>', addSignature: false };
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toEqual({ available: true, autoreply: other, source: 'server' });
    expect(settings.autoreplies.get('a@x.org')).toMatchObject(other);
  });

  it('never set: the signature is on by default; set elsewhere and on: off (it may hold one already)', async () => {
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toMatchObject({ autoreply: { addSignature: true, htmlBody: null } });
    stored = { ...stored, isEnabled: true, textBody: 'Out.\n-- \nBob', htmlBody: '<p>Out.</p>' };
    expect(await readAutoreply(client(), settings.autoreplies, 'b@x.org')).toMatchObject({ autoreply: { addSignature: false, textBody: 'Out.\n-- \nBob', htmlBody: '<p>Out.</p>' } });
  });
});

describe('what Cyrus\'s Sieve cannot hold, escaped so that the reply reads the same', () => {
  beforeEach(() => vacationServer({ reflects: true }));

  it('a line that is only "." becomes ". " in the text; in the HTML every line-starting "." is an entity', () => {
    expect(sieveSafeText('a\n.\nb\r\n.\r\n..\n.x')).toBe('a\n. \nb\r\n. \r\n..\n.x');
    expect(sieveSafeHtml('<p>a</p>\n.\n..b\n<p>.c</p>')).toBe('<p>a</p>\n&#46;\n&#46;.b\n<p>.c</p>');
  });

  it('"*/" (which would end the comment holding the JSON) is split invisibly', () => {
    expect(sieveSafeText('5 */ 6')).toBe('5 *\u2060/ 6');
    expect(sieveSafeHtml('<a href="x*/y">5 */ 6</a>')).toBe('<a href="x*&#47;y">5 *&#47; 6</a>');
  });

  it('saves escaped, finds the server reflecting, and shows what the user wrote', async () => {
    const odd: Autoreply = { ...rich, subject: 'Rates */ fees', textBody: 'Prices:\n.\n*/ end', htmlBody: '<p>Prices:</p>\n.\n<p>*/ end</p>' };
    expect(await saveAutoreply(client(), settings.autoreplies, 'a@x.org', odd, signature)).toMatchObject({ source: 'server', autoreply: odd });
    expect(stored).toMatchObject({ subject: 'Rates *\u2060/ fees', textBody: 'Prices:\n. \n*\u2060/ end\n\n-- \nAnna Petrova' });
    expect(stored.htmlBody).toBe('<p>Prices:</p>\n&#46;\n<p>*&#47; end</p><p><br></p><p>-- </p><p>Anna <em>Petrova</em></p>');
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toEqual({ available: true, autoreply: odd, source: 'server' });
  });
});

describe('on a server whose VacationResponse/get does not reflect /set', () => {
  beforeEach(() => vacationServer({ reflects: false }));

  it('notices at the save and shows our copy from then on', async () => {
    expect(await saveAutoreply(client(), settings.autoreplies, 'a@x.org', away, null)).toMatchObject({ source: 'copy', autoreply: away });
    expect(stored.isEnabled).toBe(true);
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toEqual({ available: true, autoreply: away, source: 'copy' });
    expect(settings.autoreplies.get('a@x.org')).toMatchObject({ isEnabled: true, serverReflects: false });
  });
});

describe('what is refused', () => {
  it('refuses bad input before asking the server, with a code the page translates', async () => {
    vacationServer({ reflects: true });
    await expect(saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, textBody: '  ' }, null)).rejects.toMatchObject({ code: 'autoreplyEmptyMessage' });
    await expect(saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, toDate: '2026-11-30T00:00:00Z' }, null)).rejects.toMatchObject({ code: 'autoreplyEndBeforeStart' });
    expect(server.requests).toHaveLength(0);
    expect(settings.autoreplies.get('a@x.org')).toBeNull();
  });

  it("says the server refused it (Cyrus: a quote in the subject) and keeps the copy as it was", async () => {
    vacationServer({ reflects: true, refuse: (update) => String(update.subject).includes('"') });
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', away, null);
    const error = await saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, subject: 'Say "hi"' }, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AutoreplyError);
    expect(error).toMatchObject({ code: 'autoreplyRefused', message: expect.stringContaining('serverError') });
    expect(settings.autoreplies.get('a@x.org')?.subject).toBe('Away');
  });

  it('says the autoreply is unavailable on a server without VacationResponse', async () => {
    vacationServer({ reflects: true });
    expect(await readAutoreply(client({}), settings.autoreplies, 'a@x.org')).toEqual({ available: false });
    await expect(saveAutoreply(client({}), settings.autoreplies, 'a@x.org', away, null)).rejects.toMatchObject({ code: 'autoreplyUnavailable' });
    expect(server.requests).toHaveLength(0);
  });
});
