/// <reference types="node" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import type { JmapAuth } from '../../../lib/jmap/auth';
import { JmapError } from '../../../lib/jmap/errors';
import { eventSourceUrlFor, parseEventStream, runEventSource, type PushHandlers, type SseEvent, type StateChange } from '../../../lib/jmap/push';
import type { Session } from '../../../lib/jmap/types';
import { ACCOUNT_ID, delay, makeSession, startFakeServer, type FakeServer } from '../../support/fake-jmap-server';

/** A body that hands out exactly one chunk per read, as a network would. */
function streamOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) {
        const chunk = chunks[i++];
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      } else controller.close();
    },
  });
}

async function parse(chunks: Array<string | Uint8Array>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseEventStream(streamOf(chunks))) events.push(event);
  return events;
}

describe('parseEventStream', () => {
  it('parses events split across chunks in the middle of lines, with \\n and \\r\\n endings', async () => {
    const events = await parse([
      'eve',
      'nt: sta',
      'te\r\nda',
      'ta: {"a"',
      ':1}\r\n\r',
      '\nevent: other\ndata: x\n',
      '\n',
    ]);
    expect(events).toEqual([
      { event: 'state', data: '{"a":1}', id: undefined },
      { event: 'other', data: 'x', id: undefined },
    ]);
  });

  it('skips comments, joins multi-line data and keeps the last id', async () => {
    const events = await parse([
      ': this is a comment\n',
      ':\n',
      'id: 7\nevent: state\ndata: line one\ndata: line two\n\n',
      ': ping\n\n',
      'data: no event name\n\n',
      'id: 8\rdata: lone CR endings\r\r',
    ]);
    expect(events).toEqual([
      { event: 'state', data: 'line one\nline two', id: '7' },
      // The last event ID persists until the server sets another.
      { event: 'message', data: 'no event name', id: '7' },
      { event: 'message', data: 'lone CR endings', id: '8' },
    ]);
  });

  it('strips only one space after the colon and treats a bare field name as an empty value', async () => {
    const events = await parse(['data:no-space\ndata:  two spaces\ndata\nevent:state\n\n']);
    expect(events).toEqual([{ event: 'state', data: 'no-space\n two spaces\n', id: undefined }]);
  });

  it('decodes UTF-8 characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: привет 😀\n\n');
    const events = await parse([bytes.slice(0, 7), bytes.slice(7, 9), bytes.slice(9, 21), bytes.slice(21)]);
    expect(events).toEqual([{ event: 'message', data: 'привет 😀', id: undefined }]);
  });

  it('drops an event the stream ends in the middle of, and ignores unknown fields', async () => {
    const events = await parse(['retry: 1000\nfoo: bar\ndata: complete\n\n', 'data: incompl']);
    expect(events).toEqual([{ event: 'message', data: 'complete', id: undefined }]);
  });

  it('treats a CRLF split between two chunks as one line ending', async () => {
    const events = await parse(['data: a\r', '\ndata: b\r\n\r\n']);
    expect(events).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
  });
});

describe('eventSourceUrlFor', () => {
  const session = (eventSourceUrl: string): Session => ({ ...makeSession('http://127.0.0.1:1'), eventSourceUrl });

  it('asks for all types, no close-after and the ping interval', () => {
    const template = 'https://jmap.example.com/events?types={types}&closeafter={closeafter}&ping={ping}';
    expect(eventSourceUrlFor(session(template))).toBe('https://jmap.example.com/events?types=*&closeafter=no&ping=30');
    expect(eventSourceUrlFor(session(template), 5)).toBe('https://jmap.example.com/events?types=*&closeafter=no&ping=5');
  });

  it('returns null when the session has no eventSourceUrl', () => {
    expect(eventSourceUrlFor(session(''))).toBeNull();
  });
});

const auth: JmapAuth = { kind: 'bearer', token: 'push-token' };
const EVENTS_PATH = '/jmap/eventsource/?types=*&closeafter=no&ping=5';

function stateEvent(id: string, type: string, state: string): string {
  const change: StateChange = { '@type': 'StateChange', changed: { [ACCOUNT_ID]: { [type]: state } } };
  return `id: ${id}\nevent: state\ndata: ${JSON.stringify(change)}\n\n`;
}

function openStream(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
}

interface Recorder extends PushHandlers {
  changes: StateChange[];
  unsupported: number;
  errors: unknown[];
}

function recorder(onChange?: (changes: StateChange[]) => void): Recorder {
  const r: Recorder = {
    changes: [],
    unsupported: 0,
    errors: [],
    onStateChange(change) {
      r.changes.push(change);
      onChange?.(r.changes);
    },
    onUnsupported() {
      r.unsupported++;
    },
    onError(error) {
      r.errors.push(error);
    },
  };
  return r;
}

/** Resolves to 'stuck' if `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'stuck'> {
  return Promise.race([promise, delay(ms).then(() => 'stuck' as const)]);
}

describe('runEventSource', () => {
  let server: FakeServer;
  let session: Session;
  beforeEach(async () => {
    server = await startFakeServer();
    session = makeSession(server.origin);
  });
  afterEach(async () => {
    await server.close();
  });

  it('delivers StateChanges in order with Authorization, and reconnects with Last-Event-ID after the server closes', async () => {
    let connections = 0;
    server.handle(async (_req, res) => {
      connections++;
      openStream(res);
      if (connections === 1) {
        res.write(': connected\n\n');
        res.write(stateEvent('1', 'Email', 'e1'));
        await delay(10);
        res.write('event: ping\ndata: {}\n\n');
        res.write('event: state\ndata: not json\n\n');
        res.write(stateEvent('2', 'Mailbox', 'm1'));
        res.end();
      } else {
        res.write(stateEvent('3', 'Email', 'e2'));
        // Keep the stream open until the client aborts.
      }
    });
    const controller = new AbortController();
    const handlers = recorder((changes) => {
      if (changes.length === 3) controller.abort();
    });
    const run = runEventSource(session, auth, handlers, controller.signal, { pingSeconds: 5, backoffMs: 10 });
    expect(await within(run, 3000)).toBeUndefined();

    expect(handlers.changes.map((c) => c.changed[ACCOUNT_ID])).toEqual([{ Email: 'e1' }, { Mailbox: 'm1' }, { Email: 'e2' }]);
    expect(handlers.changes[0]['@type']).toBe('StateChange');
    expect(handlers.unsupported).toBe(0);
    expect(handlers.errors).toEqual([]);

    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.method).toBe('GET');
      expect(request.url).toBe(EVENTS_PATH);
      expect(request.headers.authorization).toBe('Bearer push-token');
      expect(request.headers.accept).toBe('text/event-stream');
    }
    expect(server.requests[0].headers['last-event-id']).toBeUndefined();
    expect(server.requests[1].headers['last-event-id']).toBe('2');
  });

  it.each([204, 404, 405])('calls onUnsupported once and stops when the server answers %i', async (status) => {
    server.handle((_req, res) => {
      res.writeHead(status);
      res.end();
    });
    const handlers = recorder();
    const run = runEventSource(session, auth, handlers, new AbortController().signal, { backoffMs: 10 });
    expect(await within(run, 2000)).toBeUndefined();
    await delay(50);
    expect(handlers.unsupported).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(handlers.changes).toEqual([]);
  });

  it('calls onUnsupported without a request when the session has no eventSourceUrl', async () => {
    const handlers = recorder();
    await runEventSource({ ...session, eventSourceUrl: '' }, auth, handlers, new AbortController().signal);
    expect(handlers.unsupported).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('stops without retrying when the credentials are refused', async () => {
    server.handle((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    const handlers = recorder();
    const run = runEventSource(session, auth, handlers, new AbortController().signal, { backoffMs: 10 });
    expect(await within(run, 2000)).toBeUndefined();
    await delay(50);
    expect(server.requests).toHaveLength(1);
    expect(handlers.errors).toHaveLength(1);
    expect(handlers.errors[0]).toBeInstanceOf(JmapError);
    expect((handlers.errors[0] as JmapError).code).toBe('auth');
    expect(handlers.unsupported).toBe(0);
  });

  it('reports a server error and retries after the backoff', async () => {
    let connections = 0;
    server.handle((_req, res) => {
      connections++;
      if (connections === 1) {
        res.writeHead(503);
        res.end();
        return;
      }
      openStream(res);
      res.write(stateEvent('9', 'Thread', 't1'));
    });
    const controller = new AbortController();
    const handlers = recorder(() => controller.abort());
    const run = runEventSource(session, auth, handlers, controller.signal, { backoffMs: 20 });
    expect(await within(run, 3000)).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    expect(handlers.errors).toHaveLength(1);
    expect((handlers.errors[0] as JmapError).code).toBe('server');
    expect(handlers.changes.map((c) => c.changed[ACCOUNT_ID])).toEqual([{ Thread: 't1' }]);
  });

  it('keeps a quiet stream open beyond the request timeout', async () => {
    server.handle(async (_req, res) => {
      openStream(res);
      await delay(200);
      res.write(stateEvent('1', 'Email', 'late'));
    });
    const controller = new AbortController();
    const handlers = recorder(() => controller.abort());
    const run = runEventSource(session, auth, handlers, controller.signal, { timeoutMs: 50, backoffMs: 10 });
    expect(await within(run, 3000)).toBeUndefined();
    expect(handlers.changes.map((c) => c.changed[ACCOUNT_ID])).toEqual([{ Email: 'late' }]);
    expect(handlers.errors).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('ends when the signal aborts while the stream is open, without reconnecting', async () => {
    server.handle((_req, res) => {
      openStream(res);
      res.write(stateEvent('1', 'Email', 'e1'));
    });
    const controller = new AbortController();
    const handlers = recorder();
    const run = runEventSource(session, auth, handlers, controller.signal, { backoffMs: 10 });
    while (handlers.changes.length === 0) await delay(5);
    controller.abort();
    expect(await within(run, 1000)).toBeUndefined();
    await delay(60);
    expect(server.requests).toHaveLength(1);
    expect(handlers.errors).toEqual([]);
  });

  it('does not connect when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const handlers = recorder();
    await runEventSource(session, auth, handlers, controller.signal);
    expect(server.requests).toHaveLength(0);
    expect(handlers.unsupported).toBe(0);
  });

  it('ends promptly when the signal aborts during the reconnect backoff', async () => {
    let closed!: () => void;
    const streamClosed = new Promise<void>((resolve) => (closed = resolve));
    server.handle((_req, res) => {
      openStream(res);
      res.end(stateEvent('1', 'Email', 'e1'), () => closed());
    });
    const controller = new AbortController();
    const run = runEventSource(session, auth, recorder(), controller.signal, { backoffMs: 1500 });
    await streamClosed;
    await delay(50);
    controller.abort();
    expect(await within(run, 400)).toBeUndefined();
  });
});
