import { beforeEach, describe, expect, it } from 'vitest';
import { bodyStorageUsed, evictBodies } from '@/lib/store/body-storage';
import { MailDB } from '@/lib/store/db';

let db: MailDB;

beforeEach(async () => {
  db = new MailDB(`bodies-${crypto.randomUUID()}`);
  await db.bodies.bulkPut(
    [
      ['old', 100, 1],
      ['recent', 300, 5],
      ['middle', 200, 3],
      ['newest', 50, 9],
    ].map(([emailId, size, lastReadAt]) => ({ accountId: 'a1', emailId: emailId as string, text: 'x', html: null, size: size as number, fetchedAt: 0, lastReadAt: lastReadAt as number })),
  );
});

describe('body storage', () => {
  it('sums the space bodies use', async () => {
    expect(await bodyStorageUsed(db)).toBe(650);
  });

  it('drops the least recently read bodies until within the limit, and no more', async () => {
    expect(await evictBodies(db, 400)).toBe(2);
    expect((await db.bodies.toArray()).map((b) => b.emailId).sort()).toEqual(['newest', 'recent']);
    expect(await evictBodies(db, 400)).toBe(0);
  });
});
