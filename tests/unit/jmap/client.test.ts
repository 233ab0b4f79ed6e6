/// <reference types="node" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import type { JmapAuth } from '../../../lib/jmap/auth';
import { JmapClient } from '../../../lib/jmap/client';
import { JmapError, JmapMethodError, JmapRequestError } from '../../../lib/jmap/errors';
import { CORE, MAIL, SUBMISSION, type CoreLimits, type Invocation } from '../../../lib/jmap/types';
import { ACCOUNT_ID, delay, jsonBody, makeSession, sendJson, startFakeServer, type FakeServer, type RecordedRequest } from '../../support/fake-jmap-server';

const auth: JmapAuth = { kind: 'bearer', token: 'token-123' };

interface ApiRequest {
  using: string[];
  methodCalls: Invocation[];
}

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

function client(limits: Partial<CoreLimits> = {}, extraCapabilities: Record<string, unknown> = {}): JmapClient {
  return new JmapClient(makeSession(server.origin, limits, extraCapabilities), auth);
}

function apiRequests(): ApiRequest[] {
  return server.requests.filter((r) => r.url === '/jmap/api/').map((r) => jsonBody<ApiRequest>(r));
}

/** Answers an API request with `methodResponses` computed per call. */
function answerCalls(respond: (call: Invocation) => Invocation[]): (req: RecordedRequest, res: ServerResponse) => void {
  return (req, res) => {
    const { methodCalls } = jsonBody<ApiRequest>(req);
    sendJson(res, 200, { methodResponses: methodCalls.flatMap(respond), sessionState: 's0' });
  };
}

/** A Foo/get that knows every id except those starting with "missing". */
function fakeGet([name, args, callId]: Invocation): Invocation[] {
  const ids = args.ids as string[];
  return [
    [
      name,
      {
        accountId: args.accountId,
        state: 'st1',
        list: ids.filter((id) => !id.startsWith('missing')).map((id) => ({ id })),
        notFound: ids.filter((id) => id.startsWith('missing')),
      },
      callId,
    ],
  ];
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
}

describe('RequestBuilder and ResponseSet', () => {
  it('sends all calls in one request with accountId filled in and back-references as built', async () => {
    server.handle(answerCalls(([name, , callId]) => [[name, { ok: callId }, callId]]));
    const jmap = client({}, { [SUBMISSION]: {}, 'https://cyrusimap.org/ns/jmap/mail': {} });
    const batch = jmap.batch();
    const query = batch.add('Email/query', { filter: { inMailbox: 'inbox' }, limit: 10 });
    const get = batch.add('Email/get', { '#ids': query.ref('/ids'), properties: ['id', 'subject'] });
    const other = batch.add('Mailbox/get', { accountId: 'shared-1', ids: null });
    await batch.send();

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/jmap/api/');
    expect(request.headers.authorization).toBe('Bearer token-123');
    expect(request.headers['content-type']).toBe('application/json');
    const body = jsonBody<ApiRequest>(request);
    expect(body.using).toEqual([CORE, MAIL, SUBMISSION]);
    expect(body.methodCalls).toEqual([
      ['Email/query', { accountId: ACCOUNT_ID, filter: { inMailbox: 'inbox' }, limit: 10 }, query.callId],
      ['Email/get', { accountId: ACCOUNT_ID, '#ids': { resultOf: query.callId, name: 'Email/query', path: '/ids' }, properties: ['id', 'subject'] }, get.callId],
      // An explicit accountId wins over the default one.
      ['Mailbox/get', { accountId: 'shared-1', ids: null }, other.callId],
    ]);
    expect(new Set([query.callId, get.callId, other.callId]).size).toBe(3);
  });

  it('returns the response matching each call by call id, whatever the order', async () => {
    server.handle((req, res) => {
      const { methodCalls } = jsonBody<ApiRequest>(req);
      const responses: Invocation[] = methodCalls.map(([name, , callId]) => [name, { answeredFor: callId, name }, callId]);
      sendJson(res, 200, { methodResponses: responses.reverse(), sessionState: 's0' });
    });
    const batch = client().batch();
    const a = batch.add('Mailbox/get', { ids: null });
    const b = batch.add('Thread/get', { ids: ['t1'] });
    const responses = await batch.send();
    expect(responses.get(a)).toEqual({ answeredFor: a.callId, name: 'Mailbox/get' });
    expect(responses.get(b)).toEqual({ answeredFor: b.callId, name: 'Thread/get' });
  });

  it('throws JmapMethodError for a call answered with an error, while the other calls still resolve', async () => {
    server.handle(
      answerCalls(([name, , callId]) =>
        name === 'Email/changes'
          ? [['error', { type: 'cannotCalculateChanges', description: 'state too old', newState: 's9' }, callId]]
          : [[name, { accountId: ACCOUNT_ID, list: [] }, callId]],
      ),
    );
    const batch = client().batch();
    const mailboxes = batch.add('Mailbox/get', { ids: null });
    const changes = batch.add('Email/changes', { sinceState: 's1' });
    const responses = await batch.send();

    expect(responses.get(mailboxes)).toEqual({ accountId: ACCOUNT_ID, list: [] });
    const error = (() => {
      try {
        responses.get(changes);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(JmapMethodError);
    const methodError = error as JmapMethodError;
    expect(methodError.code).toBe('method');
    expect(methodError.type).toBe('cannotCalculateChanges');
    expect(methodError.description).toBe('state too old');
    expect(methodError.method).toBe('Email/changes');
    expect(methodError.details).toEqual({ newState: 's9' });
  });

  it('throws when the server sent no response for a call', async () => {
    server.handle((_req, res) => sendJson(res, 200, { methodResponses: [], sessionState: 's0' }));
    const batch = client().batch();
    const call = batch.add('Mailbox/get', { ids: null });
    const responses = await batch.send();
    expect(() => responses.get(call)).toThrow(JmapError);
  });

  it('exposes the extra responses the server added for one call', async () => {
    server.handle(
      answerCalls(([, , callId]) => [
        ['EmailSubmission/set', { created: { s1: { id: 'S1' } } }, callId],
        ['Email/set', { updated: { M1: null } }, callId],
      ]),
    );
    const batch = client().batch();
    const submit = batch.add('EmailSubmission/set', { create: { s1: {} } });
    const responses = await batch.send();
    expect(responses.get(submit)).toEqual({ created: { s1: { id: 'S1' } } });
    expect(responses.all(submit.callId).map(([name]) => name)).toEqual(['EmailSubmission/set', 'Email/set']);
  });
});

describe('JmapClient.send errors', () => {
  it('turns request-level problem details into JmapRequestError with the limit', async () => {
    server.handle((_req, res) =>
      sendJson(
        res,
        400,
        { type: 'urn:ietf:params:jmap:error:limit', limit: 'maxCallsInRequest', status: 400, detail: 'Too many calls' },
        'application/problem+json',
      ),
    );
    const error = await rejection(client().send([['Mailbox/get', { accountId: ACCOUNT_ID }, 'c0']]));
    expect(error).toBeInstanceOf(JmapRequestError);
    const requestError = error as JmapRequestError;
    expect(requestError.code).toBe('request');
    expect(requestError.type).toBe('urn:ietf:params:jmap:error:limit');
    expect(requestError.limit).toBe('maxCallsInRequest');
    expect(requestError.status).toBe(400);
  });

  it('reports a 400 without problem details as a server error with the status', async () => {
    server.handle((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('bad');
    });
    const error = await rejection(client().send([['Mailbox/get', {}, 'c0']]));
    expect(error).toBeInstanceOf(JmapError);
    expect(error).not.toBeInstanceOf(JmapRequestError);
    expect((error as JmapError).code).toBe('server');
    expect((error as JmapError).status).toBe(400);
  });

  it('reports a 200 without methodResponses as a server error', async () => {
    server.handle((_req, res) => sendJson(res, 200, { hello: 'world' }));
    const error = await rejection(client().send([['Mailbox/get', {}, 'c0']]));
    expect((error as JmapError).code).toBe('server');
  });

  it('reports 401 on the API as auth', async () => {
    server.handle((_req, res) => sendJson(res, 401, {}));
    const error = await rejection(client().send([['Mailbox/get', {}, 'c0']]));
    expect((error as JmapError).code).toBe('auth');
  });

  it('refuses, before sending, more calls than maxCallsInRequest', async () => {
    server.handle(answerCalls(fakeGet));
    const batch = client({ maxCallsInRequest: 2 }).batch();
    for (let i = 0; i < 3; i++) batch.add('Email/get', { ids: [`e${i}`] });
    const error = await rejection(batch.send());
    expect(error).toBeInstanceOf(JmapError);
    expect((error as JmapError).code).toBe('request');
    expect(server.requests).toHaveLength(0);
  });

  it('sends exactly maxCallsInRequest calls', async () => {
    server.handle(answerCalls(fakeGet));
    const batch = client({ maxCallsInRequest: 2 }).batch();
    for (let i = 0; i < 2; i++) batch.add('Email/get', { ids: [`e${i}`] });
    await batch.send();
    expect(server.requests).toHaveLength(1);
  });

  it('refuses, before sending, a body larger than maxSizeRequest', async () => {
    server.handle(answerCalls(fakeGet));
    const jmap = client({ maxSizeRequest: 500 });
    const error = await rejection(jmap.send([['Email/get', { accountId: ACCOUNT_ID, ids: ['x'.repeat(600)] }, 'c0']]));
    expect((error as JmapError).code).toBe('request');
    expect(server.requests).toHaveLength(0);
    // A small request with the same client still goes through.
    await jmap.send([['Email/get', { accountId: ACCOUNT_ID, ids: ['x'] }, 'c0']]);
    expect(server.requests).toHaveLength(1);
  });

  it('counts maxSizeRequest in UTF-8 bytes, not characters', async () => {
    server.handle(answerCalls(([name, , callId]) => [[name, {}, callId]]));
    const jmap = client({ maxSizeRequest: 1500 });
    const text = 'ж'.repeat(1000); // 1000 characters, 2000 bytes
    const error = await rejection(jmap.send([['Email/set', { accountId: ACCOUNT_ID, create: { d1: { bodyValues: { b: { value: text } } } } }, 'c0']]));
    expect(server.requests).toHaveLength(0);
    expect((error as JmapError).code).toBe('request');
  });
});

describe('JmapClient.getAll', () => {
  it('splits ids into calls of maxObjectsInGet and requests of maxCallsInRequest and merges the results', async () => {
    server.handle(answerCalls(fakeGet));
    const jmap = client({ maxObjectsInGet: 3, maxCallsInRequest: 2 });
    const ids = ['e1', 'e2', 'missing3', 'e4', 'e5', 'e6', 'e7', 'missing8', 'e9', 'e10'];
    const result = await jmap.getAll<{ id: string }>('Email', ids, ['id', 'subject'], { fetchTextBodyValues: false });

    const requests = apiRequests();
    expect(requests).toHaveLength(2);
    const calls = requests.flatMap((r) => r.methodCalls);
    expect(calls).toHaveLength(4);
    for (const request of requests) expect(request.methodCalls.length).toBeLessThanOrEqual(2);
    for (const [name, args] of calls) {
      expect(name).toBe('Email/get');
      expect(args.accountId).toBe(ACCOUNT_ID);
      expect(args.properties).toEqual(['id', 'subject']);
      expect(args.fetchTextBodyValues).toBe(false);
      expect((args.ids as string[]).length).toBeLessThanOrEqual(3);
    }
    // Every id asked exactly once.
    expect(calls.flatMap(([, args]) => args.ids as string[]).sort()).toEqual([...ids].sort());
    expect(calls.map(([, args]) => (args.ids as string[]).length).sort()).toEqual([1, 3, 3, 3]);

    expect(result.accountId).toBe(ACCOUNT_ID);
    expect(result.state).toBe('st1');
    expect(result.list.map((e) => e.id).sort()).toEqual(ids.filter((id) => !id.startsWith('missing')).sort());
    expect(result.notFound.sort()).toEqual(['missing3', 'missing8']);
  });

  it('sends nothing for no ids', async () => {
    const result = await client().getAll('Email', []);
    expect(result.list).toEqual([]);
    expect(result.notFound).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('throws the method error of any chunk', async () => {
    server.handle(
      answerCalls((call) =>
        (call[1].ids as string[]).includes('bad') ? [['error', { type: 'requestTooLarge' }, call[2]]] : fakeGet(call),
      ),
    );
    const error = await rejection(client({ maxObjectsInGet: 2 }).getAll('Email', ['a', 'b', 'c', 'bad']));
    expect(error).toBeInstanceOf(JmapMethodError);
    expect((error as JmapMethodError).type).toBe('requestTooLarge');
  });

  it.each([1, 2, 3])('never has more than maxConcurrentRequests=%i requests in flight', async (maxConcurrentRequests) => {
    let active = 0;
    let peak = 0;
    server.handle(async (req, res) => {
      active++;
      peak = Math.max(peak, active);
      await delay(40);
      active--;
      answerCalls(fakeGet)(req, res);
    });
    const jmap = client({ maxObjectsInGet: 1, maxCallsInRequest: 1, maxConcurrentRequests });
    const ids = Array.from({ length: 7 }, (_, i) => `e${i}`);
    // getAll and direct sends share the same limit.
    const [result] = await Promise.all([jmap.getAll<{ id: string }>('Email', ids), jmap.send([['Mailbox/get', { ids: ['m'] }, 'c0']])]);
    expect(result.list).toHaveLength(7);
    expect(server.requests).toHaveLength(8);
    expect(peak).toBe(maxConcurrentRequests);
  });

  it('frees its slot when a request fails', async () => {
    let calls = 0;
    server.handle((req, res) => {
      calls++;
      if (calls === 1) return sendJson(res, 500, {});
      answerCalls(fakeGet)(req, res);
    });
    const jmap = client({ maxConcurrentRequests: 1 });
    expect(((await rejection(jmap.send([['Email/get', { ids: ['a'] }, 'c0']]))) as JmapError).code).toBe('server');
    const next = await Promise.race([jmap.send([['Email/get', { ids: ['b'] }, 'c0']]), delay(2000).then(() => 'stuck')]);
    expect(next).not.toBe('stuck');
  });
});

describe('JmapClient.upload and download', () => {
  it('posts the bytes with their content type to the uploadUrl for the account', async () => {
    server.handle((req, res) => sendJson(res, 201, { accountId: ACCOUNT_ID, blobId: 'B42', size: req.body.length, type: req.headers['content-type'] }));
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a]);
    const result = await client().upload(new Blob([bytes]), 'image/png');

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/jmap/upload/${ACCOUNT_ID}/`);
    expect(request.headers['content-type']).toBe('image/png');
    expect(request.headers.authorization).toBe('Bearer token-123');
    expect([...request.body]).toEqual([...bytes]);
    expect(result).toEqual({ blobId: 'B42', size: 8, type: 'image/png', accountId: ACCOUNT_ID });
  });

  it('refuses an upload larger than maxSizeUpload before sending', async () => {
    const error = await rejection(client({ maxSizeUpload: 4 }).upload(new Blob([new Uint8Array(5)]), 'application/octet-stream'));
    expect((error as JmapError).code).toBe('request');
    expect(server.requests).toHaveLength(0);
  });

  it('reports an upload refused by the server', async () => {
    server.handle((_req, res) => sendJson(res, 413, { type: 'urn:ietf:params:jmap:error:limit', limit: 'maxSizeUpload' }));
    const error = await rejection(client().upload(new Blob(['abc']), 'text/plain'));
    expect(error).toBeInstanceOf(JmapRequestError);
    expect((error as JmapRequestError).limit).toBe('maxSizeUpload');
  });

  it('substitutes accountId, blobId, name and type URL-encoded and returns the bytes', async () => {
    const payload = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80]);
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': payload.length });
      res.end(payload);
    });
    const blob = await client().download('G1/x+y', 'résumé final?.pdf', 'application/pdf');

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`/jmap/download/${ACCOUNT_ID}/G1%2Fx%2By/r%C3%A9sum%C3%A9%20final%3F.pdf?accept=application%2Fpdf`);
    expect(request.headers.authorization).toBe('Bearer token-123');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([...payload]);
  });

  it('reports a missing blob (404) as a JmapError', async () => {
    server.handle((_req, res) => sendJson(res, 404, {}));
    const error = await rejection(client().download('nope', 'a.txt', 'text/plain'));
    expect(error).toBeInstanceOf(JmapError);
    expect((error as JmapError).status).toBe(404);
    expect((error as JmapError).code).toBe('request');
  });
});
