/** Fetching emails by id in the shapes the store wants. */
import type { JmapClient } from '../jmap/client';
import { EMAIL_HEADER_GET, EMAIL_MUTABLE_PROPERTIES, type EmailHeaders, type EmailMutable } from '../jmap/types';
import { emailRow } from '../store/convert';
import type { EmailRow } from '../store/rows';

export async function fetchEmailRows(client: JmapClient, accountId: string, ids: string[]): Promise<EmailRow[]> {
  if (!ids.length) return [];
  const response = await client.getAll<EmailHeaders>('Email', ids, EMAIL_HEADER_GET.properties, { bodyProperties: EMAIL_HEADER_GET.bodyProperties });
  return response.list.map((email) => emailRow(accountId, email));
}

export async function fetchEmailMutable(client: JmapClient, ids: string[]): Promise<EmailMutable[]> {
  if (!ids.length) return [];
  return (await client.getAll<EmailMutable>('Email', ids, EMAIL_MUTABLE_PROPERTIES)).list;
}

/** The current state string of a type, without fetching any object. */
export async function emptyGetState(client: JmapClient, type: string): Promise<string> {
  const batch = client.batch();
  const get = batch.add<{ state: string }>(`${type}/get`, { ids: [] });
  return (await batch.send()).get(get).state;
}
