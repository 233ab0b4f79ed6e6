/**
 * The order a mail client lists folders in: the special ones first in a fixed order (RFC 8621
 * roles), then the user's own by sortOrder and name, each followed by its subfolders. The mailbox
 * that carries the synced settings (lib/settings) is not a folder of the user's and is left out.
 */
import { isSettingsMailbox } from '../settings/mailbox-name';
import type { MailboxRow } from './rows';

const ROLE_ORDER = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

export interface MailboxTreeEntry {
  mailbox: MailboxRow;
  depth: number;
}

function rank(mailbox: MailboxRow): number {
  const index = mailbox.role ? ROLE_ORDER.indexOf(mailbox.role) : -1;
  return index < 0 ? ROLE_ORDER.length : index;
}

function compare(a: MailboxRow, b: MailboxRow): number {
  return rank(a) - rank(b) || a.sortOrder - b.sortOrder || a.name.localeCompare(b.name);
}

export function mailboxTree(mailboxes: MailboxRow[]): MailboxTreeEntry[] {
  const ids = new Set(mailboxes.map((m) => m.id));
  const children = new Map<string | null, MailboxRow[]>();
  for (const mailbox of mailboxes.filter((m) => !isSettingsMailbox(m))) {
    // A parent we do not have (not shared with us) makes the folder a top-level one.
    const parent = mailbox.parentId && ids.has(mailbox.parentId) ? mailbox.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), mailbox]);
  }
  const entries: MailboxTreeEntry[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const mailbox of (children.get(parent) ?? []).sort(compare)) {
      entries.push({ mailbox, depth });
      visit(mailbox.id, depth + 1);
    }
  };
  visit(null, 0);
  return entries;
}
