/** Opening the composer from anywhere in the mail tab: a draft is written first, then shown. */
import type { ErrorInfo } from '@/lib/messages';
import { getDb } from '@/lib/store/db';
import { useSettings } from '../settings.svelte';
import { showError } from '../toast.svelte';
import type { EmailRow } from '@/lib/store/rows';
import { parseMailto } from '@/lib/mime/mailto';
import { resumeServerDraft, startDraft, type ComposeKind } from './new-draft';

export function composerHash(draftId: string): string {
  return `/compose/${encodeURIComponent(draftId)}`;
}

/**
 * `emailId`: the original of a reply or forward; `accountId` alone: a new message from that account;
 * `mailto`: a mailto: URL whose fields a new message starts with (one that cannot be read is said
 * so, and the message starts empty).
 */
export async function openComposer(kind: ComposeKind, target: { accountId?: string; emailId?: string; mailto?: string } = {}): Promise<void> {
  const db = getDb();
  try {
    const email = target.accountId && target.emailId ? await db.emails.get([target.accountId, target.emailId]) : undefined;
    const prefill = target.mailto === undefined ? null : parseMailto(target.mailto);
    if (target.mailto !== undefined && !prefill) showError({ code: 'mailtoInvalid', message: target.mailto.slice(0, 100) });
    const id = await startDraft(db, { kind, email, accountId: target.accountId ?? null, prefill, snapshot: useSettings().snapshot });
    location.hash = composerHash(id);
  } catch (error) {
    showError(asErrorInfo(error));
  }
}

function asErrorInfo(error: unknown): ErrorInfo {
  return error && typeof error === 'object' && 'code' in error ? (error as ErrorInfo) : { code: 'internal', message: String(error) };
}

/** A draft from the Drafts folder, opened to go on writing it. */
export async function openServerDraft(email: EmailRow): Promise<void> {
  try {
    location.hash = composerHash(await resumeServerDraft(getDb(), email));
  } catch (error) {
    showError(asErrorInfo(error));
  }
}
