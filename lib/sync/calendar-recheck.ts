/**
 * The one-time recheck of emails stored before schema v4, which knew nothing of invitations
 * (EmailRow.hasCalendar absent, read as 0). The v4 upgrade marks every account that had synced
 * (`SyncStatusRow.calendarRecheck`); its next sync run, once the backfill is done, asks the server
 * for the attachments' types of the stored emails that have attachments and no flag yet, writes
 * the flags, and clears the mark. Emails without attachments are not asked about: a calendar part
 * is always among `attachments`, and Cyrus 3.10 sets `hasAttachment` for every email that has one
 * (also one inline inside multipart/alternative; tests/integration/calendar-flag.test.ts).
 */
import Dexie from 'dexie';
import type { JmapClient } from '../jmap/client';
import { EMAIL_BODY_PROPERTIES, type EmailHeaders } from '../jmap/types';
import { calendarFlag } from '../store/convert';
import type { MailDB } from '../store/db';
import { setCalendarFlags } from '../store/mail-writes';
import type { EmailRow, Flag } from '../store/rows';
import { getStatus, updateStatus } from './status';

/** Rows read per round while looking for unchecked emails; ids asked of the server per round. */
const READ_CHUNK = 2000;
const ASK_CHUNK = 500;

/** Ids of the account's stored emails with attachments whose calendar flag was never set. */
async function uncheckedEmailIds(db: MailDB, accountId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const rows: EmailRow[] = await db.emails
      .where('[accountId+id]')
      .between([accountId, after ?? Dexie.minKey], [accountId, Dexie.maxKey], after === null, true)
      .limit(READ_CHUNK)
      .toArray();
    for (const row of rows) if (row.hasAttachment && row.hasCalendar === undefined) ids.push(row.id);
    if (rows.length < READ_CHUNK) return ids;
    after = rows[rows.length - 1].id;
  }
}

/** Runs the recheck if the account is marked for it; returns how many emails were asked about. */
export async function recheckCalendarFlags(db: MailDB, client: JmapClient, accountId: string): Promise<number> {
  if (!(await getStatus(db, accountId)).calendarRecheck) return 0;
  const ids = await uncheckedEmailIds(db, accountId);
  for (let i = 0; i < ids.length; i += ASK_CHUNK) {
    const chunk = ids.slice(i, i + ASK_CHUNK);
    const response = await client.getAll<Pick<EmailHeaders, 'id' | 'attachments'>>('Email', chunk, ['id', 'attachments'], { bodyProperties: EMAIL_BODY_PROPERTIES });
    // Emails the server no longer has are left alone: the next delta removes them.
    await setCalendarFlags(db, accountId, new Map<string, Flag>(response.list.map((e) => [e.id, calendarFlag(e.attachments)])));
  }
  await updateStatus(db, accountId, { calendarRecheck: false });
  return ids.length;
}
