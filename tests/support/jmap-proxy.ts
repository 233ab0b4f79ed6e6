/**
 * A switchable network path to the real server, for offline tests: an HTTP proxy on 127.0.0.1 that
 * forwards to Cyrus and rewrites the server's absolute URLs in the session so every later request
 * comes through it too. `offline = true` makes it drop every connection, as a lost network would,
 * while the server itself (and other tests using it) keeps running.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SERVER_URL } from './test-server';

export class JmapProxy {
  offline = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  get sessionUrl(): string {
    return `${this.origin}/.well-known/jmap`;
  }

  static async start(): Promise<JmapProxy> {
    const target = new URL(SERVER_URL);
    let proxy: JmapProxy | null = null;
    const server = createServer((req, res) => {
      if (proxy!.offline) {
        req.socket.destroy();
        return;
      }
      // Uncompressed, so that the session's URLs can be rewritten.
      const { 'accept-encoding': _encoding, ...headers } = req.headers;
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...headers, host: target.host } },
        (answer) => {
          const isSession = (answer.headers['content-type'] ?? '').includes('json') && /^\/(\.well-known\/jmap|jmap\/?$)/.test(req.url ?? '');
          const location = answer.headers.location?.replace(target.origin, proxy!.origin);
          if (!isSession) {
            res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...(location ? { location } : {}) });
            answer.pipe(res);
            return;
          }
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8').split(target.origin).join(proxy!.origin);
            const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(body);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    server.on('connection', (socket) => {
      proxy?.sockets.add(socket);
      socket.on('close', () => proxy?.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new JmapProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return proxy;
  }

  /** Cuts open connections too (a push stream, a keep-alive socket), as a network loss does. */
  goOffline(): void {
    this.offline = true;
    for (const socket of this.sockets) socket.destroy();
  }

  goOnline(): void {
    this.offline = false;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
