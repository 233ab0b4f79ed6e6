/**
 * An identity's signature, as the background saves it.
 *
 *   page ──setSignature──▶ background ──Identity/set──▶ server (where it can: other mail apps see it)
 *                                     └──────────────▶ settings document (always: what the composer reads)
 *
 * The settings document always gets the signature, because that copy is what the composer reads
 * (in every browser, offline too) and it alone holds "Use signature", which an Identity has no
 * property for. The server goes first: when it refuses or cannot be reached, nothing changes and
 * the error goes back to the page, which keeps what was typed. A server without Identity/set
 * (Cyrus) is not an error: the account row remembers it, for the page to say where it is kept.
 * The HTML arrives sanitised by the page (the worker has no DOM to do it with).
 */
import { setIdentitySignature } from '../jmap/account-settings';
import type { JmapClient } from '../jmap/client';
import { signatureKey, type Settings } from '../settings/settings';
import type { MailDB } from '../store/db';
import type { AccountRow } from '../store/rows';

export interface SignatureInput {
  /** An identity of the account, or the account's address when it has none known (as the composer falls back). */
  identityId: string;
  html: string;
  /** The plain-text version, made from the same content by the page. */
  text: string;
  enabled: boolean;
}

/** Where the signature is kept besides the settings document. */
export type SignatureStore = 'server' | 'settings';

export async function saveSignature(db: MailDB, client: () => Promise<JmapClient>, settings: Settings, account: AccountRow, input: SignatureInput): Promise<SignatureStore> {
  const identity = await db.identities.get([account.id, input.identityId]);
  let store: SignatureStore = 'settings';
  if (identity) {
    // Off: the server holds none, so other mail apps add none either; the text stays in our copy for later.
    const signature = input.enabled ? { htmlSignature: input.html, textSignature: input.text } : { htmlSignature: '', textSignature: '' };
    const outcome = await setIdentitySignature(await client(), identity.id, signature);
    await db.transaction('rw', db.accounts, db.identities, async () => {
      await db.accounts.update(account.id, { signaturesOnServer: outcome === 'saved' });
      if (outcome === 'saved') await db.identities.update([account.id, identity.id], { htmlSignature: signature.htmlSignature || null, textSignature: signature.textSignature || null });
    });
    if (outcome === 'saved') store = 'server';
  }
  settings.setSignature(signatureKey(account.email, input.identityId), { html: input.html, enabled: input.enabled });
  return store;
}
