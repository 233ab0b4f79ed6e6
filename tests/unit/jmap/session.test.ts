/// <reference types="node" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JmapAuth } from '../../../lib/jmap/auth';
import { JmapError, type JmapErrorCode } from '../../../lib/jmap/errors';
import { coreLimits, fetchSession, mailAccountId, wellKnownSessionUrl } from '../../../lib/jmap/session';
import { CORE, MAIL } from '../../../lib/jmap/types';
import { ACCOUNT_ID, closedPort, makeSession, sendJson, sessionJson, startFakeServer, type FakeServer } from '../../support/fake-jmap-server';

const auth: JmapAuth = { kind: 'basic', username: 'alice@example.com', password: 'пароль' };
const expectedAuthorization = `Basic ${Buffer.from('alice@example.com:пароль', 'utf8').toString('base64')}`;

/** Runs `promise`, expecting it to reject with a JmapError of `code`; returns the error. */
async function expectJmapError(promise: Promise<unknown>, code: JmapErrorCode): Promise<JmapError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JmapError);
  expect((error as JmapError).code).toBe(code);
  return error as JmapError;
}

describe('wellKnownSessionUrl', () => {
  it('points at /.well-known/jmap on the address domain', () => {
    expect(wellKnownSessionUrl('alice@example.com')).toBe('https://example.com/.well-known/jmap');
    expect(wellKnownSessionUrl('bob@mail.example.org ')).toBe('https://mail.example.org/.well-known/jmap');
    // The domain follows the last @ (a quoted local part may contain one).
    expect(wellKnownSessionUrl('"a@b"@example.net')).toBe('https://example.net/.well-known/jmap');
  });

  it.each(['alice', 'alice@', '@example.com', '', 'alice@exa mple.com', 'alice@example.com/evil', 'alice@ '])(
    'rejects %j as not an email address',
    (input) => {
      let error: unknown;
      try {
        wellKnownSessionUrl(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JmapError);
      expect((error as JmapError).code).toBe('notJmap');
    },
  );
});

describe('fetchSession', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('reads the session, sends the credentials and makes relative URLs absolute with braces kept', async () => {
    server.handle((req, res) => {
      if (req.url !== '/jmap/session') return sendJson(res, 404, {});
      sendJson(res, 200, {
        ...sessionJson(server.origin),
        apiUrl: '/jmap/api/',
        downloadUrl: '/jmap/download/{accountId}/{blobId}/{name}?accept={type}',
        // Relative without a leading slash: resolved against the session URL's directory.
        uploadUrl: 'upload/{accountId}/',
        eventSourceUrl: '/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}',
      });
    });
    const session = await fetchSession(`${server.origin}/jmap/session`, auth);
    expect(session.apiUrl).toBe(`${server.origin}/jmap/api/`);
    expect(session.downloadUrl).toBe(`${server.origin}/jmap/download/{accountId}/{blobId}/{name}?accept={type}`);
    expect(session.uploadUrl).toBe(`${server.origin}/jmap/upload/{accountId}/`);
    expect(session.eventSourceUrl).toBe(`${server.origin}/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}`);
    expect(session.username).toBe('alice@example.com');
    expect(mailAccountId(session)).toBe(ACCOUNT_ID);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('GET');
    expect(request.headers.authorization).toBe(expectedAuthorization);
    expect(request.headers.accept).toBe('application/json');
  });

  it('leaves absolute URLs as the server sent them', async () => {
    const sent = {
      ...sessionJson(server.origin),
      apiUrl: 'https://api.example.com/jmap/',
      downloadUrl: 'https://dl.example.com/{accountId}/{blobId}/{name}?type={type}',
    };
    server.handle((_req, res) => sendJson(res, 200, sent));
    const session = await fetchSession(`${server.origin}/jmap/session`, auth);
    expect(session.apiUrl).toBe('https://api.example.com/jmap/');
    expect(session.downloadUrl).toBe('https://dl.example.com/{accountId}/{blobId}/{name}?type={type}');
    expect(session.uploadUrl).toBe(sent.uploadUrl);
  });

  it('follows a 301 from /.well-known/jmap to /jmap/, sending Authorization to the target', async () => {
    server.handle((req, res) => {
      if (req.url === '/.well-known/jmap') {
        res.writeHead(301, { Location: '/jmap/' });
        res.end();
        return;
      }
      if (req.url === '/jmap/') {
        if (req.headers.authorization !== expectedAuthorization) return sendJson(res, 401, {});
        // Relative to the redirect target, not to /.well-known/.
        return sendJson(res, 200, { ...sessionJson(server.origin), apiUrl: 'api/' });
      }
      sendJson(res, 404, {});
    });
    const session = await fetchSession(`${server.origin}/.well-known/jmap`, auth);
    expect(server.requests.map((r) => r.url)).toEqual(['/.well-known/jmap', '/jmap/']);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([expectedAuthorization, expectedAuthorization]);
    expect(session.apiUrl).toBe(`${server.origin}/jmap/api/`);
  });

  it('reports 401 as auth', async () => {
    server.handle((_req, res) => sendJson(res, 401, { error: 'unauthorized' }));
    const error = await expectJmapError(fetchSession(`${server.origin}/jmap/session`, auth), 'auth');
    expect(error.status).toBe(401);
    // Credentials never appear in messages.
    expect(error.message).not.toContain('пароль');
  });

  it('reports 403 as auth', async () => {
    server.handle((_req, res) => sendJson(res, 403, {}));
    const error = await expectJmapError(fetchSession(`${server.origin}/jmap/session`, auth), 'auth');
    expect(error.status).toBe(403);
  });

  it('reports a refused connection as unreachable', async () => {
    const port = await closedPort();
    await expectJmapError(fetchSession(`http://127.0.0.1:${port}/.well-known/jmap`, auth), 'unreachable');
  });

  it('reports a server that never answers as timeout', async () => {
    server.handle(() => {
      // Never answer.
    });
    const started = Date.now();
    await expectJmapError(fetchSession(`${server.origin}/jmap/session`, auth, { timeoutMs: 150 }), 'timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a server that sends headers then stalls the body as timeout', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"capabilities":');
      // Never finish the body.
    });
    await expectJmapError(fetchSession(`${server.origin}/jmap/session`, auth, { timeoutMs: 150 }), 'timeout');
  });

  it('reports 404 as notJmap', async () => {
    server.handle((_req, res) => sendJson(res, 404, { error: 'nope' }));
    const error = await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'notJmap');
    expect(error.status).toBe(404);
  });

  it('reports an HTML page answered with 200 as notJmap', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><body>Welcome to nginx</body></html>');
    });
    await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'notJmap');
  });

  it('reports JSON without capabilities as notJmap', async () => {
    server.handle((_req, res) => {
      const { capabilities: _omitted, ...rest } = sessionJson(server.origin);
      sendJson(res, 200, rest);
    });
    await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'notJmap');
  });

  it('reports JSON that is not an object as notJmap', async () => {
    server.handle((_req, res) => sendJson(res, 200, null));
    await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'notJmap');
  });

  it('reports capabilities without the core capability as notJmap', async () => {
    server.handle((_req, res) => {
      const json = sessionJson(server.origin);
      sendJson(res, 200, { ...json, capabilities: { [MAIL]: {} } });
    });
    await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'notJmap');
  });

  it('reports a JMAP session without urn:ietf:params:jmap:mail as noMail', async () => {
    server.handle((_req, res) => {
      const json = sessionJson(server.origin);
      sendJson(res, 200, {
        ...json,
        capabilities: { [CORE]: {}, 'urn:ietf:params:jmap:contacts': {} },
        primaryAccounts: { 'urn:ietf:params:jmap:contacts': ACCOUNT_ID },
      });
    });
    await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'noMail');
  });

  it('reports a mail capability without a primary mail account as noMail', async () => {
    server.handle((_req, res) => sendJson(res, 200, { ...sessionJson(server.origin), primaryAccounts: {} }));
    await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'noMail');
  });

  it('reports 500 as server', async () => {
    server.handle((_req, res) => sendJson(res, 500, { error: 'boom' }));
    const error = await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'server');
    expect(error.status).toBe(500);
  });

  it('reports another 4xx (e.g. 400) as notJmap', async () => {
    server.handle((_req, res) => sendJson(res, 400, {}));
    const error = await expectJmapError(fetchSession(`${server.origin}/.well-known/jmap`, auth), 'notJmap');
    expect(error.status).toBe(400);
  });
});

describe('coreLimits', () => {
  it("falls back to RFC 8620's suggested minimums when the server omits limits", () => {
    expect(coreLimits(makeSession('http://x'))).toEqual({
      maxSizeUpload: 50_000_000,
      maxConcurrentUpload: 4,
      maxSizeRequest: 10_000_000,
      maxConcurrentRequests: 4,
      maxCallsInRequest: 16,
      maxObjectsInGet: 500,
      maxObjectsInSet: 500,
    });
  });

  it('uses the limits the server advertises and defaults only the missing ones', () => {
    const limits = coreLimits(makeSession('http://x', { maxCallsInRequest: 50, maxObjectsInGet: 256, maxSizeRequest: 1234 }));
    expect(limits.maxCallsInRequest).toBe(50);
    expect(limits.maxObjectsInGet).toBe(256);
    expect(limits.maxSizeRequest).toBe(1234);
    expect(limits.maxConcurrentRequests).toBe(4);
    expect(limits.maxObjectsInSet).toBe(500);
  });

  it('uses defaults when the core capability object is missing altogether', () => {
    const session = makeSession('http://x');
    const capabilities: Record<string, unknown> = { ...session.capabilities };
    delete capabilities[CORE];
    expect(coreLimits({ ...session, capabilities: capabilities as typeof session.capabilities }).maxCallsInRequest).toBe(16);
  });
});
