/**
 * What makes a sync run: push from the server's event stream (served here in-process, since the
 * Cyrus test server has none) and, where there is no push, polling.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientPool } from '@/lib/accounts/clients';
import { MailDB } from '@/lib/store/db';
import { SyncScheduler } from '@/lib/sync/scheduler';
import { getStatus } from '@/lib/sync/status';
import { eventually } from '../../support/test-server';
import { ACCOUNT_ID, sendJson, sessionJson, startFakeServer, type FakeServer, type RecordedRequest } from '../../support/fake-jmap-server';

let server: FakeServer;
let db: MailDB;
let syncs: number;
let scheduler: SyncScheduler;
let streams: ServerResponse[];

function serve(eventStream: (req: RecordedRequest, res: ServerResponse) => void) {
  server.handle((req, res) => {
    if (req.url.startsWith('/session')) sendJson(res, 200, sessionJson(server.origin));
    else if (req.url.startsWith('/jmap/eventsource/')) eventStream(req, res);
    else sendJson(res, 404, {});
  });
}

beforeEach(async () => {
  server = await startFakeServer();
  streams = [];
  db = new MailDB(`scheduler-${crypto.randomUUID()}`);
  await db.accounts.add({ id: 'a1', name: 'A', email: 'a@x.org', color: '#000', sessionUrl: `${server.origin}/session`, username: 'a@x.org', authKind: 'basic', createdAt: 0, disabled: 0 });
  await db.credentials.put({ accountId: 'a1', secret: 'pw' });
  syncs = 0;
  scheduler = new SyncScheduler(db, new ClientPool({ db }), () => undefined, async () => {
    syncs++;
  });
});

afterEach(async () => {
  scheduler.stopAccount('a1');
  for (const stream of streams) stream.end();
  await server.close();
});

describe('SyncScheduler', () => {
  it("syncs again when the server's event stream says the account changed", async () => {
    serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      streams.push(res);
      res.write(`event: state\ndata: ${JSON.stringify({ '@type': 'StateChange', changed: { [ACCOUNT_ID]: { Email: 's2' } } })}\n\n`);
    });
    await scheduler.syncOne('a1');
    await eventually(async () => syncs >= 2, 5_000, 20);
    const stream = server.requests.find((r) => r.url.startsWith('/jmap/eventsource/'))!;
    expect(stream.url).toContain('types=*');
    expect(stream.headers.authorization).toBe(`Basic ${btoa('a@x.org:pw')}`);
  });

  it('ignores changes of other accounts', async () => {
    serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      streams.push(res);
      res.write(`event: state\ndata: ${JSON.stringify({ '@type': 'StateChange', changed: { someoneElse: { Email: 's2' } } })}\n\n`);
    });
    await scheduler.syncOne('a1');
    await eventually(async () => server.requests.some((r) => r.url.startsWith('/jmap/eventsource/')), 5_000, 20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(syncs).toBe(1);
  });

  it('marks the account as polled when the server has no push (204, as Cyrus answers)', async () => {
    serve((_req, res) => {
      res.writeHead(204).end();
    });
    await scheduler.syncOne('a1');
    await eventually(async () => (await getStatus(db, 'a1')).push === 'polling', 5_000, 20);
    expect(syncs).toBe(1);
  });
  it('skips a disabled or removed account whatever asks for a sync, and syncs it again when enabled', async () => {
    serve((_req, res) => sendJson(res, 204, {}));
    await db.accounts.update('a1', { disabled: 1 });
    await scheduler.syncOne('a1');
    await scheduler.syncAll();
    expect(syncs).toBe(0);
    await db.accounts.update('a1', { disabled: 0 });
    await scheduler.syncOne('a1');
    expect(syncs).toBe(1);
    await db.accounts.delete('a1');
    await scheduler.syncOne('a1');
    expect(syncs).toBe(1);
  });
});
