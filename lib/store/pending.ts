/**
 * Pending local changes laid over stored emails. Stored emails keep the server's values; a user
 * action adds one PendingChangeRow (lib/store/mutations.ts) and rewrites only the thread rows,
 * which are derived from what the user sees. Every reader that shows or acts on an email's
 * keywords or mailboxes reads it through here; the outbox (lib/sync/outbox.ts) is the one that
 * folds a change into the stored email, once the server has it. Emails deleted forever leave the
 * store at once; until the server confirms, server data for them is not stored (`destroyedLocally`).
 */
import type { MailDB } from './db';
import { applyPatch, type EmailPatch } from './patch';
import type { EmailRow, PendingChangeRow } from './rows';

/** Per email id, what the pending changes set (a later change wins over an earlier one). */
export type PendingPatches = Map<string, EmailPatch>;

/** Merges changes, oldest first, into one patch per email. */
export function mergeChanges(changes: Iterable<PendingChangeRow>): PendingPatches {
  const merged: PendingPatches = new Map();
  for (const change of changes) {
    for (const [emailId, patch] of Object.entries(change.patches)) merged.set(emailId, { ...merged.get(emailId), ...patch });
  }
  return merged;
}

/** An account's pending changes, oldest first. A few rows: one per action not yet sent. */
export async function pendingChanges(db: MailDB, accountId: string): Promise<PendingChangeRow[]> {
  const rows = await db.pendingChanges.where('accountId').equals(accountId).toArray();
  return [...rows].sort((a, b) => a.seq! - b.seq!);
}

export async function pendingPatches(db: MailDB, accountId: string): Promise<PendingPatches> {
  return mergeChanges(await pendingChanges(db, accountId));
}

/** Stored rows as the user sees them. Returns the same array when nothing is pending for them. */
export function overlay(rows: EmailRow[], patches: PendingPatches): EmailRow[] {
  if (!patches.size || !rows.some((row) => patches.has(row.id))) return rows;
  return rows.map((row) => (patches.has(row.id) ? applyPatch(row, patches.get(row.id)!) : row));
}

/** Stored rows of an account as the user sees them, reading its pending changes. */
export async function overlayPending(db: MailDB, accountId: string, rows: EmailRow[]): Promise<EmailRow[]> {
  return rows.length ? overlay(rows, await pendingPatches(db, accountId)) : rows;
}

/** Emails the user deleted forever whose destroy is not sent yet: whatever the server still says of them is not stored. */
export async function destroyedLocally(db: MailDB, accountId: string, emailIds: string[]): Promise<Set<string>> {
  if (!emailIds.length || !(await db.pendingMutations.where('accountId').equals(accountId).count())) return new Set();
  const rows = await db.pendingMutations.where('[accountId+emailId]').anyOf(emailIds.map((id) => [accountId, id])).toArray();
  // A refused destroy (status failed) was rolled back: the email is back.
  return new Set(rows.filter((p) => p.status === 'pending' && p.destroyed).map((p) => p.emailId));
}
