#!/usr/bin/env node
// seed-demo.mjs EMAIL PASSWORD [--url http://127.0.0.1:8080]
//
// Fills one account with a realistic, deterministic demo mailbox (~300 messages) over JMAP:
// each message is uploaded as a blob, then imported in batches with Email/import (which
// sets mailbox, keywords and receivedAt, unlike LMTP delivery). Content: lib/demo-content.mjs
// and lib/demo-mail.mjs. Prints a JSON summary as the server reports it.
//
// Idempotent: an account that already holds the demo (its folders exist and it has at
// least as many emails) is left alone and its summary printed; an account with other mail
// is refused (exit 1), so seeding never duplicates.
import { connect, pool, mailboxes } from './lib/jmap.mjs';
import { buildDemo } from './lib/demo-mail.mjs';

const USER_FOLDERS = [['Projects', null], ['Projects/2026', 'Projects'], ['Receipts', null]];

function parseArgs(argv) {
  const args = { url: 'http://127.0.0.1:8080', pos: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--url') args.url = argv[++i];
    else if (argv[i] === '-h' || argv[i] === '--help') args.help = true;
    else args.pos.push(argv[i]);
  }
  return args;
}

async function summary(c) {
  const boxes = await mailboxes(c);
  const inbox = boxes.find((m) => m.role === 'inbox');
  const q = async (collapseThreads, filter) =>
    (await c.call1('Email/query', { filter, collapseThreads, calculateTotal: true, limit: 0 })).total;
  const unread = { inMailbox: inbox.id, notKeyword: '$seen' };
  return {
    account: c.accountId,
    totalEmails: await q(false, null),
    mailboxes: Object.fromEntries(boxes.sort((a, b) => a.path.localeCompare(b.path))
      .map((m) => [m.path, { role: m.role, emails: m.totalEmails, unread: m.unreadEmails, threads: m.totalThreads }])),
    inbox: {
      emails: await q(false, { inMailbox: inbox.id }),
      threads: await q(true, { inMailbox: inbox.id }),
      unreadEmails: await q(false, unread),
      unreadThreads: await q(true, unread),
      flagged: await q(false, { inMailbox: inbox.id, hasKeyword: '$flagged' }),
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.pos.length !== 2) {
    console.error('usage: node seed-demo.mjs EMAIL PASSWORD [--url http://127.0.0.1:8080]');
    process.exit(args.help ? 0 : 2);
  }
  const [email, password] = args.pos;
  const c = await connect(args.url, email, password);
  const t0 = performance.now();
  const demo = buildDemo(email);

  // --- idempotency
  const existing = (await c.call1('Email/query', { calculateTotal: true, limit: 0 })).total;
  let boxes = await mailboxes(c);
  const hasFolders = USER_FOLDERS.every(([p]) => boxes.some((m) => m.path === p));
  if (existing > 0) {
    if (hasFolders && existing >= demo.length) {
      console.error(`seed-demo: ${email} already has the demo mailbox (${existing} emails); not seeding again`);
      console.log(JSON.stringify(await summary(c), null, 2));
      return;
    }
    console.error(`seed-demo: ${email} already has ${existing} emails but not the demo; refusing to mix. ` +
      'Use a fresh user (cyrus.sh adduser) or cyrus.sh reset.');
    process.exit(1);
  }

  // --- folders (a creation id "#Projects" as parentId nests Projects/2026 in the same call)
  const create = {};
  for (const [path, parent] of USER_FOLDERS) {
    if (boxes.some((m) => m.path === path)) continue;
    const parentBox = parent && boxes.find((m) => m.path === parent);
    create[path] = { name: path.split('/').pop(), parentId: parent ? (parentBox ? parentBox.id : '#' + parent) : null, isSubscribed: true };
  }
  if (Object.keys(create).length) {
    const r = await c.call1('Mailbox/set', { create });
    if (Object.keys(r.notCreated || {}).length) throw new Error('Mailbox/set: ' + JSON.stringify(r.notCreated));
    boxes = await mailboxes(c);
  }
  const byRole = Object.fromEntries(boxes.filter((m) => m.role).map((m) => [m.role, m.id]));
  const boxId = (path) => {
    const m = boxes.find((b) => b.path === path) || { id: byRole[path.toLowerCase()] };
    if (!m.id) throw new Error(`no mailbox ${path}`);
    return m.id;
  };

  // --- upload blobs (5 in flight = the server's maxConcurrentUpload), import in batches
  const limit = c.session.capabilities['urn:ietf:params:jmap:core'].maxConcurrentUpload || 4;
  const blobIds = await pool(demo, limit, (m) => c.upload(m.raw));
  const t1 = performance.now();
  const BATCH = 50;
  const batches = [];
  for (let i = 0; i < demo.length; i += BATCH) batches.push(i);
  // batches one after another: keeps the UIDs in receivedAt order (the list is sorted by date)
  for (const start of batches) {
    const emails = {};
    demo.slice(start, start + BATCH).forEach((m, k) => {
      emails['m' + (start + k)] = {
        blobId: blobIds[start + k],
        mailboxIds: { [boxId(m.mailbox)]: true },
        keywords: m.keywords,
        receivedAt: m.receivedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    });
    const r = await c.call1('Email/import', { emails });
    if (Object.keys(r.notCreated || {}).length) throw new Error('Email/import: ' + JSON.stringify(r.notCreated).slice(0, 1000));
  }
  const t2 = performance.now();
  const s = await summary(c);
  s.seeded = demo.length;
  s.seconds = { upload: +((t1 - t0) / 1000).toFixed(2), import: +((t2 - t1) / 1000).toFixed(2) };
  console.log(JSON.stringify(s, null, 2));
}

main().catch((e) => { console.error('seed-demo: ' + (process.env.DEBUG ? e.stack : e.message)); process.exit(1); });
