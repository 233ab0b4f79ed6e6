/** The autoreply through lib/accounts against the real Cyrus server: it reflects what it stores, and refuses what its Sieve cannot hold. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAutoreply, saveAutoreply } from '@/lib/accounts/autoreply';
import { JmapClient } from '@/lib/jmap/client';
import { fetchSession } from '@/lib/jmap/session';
import type { Autoreply } from '@/lib/settings/autoreplies';
import { Settings } from '@/lib/settings/settings';
import { freshUser, SESSION_URL, type TestUser } from '../support/test-server';

let user: TestUser;
let client: JmapClient;
const away: Autoreply = { isEnabled: true, fromDate: '2026-11-29T00:00:00Z', toDate: '2026-12-07T00:00:00Z', subject: 'Away — в отпуске', textBody: 'Back on the 7th.\n..\nКавычки "так" и \\ тоже.' };

beforeAll(async () => {
  user = await freshUser('vac');
  const auth = { kind: 'basic' as const, username: user.email, password: user.password };
  client = new JmapClient(await fetchSession(SESSION_URL, auth), auth);
});

describe('autoreply on Cyrus', () => {
  it('reads the default, saves, and is found to reflect what it stores', async () => {
    const settings = new Settings(new Y.Doc());
    expect(await readAutoreply(client, settings.autoreplies, user.email)).toMatchObject({ available: true, source: 'server', autoreply: { isEnabled: false } });
    expect(await saveAutoreply(client, settings.autoreplies, user.email, away)).toEqual({ available: true, autoreply: away, source: 'server' });
    expect(settings.autoreplies.get(user.email)).toMatchObject({ ...away, serverReflects: true });
    expect(await readAutoreply(client, settings.autoreplies, user.email)).toEqual({ available: true, autoreply: away, source: 'server' });
  });

  it('says the server refused a quote in the subject, and the autoreply stays as it was', async () => {
    const settings = new Settings(new Y.Doc());
    await expect(saveAutoreply(client, settings.autoreplies, user.email, { ...away, subject: 'Say "hi"' })).rejects.toMatchObject({ code: 'autoreplyRefused' });
    expect(await readAutoreply(client, settings.autoreplies, user.email)).toMatchObject({ source: 'server', autoreply: away });
  });
});
