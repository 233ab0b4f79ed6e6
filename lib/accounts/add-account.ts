/**
 * Adding an account: find the session (the advanced session URL, or autodiscovery via
 * https://<domain>/.well-known/jmap), prove the credentials against it, then store the account
 * and, apart from it, its secret. Every failure is a typed error with a code the UI translates.
 */
import type { JmapAuth } from '../jmap/auth';
import { JmapError } from '../jmap/errors';
import type { HttpOptions } from '../jmap/http';
import { fetchSession, wellKnownSessionUrl } from '../jmap/session';
import type { Session } from '../jmap/types';
import type { MailDB } from '../store/db';
import type { AccountRow } from '../store/rows';
import { initialStatus } from '../sync/status';

export interface NewAccountInput {
  email: string;
  /** Password (Basic auth) or access token (Bearer), per `authKind`. */
  secret: string;
  authKind?: 'basic' | 'bearer';
  name?: string;
  /** Advanced: the session URL, skipping autodiscovery. */
  sessionUrl?: string;
  /** Advanced: the login name when it is not the address. */
  username?: string;
}

export class AccountInputError extends Error {
  constructor(readonly code: 'invalidAddress' | 'invalidUrl' | 'missingSecret' | 'duplicate', message: string) {
    super(message);
    this.name = 'AccountInputError';
  }
}

const ACCOUNT_COLORS = ['#1e88e5', '#43a047', '#e53935', '#8e24aa', '#fb8c00', '#00897b', '#6d4c41', '#3949ab'];
const ADDRESS = /^[^\s@]+@[^\s@]+$/;

export function normaliseInput(input: NewAccountInput): Required<NewAccountInput> {
  const email = input.email.trim();
  if (!ADDRESS.test(email)) throw new AccountInputError('invalidAddress', `"${email}" is not an email address`);
  if (!input.secret) throw new AccountInputError('missingSecret', 'A password or token is required');
  let sessionUrl = input.sessionUrl?.trim() || wellKnownSessionUrl(email);
  if (!/^[a-z]+:\/\//i.test(sessionUrl)) sessionUrl = `https://${sessionUrl}`;
  let url: URL;
  try {
    url = new URL(sessionUrl);
  } catch {
    throw new AccountInputError('invalidUrl', `"${sessionUrl}" is not a URL`);
  }
  // Plain HTTP only to this machine (a local test server); anything else must be HTTPS.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AccountInputError('invalidUrl', `${url.origin} must use HTTPS`);
  }
  return {
    email,
    secret: input.secret,
    authKind: input.authKind ?? 'basic',
    name: input.name?.trim() || email,
    sessionUrl: url.href,
    username: input.username?.trim() || email,
  };
}

export function authFor(kind: 'basic' | 'bearer', username: string, secret: string): JmapAuth {
  return kind === 'bearer' ? { kind, token: secret } : { kind, username, password: secret };
}

export async function addAccount(db: MailDB, input: NewAccountInput, http: HttpOptions = {}): Promise<{ account: AccountRow; session: Session }> {
  const clean = normaliseInput(input);
  const existing = await db.accounts.where('email').equalsIgnoreCase(clean.email).first();
  if (existing) throw new AccountInputError('duplicate', `${clean.email} is already added`);
  const session = await fetchSession(clean.sessionUrl, authFor(clean.authKind, clean.username, clean.secret), http);
  const count = await db.accounts.count();
  const account: AccountRow = {
    id: crypto.randomUUID(),
    name: clean.name,
    email: clean.email,
    color: ACCOUNT_COLORS[count % ACCOUNT_COLORS.length],
    sessionUrl: clean.sessionUrl,
    username: clean.username,
    authKind: clean.authKind,
    createdAt: Date.now(),
    disabled: 0,
  };
  await db.transaction('rw', [db.accounts, db.credentials, db.syncStatus], async () => {
    await db.accounts.add(account);
    await db.credentials.put({ accountId: account.id, secret: clean.secret });
    await db.syncStatus.put(initialStatus(account.id));
  });
  return { account, session };
}
