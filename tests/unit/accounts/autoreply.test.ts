/** Reading and saving an autoreply against in-process JMAP servers that behave like the real ones do. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AutoreplyError, readAutoreply, saveAutoreply } from '@/lib/accounts/autoreply';
import { JmapClient } from '@/lib/jmap/client';
import { VACATION } from '@/lib/jmap/types';
import type { Autoreply } from '@/lib/settings/autoreplies';
import { Settings } from '@/lib/settings/settings';
import { jsonBody, makeSession, sendJson, startFakeServer, type FakeServer } from '../../support/fake-jmap-server';

type Call = [string, Record<string, unknown>, string];
const DEFAULT = { id: 'singleton', isEnabled: false, fromDate: null, toDate: null, subject: null, textBody: "I'm away at the moment.", htmlBody: null };
const away: Autoreply = { isEnabled: true, fromDate: '2026-12-01T00:00:00Z', toDate: null, subject: 'Away', textBody: 'Back on Monday.' };

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
    const state = await saveAutoreply(client(), settings.autoreplies, 'Alice@example.com', away, 42);
    expect(state).toEqual({ available: true, autoreply: away, source: 'server' });
    expect(stored).toEqual({ id: 'singleton', isEnabled: true, fromDate: away.fromDate, subject: 'Away', textBody: away.textBody });
    expect(settings.autoreplies.get('alice@example.com')).toEqual({ ...away, serverReflects: true, savedAt: 42 });
  });

  it('sends an empty subject as none, so the server picks one', async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, subject: '' });
    expect(stored.subject).toBeUndefined();
    expect(settings.autoreplies.get('a@x.org')?.serverReflects).toBe(true);
  });

  it("reads the server's autoreply, and the copy follows a change made by another client", async () => {
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', away);
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

describe('on a server whose VacationResponse/get does not reflect /set', () => {
  beforeEach(() => vacationServer({ reflects: false }));

  it('notices at the save and shows our copy from then on', async () => {
    expect(await saveAutoreply(client(), settings.autoreplies, 'a@x.org', away)).toMatchObject({ source: 'copy', autoreply: away });
    expect(stored.isEnabled).toBe(true);
    expect(await readAutoreply(client(), settings.autoreplies, 'a@x.org')).toEqual({ available: true, autoreply: away, source: 'copy' });
    expect(settings.autoreplies.get('a@x.org')).toMatchObject({ isEnabled: true, serverReflects: false });
  });
});

describe('what is refused', () => {
  it('refuses bad input before asking the server, with a code the page translates', async () => {
    vacationServer({ reflects: true });
    await expect(saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, textBody: '  ' })).rejects.toMatchObject({ code: 'autoreplyEmptyMessage' });
    await expect(saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, toDate: '2026-11-30T00:00:00Z' })).rejects.toMatchObject({ code: 'autoreplyEndBeforeStart' });
    expect(server.requests).toHaveLength(0);
    expect(settings.autoreplies.get('a@x.org')).toBeNull();
  });

  it("says the server refused it (Cyrus: a quote in the subject) and keeps the copy as it was", async () => {
    vacationServer({ reflects: true, refuse: (update) => String(update.subject).includes('"') });
    await saveAutoreply(client(), settings.autoreplies, 'a@x.org', away);
    const error = await saveAutoreply(client(), settings.autoreplies, 'a@x.org', { ...away, subject: 'Say "hi"' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AutoreplyError);
    expect(error).toMatchObject({ code: 'autoreplyRefused', message: expect.stringContaining('serverError') });
    expect(settings.autoreplies.get('a@x.org')?.subject).toBe('Away');
  });

  it('says the autoreply is unavailable on a server without VacationResponse', async () => {
    vacationServer({ reflects: true });
    expect(await readAutoreply(client({}), settings.autoreplies, 'a@x.org')).toEqual({ available: false });
    await expect(saveAutoreply(client({}), settings.autoreplies, 'a@x.org', away)).rejects.toMatchObject({ code: 'autoreplyUnavailable' });
    expect(server.requests).toHaveLength(0);
  });
});
