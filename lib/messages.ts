/**
 * The typed protocol between extension pages and the background worker. Pages send intents;
 * only the background talks to the network. The background validates every request (shape and
 * sender) and denies anything unknown.
 */
import type { NewAccountInput } from './accounts/add-account';
import type { AccountEdit } from './accounts/edit-account';
import type { AutoreplySignature, AutoreplyState } from './accounts/autoreply';
import type { SignatureStore } from './accounts/signatures';
import { isMailtoUrl } from './mime/mailto';
import { SIGNATURE_SEPARATOR_HTML, SIGNATURE_SEPARATOR_TEXT } from './mime/signature';
import { MAX_HTML_LENGTH, MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH, autoreplyFields, type Autoreply } from './settings/autoreplies';
import type { EmailPatches, ThreadChange } from './store/mutations';
import type { FolderChange } from './sync/folders';

const THREAD_CHANGES: readonly string[] = ['read', 'unread', 'flag', 'unflag', 'trash', 'junk', 'archive', 'inbox'];
/** RFC 8621 §4.1.1: keywords are IMAP atoms (RFC 3501 atom-char), 1–255 characters. */
const KEYWORD = /^[\x21-\x7e]{1,255}$/;
const NOT_ATOM = /[(){\]%*"\\]/;
/** The most conversations one bulk action may name (a whole folder goes by emptyMailbox). */
export const MAX_THREADS_PER_REQUEST = 10_000;

export function isKeyword(value: unknown): value is string {
  return typeof value === 'string' && KEYWORD.test(value) && !NOT_ATOM.test(value);
}

function isThreadChange(value: unknown): value is ThreadChange {
  if (typeof value === 'string') return THREAD_CHANGES.includes(value);
  if (!value || typeof value !== 'object') return false;
  const change = value as Record<string, unknown>;
  const keys = Object.keys(change).sort().join();
  return (keys === 'moveTo' && isString(change.moveTo)) || (keys === 'keyword,on' && isKeyword(change.keyword) && typeof change.on === 'boolean');
}

const isParent = (v: unknown): v is string | null => v === null || isString(v);

function isFolderChange(value: unknown): value is FolderChange {
  if (!value || typeof value !== 'object') return false;
  const c = value as Record<string, unknown>;
  switch (c.kind) {
    case 'create':
      return isString(c.name) && isParent(c.parentId);
    case 'rename':
      return isString(c.mailboxId) && isString(c.name);
    case 'move':
      return isString(c.mailboxId) && isParent(c.parentId) && c.parentId !== c.mailboxId;
    case 'delete':
      return isString(c.mailboxId);
    default:
      return false;
  }
}

/** Messages picked one by one (the list shows messages): as many as conversations may be. */
const isOptionalIds = (v: unknown): v is string[] | undefined => v === undefined || isThreadIds(v);

const isThreadIds = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.length <= MAX_THREADS_PER_REQUEST && v.every(isString);
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

const isDateOrNull = (v: unknown): v is string | null => v === null || (isString(v) && v.length <= 40);

/** A signature with a logo as a data: image fits; a page-long one does not belong in every mail. */
export const MAX_SIGNATURE_HTML = 200_000;
export const MAX_SIGNATURE_TEXT = 20_000;

/** The shape only; what the values mean (dates in order, a message when on) is checked where it is saved. */
function isAutoreply(value: unknown): value is Autoreply {
  if (!value || typeof value !== 'object') return false;
  const a = value as Record<string, unknown>;
  return (
    Object.keys(a).sort().join() === 'addSignature,fromDate,htmlBody,isEnabled,subject,textBody,toDate' &&
    typeof a.isEnabled === 'boolean' &&
    isDateOrNull(a.fromDate) &&
    isDateOrNull(a.toDate) &&
    isString(a.subject) &&
    a.subject.length <= MAX_SUBJECT_LENGTH &&
    isString(a.textBody) &&
    a.textBody.length <= MAX_MESSAGE_LENGTH &&
    (a.htmlBody === null || (isString(a.htmlBody) && a.htmlBody.length <= MAX_HTML_LENGTH)) &&
    typeof a.addSignature === 'boolean'
  );
}

/** As the page found it (signatureFor, signatureText): both start with the separator the background looks for when reading back. */
function isAutoreplySignature(value: unknown): value is AutoreplySignature {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return (
    Object.keys(s).sort().join() === 'html,text' &&
    isString(s.html) &&
    s.html.length <= MAX_SIGNATURE_HTML &&
    s.html.startsWith(SIGNATURE_SEPARATOR_HTML) &&
    isString(s.text) &&
    s.text.length <= MAX_SIGNATURE_TEXT &&
    s.text.startsWith(SIGNATURE_SEPARATOR_TEXT.trimEnd())
  );
}

export type BackgroundRequest =
  | { type: 'addAccount'; input: NewAccountInput }
  | { type: 'syncNow'; accountId?: string }
  /** `mailboxId`: the mailbox the conversations are shown in (what a move takes them out of). */
  | { type: 'changeThreads'; accountId: string; threadIds: string[]; change: ThreadChange; mailboxId?: string; emailIds?: string[] }
  /** Delete forever the conversations' emails in this mailbox (Trash or Spam). */
  | { type: 'destroyThreads'; accountId: string; threadIds: string[]; mailboxId: string; emailIds?: string[] }
  | { type: 'emptyMailbox'; accountId: string; mailboxId: string }
  | { type: 'changeFolder'; accountId: string; change: FolderChange }
  /** The server's search: threads matching `text` in these mailboxes (all when empty). */
  | { type: 'searchServer'; accountId: string; text: string; mailboxIds: string[] }
  | { type: 'patchEmails'; accountId: string; patches: EmailPatches }
  | { type: 'dismissFailedChanges' }
  | { type: 'loadBodies'; accountId: string; emailIds: string[] }
  /** A deleted tag: its keyword comes off every message of every account, on the servers too. */
  | { type: 'removeKeyword'; keyword: string }
  | { type: 'editAccount'; accountId: string; edit: AccountEdit }
  /** Disabled: no sync at all; its stored mail stays readable. */
  | { type: 'setAccountDisabled'; accountId: string; disabled: boolean }
  /** Deletes the account and every local row of it (not its mail on the server). */
  | { type: 'removeAccount'; accountId: string }
  | { type: 'fetchAttachment'; accountId: string; blobId: string; mediaType: string }
  /** The message's raw RFC 5322 bytes into the attachment cache, under the blobId answered. */
  | { type: 'fetchMessageSource'; accountId: string; emailId: string }
  /** The account's autoreply (VacationResponse), or our copy where the server's answer is unreliable. */
  | { type: 'getAutoreply'; accountId: string }
  /** `signature`: the account's, added below the message when `autoreply.addSignature` (null: none found). */
  | { type: 'setAutoreply'; accountId: string; autoreply: Autoreply; signature: AutoreplySignature | null }
  /** A draft of the account was written, queued, undone or discarded: the background saves or sends it when due. */
  | { type: 'draftChanged'; accountId: string }
  /** The account's identities (From choices), read from the server into the store. */
  | { type: 'refreshIdentities'; accountId: string }
  /**
   * An identity's signature (`identityId`: the account's address when it has no identities known):
   * on the server's Identity where it can, and always in the synced settings. `html` is sanitised
   * by the page; `text` is its plain-text version.
   */
  | { type: 'setSignature'; accountId: string; identityId: string; html: string; text: string; enabled: boolean };

export interface ErrorInfo {
  code: string;
  message: string;
}

export type BackgroundReply =
  | { ok: true; accountId?: string; undo?: EmailPatches; count?: number; threadIds?: string[]; mailboxId?: string; blobId?: string; autoreply?: AutoreplyState; storedOn?: SignatureStore }
  | { ok: false; error: ErrorInfo };

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
    case 'changeThreads':
      return isString(request.accountId) && isThreadIds(request.threadIds) && isThreadChange(request.change) && (request.mailboxId === undefined || isString(request.mailboxId)) && isOptionalIds(request.emailIds)
        ? { type: 'changeThreads', accountId: request.accountId, threadIds: request.threadIds, change: request.change, mailboxId: request.mailboxId as string | undefined, ...(request.emailIds ? { emailIds: request.emailIds } : {}) }
        : null;
    case 'destroyThreads':
      return isString(request.accountId) && isThreadIds(request.threadIds) && isString(request.mailboxId) && isOptionalIds(request.emailIds)
        ? { type: 'destroyThreads', accountId: request.accountId, threadIds: request.threadIds, mailboxId: request.mailboxId, ...(request.emailIds ? { emailIds: request.emailIds } : {}) }
        : null;
    case 'changeFolder':
      return isString(request.accountId) && isFolderChange(request.change) ? { type: 'changeFolder', accountId: request.accountId, change: request.change } : null;
    case 'searchServer': {
      const { accountId, text, mailboxIds } = request;
      const valid = isString(accountId) && isString(text) && text.trim().length > 0 && text.length <= 500 && Array.isArray(mailboxIds) && mailboxIds.length <= 100 && mailboxIds.every(isString);
      return valid ? { type: 'searchServer', accountId: accountId as string, text: text as string, mailboxIds: mailboxIds as string[] } : null;
    }
    case 'emptyMailbox':
      return isString(request.accountId) && isString(request.mailboxId) ? { type: 'emptyMailbox', accountId: request.accountId, mailboxId: request.mailboxId } : null;
    case 'patchEmails':
      return isString(request.accountId) && isEmailPatches(request.patches) ? { type: 'patchEmails', accountId: request.accountId, patches: request.patches } : null;
    case 'dismissFailedChanges':
      return { type: 'dismissFailedChanges' };
    case 'loadBodies': {
      const ids = request.emailIds;
      const valid = isString(request.accountId) && Array.isArray(ids) && ids.length <= MAX_BODIES_PER_REQUEST && ids.every(isString);
      return valid ? { type: 'loadBodies', accountId: request.accountId as string, emailIds: ids as string[] } : null;
    }
    case 'removeKeyword':
      return isKeyword(request.keyword) ? { type: 'removeKeyword', keyword: request.keyword } : null;
    case 'editAccount': {
      const edit = request.edit as Record<string, unknown> | undefined;
      const valid = isString(request.accountId) && !!edit && (['name', 'secret', 'sessionUrl', 'username'] as const).every((k) => isString(edit[k]));
      return valid ? { type: 'editAccount', accountId: request.accountId as string, edit: edit as unknown as AccountEdit } : null;
    }
    case 'setAccountDisabled':
      return isString(request.accountId) && typeof request.disabled === 'boolean' ? { type: 'setAccountDisabled', accountId: request.accountId, disabled: request.disabled } : null;
    case 'removeAccount':
      return isString(request.accountId) ? { type: 'removeAccount', accountId: request.accountId } : null;
    case 'fetchAttachment':
      return isString(request.accountId) && isString(request.blobId) && isString(request.mediaType)
        ? { type: 'fetchAttachment', accountId: request.accountId, blobId: request.blobId, mediaType: request.mediaType }
        : null;
    case 'fetchMessageSource':
      return isString(request.accountId) && isString(request.emailId) ? { type: 'fetchMessageSource', accountId: request.accountId, emailId: request.emailId } : null;
    case 'getAutoreply':
      return isString(request.accountId) ? { type: 'getAutoreply', accountId: request.accountId } : null;
    case 'setAutoreply': {
      const { autoreply, signature } = request;
      if (!isString(request.accountId) || !isAutoreply(autoreply) || !(signature === null || isAutoreplySignature(signature))) return null;
      return { type: 'setAutoreply', accountId: request.accountId, autoreply: autoreplyFields(autoreply), signature: signature && { html: signature.html, text: signature.text } };
    }
    case 'draftChanged':
    case 'refreshIdentities':
      return isString(request.accountId) ? { type: request.type, accountId: request.accountId } : null;
    case 'setSignature': {
      const { accountId, identityId, html, text, enabled } = request;
      const valid =
        isString(accountId) &&
        isString(identityId) &&
        identityId.length > 0 &&
        identityId.length <= 255 &&
        isString(html) &&
        html.length <= MAX_SIGNATURE_HTML &&
        isString(text) &&
        text.length <= MAX_SIGNATURE_TEXT &&
        typeof enabled === 'boolean';
      return valid ? { type: 'setSignature', accountId: accountId as string, identityId: identityId as string, html: html as string, text: text as string, enabled: enabled as boolean } : null;
    }
    default:
      return null;
  }
}

/**
 * What our content script (entrypoints/mailto-links.content.ts, in web pages) may ask: to open a
 * mailto: link it caught. A separate, smaller protocol: a compromised page can forge these, so
 * nothing a page request may do is reachable from here.
 */
export type ContentScriptRequest = { type: 'openMailto'; url: string };

/** Only `openMailto` with a mailto: URL of bounded length (MAX_MAILTO_LENGTH), nothing more. */
export function parseContentScriptRequest(value: unknown): ContentScriptRequest | null {
  if (!value || typeof value !== 'object') return null;
  const request = value as Record<string, unknown>;
  return request.type === 'openMailto' && Object.keys(request).length === 2 && isMailtoUrl(request.url) ? { type: 'openMailto', url: request.url } : null;
}
