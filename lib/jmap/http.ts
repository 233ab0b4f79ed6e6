/**
 * One place where the JMAP layer touches the network, so that every failure becomes a typed
 * JmapError: unreachable host, timeout, 401/403, 5xx, request-level problem details.
 */
import { authorizationHeader, type JmapAuth } from './auth';
import { JmapError, JmapRequestError } from './errors';

export interface HttpOptions {
  fetch?: typeof fetch;
  /** Abort a request that has not answered within this many ms. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export async function jmapFetch(
  url: string,
  auth: JmapAuth | null,
  init: RequestInit,
  options: HttpOptions = {},
): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = new Headers(init.headers);
  if (auth) headers.set('Authorization', authorizationHeader(auth));
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await doFetch(url, { ...init, headers, signal, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    if (timeout.aborted) throw new JmapError('timeout', `No answer from ${new URL(url).host} in time`);
    if (init.signal?.aborted) throw error;
    throw new JmapError('unreachable', `Cannot reach ${new URL(url).host}: ${(error as Error).message}`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new JmapError('auth', `The server refused the credentials (HTTP ${response.status})`, response.status);
  }
  if (response.status >= 500) {
    throw new JmapError('server', `Server error HTTP ${response.status}`, response.status);
  }
  return response;
}

/** Turns a non-2xx API response into a typed error, reading RFC 7807 problem details if present. */
export async function raiseForStatus(response: Response): Promise<void> {
  if (response.ok) return;
  const text = await response.text().catch(() => '');
  let problem: { type?: string; detail?: string; limit?: string } = {};
  try {
    problem = JSON.parse(text);
  } catch {
    // Not problem details: keep the status only.
  }
  if (problem.type) throw new JmapRequestError(problem.type, response.status, problem.detail ?? '', problem.limit);
  throw new JmapError('server', `HTTP ${response.status}`, response.status);
}

/**
 * The body as JSON, or null if it is not JSON. A body that stalls until the request's timeout is
 * a timeout, not a malformed answer.
 */
export async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new JmapError('timeout', `No complete answer from ${new URL(response.url || 'http://server').host} in time`);
    }
    throw new JmapError('unreachable', `The connection broke: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
