/**
 * The signatures page's list: one entry per identity of each account, or one keyed by the
 * account's address when it has no identities known, exactly as the composer looks a signature up
 * (components/compose/new-draft.ts, signatureFor). Each starts from the settings document's copy;
 * without one, from the server's signature of the identity (set by another mail app), on, which
 * is also what the composer adds then.
 */
import { textToHtml } from '@/lib/mime/delta-to-text';
import { signatureKey, type Signature } from '@/lib/settings/settings';
import type { AccountRow, IdentityRow } from '@/lib/store/rows';

/** Where the signature is kept: the server can, cannot, has not been asked yet; or no identity to keep it on. */
export type SignaturePlace = 'server' | 'settings' | 'unknown' | 'noIdentity';

export interface SignatureEntry {
  /** signatureKey(account address, identity id): unique, stable across browsers. */
  key: string;
  accountId: string;
  identityId: string;
  /** "Name <address>" or the address. */
  label: string;
  /** Saved so far (the server's is unsanitised: the page cleans it before showing it). */
  signature: Signature;
  place: SignaturePlace;
}

function displayName(name: string, email: string): string {
  return name && name !== email ? `${name} <${email}>` : email;
}

/** The identity's signature on the server as HTML (its text one made HTML when it has only that), or null. */
export function serverSignature(identity: Pick<IdentityRow, 'htmlSignature' | 'textSignature'>): Signature | null {
  const html = identity.htmlSignature?.trim() ? identity.htmlSignature : identity.textSignature?.trim() ? textToHtml(identity.textSignature) : null;
  return html ? { html, enabled: true } : null;
}

export function signatureEntries(accounts: AccountRow[], identities: IdentityRow[], signatures: Record<string, Signature>): SignatureEntry[] {
  const entries: SignatureEntry[] = [];
  const byAddress = (a: AccountRow, b: AccountRow) => a.email.localeCompare(b.email);
  for (const account of accounts.filter((a) => !a.disabled).sort(byAddress)) {
    const own = identities.filter((i) => i.accountId === account.id).sort((a, b) => a.email.localeCompare(b.email) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const place: SignaturePlace = account.signaturesOnServer === undefined ? 'unknown' : account.signaturesOnServer ? 'server' : 'settings';
    if (!own.length) {
      const key = signatureKey(account.email, account.email);
      const accountName = account.name === account.email ? '' : account.name;
      entries.push({ key, accountId: account.id, identityId: account.email, label: displayName(accountName, account.email), signature: signatures[key] ?? { html: '', enabled: true }, place: 'noIdentity' });
      continue;
    }
    for (const identity of own) {
      const key = signatureKey(account.email, identity.id);
      const server = serverSignature(identity);
      const email = identity.email || account.email;
      entries.push({ key, accountId: account.id, identityId: identity.id, label: displayName(identity.name, email), signature: signatures[key] ?? server ?? { html: '', enabled: true }, place });
    }
  }
  return entries;
}
