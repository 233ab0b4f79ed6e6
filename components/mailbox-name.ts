/** A folder's name as the user reads it: special folders in the UI language, others as named. */
import type { MessageKey } from '@/lib/i18n/t';
import { t } from '@/lib/i18n/t';
import type { MailboxRow } from '@/lib/store/rows';

const ROLE_NAMES: Record<string, MessageKey> = {
  inbox: 'role_inbox',
  drafts: 'role_drafts',
  sent: 'role_sent',
  archive: 'role_archive',
  junk: 'role_junk',
  trash: 'role_trash',
};

export function mailboxName(mailbox: MailboxRow): string {
  const key = mailbox.role ? ROLE_NAMES[mailbox.role] : undefined;
  return key ? t(key) : mailbox.name;
}
