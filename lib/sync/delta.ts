/**
 * Delta sync (RFC 8620 §5.2, RFC 8621): one request per round with Mailbox/changes, Email/changes
 * and Thread/changes and the gets they imply (back-references), looping while hasMoreChanges.
 * Created emails are fetched whole, updated ones only for keywords and mailboxIds (the only
 * mutable properties). A round that reports more changes without moving the state is treated as
 * cannotCalculateChanges, which triggers a full revalidation (lib/sync/reconcile.ts).
 */
import type { CallHandle, JmapClient, ResponseSet } from '../jmap/client';
import { isMethodError } from '../jmap/errors';
import {
  EMAIL_HEADER_GET,
  EMAIL_MUTABLE_PROPERTIES,
  type ChangesResponse,
  type EmailHeaders,
  type EmailMutable,
  type GetResponse,
  type Mailbox,
  type Thread,
} from '../jmap/types';
import { emailRow, mailboxRow } from '../store/convert';
import type { MailDB } from '../store/db';
import type { MailboxRow } from '../store/rows';
import { applyEmailChanges, applyMailboxChanges, getSyncState, setSyncState } from '../store/mail-writes';
import { emptyGetState, fetchEmailRows } from './fetch-emails';
import { reconcileEmails } from './reconcile';
import { syncMailboxesFully } from './initial';

export const MAX_CHANGES = 500;
/** Safety cap on rounds per delta sync; the next sync goes on from the stored states. */
const MAX_ROUNDS = 200;

export interface DeltaResult {
  emailsChanged: number;
  mailboxesChanged: number;
  resynced: Array<'Mailbox' | 'Email' | 'Thread'>;
}

function tryGet<T>(responses: ResponseSet, handle: CallHandle<T>): { value?: T; cannotCalculate?: boolean } {
  try {
    return { value: responses.get(handle) };
  } catch (error) {
    if (isMethodError(error, 'cannotCalculateChanges')) return { cannotCalculate: true };
    throw error;
  }
}

export async function deltaSync(db: MailDB, client: JmapClient, accountId: string): Promise<DeltaResult> {
  const result: DeltaResult = { emailsChanged: 0, mailboxesChanged: 0, resynced: [] };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [mailboxState, emailState, threadState] = await Promise.all([
      getSyncState(db, accountId, 'Mailbox'),
      getSyncState(db, accountId, 'Email'),
      getSyncState(db, accountId, 'Thread'),
    ]);
    // One request when the server allows 7 calls in it, else one per data type.
    const single = client.limits.maxCallsInRequest >= 7;
    const batch = client.batch();
    const emailBatch = single ? batch : client.batch();
    const threadBatch = single ? batch : client.batch();
    const mailboxChanges = mailboxState ? batch.add<ChangesResponse>('Mailbox/changes', { sinceState: mailboxState }) : null;
    const mailboxCreated = mailboxChanges && batch.add<GetResponse<Mailbox>>('Mailbox/get', { '#ids': mailboxChanges.ref('/created') });
    const mailboxUpdated =
      mailboxChanges &&
      batch.add<GetResponse<Mailbox>>('Mailbox/get', { '#ids': mailboxChanges.ref('/updated'), '#properties': mailboxChanges.ref('/updatedProperties') });
    const emailChanges = emailState ? emailBatch.add<ChangesResponse>('Email/changes', { sinceState: emailState, maxChanges: MAX_CHANGES }) : null;
    const emailCreated = emailChanges && emailBatch.add<GetResponse<EmailHeaders>>('Email/get', { '#ids': emailChanges.ref('/created'), ...EMAIL_HEADER_GET });
    const emailUpdated = emailChanges && emailBatch.add<GetResponse<EmailMutable>>('Email/get', { '#ids': emailChanges.ref('/updated'), properties: EMAIL_MUTABLE_PROPERTIES });
    const threadChanges = threadState ? threadBatch.add<ChangesResponse>('Thread/changes', { sinceState: threadState, maxChanges: MAX_CHANGES }) : null;
    const [mailboxResponses, emailResponses, threadResponses] = single
      ? await batch.send().then((r) => [r, r, r])
      : await Promise.all([batch.send(), emailBatch.send(), threadBatch.send()]);
    let more = false;

    if (mailboxChanges && mailboxCreated && mailboxUpdated) {
      const changes = tryGet(mailboxResponses, mailboxChanges);
      if (changes.cannotCalculate || stuck(changes.value)) {
        await syncMailboxesFully(db, client, accountId);
        result.resynced.push('Mailbox');
      } else if (changes.value && changes.value.newState !== mailboxState) {
        const created = mailboxResponses.get(mailboxCreated).list;
        const updated = mailboxResponses.get(mailboxUpdated).list;
        const partial = changes.value.updatedProperties != null;
        await applyMailboxChanges(db, accountId, {
          upserted: [...created, ...(partial ? [] : updated)].map((m) => mailboxRow(accountId, m)),
          patched: partial ? updated.map((m) => ({ ...m }) as Partial<MailboxRow> & { id: string }) : [],
          destroyed: changes.value.destroyed,
          oldState: mailboxState,
          newState: changes.value.newState,
        });
        result.mailboxesChanged += created.length + updated.length + changes.value.destroyed.length;
        more ||= changes.value.hasMoreChanges;
      }
    }

    if (emailChanges && emailCreated && emailUpdated) {
      const changes = tryGet(emailResponses, emailChanges);
      if (changes.cannotCalculate || stuck(changes.value)) {
        await reconcileEmails(db, client, accountId);
        result.resynced.push('Email');
      } else if (changes.value && changes.value.newState !== emailState) {
        const created = emailResponses.get(emailCreated).list.map((e) => emailRow(accountId, e));
        const updated = emailResponses.get(emailUpdated).list;
        await applyEmailChanges(db, accountId, {
          created,
          updated,
          destroyed: changes.value.destroyed,
          oldState: emailState,
          newState: changes.value.newState,
        });
        result.emailsChanged += created.length + updated.length + changes.value.destroyed.length;
        more ||= changes.value.hasMoreChanges;
      }
    }

    if (threadChanges) {
      const changes = tryGet(threadResponses, threadChanges);
      if (changes.cannotCalculate || stuck(changes.value)) {
        // Threads are derived from emails locally; only the state needs resetting.
        await setSyncState(db, accountId, 'Thread', await emptyGetState(client, 'Thread'));
        result.resynced.push('Thread');
      } else if (changes.value && changes.value.newState !== threadState) {
        result.emailsChanged += await fetchMissingThreadEmails(db, client, accountId, [...changes.value.created, ...changes.value.updated]);
        await setSyncState(db, accountId, 'Thread', changes.value.newState);
        more ||= changes.value.hasMoreChanges;
      }
    }
    if (!more) return result;
  }
  return result;
}

/** hasMoreChanges without progress: the server cannot page these changes (iNPUTmice/jmap#47). */
function stuck(changes: ChangesResponse | undefined): boolean {
  return !!changes && changes.hasMoreChanges && changes.newState === changes.oldState;
}

/** A changed thread may list emails we never saw (e.g. after a server-side thread merge). */
async function fetchMissingThreadEmails(db: MailDB, client: JmapClient, accountId: string, threadIds: string[]): Promise<number> {
  if (!threadIds.length) return 0;
  const threads = await client.getAll<Thread>('Thread', threadIds);
  const emailIds = threads.list.flatMap((t) => t.emailIds);
  const stored = await db.emails.bulkGet(emailIds.map((id) => [accountId, id] as [string, string]));
  const missing = emailIds.filter((_, i) => !stored[i]);
  if (!missing.length) return 0;
  const rows = await fetchEmailRows(client, accountId, missing);
  await applyEmailChanges(db, accountId, { created: rows, updated: [], destroyed: [] });
  return rows.length;
}
