/**
 * npm run bench:settings [-- --edits N]: the synced settings document on this machine, against
 * the real Cyrus server. One browser ("work") builds a document of 50 tags and 1,000 trusted
 * senders and goes on editing it (renames, recolours, moves, preferences, senders replaced,
 * signatures) up to N edits (10,000), syncing every 100 edits with compaction off; then:
 *  - document size (the state as one update) and what y-indexeddb would hold uncompacted;
 *  - messages and bytes in the settings mailbox before and after one compaction;
 *  - a second browser ("home") loading everything from the server;
 *  - time for one change to reach the other browser: work's round + home's round, median of 10
 *    (add the poll interval: 3 s while a view is open, 30 s otherwise, on servers without push).
 */
import * as Y from 'yjs';
import { JmapClient } from '../../lib/jmap/client';
import { fetchSession } from '../../lib/jmap/session';
import { SETTINGS_MAILBOX_NAME } from '../../lib/settings/mailbox-name';
import { Settings } from '../../lib/settings/settings';
import { SettingsSync } from '../../lib/settings/settings-sync';
import { MemorySyncStateStore } from '../../lib/settings/sync-state';
import { freshUser, ServerAccount, SESSION_URL, type TestUser } from '../support/test-server';

const args = process.argv.slice(2);
const EDITS = Number(args[args.indexOf('--edits') + 1] || 10_000) || 10_000;
const SYNC_EVERY = 100;
const TAGS = 50;
const SENDERS = 1_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

interface Device {
  doc: Y.Doc;
  settings: Settings;
  sync(compactAfter?: number): ReturnType<SettingsSync['round']>;
}

async function device(user: TestUser): Promise<Device> {
  const auth = { kind: 'basic', username: user.email, password: user.password } as const;
  const client = new JmapClient(await fetchSession(SESSION_URL, auth), auth);
  const doc = new Y.Doc();
  const store = new MemorySyncStateStore();
  return { doc, settings: new Settings(doc), sync: (compactAfter = Number.POSITIVE_INFINITY) => new SettingsSync(doc, client, store, user.email, compactAfter).round() };
}

async function mailboxUsage(server: ServerAccount): Promise<{ messages: number; bytes: number }> {
  const mailbox = (await server.mailboxes()).find((m) => m.name === SETTINGS_MAILBOX_NAME)!;
  const { ids } = await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: mailbox.id } });
  const { list } = await server.call<{ list: Array<{ size: number }> }>('Email/get', { ids, properties: ['size'] });
  return { messages: ids.length, bytes: list.reduce((sum, e) => sum + e.size, 0) };
}

async function main(): Promise<void> {
  const user = await freshUser('bset');
  const server = await ServerAccount.open(user);
  const work = await device(user);
  const { settings } = work;
  let localBytes = 0;
  work.doc.on('update', (update: Uint8Array) => (localBytes += update.byteLength));

  let edits = 0;
  const senders: string[] = [];
  const edit = async (change: () => void) => {
    change();
    if (++edits % SYNC_EVERY === 0) await work.sync();
  };
  for (let i = 0; i < TAGS; i++) await edit(() => settings.tags.create({ name: i % 2 ? `Проект ${i}` : `Project ${i}`, colour: '#336699' }));
  for (let i = 0; i < SENDERS; i++) await edit(() => {
    senders.push(`sender${i}@domain${i % 97}.example`);
    settings.trustSender(senders[i]);
  });
  let n = 0;
  const start = performance.now();
  while (edits < EDITS) {
    const tags = settings.tags.list();
    const tag = tags[n % tags.length];
    const kind = n++ % 6;
    await edit(() => {
      if (kind === 0) settings.tags.rename(tag.keyword, `Renamed ${n}`);
      else if (kind === 1) settings.tags.recolour(tag.keyword, n % 2 ? '#ff0000' : '#00ff00');
      else if (kind === 2) settings.tags.move(tag.keyword, n % tags.length);
      else if (kind === 3) settings.setPreference('theme', (['system', 'light', 'dark'] as const)[n % 3]);
      else if (kind === 4) {
        // A sender replaced by another: the list stays at 1,000.
        settings.untrustSender(senders.shift()!);
        senders.push(`new${n}@example.org`);
        settings.trustSender(senders[senders.length - 1]);
      } else settings.setSignature(`${user.email} id${n % 3}`, { html: `<p>Regards, ${n}</p>`, enabled: true });
    });
  }
  await work.sync();
  log(`${edits} edits with a sync every ${SYNC_EVERY} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const before = await mailboxUsage(server);
  const compactStart = performance.now();
  const compaction = await work.sync(1);
  const compactMs = performance.now() - compactStart;
  const after = await mailboxUsage(server);

  const home = await device(user);
  const loadStart = performance.now();
  await home.sync();
  const loadMs = performance.now() - loadStart;
  const same = JSON.stringify(home.settings.read()) === JSON.stringify(settings.read());

  const reach: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    settings.setPreference('density', i % 2 ? 'compact' : 'comfortable');
    await work.sync();
    await home.sync();
    if (home.settings.preference('density') !== settings.preference('density')) throw new Error('change did not arrive');
    reach.push(performance.now() - t0);
  }

  const rows: Array<[string, string]> = [
    ['edits (50 tags, 1,000 trusted senders, then churn)', String(edits)],
    ['document (one update of its state)', kb(Y.encodeStateAsUpdate(work.doc).byteLength)],
    ['all local updates, uncompacted (what y-indexeddb appends before it merges)', kb(localBytes)],
    ['server before compaction: messages / bytes', `${before.messages} / ${kb(before.bytes)}`],
    ['server after compaction: messages / bytes', `${after.messages} / ${kb(after.bytes)}`],
    ['compaction round (snapshot written, merged messages destroyed)', `${compactMs.toFixed(0)} ms, ${compaction.compacted} destroyed`],
    ['second browser loads everything (one round)', `${loadMs.toFixed(0)} ms${same ? '' : ' — DIFFERENT STATE'}`],
    ['a change reaches the other browser (both rounds), median of 10', `${median(reach).toFixed(0)} ms (+ poll interval)`],
  ];
  process.stdout.write(`| settings benchmark | value |\n| --- | --- |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  if (!same) process.exitCode = 1;
}

await main();
