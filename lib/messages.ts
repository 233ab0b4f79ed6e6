/**
 * The typed protocol between extension pages and the background worker. Pages send intents;
 * only the background talks to the network. The background validates every request (shape and
 * sender) and denies anything unknown.
 */
import type { NewAccountInput } from './accounts/add-account';
import type { EmailPatches, ThreadChange } from './store/mutations';

const THREAD_CHANGES: readonly ThreadChange[] = ['read', 'unread', 'flag', 'unflag', 'trash', 'junk', 'archive', 'inbox'];
const PATCH_PATH = /^(keywords|mailboxIds)\/[^/]+$/;

/** Patches as undo sends them: keyword and mailbox paths only, set (true) or removed (null). */
function isEmailPatches(value: unknown): value is EmailPatches {
  if (!value || typeof value !== 'object') return false;
  const patches = Object.values(value as Record<string, unknown>);
  return (
    patches.length <= MAX_BODIES_PER_REQUEST &&
    patches.every((patch) => !!patch && typeof patch === 'object' && Object.entries(patch).every(([path, v]) => PATCH_PATH.test(path) && (v === true || v === null)))
  );
}

export type BackgroundRequest =
  | { type: 'addAccount'; input: NewAccountInput }
  | { type: 'syncNow'; accountId?: string }
  | { type: 'changeThread'; accountId: string; threadId: string; change: ThreadChange; mailboxId?: string }
  | { type: 'patchEmails'; accountId: string; patches: EmailPatches }
  | { type: 'dismissFailedChanges' }
  | { type: 'loadBodies'; accountId: string; emailIds: string[] }
  | { type: 'fetchAttachment'; accountId: string; blobId: string; mediaType: string };

export interface ErrorInfo {
  code: string;
  message: string;
}

export type BackgroundReply = { ok: true; accountId?: string; undo?: EmailPatches } | { ok: false; error: ErrorInfo };

/** The name of the port a popup or mail tab holds open while it is showing ("live" sync). */
export const LIVE_PORT = 'live-view';

const isString = (v: unknown): v is string => typeof v === 'string';

/** A conversation's bodies come in one request; more than this is not a conversation. */
export const MAX_BODIES_PER_REQUEST = 500;

export function parseRequest(value: unknown): BackgroundRequest | null {
  if (!value || typeof value !== 'object') return null;
  const request = value as Record<string, unknown>;
  switch (request.type) {
    case 'addAccount': {
      const input = request.input as Record<string, unknown> | undefined;
      if (!input || !isString(input.email) || !isString(input.secret)) return null;
      const optional = ['name', 'sessionUrl', 'username'] as const;
      if (optional.some((k) => input[k] !== undefined && !isString(input[k]))) return null;
      if (input.authKind !== undefined && input.authKind !== 'basic' && input.authKind !== 'bearer') return null;
      return { type: 'addAccount', input: input as unknown as NewAccountInput };
    }
    case 'syncNow':
      return request.accountId === undefined || isString(request.accountId) ? { type: 'syncNow', accountId: request.accountId as string | undefined } : null;
    case 'changeThread':
      return isString(request.accountId) && isString(request.threadId) && THREAD_CHANGES.includes(request.change as ThreadChange) && (request.mailboxId === undefined || isString(request.mailboxId))
        ? { type: 'changeThread', accountId: request.accountId, threadId: request.threadId, change: request.change as ThreadChange, mailboxId: request.mailboxId as string | undefined }
        : null;
    case 'patchEmails':
      return isString(request.accountId) && isEmailPatches(request.patches) ? { type: 'patchEmails', accountId: request.accountId, patches: request.patches } : null;
    case 'dismissFailedChanges':
      return { type: 'dismissFailedChanges' };
    case 'loadBodies': {
      const ids = request.emailIds;
      const valid = isString(request.accountId) && Array.isArray(ids) && ids.length <= MAX_BODIES_PER_REQUEST && ids.every(isString);
      return valid ? { type: 'loadBodies', accountId: request.accountId as string, emailIds: ids as string[] } : null;
    }
    case 'fetchAttachment':
      return isString(request.accountId) && isString(request.blobId) && isString(request.mediaType)
        ? { type: 'fetchAttachment', accountId: request.accountId, blobId: request.blobId, mediaType: request.mediaType }
        : null;
    default:
      return null;
  }
}
