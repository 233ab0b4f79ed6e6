/**
 * Typed errors of the JMAP layer. Each carries a stable `code` that the UI maps to a translated
 * message, so no caller has to parse error text. Credentials never appear in messages.
 */
export type JmapErrorCode =
  | 'auth' // 401/403: wrong user name, password or token
  | 'unreachable' // DNS, connection refused, TLS, CORS
  | 'permission' // the user has not granted the extension access to the server's origin
  | 'timeout'
  | 'notJmap' // the URL answered, but not with a JMAP session
  | 'noMail' // a JMAP session without urn:ietf:params:jmap:mail
  | 'request' // request-level problem (RFC 8620 §3.6.1), e.g. limit, notJSON
  | 'method' // method-level error (RFC 8620 §3.6.2)
  | 'server'; // 5xx or a malformed response

export class JmapError extends Error {
  constructor(
    readonly code: JmapErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'JmapError';
  }
}

/** Request-level error: the whole HTTP request was refused (problem details, RFC 7807). */
export class JmapRequestError extends JmapError {
  constructor(
    readonly type: string,
    status: number,
    detail: string,
    /** For `urn:ietf:params:jmap:error:limit`: which limit, e.g. "maxCallsInRequest". */
    readonly limit?: string,
  ) {
    super('request', `${type} (HTTP ${status})${limit ? ` limit=${limit}` : ''}${detail ? `: ${detail}` : ''}`, status);
    this.name = 'JmapRequestError';
  }
}

/** Method-level error: one call of a request answered ["error", {type, …}]. */
export class JmapMethodError extends JmapError {
  constructor(
    readonly method: string,
    readonly type: string,
    readonly description?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super('method', `${method}: ${type}${description ? ` (${description})` : ''}`);
    this.name = 'JmapMethodError';
  }
}

export function isMethodError(value: unknown, type: string): value is JmapMethodError {
  return value instanceof JmapMethodError && value.type === type;
}
