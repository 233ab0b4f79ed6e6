/**
 * Identity (RFC 8621 §6) and VacationResponse (RFC 8621 §8): what a sending account looks like
 * and its autoreply. Servers differ here (Cyrus has no Identity/set and wants `isEnabled` in
 * every VacationResponse update), so the calls stay close to the spec and say what is missing.
 */
import type { JmapClient } from './client';
import { JmapError } from './errors';
import { SUBMISSION, VACATION, type EmailAddress, type GetResponse, type SetResponse } from './types';

export interface Identity {
  id: string;
  name: string;
  email: string;
  replyTo: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
  textSignature?: string;
  htmlSignature?: string;
  mayDelete: boolean;
}

export interface VacationResponse {
  id: 'singleton';
  isEnabled: boolean;
  fromDate: string | null;
  toDate: string | null;
  subject: string | null;
  textBody: string | null;
  htmlBody: string | null;
}

function requireCapability(client: JmapClient, capability: string): void {
  if (!(capability in client.session.capabilities)) throw new JmapError('request', `The server does not offer ${capability}`);
}

export async function getIdentities(client: JmapClient): Promise<Identity[]> {
  requireCapability(client, SUBMISSION);
  const batch = client.batch();
  const get = batch.add<GetResponse<Identity>>('Identity/get', { ids: null });
  return (await batch.send()).get(get).list;
}

export async function getVacationResponse(client: JmapClient): Promise<VacationResponse> {
  requireCapability(client, VACATION);
  const batch = client.batch();
  const get = batch.add<GetResponse<VacationResponse>>('VacationResponse/get', { ids: ['singleton'] });
  const [vacation] = (await batch.send()).get(get).list;
  if (!vacation) throw new JmapError('server', 'VacationResponse/get returned no singleton');
  return vacation;
}

/** Updates the autoreply. `isEnabled` is always sent: Cyrus refuses updates without it. */
export async function setVacationResponse(client: JmapClient, update: Partial<Omit<VacationResponse, 'id'>> & { isEnabled: boolean }): Promise<void> {
  requireCapability(client, VACATION);
  const batch = client.batch();
  const set = batch.add<SetResponse>('VacationResponse/set', { update: { singleton: update } });
  const refused = (await batch.send()).get(set).notUpdated?.singleton;
  if (refused) throw new JmapError('method', `VacationResponse/set: ${refused.type}${refused.description ? ` (${refused.description})` : ''}`);
}
