/**
 * Saving a signature against in-process JMAP servers: one with Identity/set (RFC 8621 §6.3), one
 * without (Cyrus answers unknownMethod), one that refuses the update.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { saveSignature } from '@/lib/accounts/signatures';
import { JmapClient } from '@/lib/jmap/client';
import { JmapError } from '@/lib/jmap/errors';
import { SUBMISSION } from '@/lib/jmap/types';
import { Settings, signatureKey } from '@/lib/settings/settings';
import { MailDB } from '@/lib/store/db';
import type { AccountRow } from '@/lib/store/rows';
import { refreshIdentities } from '@/lib/sync/identities';
import { jsonBody, makeSession, sendJson, startFakeServer, type FakeServer } from '../../support/fake-jmap-server';

type Call = [string, Record<string, unknown>, string];
type Mode = 'stores' | 'unknownMethod' | 'refuses';

const ACCOUNT: AccountRow = { id: 'a1', name: 'Alice', email: 'Alice@example.com', color: '#000', sessionUrl: 'https://x.org', username: 'alice', authKind: 'basic', createdAt: 0, disabled: 0 };
const HTML = '<p>Alice — <strong>Алиса</strong></p>';

let server: FakeServer;
let db: MailDB;
let settings: Settings;
let calls: Call[];
let identity: Record<string, unknown>;

function identityServer(mode: Mode): void {
  identity = { id: 'i1', name: 'Alice', email: 'alice@example.com', replyTo: null, bcc: null, textSignature: '', htmlSignature: '', mayDelete: false };
  server.handle((req, res) => {
    const responses = jsonBody<{ methodCalls: Call[] }>(req).methodCalls.map(([name, args, id]): Call => {
      calls.push([name, args, id]);
      if (name === 'Identity/get') return [name, { accountId: 'A1', state: '1', list: [identity], notFound: [] }, id];
      if (mode === 'unknownMethod') return ['error', { type: 'unknownMethod' }, id];
      const update = (args.update ?? {}) as Record<string, Record<string, unknown>>;
      if (mode === 'refuses' && update.i1) return [name, { accountId: 'A1', oldState: '1', newState: '1', notUpdated: { i1: { type: 'forbidden', description: 'signatures are managed by the admin' } } }, id];
      if (update.i1) identity = { ...identity, ...update.i1 };
      return [name, { accountId: 'A1', oldState: '1', newState: '2', updated: update.i1 ? { i1: null } : null }, id];
    });
    sendJson(res, 200, { methodResponses: responses, sessionState: '0' });
  });
}

const client = () => new JmapClient(makeSession(server.origin, {}, { [SUBMISSION]: {} }), { kind: 'bearer', token: 't' });
const save = (input: { identityId?: string; html?: string; text?: string; enabled?: boolean } = {}) =>
  saveSignature(db, async () => client(), settings, ACCOUNT, { identityId: 'i1', html: HTML, text: 'Alice — Алиса', enabled: true, ...input });

beforeEach(async () => {
  server = await startFakeServer();
  db = new MailDB(`sig-${crypto.randomUUID()}`);
  settings = new Settings(new Y.Doc());
  calls = [];
  await db.accounts.add(ACCOUNT);
});

afterEach(async () => {
  await server.close();
});

describe('on a server with Identity/set', () => {
  beforeEach(async () => {
    identityServer('stores');
    await refreshIdentities(db, client(), ACCOUNT.id);
  });

  it('finds out when the identities are read that the server can keep signatures', async () => {
    expect((await db.accounts.get('a1'))?.signaturesOnServer).toBe(true);
    expect(calls.map(([name, args]) => [name, args.update ?? null])).toEqual([
      ['Identity/get', null],
      ['Identity/set', null],
    ]);
  });

  it('stores the signature on the identity and keeps the copy the composer reads', async () => {
    expect(await save()).toBe('server');
    expect(identity).toMatchObject({ htmlSignature: HTML, textSignature: 'Alice — Алиса' });
    expect(settings.signature(signatureKey('alice@example.com', 'i1'))).toEqual({ html: HTML, enabled: true });
    expect(await db.identities.get(['a1', 'i1'])).toMatchObject({ htmlSignature: HTML, textSignature: 'Alice — Алиса' });
  });

  it('turned off: the server holds none (other apps add none), our copy keeps the text for later', async () => {
    await save();
    expect(await save({ enabled: false })).toBe('server');
    expect(identity).toMatchObject({ htmlSignature: '', textSignature: '' });
    expect(settings.signature(signatureKey(ACCOUNT.email, 'i1'))).toEqual({ html: HTML, enabled: false });
    expect(await db.identities.get(['a1', 'i1'])).toMatchObject({ htmlSignature: null, textSignature: null });
  });
});

describe('on a server without Identity/set (Cyrus)', () => {
  beforeEach(async () => {
    identityServer('unknownMethod');
    await refreshIdentities(db, client(), ACCOUNT.id);
  });

  it('remembers that it cannot, and keeps the signature in the settings document only', async () => {
    expect((await db.accounts.get('a1'))?.signaturesOnServer).toBe(false);
    expect(await save()).toBe('settings');
    expect(settings.signature(signatureKey(ACCOUNT.email, 'i1'))).toEqual({ html: HTML, enabled: true });
    expect((await db.accounts.get('a1'))?.signaturesOnServer).toBe(false);
  });
});

describe('on a server that refuses the update', () => {
  beforeEach(async () => {
    identityServer('refuses');
    await refreshIdentities(db, client(), ACCOUNT.id);
  });

  it('says why and changes nothing, so the page can keep what was typed', async () => {
    settings.setSignature(signatureKey(ACCOUNT.email, 'i1'), { html: '<p>old</p>', enabled: true });
    const error = await save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JmapError);
    expect(error).toMatchObject({ code: 'method', message: 'Identity/set: forbidden (signatures are managed by the admin)' });
    expect(settings.signature(signatureKey(ACCOUNT.email, 'i1'))).toEqual({ html: '<p>old</p>', enabled: true });
  });
});

describe('an account without identities known', () => {
  it('keeps the signature under the account address in the settings document, asking no server', async () => {
    identityServer('stores');
    expect(await save({ identityId: ACCOUNT.email })).toBe('settings');
    expect(calls).toEqual([]);
    expect(settings.signature(signatureKey(ACCOUNT.email, ACCOUNT.email))).toEqual({ html: HTML, enabled: true });
  });
});
