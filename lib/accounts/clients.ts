/**
 * One JMAP client per account for the life of the worker: the session is fetched once and
 * refetched after a failure (the session may have moved, or the password changed).
 */
import { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { HttpOptions } from '../jmap/http';
import { fetchSession } from '../jmap/session';
import type { MailDB } from '../store/db';
import { authFor } from './add-account';

export interface ClientDeps {
  db: MailDB;
  http?: HttpOptions;
  /** Whether the extension may reach this URL's origin (runtime host permission). */
  hasHostPermission?(url: string): Promise<boolean>;
}

export class ClientPool {
  private readonly clients = new Map<string, Promise<JmapClient>>();

  constructor(private readonly deps: ClientDeps) {}

  clientFor(accountId: string): Promise<JmapClient> {
    let client = this.clients.get(accountId);
    if (!client) {
      client = this.connect(accountId);
      this.clients.set(accountId, client);
      client.catch(() => this.clients.delete(accountId));
    }
    return client;
  }

  forget(accountId: string): void {
    this.clients.delete(accountId);
  }

  private async connect(accountId: string): Promise<JmapClient> {
    const { db } = this.deps;
    const [account, credential] = await Promise.all([db.accounts.get(accountId), db.credentials.get(accountId)]);
    if (!account || !credential) throw new JmapError('auth', 'The account or its password is missing');
    if (this.deps.hasHostPermission && !(await this.deps.hasHostPermission(account.sessionUrl))) {
      throw new JmapError('permission', `No permission to reach ${new URL(account.sessionUrl).origin}`);
    }
    const auth = authFor(account.authKind, account.username, credential.secret);
    const session = await fetchSession(account.sessionUrl, auth, this.deps.http);
    return new JmapClient(session, auth, this.deps.http);
  }
}
