/**
 * The signature "Add my signature" puts below an autoreply: the one a new message from the
 * account's own address starts with (components/compose/new-draft.ts `signatureFor`: the settings
 * document's, else the identity's own on the server, sanitised), in both forms, each with its
 * separator. Needs a DOM (the sanitiser): extension pages only.
 */
import type { AutoreplySignature } from '@/lib/accounts/autoreply';
import { cleanSignature, signatureText } from '@/lib/security/signature';
import type { Signature } from '@/lib/settings/settings';
import type { AccountRow, IdentityRow } from '@/lib/store/rows';
import { signatureFor } from '../compose/new-draft';
import { serverSignature } from './signature-entries';

/** The identity sending from the account's own address (what the server's reply comes from), if known. */
export function ownIdentity(account: Pick<AccountRow, 'id' | 'email'>, identities: IdentityRow[]): IdentityRow | null {
  const email = account.email.toLowerCase();
  return identities.find((i) => i.accountId === account.id && i.email.toLowerCase() === email) ?? null;
}

/** null: no signature for that address, or "Use signature" is off for it. */
export function autoreplySignature(signatures: Record<string, Signature>, accountEmail: string, identity: IdentityRow | null): AutoreplySignature | null {
  const server = identity ? serverSignature(identity) : null;
  const html = signatureFor({ signatures }, accountEmail, identity?.id ?? null, server && { ...server, html: cleanSignature(server.html) });
  return html ? { html, text: signatureText(html) } : null;
}
