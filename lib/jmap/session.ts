/**
 * Finding and reading the JMAP session resource (RFC 8620 §2): autodiscovery from an email address
 * via /.well-known/jmap (RFC 8620 §2.2), and validation that it is a mail-capable JMAP server.
 */
import type { JmapAuth } from './auth';
import { JmapError } from './errors';
import { jmapFetch, raiseForStatus, readJson, type HttpOptions } from './http';
import { CORE, MAIL, type CoreLimits, type Session } from './types';

/** The session URL autodiscovery tries for an address: https://<domain>/.well-known/jmap. */
export function wellKnownSessionUrl(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at + 1).trim() : '';
  if (!domain || /[\s/]/.test(domain)) throw new JmapError('notJmap', `"${email}" is not an email address`);
  return `https://${domain}/.well-known/jmap`;
}

export async function fetchSession(sessionUrl: string, auth: JmapAuth, options: HttpOptions = {}): Promise<Session> {
  const response = await jmapFetch(sessionUrl, auth, { method: 'GET', headers: { Accept: 'application/json' } }, options);
  if (response.status === 404) throw new JmapError('notJmap', `No JMAP session at ${sessionUrl} (HTTP 404)`, 404);
  await raiseForStatus(response).catch(() => {
    throw new JmapError('notJmap', `No JMAP session at ${sessionUrl} (HTTP ${response.status})`, response.status);
  });
  const body = await readJson(response);
  if (body === null) throw new JmapError('notJmap', `${sessionUrl} did not answer with JSON`);
  const session = body as Partial<Session>;
  if (!session || typeof session !== 'object' || !session.capabilities || !session.apiUrl || !session.accounts) {
    throw new JmapError('notJmap', `${sessionUrl} is not a JMAP session resource`);
  }
  if (!(CORE in session.capabilities)) throw new JmapError('notJmap', `${sessionUrl} lacks ${CORE}`);
  if (!(MAIL in session.capabilities) || !session.primaryAccounts?.[MAIL]) {
    throw new JmapError('noMail', 'The server offers no mail account (urn:ietf:params:jmap:mail)');
  }
  // URLs in the session may be relative to the session URL (some servers send paths).
  const base = response.url || sessionUrl;
  for (const key of ['apiUrl', 'downloadUrl', 'uploadUrl', 'eventSourceUrl'] as const) {
    const value = session[key];
    if (typeof value === 'string' && value) session[key] = absolutise(value, base);
  }
  return session as Session;
}

function absolutise(template: string, base: string): string {
  // Keep URI-template braces intact: URL() would percent-encode them.
  if (/^[a-z][a-z0-9+.-]*:/i.test(template)) return template;
  const origin = new URL(base).origin;
  return template.startsWith('/') ? origin + template : new URL(template, base).href.replace(/%7B/g, '{').replace(/%7D/g, '}');
}

export function coreLimits(session: Session): CoreLimits {
  const core = (session.capabilities[CORE] ?? {}) as Partial<CoreLimits>;
  // RFC 8620's suggested minimums where the server does not say.
  return {
    maxSizeUpload: core.maxSizeUpload ?? 50_000_000,
    maxConcurrentUpload: core.maxConcurrentUpload ?? 4,
    maxSizeRequest: core.maxSizeRequest ?? 10_000_000,
    maxConcurrentRequests: core.maxConcurrentRequests ?? 4,
    maxCallsInRequest: core.maxCallsInRequest ?? 16,
    maxObjectsInGet: core.maxObjectsInGet ?? 500,
    maxObjectsInSet: core.maxObjectsInSet ?? 500,
  };
}

export function mailAccountId(session: Session): string {
  return session.primaryAccounts[MAIL];
}
