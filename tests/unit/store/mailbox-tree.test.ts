import { describe, expect, it } from 'vitest';
import { mailboxTree } from '@/lib/store/mailbox-tree';
import { SETTINGS_MAILBOX_NAME } from '@/lib/settings/mailbox-name';
import type { MailboxRow } from '@/lib/store/rows';

const mailbox = (id: string, name: string, fields: Partial<MailboxRow> = {}): MailboxRow => ({
  accountId: 'a1', id, name, parentId: null, role: null, sortOrder: 0, totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, isSubscribed: true, ...fields,
});

describe('mailboxTree', () => {
  it('lists special folders in a fixed order, then the user\'s own by name, each with its subfolders', () => {
    const tree = mailboxTree([
      mailbox('p26', '2026', { parentId: 'p' }),
      mailbox('tr', 'Trash', { role: 'trash' }),
      mailbox('r', 'Receipts'),
      mailbox('p', 'Projects'),
      mailbox('in', 'Inbox', { role: 'inbox' }),
      mailbox('j', 'Junk', { role: 'junk' }),
      mailbox('s', 'Sent', { role: 'sent' }),
    ]);
    expect(tree.map((e) => `${'-'.repeat(e.depth)}${e.mailbox.name}`)).toEqual(['Inbox', 'Sent', 'Junk', 'Trash', 'Projects', '-2026', 'Receipts']);
  });

  it('shows a folder whose parent it does not know at the top', () => {
    expect(mailboxTree([mailbox('c', 'Child', { parentId: 'unknown' })])).toEqual([{ mailbox: expect.objectContaining({ id: 'c' }), depth: 0 }]);
  });

  it('leaves out the mailbox that carries the synced settings, not a user folder of the same name inside another', () => {
    const tree = mailboxTree([
      mailbox('in', 'Inbox', { role: 'inbox' }),
      mailbox('set', SETTINGS_MAILBOX_NAME, { isSubscribed: false }),
      mailbox('p', 'Projects'),
      mailbox('nested', SETTINGS_MAILBOX_NAME, { parentId: 'p' }),
    ]);
    expect(tree.map((e) => e.mailbox.id)).toEqual(['in', 'p', 'nested']);
  });
});
