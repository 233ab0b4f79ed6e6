/** Message bodies fetched on demand from the real server and kept for offline reading. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { JmapClient } from '@/lib/jmap/client';
import { fetchSession } from '@/lib/jmap/session';
import { MailDB } from '@/lib/store/db';
import { loadBodies } from '@/lib/sync/bodies';
import { freshUser, message, ServerAccount, SESSION_URL } from '../support/test-server';
import { hugeMessage, legacyCharsetMessage, RUSSIAN } from '../support/hostile-mail';

const HTML_ONLY = [
  'From: News <news@example.org>',
  'To: reader@example.com',
  'Subject: HTML only',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Привет, <b>world</b></p>',
  '',
].join('\r\n');

const ALTERNATIVE = [
  'From: News <news@example.org>',
  'To: reader@example.com',
  'Subject: Both',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Plain words',
  '--b1',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Rich words</p>',
  '--b1--',
  '',
].join('\r\n');

/** A name in RFC 2231 form (UTF-8, percent-encoded), as mail clients send non-ASCII file names. */
const WITH_ATTACHMENT = [
  'From: News <news@example.org>',
  'To: reader@example.com',
  'Subject: Report attached',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="m1"',
  '',
  '--m1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'See the attachment.',
  '--m1',
  'Content-Type: text/csv; charset=utf-8',
  "Content-Disposition: attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.csv",
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('a,b\n1,2\n').toString('base64'),
  '--m1--',
  '',
].join('\r\n');

let db: MailDB;
let client: JmapClient;
let ids: Record<'plain' | 'html' | 'both' | 'attached' | 'mixed' | 'undeclared' | 'long', string>;

beforeAll(async () => {
  const user = await freshUser('bodies');
  const server = await ServerAccount.open(user);
  ids = {
    plain: await server.importMessage(message({ to: user.email, subject: 'Plain', body: 'Just text, дорогой друг.' }).raw),
    html: await server.importMessage(HTML_ONLY),
    both: await server.importMessage(ALTERNATIVE),
    attached: await server.importMessage(WITH_ATTACHMENT),
    // postal-mime's fixture: an HTML alternative, then a plain-text part after it.
    mixed: await server.importMessage(readFileSync('tests/fixtures/mime-postal-mime/mixed.eml', 'utf8').replace(/\r?\n/g, '\r\n')),
    undeclared: await server.importMessage(new Uint8Array(legacyCharsetMessage({ to: user.email, charset: 'windows-1251', declared: false, subject: 'Тема', name: 'Имя', body: RUSSIAN }))),
    long: await server.importMessage(new Uint8Array(hugeMessage({ to: user.email, subject: 'Long', bytes: 2_500_000, html: false, marker: 'START' }))),
  };
  const auth = { kind: 'basic' as const, username: user.email, password: user.password };
  client = new JmapClient(await fetchSession(SESSION_URL, auth), auth);
  db = new MailDB(`bodies-${crypto.randomUUID()}`);
});

describe('loadBodies', () => {
  it('stores the text and HTML bodies of the emails asked for', async () => {
    await loadBodies(db, client, 'a1', Object.values(ids), 1_000);
    const [plain, html, both] = await db.bodies.bulkGet([ids.plain, ids.html, ids.both].map((id) => ['a1', id] as [string, string]));
    expect(plain).toMatchObject({ text: expect.stringContaining('Just text, дорогой друг.'), html: null });
    expect(html).toMatchObject({ text: null, html: expect.stringContaining('<p>Привет, <b>world</b></p>') });
    expect(both).toMatchObject({ text: expect.stringContaining('Plain words'), html: expect.stringContaining('<p>Rich words</p>'), attachments: [] });
  });

  it("stores the message's own blob id, which downloads its source", async () => {
    await loadBodies(db, client, 'a1', [ids.html], 1_000);
    const row = await db.bodies.get(['a1', ids.html]);
    const source = await (await client.download(row!.blobId!, 'm.eml', 'message/rfc822')).text();
    expect(source).toMatch(/^From: News <news@example\.org>\r\n/);
    expect(source).toContain('Subject: HTML only');
  });

  it("stores each attachment's decoded name, type and size, and a blob id to download it by", async () => {
    await loadBodies(db, client, 'a1', [ids.attached], 1_000);
    const row = await db.bodies.get(['a1', ids.attached]);
    expect(row?.text).toContain('See the attachment.');
    expect(row?.attachments).toEqual([{ blobId: expect.any(String), name: 'отчёт.csv', type: 'text/csv', size: 8, cid: null, disposition: 'attachment' }]);
    const blob = await client.download(row!.attachments![0].blobId, 'x', 'text/csv');
    expect(await blob.text()).toBe('a,b\n1,2\n');
  });

  it('keeps the plain-text parts shown between HTML parts in the HTML view, escaped', async () => {
    await loadBodies(db, client, 'a1', [ids.mixed], 1_000);
    const row = await db.bodies.get(['a1', ids.mixed]);
    expect(row?.html).toMatch(/scanned for Viruses[\s\S]*<div class="plain-text">Good Morning;/);
  });

  it('fetches again a body stored before attachments were kept', async () => {
    const { attachments: _, ...old } = (await db.bodies.get(['a1', ids.attached]))!;
    await db.bodies.put(old);
    await loadBodies(db, client, 'a1', [ids.attached], 3_000);
    expect((await db.bodies.get(['a1', ids.attached]))?.attachments).toHaveLength(1);
  });

  it('reads them from the store the next time, only noting when they were read', async () => {
    const before = await db.bodies.get(['a1', ids.plain]);
    await loadBodies(db, client, 'a1', [ids.plain], 2_000);
    expect(await db.bodies.get(['a1', ids.plain])).toEqual({ ...before, lastReadAt: 2_000 });
  });

  it('says when the server cut a body at MAX_BODY_VALUE_BYTES', async () => {
    await loadBodies(db, client, 'a1', [ids.long, ids.plain], 1_000);
    const [long, plain] = await db.bodies.bulkGet([ids.long, ids.plain].map((id) => ['a1', id] as [string, string]));
    expect(long).toMatchObject({ truncated: true, text: expect.stringMatching(/^START\r?\n/) });
    expect(long!.text!.length).toBeLessThanOrEqual(2_000_000);
    expect(plain?.truncated).toBeUndefined();
  });

  it('says when the server could not decode a body, and keeps its parts to decode again', async () => {
    await loadBodies(db, client, 'a1', [ids.undeclared], 1_000);
    const row = await db.bodies.get(['a1', ids.undeclared]);
    expect(row).toMatchObject({ encodingProblem: true, text: expect.stringContaining('\ufffd'), shownParts: [{ blobId: expect.any(String), type: 'text/plain', charset: 'us-ascii' }] });
    const bytes = await (await client.download(row!.shownParts![0].blobId, 'x', 'application/octet-stream')).arrayBuffer();
    expect(new TextDecoder('windows-1251').decode(bytes)).toContain(RUSSIAN);
  });
});
