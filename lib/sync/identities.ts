/**
 * The account's identities (RFC 8621 §6), stored so that the composer offers them as From
 * choices offline. Read when the composer or the signatures page opens and before a send that
 * names none; the same request finds out whether the server can keep signatures (Identity/set),
 * which the account row remembers for the signatures page.
 */
import { readIdentities } from '../jmap/account-settings';
import type { JmapClient } from '../jmap/client';
import type { MailDB } from '../store/db';
import type { IdentityRow } from '../store/rows';

export async function refreshIdentities(db: MailDB, client: JmapClient, accountId: string): Promise<IdentityRow[]> {
  const { identities, canSet } = await readIdentities(client);
  const rows: IdentityRow[] = identities.map((identity) => ({
    accountId,
    id: identity.id,
    name: identity.name,
    email: identity.email,
    replyTo: identity.replyTo ?? null,
    bcc: identity.bcc ?? null,
    htmlSignature: identity.htmlSignature || null,
    textSignature: identity.textSignature || null,
    mayDelete: identity.mayDelete,
  }));
  await db.transaction('rw', db.identities, db.accounts, async () => {
    await db.identities.where('accountId').equals(accountId).delete();
    await db.identities.bulkPut(rows);
    if (canSet !== null) await db.accounts.update(accountId, { signaturesOnServer: canSet });
  });
  return rows;
}
