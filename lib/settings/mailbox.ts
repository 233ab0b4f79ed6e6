/**
 * The mailbox in the user's own account that carries the settings between browsers
 * (recognised as lib/settings/mailbox-name.ts says). It is created unsubscribed, so IMAP clients
 * that honour subscriptions hide it, and our folder list hides it (lib/store/mailbox-tree.ts).
 */
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { GetResponse, SetResponse } from '../jmap/types';
import { isSettingsMailbox, SETTINGS_MAILBOX_NAME } from './mailbox-name';


async function findSettingsMailbox(client: JmapClient): Promise<string | null> {
  const batch = client.batch();
  const get = batch.add<GetResponse<{ id: string; name: string; parentId: string | null }>>('Mailbox/get', { ids: null, properties: ['name', 'parentId'] });
  return (await batch.send()).get(get).list.find(isSettingsMailbox)?.id ?? null;
}

/** The settings mailbox's id, creating the mailbox if the account has none. */
export async function ensureSettingsMailbox(client: JmapClient): Promise<string> {
  const existing = await findSettingsMailbox(client);
  if (existing) return existing;
  const batch = client.batch();
  const set = batch.add<SetResponse<{ id: string }>>('Mailbox/set', {
    create: { settings: { name: SETTINGS_MAILBOX_NAME, parentId: null, isSubscribed: false } },
  });
  const response = (await batch.send()).get(set);
  const created = response.created?.settings?.id;
  if (created) return created;
  // Another browser may have created it a moment ago.
  const raced = await findSettingsMailbox(client);
  if (raced) return raced;
  const refused = response.notCreated?.settings;
  throw new JmapError('method', `Cannot create the settings mailbox: ${refused?.type ?? 'no answer'}${refused?.description ? ` (${refused.description})` : ''}`);
}
