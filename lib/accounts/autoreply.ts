/**
 * An account's autoreply, as the background reads and saves it: the server's VacationResponse is
 * the truth where the server reflects what it stores; where it does not (its /get answered
 * something else than the /set before it), our copy in the settings document is shown instead.
 * Every save is read back, so a server that starts or stops reflecting is noticed at the next save.
 *
 * What the server gets is not quite what the user wrote:
 *
 *   user's message (copy) ──+ signature (page: signatureFor) ──+ Sieve-safe escapes ──> VacationResponse
 *
 * The signature is added at each save and never kept in the message, so "Add my signature" off, or
 * a changed signature, takes effect at the next save. Reading back, a server whose bodies are the
 * copy's message followed by a signature separator still holds what we saved: the copy's message
 * is shown, not the message with the signature in it.
 *
 * The escapes: Cyrus (3.10) writes the VacationResponse into a Sieve script, the whole object as
 * JSON inside a `/* … *\/` comment and both bodies inside one `text:` multi-line string, without
 * quoting either. So a `*\/` anywhere, or a line that is only ".", breaks the script (serverError),
 * and a line starting ".." loses a dot in the reply (RFC 5228 dot-unstuffing). The escapes below
 * read the same to whoever gets the reply, so they are applied on every server, not guessed per
 * server:
 *   - text: a line that is only "." becomes ". " (a trailing space nobody sees). Not "..", which
 *     only Cyrus's Sieve turns back into "."; a server that does not go through Sieve would send
 *     "..". A line starting ".." still loses a dot on Cyrus: plain text has no invisible escape.
 *   - HTML: a "." starting a line becomes `&#46;` (the same character once parsed), which also
 *     keeps ".." lines whole. The page's sanitiser leaves no <style> or <script>, where an entity
 *     would not be decoded.
 *   - `*\/` (text, subject): a WORD JOINER (U+2060, invisible) between the two; in HTML `*&#47;`.
 * A `"` in the subject cannot be escaped that way (Cyrus refuses it: `autoreplyRefused`), and Cyrus
 * drops a `\` from the subject of the reply it sends.
 */
import { getVacationResponse, setVacationResponse, type VacationResponse } from '../jmap/account-settings';
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import { VACATION } from '../jmap/types';
import { textToHtml } from '../mime/delta-to-text';
import { SIGNATURE_SEPARATOR_HTML, SIGNATURE_SEPARATOR_TEXT } from '../mime/signature';
import { autoreplyFields, autoreplyProblem, sameAutoreply, sameSchedule, type Autoreplies, type Autoreply, type AutoreplyProblem } from '../settings/autoreplies';

export type AutoreplyState =
  /** The server has no VacationResponse (its session lacks the capability). */
  | { available: false }
  /** `source`: what is shown; 'copy' when this server's answer cannot be trusted. */
  | { available: true; autoreply: Autoreply; source: 'server' | 'copy' };

/**
 * The account's signature as the page found it (components/compose/new-draft.ts `signatureFor`,
 * sanitised, and its `signatureText`): each starts with the separator (SIGNATURE_SEPARATOR_*).
 */
export interface AutoreplySignature {
  html: string;
  text: string;
}

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

/** What a VacationResponse holds (null subject and text as the user's empty ones): our copy without the option. */
type OnServer = Omit<Autoreply, 'addSignature'>;

const WORD_JOINER = '\u2060';

const unclosing = (text: string) => text.replaceAll('*/', `*${WORD_JOINER}/`);

export function sieveSafeText(text: string): string {
  return unclosing(text).replace(/^\.$/gm, '. ');
}

export function sieveSafeHtml(html: string): string {
  return html.replaceAll('*/', '*&#47;').replace(/^\./gm, '&#46;');
}

/** The message with the signature below it (both forms), when asked for and there is one. */
export function withSignature(autoreply: Autoreply, signature: AutoreplySignature | null): { textBody: string; htmlBody: string | null } {
  const { textBody, htmlBody } = autoreply;
  if (!autoreply.addSignature || !signature) return { textBody, htmlBody };
  return { textBody: `${textBody.trimEnd()}\n\n${signature.text}`, htmlBody: `${htmlBody ?? textToHtml(textBody)}${signature.html}` };
}

function onServer(autoreply: Autoreply, signature: AutoreplySignature | null): OnServer {
  const { textBody, htmlBody } = withSignature(autoreply, signature);
  const { isEnabled, fromDate, toDate, subject } = autoreply;
  return { isEnabled, fromDate, toDate, subject: unclosing(subject), textBody: sieveSafeText(textBody), htmlBody: htmlBody === null ? null : sieveSafeHtml(htmlBody) };
}

/** Cyrus leaves out a property set to null (its update applies the patch, which deletes it): absent is null. */
function fromServer(vacation: VacationResponse): OnServer {
  return { isEnabled: vacation.isEnabled === true, fromDate: vacation.fromDate ?? null, toDate: vacation.toDate ?? null, subject: vacation.subject ?? '', textBody: vacation.textBody ?? '', htmlBody: vacation.htmlBody ?? null };
}

/** An empty subject lets the server choose one. A null htmlBody clears an earlier one, so the text is what goes out. */
function toServer(sent: OnServer): Omit<VacationResponse, 'id'> {
  return { ...sent, subject: sent.subject || null };
}

const sameOnServer = (a: OnServer, b: OnServer) => sameSchedule(a, b) && a.textBody === b.textBody && a.htmlBody === b.htmlBody;

/** Whether the server's bodies are the copy's message, alone or with a signature (any: it may have changed since). */
function holdsMessageOf(server: OnServer, copy: Autoreply): boolean {
  const alone = onServer(copy, null);
  if (server.textBody === alone.textBody && server.htmlBody === alone.htmlBody) return true;
  if (!copy.addSignature) return false;
  const upToSignature = onServer(copy, { html: SIGNATURE_SEPARATOR_HTML, text: SIGNATURE_SEPARATOR_TEXT.trimEnd() });
  return server.textBody.startsWith(upToSignature.textBody) && !!server.htmlBody?.startsWith(upToSignature.htmlBody ?? '');
}

const offersVacation = (client: JmapClient) => VACATION in client.session.capabilities;

export async function readAutoreply(client: JmapClient, copies: Autoreplies, address: string): Promise<AutoreplyState> {
  if (!offersVacation(client)) return { available: false };
  const server = fromServer(await getVacationResponse(client));
  const copy = copies.get(address);
  if (copy && !copy.serverReflects) return { available: true, autoreply: autoreplyFields(copy), source: 'copy' };
  const { isEnabled, fromDate, toDate } = server;
  let autoreply: Autoreply;
  if (copy && holdsMessageOf(server, copy)) {
    // Ours (on, dates and subject may have been changed elsewhere): the message without the signature.
    const subject = server.subject === unclosing(copy.subject) ? copy.subject : server.subject;
    autoreply = { isEnabled, fromDate, toDate, subject, textBody: copy.textBody, htmlBody: copy.htmlBody, addSignature: copy.addSignature };
  } else {
    // Written by another client (a signature may be in it already), or never set: the signature is on by default only then.
    autoreply = { ...server, addSignature: !copy && !isEnabled };
  }
  // Changed by another client (or never set here while on): the copy follows, so the banner is right.
  const follow = copy ? !sameAutoreply(copy, autoreply) : isEnabled;
  if (follow && !autoreplyProblem(autoreply)) copies.save(address, { ...autoreply, serverReflects: true, savedAt: copy?.savedAt ?? Date.now() });
  return { available: true, autoreply, source: 'server' };
}

export async function saveAutoreply(client: JmapClient, copies: Autoreplies, address: string, autoreply: Autoreply, signature: AutoreplySignature | null, now = Date.now()): Promise<AutoreplyState> {
  const problem = autoreplyProblem(autoreply);
  if (problem) throw new AutoreplyError(problem, `Autoreply not saved: ${problem}`);
  if (!offersVacation(client)) throw new AutoreplyError('autoreplyUnavailable', 'The server offers no VacationResponse');
  const sent = onServer(autoreply, signature);
  try {
    await setVacationResponse(client, toServer(sent));
  } catch (error) {
    // The server looked at it and said no (Cyrus: a `"` in the subject).
    if (error instanceof JmapError && error.code === 'method') throw new AutoreplyError('autoreplyRefused', error.message);
    throw error;
  }
  const reflects = sameOnServer(fromServer(await getVacationResponse(client)), sent);
  copies.save(address, { ...autoreply, serverReflects: reflects, savedAt: now });
  return { available: true, autoreply: autoreplyFields(autoreply), source: reflects ? 'server' : 'copy' };
}
