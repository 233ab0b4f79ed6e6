/**
 * Changing an account's name, password or token, or server settings. New connection settings are
 * tried (the session is fetched with them) before anything is saved, so a typo never leaves an
 * account that cannot sync; the name alone needs no server.
 */
import { JmapError } from '../jmap/errors';
import type { HttpOptions } from '../jmap/http';
import { fetchSession } from '../jmap/session';
import type { MailDB } from '../store/db';
import { authFor, normaliseInput } from './add-account';

export interface AccountEdit {
  name: string;
  /** Empty keeps the stored password or token. */
  secret: string;
  sessionUrl: string;
  username: string;
}

export async function editAccount(db: MailDB, accountId: string, edit: AccountEdit, http: HttpOptions = {}): Promise<void> {
  const [account, credential] = await Promise.all([db.accounts.get(accountId), db.credentials.get(accountId)]);
  if (!account || !credential) throw new JmapError('auth', 'The account or its password is missing');
  const clean = normaliseInput({ ...account, secret: edit.secret || credential.secret, name: edit.name, sessionUrl: edit.sessionUrl, username: edit.username });
  const connectionChanged = clean.secret !== credential.secret || clean.sessionUrl !== account.sessionUrl || clean.username !== account.username;
  if (connectionChanged) await fetchSession(clean.sessionUrl, authFor(account.authKind, clean.username, clean.secret), http);
  await db.transaction('rw', [db.accounts, db.credentials], async () => {
    await db.accounts.update(accountId, { name: clean.name, sessionUrl: clean.sessionUrl, username: clean.username });
    await db.credentials.put({ accountId, secret: clean.secret });
  });
}
