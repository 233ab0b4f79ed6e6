import { beforeEach, describe, expect, it } from 'vitest';
import { removeAccountRows } from '@/lib/accounts/remove-account';
import { MailDB } from '@/lib/store/db';
import { applyEmailChanges } from '@/lib/store/mail-writes';
import { changeThreads, newMutation } from '@/lib/store/mutations';
import { draftRow, emailRow } from '../store/fixtures';

let db: MailDB;

async function seed(accountId: string): Promise<void> {
  await db.accounts.add({ id: accountId, name: accountId, email: `${accountId}@x.org`, color: '#000', sessionUrl: 'https://x.org', username: accountId, authKind: 'basic', createdAt: 0, disabled: 0 });
  await db.credentials.put({ accountId, secret: 'pw' });
  await db.mailboxes.add({ accountId, id: 'inbox', name: 'Inbox', parentId: null, role: 'inbox', sortOrder: 0, totalEmails: 1, unreadEmails: 1, totalThreads: 1, unreadThreads: 1, isSubscribed: true });
  await applyEmailChanges(db, accountId, { created: [emailRow({ accountId, id: 'm1', threadId: 't1' }), emailRow({ accountId, id: 'm2', threadId: 't2' })], updated: [], destroyed: [] });
  await changeThreads(db, accountId, ['t1'], 'read');
  await db.pendingMutations.add({ ...newMutation(accountId, 'm2', 0), status: 'failed', error: 'forbidden' });
  await db.bodies.put({ accountId, emailId: 'm1', text: 'Hello', html: null, size: 5, fetchedAt: 0, lastReadAt: 0 });
  await db.syncStates.put({ accountId, type: 'Email', state: 's1' });
  await db.syncStatus.put({ accountId, phase: 'idle', done: 2, total: 2, backfillPosition: -1, lastSyncAt: 1, error: null, push: 'polling' });
  await db.identities.put({ accountId, id: 'i1', name: '', email: `${accountId}@x.org`, replyTo: null, bcc: null, htmlSignature: null, textSignature: null, mayDelete: false });
  await db.drafts.put(draftRow({ accountId, id: `${accountId}-draft` }));
  await db.draftBlobs.put({ id: `${accountId}-file`, draftId: `${accountId}-draft`, data: new Blob(['bytes']) });
  await db.newMailMarks.put({ accountId, receivedAt: 1_700_000_000_000, emailIds: ['m2'] });
}

/** Every row of every table, as [table, row] pairs, for comparing whole stores. */
async function allRows(): Promise<Array<[string, unknown]>> {
  const rows: Array<[string, unknown]> = [];
  for (const table of db.tables) for (const row of await table.toArray()) rows.push([table.name, row]);
  return rows;
}

beforeEach(async () => {
  db = new MailDB(`test-${crypto.randomUUID()}`);
  await seed('gone');
  await seed('kept');
});

describe('removeAccountRows', () => {
  it('leaves no row of the removed account in any table and every row of the others', async () => {
    const before = await allRows();
    const ownedBy = (id: string) =>
      before.filter(([, row]) => {
        const { accountId, draftId } = row as { accountId?: string; draftId?: string };
        return accountId === id || (row as { id?: string }).id === id || draftId === `${id}-draft`;
      });
    // The seed reaches every table, so "no row left" is checked against all of them.
    expect(new Set(ownedBy('gone').map(([table]) => table))).toEqual(new Set(db.tables.map((t) => t.name)));
    await removeAccountRows(db, 'gone');
    const after = await allRows();
    expect(after.filter(([, row]) => JSON.stringify(row).includes('"gone"'))).toEqual([]);
    expect(after).toEqual(ownedBy('kept'));
  });
});
