/**
 * The JMAP API client: batched method calls with back-references (RFC 8620 §3.7), typed errors,
 * and the session's limits respected (maxCallsInRequest, maxObjectsInGet, maxSizeRequest,
 * maxConcurrentRequests). jmap-client-ts sends one method per request with Bearer auth only and
 * drops HTTP status and error types, which sync needs; its session and mailbox types are reused.
 */
import type { JmapAuth } from './auth';
import { JmapError, JmapMethodError } from './errors';
import { jmapFetch, raiseForStatus, readJson, type HttpOptions } from './http';
import { coreLimits, mailAccountId } from './session';
import { CORE, MAIL, type CoreLimits, type GetResponse, type Invocation, type ResultReference, type Session } from './types';

export interface CallHandle<T> {
  readonly callId: string;
  readonly name: string;
  /** A back-reference to this call's result at `path`, for another call in the same request. */
  ref(path: string): ResultReference;
  /** Phantom field carrying the response type. */
  readonly _response?: T;
}

export class RequestBuilder {
  private readonly calls: Invocation[] = [];

  constructor(private readonly client: JmapClient) {}

  add<T = Record<string, unknown>>(name: string, args: Record<string, unknown>): CallHandle<T> {
    const callId = `c${this.calls.length}`;
    this.calls.push([name, { accountId: this.client.accountId, ...args }, callId]);
    return { callId, name, ref: (path: string) => ({ resultOf: callId, name, path }) };
  }

  async send(): Promise<ResponseSet> {
    return new ResponseSet(await this.client.send(this.calls));
  }
}

export class ResponseSet {
  constructor(private readonly responses: Invocation[]) {}

  /** The response of a call, or a JmapMethodError if the server answered it with an error. */
  get<T>(handle: CallHandle<T>): T {
    const responses = this.responses.filter(([, , id]) => id === handle.callId);
    const error = responses.find(([name]) => name === 'error');
    if (error) {
      const { type, description, ...details } = error[1] as { type: string; description?: string };
      throw new JmapMethodError(handle.name, type, description, details);
    }
    const match = responses.find(([name]) => name === handle.name) ?? responses[0];
    if (!match) throw new JmapError('server', `No response to ${handle.name}`);
    return match[1] as T;
  }

  /** Responses the server added for a call (e.g. the implicit Email/set after EmailSubmission/set). */
  all(callId: string): Invocation[] {
    return this.responses.filter(([, , id]) => id === callId);
  }
}

export class JmapClient {
  readonly accountId: string;
  readonly limits: CoreLimits;
  private readonly using: string[];
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly session: Session,
    /** Also what push and blob requests of this session authenticate with. */
    readonly auth: JmapAuth,
    private readonly http: HttpOptions = {},
  ) {
    this.accountId = mailAccountId(session);
    this.limits = coreLimits(session);
    this.using = [CORE, MAIL, ...Object.keys(session.capabilities).filter((c) => c !== CORE && c !== MAIL && c.startsWith('urn:ietf:params:jmap:'))];
  }

  batch(): RequestBuilder {
    return new RequestBuilder(this);
  }

  /** Sends one API request. Throws before sending if it breaks the session's limits. */
  async send(calls: Invocation[]): Promise<Invocation[]> {
    if (calls.length > this.limits.maxCallsInRequest) {
      throw new JmapError('request', `${calls.length} calls exceed maxCallsInRequest ${this.limits.maxCallsInRequest}`);
    }
    const body = new TextEncoder().encode(JSON.stringify({ using: this.using, methodCalls: calls }));
    if (body.byteLength > this.limits.maxSizeRequest) {
      throw new JmapError('request', `Request of ${body.byteLength} bytes exceeds maxSizeRequest ${this.limits.maxSizeRequest}`);
    }
    await this.acquire();
    try {
      const response = await jmapFetch(
        this.session.apiUrl,
        this.auth,
        { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body },
        this.http,
      );
      await raiseForStatus(response);
      const json = (await readJson(response)) as { methodResponses?: Invocation[] } | null;
      if (!json || !Array.isArray(json.methodResponses)) throw new JmapError('server', 'Malformed JMAP response');
      return json.methodResponses;
    } finally {
      this.release();
    }
  }

  /**
   * Foo/get for any number of ids: split into calls of at most maxObjectsInGet ids, packed into
   * requests of at most maxCallsInRequest calls, sent concurrently up to maxConcurrentRequests.
   */
  async getAll<T>(type: string, ids: string[], properties?: readonly string[], extra: Record<string, unknown> = {}): Promise<GetResponse<T>> {
    const perCall = this.limits.maxObjectsInGet;
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += perCall) chunks.push(ids.slice(i, i + perCall));
    const perRequest = Math.max(1, this.limits.maxCallsInRequest);
    const requests: string[][][] = [];
    for (let i = 0; i < chunks.length; i += perRequest) requests.push(chunks.slice(i, i + perRequest));
    const result: GetResponse<T> = { accountId: this.accountId, state: '', list: [], notFound: [] };
    await Promise.all(
      requests.map(async (group) => {
        const batch = this.batch();
        const handles = group.map((chunk) => batch.add<GetResponse<T>>(`${type}/get`, { ids: chunk, properties, ...extra }));
        const responses = await batch.send();
        for (const handle of handles) {
          const response = responses.get(handle);
          result.state ||= response.state;
          result.list.push(...response.list);
          result.notFound.push(...(response.notFound ?? []));
        }
      }),
    );
    return result;
  }

  /** Uploads a blob (RFC 8620 §6.1). */
  async upload(data: Blob, type: string): Promise<{ blobId: string; size: number; type: string }> {
    if (data.size > this.limits.maxSizeUpload) {
      throw new JmapError('request', `Upload of ${data.size} bytes exceeds maxSizeUpload ${this.limits.maxSizeUpload}`);
    }
    const url = this.session.uploadUrl.replace('{accountId}', encodeURIComponent(this.accountId));
    const response = await jmapFetch(url, this.auth, { method: 'POST', headers: { 'Content-Type': type }, body: data }, this.http);
    await raiseForStatus(response);
    return (await response.json()) as { blobId: string; size: number; type: string };
  }

  /** Downloads a blob (RFC 8620 §6.2). */
  async download(blobId: string, name: string, type: string): Promise<Blob> {
    const url = this.session.downloadUrl
      .replace('{accountId}', encodeURIComponent(this.accountId))
      .replace('{blobId}', encodeURIComponent(blobId))
      .replace('{name}', encodeURIComponent(name))
      .replace('{type}', encodeURIComponent(type));
    const response = await jmapFetch(url, this.auth, { method: 'GET' }, this.http);
    if (response.status === 404) throw new JmapError('request', `Blob ${blobId} not found`, 404);
    await raiseForStatus(response);
    return response.blob();
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < this.limits.maxConcurrentRequests) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}
