import { beforeEach, describe, expect, it } from 'vitest';
import { MailDB } from '@/lib/store/db';
import type { EmailRow } from '@/lib/store/rows';
import { readThreads } from '@/lib/store/thread-writes';
import { emailRow } from './fixtures';

let db: MailDB;

beforeEach(async () => {
  db = new MailDB(`thread-writes-${crypto.randomUUID()}`);
  // 300 threads T000…T299 of one to three emails each, and an account whose ids fall in between.
  const emails: EmailRow[] = [];
  for (let t = 0; t < 300; t++) {
    for (let n = 0; n <= t % 3; n++) emails.push(emailRow({ id: `m${t}-${n}`, threadId: `T${String(t).padStart(3, '0')}` }));
  }
  emails.push(emailRow({ accountId: 'a2', id: 'other', threadId: 'T100' }));
  await db.emails.bulkAdd(emails);
});

/** What reading thread by thread gives. */
async function oneByOne(threadIds: string[]): Promise<Map<string, string[]>> {
  const lists = await Promise.all(threadIds.map((id) => db.emails.where('[accountId+threadId]').equals(['a1', id]).toArray()));
  return new Map(threadIds.map((id, i) => [id, lists[i].map((e) => e.id).sort()]));
}

async function read(threadIds: string[]): Promise<Map<string, string[]>> {
  const threads = await readThreads(db, 'a1', threadIds);
  return new Map([...threads].map(([id, emails]) => [id, emails.map((e) => e.id).sort()]));
}

const ids = (numbers: number[]) => numbers.map((t) => `T${String(t).padStart(3, '0')}`);

describe('readThreads', () => {
  it('reads many threads that fill their range of ids (one range read) exactly', async () => {
    const asked = ids(Array.from({ length: 200 }, (_, i) => 299 - i));
    expect(await read(asked)).toEqual(await oneByOne(asked));
  });

  it('reads threads spread thinly over the ids (the range read stops early, inside a thread asked for) exactly', async () => {
    // 59 threads: the range read stops at 236 emails, at the first of T118's two.
    const asked = ids([...Array.from({ length: 57 }, (_, i) => i), 118, 299]);
    expect((await read(asked)).get('T118')).toEqual(['m118-0', 'm118-1']);
    expect(await read(asked)).toEqual(await oneByOne(asked));
  });

  it('gives an empty list for a thread with no stored email, and reads few threads one by one', async () => {
    const asked = [...ids(Array.from({ length: 60 }, (_, i) => i)), 'T999'];
    expect((await read(asked)).get('T999')).toEqual([]);
    expect(await read(['T001', 'T404'])).toEqual(new Map([['T001', ['m1-0', 'm1-1']], ['T404', []]]));
  });
});
