/**
 * Push over the session's eventSourceUrl (RFC 8620 §7.3), read through fetch() so that the
 * Authorization header can be sent (a browser EventSource cannot). Reconnects with backoff and
 * Last-Event-ID. A server that answers 204 or 404 (Cyrus without push) is reported as unsupported so
 * the caller polls instead.
 */
import type { JmapAuth } from './auth';
import { JmapError } from './errors';
import { jmapFetch, type HttpOptions } from './http';
import type { Session } from './types';

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** StateChange object (RFC 8620 §7.1): accountId → type name → new state. */
export interface StateChange {
  '@type': 'StateChange';
  changed: Record<string, Record<string, string>>;
}

export function eventSourceUrlFor(session: Session, pingSeconds = 30): string | null {
  const template = session.eventSourceUrl;
  if (!template) return null;
  return template
    .replace('{types}', '*')
    .replace('{closeafter}', 'no')
    .replace('{ping}', String(pingSeconds));
}

/** Parses a text/event-stream body (WHATWG HTML §9.2.6) into events. */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (!done) buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        // A trailing \r may be the first half of a \r\n split across chunks: wait for more.
        if (!done && newline === buffer.length - 1 && buffer.endsWith('\r')) break;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length) yield { event: event || 'message', data: data.join('\n'), id };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = fieldValue;
        else if (field === 'data') data.push(fieldValue);
        else if (field === 'id') id = fieldValue;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

export interface PushHandlers {
  onStateChange(change: StateChange): void;
  /** Called once when the server turns out to have no push; the caller should poll. */
  onUnsupported(): void;
  onError?(error: unknown): void;
}

export interface PushOptions extends HttpOptions {
  pingSeconds?: number;
  /** Delay before the first reconnect; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** Keeps an event stream open until `signal` aborts. */
export async function runEventSource(session: Session, auth: JmapAuth, handlers: PushHandlers, signal: AbortSignal, options: PushOptions = {}): Promise<void> {
  const url = eventSourceUrlFor(session, options.pingSeconds ?? 30);
  if (!url) {
    handlers.onUnsupported();
    return;
  }
  let lastEventId: string | undefined;
  let backoff = options.backoffMs ?? 1000;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      // The stream stays open indefinitely: no request timeout, only the caller's signal.
      const response = await jmapFetch(url, auth, { method: 'GET', headers, signal }, { ...options, timeoutMs: 2 ** 31 - 1 });
      if (response.status === 204 || response.status === 404 || response.status === 405) {
        handlers.onUnsupported();
        return;
      }
      if (!response.ok || !response.body) throw new JmapError('server', `Event stream HTTP ${response.status}`, response.status);
      backoff = options.backoffMs ?? 1000;
      for await (const event of parseEventStream(response.body)) {
        if (event.id !== undefined) lastEventId = event.id;
        if (event.event !== 'state') continue;
        try {
          const change = JSON.parse(event.data) as StateChange;
          if (change && typeof change.changed === 'object') handlers.onStateChange(change);
        } catch {
          // A malformed event is skipped; the next poll or event catches up.
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      handlers.onError?.(error);
      if (error instanceof JmapError && error.code === 'auth') return;
    }
    await abortableDelay(backoff, signal);
    backoff = Math.min(backoff * 2, options.maxBackoffMs ?? 60_000);
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
