/**
 * The account's identities (RFC 8621 §6), stored so that the composer offers them as From
 * choices offline. Read when the composer opens and before a send that names none.
 */
import { getIdentities } from '../jmap/account-settings';
import type { JmapClient } from '../jmap/client';
import type { MailDB } from '../store/db';
import type { IdentityRow } from '../store/rows';

export async function refreshIdentities(db: MailDB, client: JmapClient, accountId: string): Promise<IdentityRow[]> {
  const rows: IdentityRow[] = (await getIdentities(client)).map((identity) => ({
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
  await db.transaction('rw', db.identities, async () => {
    await db.identities.where('accountId').equals(accountId).delete();
    await db.identities.bulkPut(rows);
  });
  return rows;
}
