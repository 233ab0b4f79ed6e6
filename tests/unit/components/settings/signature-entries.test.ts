/** The signatures page's list, and the composer's lookup it must agree with. */
import { describe, expect, it } from 'vitest';
import { signatureFor } from '@/components/compose/new-draft';
import { serverSignature, signatureEntries } from '@/components/settings/signature-entries';
import { PREFERENCE_DEFAULTS } from '@/lib/settings/preferences';
import { signatureKey, type Signature, type SettingsSnapshot } from '@/lib/settings/settings';
import type { AccountRow, IdentityRow } from '@/lib/store/rows';

const account = (id: string, email: string, extra: Partial<AccountRow> = {}): AccountRow => ({
  id, name: email, email, color: '#000', sessionUrl: 'https://x.org', username: email, authKind: 'basic', createdAt: 0, disabled: 0, ...extra,
});
const identity = (accountId: string, id: string, email: string, extra: Partial<IdentityRow> = {}): IdentityRow => ({
  accountId, id, name: '', email, replyTo: null, bcc: null, htmlSignature: null, textSignature: null, mayDelete: false, ...extra,
});
const snapshot = (signatures: Record<string, Signature>): SettingsSnapshot => ({ preferences: { ...PREFERENCE_DEFAULTS }, tags: [], trustedSenders: [], signatures, autoreplies: {} });

describe('signatureEntries', () => {
  it('lists each identity, and an account without identities under its own address, as the composer looks them up', () => {
    const accounts = [account('b', 'bob@example.org', { signaturesOnServer: false }), account('a', 'Alice@Example.com', { name: 'Alice' }), account('off', 'off@example.org', { disabled: 1 })];
    const identities = [identity('b', 'ib2', 'bob+work@example.org', { name: 'Bob at work' }), identity('b', 'ib1', 'bob@example.org')];
    const saved = { [signatureKey('bob@example.org', 'ib1')]: { html: '<p>Bob</p>', enabled: false } };
    const entries = signatureEntries(accounts, identities, saved);
    expect(entries.map(({ key, identityId, label, signature, place }) => ({ key, identityId, label, signature, place }))).toEqual([
      { key: 'alice@example.com Alice@Example.com', identityId: 'Alice@Example.com', label: 'Alice <Alice@Example.com>', signature: { html: '', enabled: true }, place: 'noIdentity' },
      { key: 'bob@example.org ib1', identityId: 'ib1', label: 'bob@example.org', signature: { html: '<p>Bob</p>', enabled: false }, place: 'settings' },
      { key: 'bob@example.org ib2', identityId: 'ib2', label: 'Bob at work <bob+work@example.org>', signature: { html: '', enabled: true }, place: 'settings' },
    ]);
    // The composer finds what the page saves under these keys.
    for (const entry of entries) {
      const email = accounts.find((a) => a.id === entry.accountId)!.email;
      const sender = entry.place === 'noIdentity' ? null : entry.identityId;
      const html = signatureFor(snapshot({ [entry.key]: { html: '<p>Sig</p>', enabled: true } }), email, sender);
      expect(html).toBe('<p><br></p><p>-- </p><p>Sig</p>');
    }
  });

  it("starts from the server's signature when the settings document has none, and knows when the server was not asked", () => {
    const entries = signatureEntries([account('a', 'a@x.org')], [identity('a', 'i1', 'a@x.org', { textSignature: 'A\nx.org' })], {});
    expect(entries[0]).toMatchObject({ signature: { html: '<p>A</p><p>x.org</p>', enabled: true }, place: 'unknown' });
  });
});

describe('signatureFor', () => {
  const key = signatureKey('a@x.org', 'i1');
  it("prefers the settings document's copy, on or off, over the server's", () => {
    const server = { html: '<p>Server</p>', enabled: true };
    expect(signatureFor(snapshot({ [key]: { html: '<p>Mine</p>', enabled: true } }), 'a@x.org', 'i1', server)).toContain('<p>Mine</p>');
    expect(signatureFor(snapshot({ [key]: { html: '<p>Mine</p>', enabled: false } }), 'a@x.org', 'i1', server)).toBe('');
    expect(signatureFor(snapshot({}), 'a@x.org', 'i1', server)).toBe('<p><br></p><p>-- </p><p>Server</p>');
    expect(signatureFor(snapshot({}), 'a@x.org', 'i1')).toBe('');
  });

  it('reads the HTML signature first, and nothing blank', () => {
    expect(serverSignature({ htmlSignature: '<b>A</b>', textSignature: 'A' })).toEqual({ html: '<b>A</b>', enabled: true });
    expect(serverSignature({ htmlSignature: ' ', textSignature: '' })).toBeNull();
    expect(serverSignature({ htmlSignature: null, textSignature: null })).toBeNull();
  });
});
