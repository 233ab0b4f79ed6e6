/**
 * An account's autoreply, as the background reads and saves it: the server's VacationResponse is
 * the truth where the server reflects what it stores; where it does not (its /get answered
 * something else than the /set before it), our copy in the settings document is shown instead.
 * Every save is read back, so a server that starts or stops reflecting is noticed at the next save.
 */
import { getVacationResponse, setVacationResponse, type VacationResponse } from '../jmap/account-settings';
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import { VACATION } from '../jmap/types';
import { autoreplyProblem, sameAutoreply, type Autoreplies, type Autoreply, type AutoreplyProblem } from '../settings/autoreplies';

export type AutoreplyState =
  /** The server has no VacationResponse (its session lacks the capability). */
  | { available: false }
  /** `source`: what is shown; 'copy' when this server's answer cannot be trusted. */
  | { available: true; autoreply: Autoreply; source: 'server' | 'copy' };

/** A code the page translates (`error_<code>`): the input's problem, or the server's refusal. */
export type AutoreplyErrorCode = AutoreplyProblem | 'autoreplyRefused' | 'autoreplyUnavailable';

export class AutoreplyError extends Error {
  constructor(
    readonly code: AutoreplyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AutoreplyError';
  }
}

/** Cyrus leaves out a property set to null (its update applies the patch, which deletes it): absent is null. */
function fromServer(vacation: VacationResponse): Autoreply {
  return { isEnabled: vacation.isEnabled === true, fromDate: vacation.fromDate ?? null, toDate: vacation.toDate ?? null, subject: vacation.subject ?? '', textBody: vacation.textBody ?? '' };
}

/** An empty subject lets the server choose one; htmlBody is cleared so the text is what goes out. */
function toServer(autoreply: Autoreply): Omit<VacationResponse, 'id'> {
  const { isEnabled, fromDate, toDate, subject, textBody } = autoreply;
  return { isEnabled, fromDate, toDate, subject: subject || null, textBody, htmlBody: null };
}

const offersVacation = (client: JmapClient) => VACATION in client.session.capabilities;

export async function readAutoreply(client: JmapClient, copies: Autoreplies, address: string): Promise<AutoreplyState> {
  if (!offersVacation(client)) return { available: false };
  const server = fromServer(await getVacationResponse(client));
  const copy = copies.get(address);
  if (copy && !copy.serverReflects) {
    const { isEnabled, fromDate, toDate, subject, textBody } = copy;
    return { available: true, autoreply: { isEnabled, fromDate, toDate, subject, textBody }, source: 'copy' };
  }
  // Changed by another client (or never set here while on): the copy follows, so the banner is right.
  const follow = copy ? !sameAutoreply(copy, server) : server.isEnabled;
  if (follow && !autoreplyProblem(server)) copies.save(address, { ...server, serverReflects: true, savedAt: copy?.savedAt ?? Date.now() });
  return { available: true, autoreply: server, source: 'server' };
}

export async function saveAutoreply(client: JmapClient, copies: Autoreplies, address: string, autoreply: Autoreply, now = Date.now()): Promise<AutoreplyState> {
  const problem = autoreplyProblem(autoreply);
  if (problem) throw new AutoreplyError(problem, `Autoreply not saved: ${problem}`);
  if (!offersVacation(client)) throw new AutoreplyError('autoreplyUnavailable', 'The server offers no VacationResponse');
  try {
    await setVacationResponse(client, toServer(autoreply));
  } catch (error) {
    // The server looked at it and said no (Cyrus: a `"` in the subject, a lone `.` line in the text).
    if (error instanceof JmapError && error.code === 'method') throw new AutoreplyError('autoreplyRefused', error.message);
    throw error;
  }
  const reflects = sameAutoreply(fromServer(await getVacationResponse(client)), autoreply);
  copies.save(address, { ...autoreply, serverReflects: reflects, savedAt: now });
  return { available: true, autoreply, source: reflects ? 'server' : 'copy' };
}
