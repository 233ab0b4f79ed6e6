/**
 * Sending exactly once (RFC 8621 §7.5; the protocol in docs/ARCHITECTURE.md). JMAP has no
 * idempotency key, so a lost answer must never lead to a blind retry:
 *  1. the final message is created with the draft's own Message-ID and no Bcc header (fresh Date),
 *     replacing the saved draft, and its id is recorded with status `sending` BEFORE submitting;
 *  2. EmailSubmission/set with onSuccessUpdateEmail moves it from Drafts to Sent and drops $draft;
 *  3. an answer that says yes or no settles it; no answer (timeout, broken connection, 5xx) leaves
 *     it `sending`, and the next attempt first asks the server: a submission for the email, or
 *     the email no longer a draft, means it was sent. Only a message still sitting in Drafts as a
 *     draft is submitted again. If the email is gone and no sent copy carries the Message-ID, the
 *     send is not repeated: the user is told to look in Sent.
 */
import type { JmapClient } from '../jmap/client';
import { JmapError, JmapMethodError } from '../jmap/errors';
import { SUBMISSION, type GetResponse, type QueryResponse, type SetResponse } from '../jmap/types';
import type { MailDB } from '../store/db';
import { allRecipients } from '../store/drafts';
import { recordEmailPatch } from '../store/mutations';
import type { DraftRow } from '../store/rows';
import { draftEmail } from './draft-email';
import { checkServerLimits, copiesIn, destroyEmails, DraftRefusedError, draftsMailbox, forget, replaceServerCopy } from './drafts';
import { refreshIdentities } from './identities';

/** Shown (translated) when a send cannot be confirmed either way. */
export const UNCONFIRMED_SEND = '@unconfirmed';

export async function sendDraft(db: MailDB, client: JmapClient, draft: DraftRow, now: number): Promise<boolean> {
  if (!(SUBMISSION in client.session.capabilities)) throw new DraftRefusedError('The server does not offer sending (urn:ietf:params:jmap:submission)');
  // Everything that may refuse comes before the copy is made: a copy not yet recorded on the
  // row would be left behind in Drafts.
  checkServerLimits(client, draft);
  const identityId = await identityFor(db, client, draft);
  const emailId = await replaceServerCopy(db, client, draft, true);
  const claimed = await db.transaction('rw', db.drafts, async () => {
    const row = await db.drafts.get(draft.id);
    if (!row) return null;
    if (row.status !== 'queued' || row.version !== draft.version) {
      // Undone (or edited) while the copy was being made: it is the draft's server copy now, but
      // without Bcc, so a draft with Bcc is saved again.
      await db.drafts.put({ ...row, serverEmailId: emailId, savedVersion: row.bcc.length ? 0 : draft.version });
      return false;
    }
    await db.drafts.put({ ...row, identityId, status: 'sending', serverEmailId: emailId, savedVersion: draft.version, attempts: 0, nextAttemptAt: now, error: null });
    return true;
  });
  if (claimed === null) await destroyEmails(client, [emailId]); // discarded meanwhile
  if (!claimed) return false;
  return submit(db, client, { ...draft, identityId, serverEmailId: emailId });
}

async function submit(db: MailDB, client: JmapClient, draft: DraftRow): Promise<boolean> {
  const emailId = draft.serverEmailId!;
  const [drafts, sent] = [await draftsMailbox(db, draft.accountId, 'drafts'), await draftsMailbox(db, draft.accountId, 'sent')];
  const batch = client.batch();
  const set = batch.add<SetResponse<{ id: string }>>('EmailSubmission/set', {
    create: {
      send: {
        emailId,
        identityId: draft.identityId,
        envelope: { mailFrom: { email: draft.from.email, parameters: null }, rcptTo: allRecipients(draft).map((r) => ({ email: r.email, parameters: null })) },
      },
    },
    onSuccessUpdateEmail: { '#send': { [`mailboxIds/${drafts}`]: null, [`mailboxIds/${sent}`]: true, 'keywords/$draft': null } },
  });
  let response: SetResponse<{ id: string }>;
  try {
    response = (await batch.send()).get(set);
  } catch (error) {
    // Refused before anything was done: the whole request (4xx) or the method.
    if (error instanceof JmapMethodError || (error instanceof JmapError && error.code === 'request')) throw new DraftRefusedError(error.message);
    // Credentials refused: the request was not processed, so it may simply go again later.
    if (error instanceof JmapError && error.code === 'auth') await db.drafts.update(draft.id, { status: 'queued' });
    throw error; // no answer: stays `sending`, and is checked before anything is sent again
  }
  if (response.created?.send) {
    await settleSent(db, client, draft);
    return true;
  }
  const refusal = response.notCreated?.send;
  throw new DraftRefusedError(refusal ? `${refusal.type}${refusal.description ? `: ${refusal.description}` : ''}` : 'EmailSubmission/set created nothing');
}

/** After a send whose answer was lost: was it sent? Sends again only when it clearly was not. */
export async function verifySending(db: MailDB, client: JmapClient, draft: DraftRow, now: number): Promise<boolean> {
  const emailId = draft.serverEmailId!;
  const sent = await draftsMailbox(db, draft.accountId, 'sent');
  const batch = client.batch();
  const get = batch.add<GetResponse<{ id: string; keywords: Record<string, boolean>; mailboxIds: Record<string, boolean> }>>('Email/get', { ids: [emailId], properties: ['keywords', 'mailboxIds'] });
  const query = batch.add<QueryResponse>('EmailSubmission/query', { filter: { emailIds: [emailId] } });
  const responses = await batch.send();
  const [email] = responses.get(get).list;
  let submitted = false;
  try {
    submitted = responses.get(query).ids.length > 0;
  } catch (error) {
    // Servers that keep no submissions (Cyrus deletes them on send) may refuse the query.
    if (!(error instanceof JmapMethodError)) throw error;
  }
  if (submitted || (email && (!email.keywords.$draft || email.mailboxIds[sent]))) {
    await settleSent(db, client, draft);
    return true;
  }
  if (email) {
    // Still a draft in Drafts: the submission never happened.
    await db.drafts.update(draft.id, { status: 'queued', nextAttemptAt: 0 });
    return sendDraft(db, client, { ...draft, status: 'queued' }, now);
  }
  if (await sentCopyExists(client, draft.messageId)) {
    await settleSent(db, client, draft);
    return true;
  }
  throw new DraftRefusedError(UNCONFIRMED_SEND);
}

async function sentCopyExists(client: JmapClient, messageId: string): Promise<boolean> {
  const batch = client.batch();
  const query = batch.add<QueryResponse>('Email/query', { filter: { header: ['Message-ID', `<${messageId}>`] } });
  const get = batch.add<GetResponse<{ keywords: Record<string, boolean> }>>('Email/get', { '#ids': query.ref('/ids'), properties: ['keywords'] });
  return (await batch.send()).get(get).list.some((email) => !email.keywords.$draft);
}

/**
 * Sent: the Sent copy gets its Bcc line back, the draft goes, and the message it answers or
 * forwards is marked so. Until the first step is done the row stays `sending`, so a lost answer
 * brings the next run back here (through verifySending), not to a second send.
 */
async function settleSent(db: MailDB, client: JmapClient, draft: DraftRow): Promise<void> {
  await keepBccInSent(db, client, draft);
  await forget(db, draft.id);
  if (draft.source) {
    const keyword = draft.source.kind === 'reply' ? '$answered' : '$forwarded';
    await recordEmailPatch(db, draft.accountId, [draft.source.emailId], { [`keywords/${keyword}`]: true });
  }
}

/**
 * The submitted message has no Bcc header (the others must not see it); the sender's Sent copy
 * should say whom it went to. The copy is replaced by one with the Bcc line: every email in Sent
 * with the draft's Message-ID goes in the same request, so doing this twice leaves one copy.
 */
async function keepBccInSent(db: MailDB, client: JmapClient, sentDraft: DraftRow): Promise<void> {
  if (!sentDraft.bcc.length) return;
  // The row as stored: it has the blob ids of the files uploaded on the way.
  const draft = (await db.drafts.get(sentDraft.id)) ?? sentDraft;
  const sent = await draftsMailbox(db, draft.accountId, 'sent');
  const copy = draftEmail(draft, { drafts: sent }, { forSending: false });
  copy.keywords = Object.fromEntries([['$seen', true], ...draft.keywords.map((k) => [k, true])]);
  // The submitted email by id too: a search index may not list it yet.
  const previous = new Set([...(await copiesIn(client, sent, draft.messageId)), ...(draft.serverEmailId ? [draft.serverEmailId] : [])]);
  const create = client.batch();
  const made = create.add<SetResponse<{ id: string }>>('Email/set', { create: { copy } });
  // Refused: not an error to show: the message was sent and Sent keeps its copy, only without
  // the Bcc line. The old copies go only once the new one exists.
  if (!(await create.send()).get(made).created?.copy) return;
  await destroyEmails(client, [...previous]);
}

/** The identity named, or the one whose address is the From address, or the first. */
async function identityFor(db: MailDB, client: JmapClient, draft: DraftRow): Promise<string> {
  let identities = await db.identities.where('accountId').equals(draft.accountId).toArray();
  if (draft.identityId && identities.some((i) => i.id === draft.identityId)) return draft.identityId;
  if (!identities.length) identities = await refreshIdentities(db, client, draft.accountId);
  const from = draft.from.email.toLowerCase();
  const identity = identities.find((i) => i.email.toLowerCase() === from) ?? identities[0];
  if (!identity) throw new DraftRefusedError('The server lists no identity to send as');
  return identity.id;
}
