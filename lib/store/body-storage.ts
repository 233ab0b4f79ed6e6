/**
 * The limit on stored message bodies: past it, the least recently read bodies are dropped (they
 * are fetched again if opened). Metadata is never evicted, so lists stay complete offline.
 */
import type { MailDB } from './db';

export const BODY_STORAGE_LIMIT_BYTES = 256 * 1024 * 1024;
const EVICTION_BATCH = 50;

/** Bytes used by stored bodies, from the size index alone. */
export async function bodyStorageUsed(db: MailDB): Promise<number> {
  const sizes = (await db.bodies.orderBy('size').keys()) as number[];
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Drops least recently read bodies until the storage is within `limit`; returns how many. */
export async function evictBodies(db: MailDB, limit = BODY_STORAGE_LIMIT_BYTES): Promise<number> {
  let used = await bodyStorageUsed(db);
  let evicted = 0;
  while (used > limit) {
    const oldest = await db.bodies.orderBy('lastReadAt').limit(EVICTION_BATCH).toArray();
    if (!oldest.length) break;
    const drop = [];
    for (const body of oldest) {
      if (used <= limit) break;
      drop.push([body.accountId, body.emailId] as [string, string]);
      used -= body.size;
    }
    await db.bodies.bulkDelete(drop);
    evicted += drop.length;
  }
  return evicted;
}
