/** Identity and VacationResponse through our JMAP layer, against the real Cyrus server. */
import { beforeAll, describe, expect, it } from 'vitest';
import { JmapClient } from '@/lib/jmap/client';
import { getIdentities, getVacationResponse, readIdentities, setIdentitySignature, setVacationResponse } from '@/lib/jmap/account-settings';
import { fetchSession } from '@/lib/jmap/session';
import { freshUser, SESSION_URL, type TestUser } from '../support/test-server';

let user: TestUser;
let client: JmapClient;

beforeAll(async () => {
  user = await freshUser('settings');
  const auth = { kind: 'basic' as const, username: user.email, password: user.password };
  client = new JmapClient(await fetchSession(SESSION_URL, auth), auth);
});

describe('account settings over JMAP', () => {
  it("lists the account's sending identity", async () => {
    const identities = await getIdentities(client);
    expect(identities.map((i) => i.email)).toEqual([user.email]);
  });

  it('reports that Cyrus cannot store a signature (no Identity/set) as an answer, not a failure', async () => {
    const [identity] = await getIdentities(client);
    expect(await setIdentitySignature(client, identity.id, { htmlSignature: '<p>Alice — <b>Алиса</b></p>', textSignature: 'Alice — Алиса' })).toBe('unsupported');
    // Found out the same way, without changing anything, when the identities are read.
    expect((await readIdentities(client)).canSet).toBe(false);
    expect((await getIdentities(client))[0].htmlSignature ?? '').toBe('');
  });

  it('reads, turns on and turns off the autoreply', async () => {
    expect(await getVacationResponse(client)).toMatchObject({ id: 'singleton', isEnabled: false });
    await setVacationResponse(client, { isEnabled: true, subject: 'Away — в отпуске', textBody: 'Back on Monday.', fromDate: '2026-12-01T00:00:00Z', toDate: null });
    expect(await getVacationResponse(client)).toMatchObject({ isEnabled: true, subject: 'Away — в отпуске', textBody: 'Back on Monday.' });
    await setVacationResponse(client, { isEnabled: false });
    expect((await getVacationResponse(client)).isEnabled).toBe(false);
  });

  it('says what the server refused', async () => {
    // Cyrus turns the subject into a Sieve string and fails on a double quote (see the server notes).
    await expect(setVacationResponse(client, { isEnabled: true, subject: 'Say "hi"' })).rejects.toThrow(/VacationResponse\/set|serverFail|Failed/);
  });
});
