/**
 * Identity (RFC 8621 §6) and VacationResponse (RFC 8621 §8): what a sending account looks like
 * and its autoreply. Servers differ here (Cyrus has no Identity/set and wants `isEnabled` in
 * every VacationResponse update), so the calls stay close to the spec and say what is missing.
 */
import type { JmapClient } from './client';
import { isMethodError, JmapError } from './errors';
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
  return (await readIdentities(client)).identities;
}

/**
 * The identities, and in the same request whether the server has Identity/set: an empty
 * Identity/set (no create, update or destroy: RFC 8620 §5.3 makes each optional) changes nothing
 * and answers `unknownMethod` where the method is missing (Cyrus). `canSet` is null when the
 * probe failed otherwise, which says nothing either way.
 */
export async function readIdentities(client: JmapClient): Promise<{ identities: Identity[]; canSet: boolean | null }> {
  requireCapability(client, SUBMISSION);
  const batch = client.batch();
  const get = batch.add<GetResponse<Identity>>('Identity/get', { ids: null });
  const probe = batch.add<SetResponse>('Identity/set', {});
  const responses = await batch.send();
  const identities = responses.get(get).list;
  try {
    responses.get(probe);
    return { identities, canSet: true };
  } catch (error) {
    if (isMethodError(error, 'unknownMethod')) return { identities, canSet: false };
    if (error instanceof JmapError) return { identities, canSet: null };
    throw error;
  }
}

/** What a signature save did: stored on the server's Identity, or the server has no Identity/set. */
export type IdentitySignatureOutcome = 'saved' | 'unsupported';

/**
 * Sets an identity's signatures (RFC 8621 §6.3, Identity/set update). A server without
 * Identity/set (Cyrus answers `unknownMethod`) or without identities at all is an answer, not a
 * failure: 'unsupported', so the caller keeps the signature elsewhere. A refusal of this update
 * (notUpdated: forbidden, notFound, invalidProperties…) raises a JmapError('method') saying why.
 */
export async function setIdentitySignature(
  client: JmapClient,
  identityId: string,
  signature: { htmlSignature: string; textSignature: string },
): Promise<IdentitySignatureOutcome> {
  if (!(SUBMISSION in client.session.capabilities)) return 'unsupported';
  const batch = client.batch();
  const set = batch.add<SetResponse>('Identity/set', { update: { [identityId]: { htmlSignature: signature.htmlSignature, textSignature: signature.textSignature } } });
  let response: SetResponse;
  try {
    response = (await batch.send()).get(set);
  } catch (error) {
    if (isMethodError(error, 'unknownMethod')) return 'unsupported';
    throw error;
  }
  const refused = response.notUpdated?.[identityId];
  if (refused) throw new JmapError('method', `Identity/set: ${refused.type}${refused.description ? ` (${refused.description})` : ''}`);
  return 'saved';
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
