/**
 * Property: replicas that edit concurrently and receive each other's updates late, out of order
 * and more than once all end in the same state, and no edit without a conflicting one is lost.
 * Seeded, so a failure names the seed that reproduces it; SETTINGS_PROPERTY_RUNS=1000 runs longer.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Settings } from '@/lib/settings/settings';

const RUNS = Number(process.env.SETTINGS_PROPERTY_RUNS ?? 60);

/** mulberry32: small, seedable, good enough to shuffle. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Replica {
  doc: Y.Doc;
  settings: Settings;
  /** Updates on their way to this replica, delivered in random order, some twice. */
  inbox: Uint8Array[];
  /** What this replica added and did not remove itself; nobody else removes it. */
  ownSenders: Set<string>;
  ownTags: Set<string>;
}

function run(seed: number): void {
  const rand = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const replicas: Replica[] = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => {
    const doc = new Y.Doc();
    return { doc, settings: new Settings(doc), inbox: [], ownSenders: new Set(), ownTags: new Set() };
  });
  replicas.forEach((replica) =>
    replica.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      for (const other of replicas) if (other !== replica) other.inbox.push(update);
    }),
  );
  const deliverSome = (replica: Replica) => {
    const count = Math.floor(rand() * (replica.inbox.length + 1));
    for (let i = 0; i < count; i++) {
      const at = Math.floor(rand() * replica.inbox.length);
      const update = replica.inbox[at];
      if (rand() > 0.2) replica.inbox.splice(at, 1); // else it comes again later: a duplicate
      Y.applyUpdate(replica.doc, update, 'remote');
    }
  };

  let counter = 0;
  for (let step = 0; step < 150; step++) {
    const index = Math.floor(rand() * replicas.length);
    const replica = replicas[index];
    const { settings } = replica;
    const op = rand();
    const known = settings.tags.list();
    if (op < 0.15) settings.setPreference('theme', pick(['system', 'light', 'dark'] as const));
    else if (op < 0.25) settings.setPreference('groupConversations', rand() < 0.5);
    else if (op < 0.4) {
      const tag = settings.tags.create({ name: `Тег ${index}-${counter++}`, colour: '#112233' });
      replica.ownTags.add(tag.keyword);
    } else if (op < 0.5 && known.length) settings.tags.rename(pick(known).keyword, `renamed ${counter++}`);
    else if (op < 0.55 && known.length) settings.tags.recolour(pick(known).keyword, pick(['#ff0000', '#00ff00']));
    else if (op < 0.62 && known.length) settings.tags.move(pick(known).keyword, Math.floor(rand() * known.length));
    else if (op < 0.66 && replica.ownTags.size) {
      const keyword = pick([...replica.ownTags]);
      if (settings.tags.get(keyword)) settings.tags.delete(keyword);
      replica.ownTags.delete(keyword);
    } else if (op < 0.85) {
      const sender = `s${index}-${counter++}@example.org`;
      settings.trustSender(sender);
      replica.ownSenders.add(sender);
    } else if (op < 0.9 && replica.ownSenders.size) {
      const sender = pick([...replica.ownSenders]);
      settings.untrustSender(sender);
      replica.ownSenders.delete(sender);
    } else settings.setSignature(`me@example.org ${pick(['a', 'b'])}`, { html: `<p>${counter++}</p>`, enabled: rand() < 0.5 });
    deliverSome(pick(replicas));
  }
  // Everything still in flight arrives eventually, in random order.
  for (const replica of replicas) {
    while (replica.inbox.length) {
      const [update] = replica.inbox.splice(Math.floor(rand() * replica.inbox.length), 1);
      Y.applyUpdate(replica.doc, update, 'remote');
    }
  }

  const [first, ...others] = replicas.map((r) => r.settings.read());
  for (const other of others) expect(other, `seed ${seed}`).toEqual(first);
  const senders = new Set(first.trustedSenders);
  const tags = new Set(first.tags.map((t) => t.keyword));
  for (const replica of replicas) {
    for (const sender of replica.ownSenders) expect(senders.has(sender), `seed ${seed}: sender ${sender}`).toBe(true);
    // Tag keywords are unique per replica's name space here, so no two creations compete.
    for (const keyword of replica.ownTags) expect(tags.has(keyword), `seed ${seed}: tag ${keyword}`).toBe(true);
  }
  replicas.forEach((r) => r.doc.destroy());
}

describe('settings merge (property)', () => {
  it(`converges with nothing lost over ${RUNS} random histories`, () => {
    const base = Number(process.env.SETTINGS_PROPERTY_SEED ?? 1);
    for (let seed = base; seed < base + RUNS; seed++) run(seed);
  });
});
