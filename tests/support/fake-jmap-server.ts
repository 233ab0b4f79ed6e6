/// <reference types="node" />
/**
 * A real HTTP server on 127.0.0.1 standing in for a JMAP server, so that requests made by the JMAP
 * layer really cross HTTP. Every request is recorded (method, path, headers, body) for assertions.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CORE, MAIL, type CoreLimits, type Session } from '../../lib/jmap/types';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Replaces the request handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeServer(handler: Handler = notFound): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let current = handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      Promise.resolve(current(recorded, res)).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function notFound(_req: RecordedRequest, res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const ACCOUNT_ID = 'A1';

/** Session JSON as a server sends it (the core capability holds the limits). */
export interface SessionJson {
  capabilities: Record<string, unknown>;
  accounts: Record<string, unknown>;
  primaryAccounts: Record<string, string>;
  username: string;
  apiUrl: string;
  downloadUrl: string;
  uploadUrl: string;
  eventSourceUrl: string;
  state: string;
}

export function sessionJson(origin: string, limits: Partial<CoreLimits> = {}, extraCapabilities: Record<string, unknown> = {}): SessionJson {
  return {
    capabilities: { [CORE]: { collationAlgorithms: [], ...limits }, [MAIL]: {}, ...extraCapabilities },
    accounts: {
      [ACCOUNT_ID]: { name: 'alice@example.com', isPersonal: true, isReadOnly: false, accountCapabilities: { [CORE]: {}, [MAIL]: {} } },
    },
    primaryAccounts: { [CORE]: ACCOUNT_ID, [MAIL]: ACCOUNT_ID },
    username: 'alice@example.com',
    apiUrl: `${origin}/jmap/api/`,
    downloadUrl: `${origin}/jmap/download/{accountId}/{blobId}/{name}?accept={type}`,
    uploadUrl: `${origin}/jmap/upload/{accountId}/`,
    eventSourceUrl: `${origin}/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}`,
    state: 's0',
  };
}

/**
 * The same session typed as lib/jmap's Session. The cast is needed because jmap-client-ts's
 * ICapabilities models the core limits flat on `capabilities`, which is not the wire format.
 */
export function makeSession(origin: string, limits: Partial<CoreLimits> = {}, extraCapabilities: Record<string, unknown> = {}): Session {
  return sessionJson(origin, limits, extraCapabilities) as unknown as Session;
}

/** Parses the JSON body the server received. */
export function jsonBody<T>(req: RecordedRequest): T {
  return JSON.parse(req.body.toString('utf8')) as T;
}
