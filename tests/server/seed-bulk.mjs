#!/usr/bin/env node
// seed-bulk.mjs EMAIL PASSWORD [--count 10000] [--mailbox Inbox] [--method imap|jmap]
//               [--batch N] [--url http://127.0.0.1:8080] [--imap-port 8143] [--seed 4242]
//               [--no-wait-index] [--force]
//
// Benchmark data: N synthetic, realistic messages (lib/bulk-mail.mjs: 2-20 KB, threads of
// 1-5, ~4% unread, ~4% flagged, receivedAt spread over the last year) into one mailbox.
//
// Default method "imap": IMAP MULTIAPPEND (RFC 3502) with LITERAL+, 1,000 messages per APPEND
// command, each with its flags and internal date (= JMAP receivedAt). Cyrus stores one APPEND
// in one mailbox transaction, which makes this ~10x faster than JMAP here, where every message
// needs its own blob upload (HTTP request) before Email/import. Measured numbers: README.md.
// "jmap" (upload + Email/import) is kept for comparison.
//
// Afterwards it waits until Xapian has indexed the new mail (the rolling squatter works in
// the background and would otherwise eat CPU during the benchmark), unless --no-wait-index.
// Refuses to add to a non-empty mailbox unless --force, so counts stay predictable.
import { connect, pool, mailboxes, utcDate } from './lib/jmap.mjs';
import { imapConnect } from './lib/imap.mjs';
import { bulkMessages } from './lib/bulk-mail.mjs';

function parseArgs(argv) {
  const a = { count: 10000, mailbox: 'Inbox', method: 'imap', url: 'http://127.0.0.1:8080', imapPort: 8143, seed: 4242, waitIndex: true, force: false, pos: [] };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--count') a.count = Number(argv[++i]);
    else if (v === '--mailbox') a.mailbox = argv[++i];
    else if (v === '--method') a.method = argv[++i];
    else if (v === '--batch') a.batch = Number(argv[++i]);
    else if (v === '--url') a.url = argv[++i];
    else if (v === '--imap-port') a.imapPort = Number(argv[++i]);
    else if (v === '--seed') a.seed = Number(argv[++i]);
    else if (v === '--no-wait-index') a.waitIndex = false;
    else if (v === '--force') a.force = true;
    else if (v === '-h' || v === '--help') a.help = true;
    else a.pos.push(v);
  }
  a.batch ??= a.method === 'imap' ? 1000 : 200;
  if (a.help || a.pos.length !== 2 || !(a.count > 0) || !['imap', 'jmap'].includes(a.method)) {
    console.error('usage: node seed-bulk.mjs EMAIL PASSWORD [--count 10000] [--mailbox Inbox] [--method imap|jmap] [--batch N]\n' +
      '                    [--url http://127.0.0.1:8080] [--imap-port 8143] [--seed 4242] [--no-wait-index] [--force]');
    process.exit(a.help ? 0 : 2);
  }
  return a;
}

const yieldToIo = () => new Promise((r) => setImmediate(r));

// Collects the generator into batches, yielding to the event loop now and then so the
// socket keeps draining the previous batch while the next one is generated.
async function* batches(gen, size) {
  let batch = [];
  for (const m of gen) {
    batch.push(m);
    if (batch.length % 50 === 0) await yieldToIo();
    if (batch.length === size) { yield batch; batch = []; }
  }
  if (batch.length) yield batch;
}

async function viaImap(a, email, password, imapMailbox, gen) {
  const imap = await imapConnect(a.imapPort, new URL(a.url).hostname);
  await imap.login(email, password);
  if (!/\bMULTIAPPEND\b/.test(await imap.capabilities())) throw new Error('server lacks MULTIAPPEND');
  let pending = null; // at most one APPEND in flight while the next batch is generated
  for await (const b of batches(gen, a.batch)) {
    await pending;
    pending = imap.appendMany(imapMailbox, b);
  }
  await pending;
  await imap.logout();
}

async function viaJmap(a, c, mailboxId, gen) {
  const limit = c.session.capabilities['urn:ietf:params:jmap:core'].maxConcurrentUpload || 4;
  let n = 0;
  let pending = null;
  for await (const b of batches(gen, a.batch)) {
    const blobIds = await pool(b, limit, (m) => c.upload(m.raw));
    await pending;
    const emails = {};
    b.forEach((m, k) => { emails['e' + (n + k)] = { blobId: blobIds[k], mailboxIds: { [mailboxId]: true }, keywords: m.keywords, receivedAt: utcDate(m.receivedAt) }; });
    n += b.length;
    pending = c.call1('Email/import', { emails }).then((r) => {
      if (Object.keys(r.notCreated || {}).length) throw new Error('Email/import: ' + JSON.stringify(r.notCreated).slice(0, 500));
    });
  }
  await pending;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const [email, password] = a.pos;
  const c = await connect(a.url, email, password);

  // --- target mailbox: by role ("Inbox", "Archive", ...) or path; created if missing
  let boxes = await mailboxes(c);
  const find = () => boxes.find((m) => m.path === a.mailbox) || boxes.find((m) => m.role && m.role === a.mailbox.toLowerCase());
  if (!find()) {
    const parts = a.mailbox.split('/');
    const parent = parts.length > 1 ? boxes.find((m) => m.path === parts.slice(0, -1).join('/')) : null;
    if (parts.length > 1 && !parent) throw new Error(`parent mailbox of ${a.mailbox} does not exist`);
    const r = await c.call1('Mailbox/set', { create: { b: { name: parts.at(-1), parentId: parent ? parent.id : null } } });
    if (Object.keys(r.notCreated || {}).length) throw new Error('Mailbox/set: ' + JSON.stringify(r.notCreated));
    boxes = await mailboxes(c);
  }
  const box = find();
  if (box.totalEmails > 0 && !a.force) {
    console.error(`seed-bulk: ${a.mailbox} of ${email} already has ${box.totalEmails} emails; use a fresh user or --force`);
    process.exit(1);
  }
  const imapMailbox = box.role === 'inbox' ? 'INBOX' : box.path; // altnamespace + "/" separator

  // a word only the last message contains: found by search => indexing has caught up
  const marker = `zzbulkmarker${a.seed}n${a.count}t${Date.now().toString(36)}`;
  const gen = bulkMessages({ count: a.count, me: { name: email.split('@')[0], email }, seed: a.seed, marker });
  const t0 = performance.now();
  if (a.method === 'imap') await viaImap(a, email, password, imapMailbox, gen);
  else await viaJmap(a, c, box.id, gen);
  const seconds = (performance.now() - t0) / 1000;

  const q = async (filter, collapseThreads = false) =>
    (await c.call1('Email/query', { filter, collapseThreads, calculateTotal: true, limit: 0 })).total;
  let indexSeconds = null;
  if (a.waitIndex) {
    const t1 = performance.now();
    while ((await q({ text: marker })) === 0) {
      if (performance.now() - t1 > 600e3) throw new Error('search index did not catch up within 10 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
    indexSeconds = +((performance.now() - t1) / 1000).toFixed(1);
  }
  const summary = {
    account: email, mailbox: box.path, method: a.method, batch: a.batch, count: a.count,
    seconds: +seconds.toFixed(2), msgPerSec: Math.round(a.count / seconds),
    searchIndexCatchUpSeconds: indexSeconds,
    server: {
      emails: await q({ inMailbox: box.id }),
      threads: await q({ inMailbox: box.id }, true),
      unread: await q({ inMailbox: box.id, notKeyword: '$seen' }),
      flagged: await q({ inMailbox: box.id, hasKeyword: '$flagged' }),
    },
  };
  console.log(JSON.stringify(summary, null, 2));
  if (summary.server.emails < a.count) { console.error('seed-bulk: fewer emails on the server than seeded'); process.exit(1); }
}

main().catch((e) => { console.error('seed-bulk: ' + (process.env.DEBUG ? e.stack : e.message)); process.exit(1); });
