/**
 * Our own copy of each account's autoreply (JMAP VacationResponse) as the user last saved it, in
 * the synced settings document, keyed by account address (local account ids differ per browser).
 *
 * Why a copy: some servers' VacationResponse/get does not give back what /set stored (Cyrus 3.6
 * always answers the default), so whether the server "reflects" is recorded at every save and the
 * copy is what the settings page shows for those. The mail tab's banner reads the copy too, so it
 * knows at once, offline and without a request.
 *
 * Invariant: every value written passed `autoreplyProblem`; a value read that is not a well-formed
 * copy (written by a newer or broken version) reads as absent.
 */
import type * as Y from 'yjs';

/**
 * What the user sets; dates are RFC 8621 UTCDates, `toDate` exclusive (as the spec has it). The
 * message is the user's alone, never with the signature: that is added to what the server gets
 * at each save (lib/accounts/autoreply.ts), so turning it off or changing the signature works.
 */
export interface Autoreply {
  isEnabled: boolean;
  fromDate: string | null;
  toDate: string | null;
  subject: string;
  /** The plain-text version (the one that must not be empty while on). */
  textBody: string;
  /** The rich message, sanitised by the page that saves it; null: text only (a copy from before rich text, or set elsewhere). */
  htmlBody: string | null;
  /** "Add my signature": the account's signature goes below the message the server sends. */
  addSignature: boolean;
}

export interface SavedAutoreply extends Autoreply {
  /** Whether the server's VacationResponse/get answered what was set, when it was last saved. */
  serverReflects: boolean;
  /** ms since the epoch */
  savedAt: number;
}

/** Also the error codes the page translates (`error_<code>`). */
export type AutoreplyProblem = 'autoreplyEmptyMessage' | 'autoreplyEndBeforeStart' | 'autoreplyInvalidDate' | 'autoreplyInvalidSubject' | 'autoreplyTooLong';

/** RFC 8621 §1.4 UTCDate: `Z` and no fractional seconds. */
const UTC_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 20_000;
/** HTML says the same text in more characters; a pasted data: image does not fit (the editor takes none). */
export const MAX_HTML_LENGTH = 100_000;

const isUtcDate = (value: string | null): boolean => value === null || (UTC_DATE.test(value) && !Number.isNaN(Date.parse(value)));

/** Why this autoreply cannot be saved, or null. Off with an empty message is fine: nothing is sent. */
export function autoreplyProblem(autoreply: Autoreply): AutoreplyProblem | null {
  const { fromDate, toDate, subject, textBody, htmlBody } = autoreply;
  if (!isUtcDate(fromDate) || !isUtcDate(toDate)) return 'autoreplyInvalidDate';
  if (fromDate && toDate && Date.parse(toDate) <= Date.parse(fromDate)) return 'autoreplyEndBeforeStart';
  // A line break would end the reply's Subject header early.
  if (/[\r\n]/.test(subject)) return 'autoreplyInvalidSubject';
  if (subject.length > MAX_SUBJECT_LENGTH || textBody.length > MAX_MESSAGE_LENGTH || (htmlBody?.length ?? 0) > MAX_HTML_LENGTH) return 'autoreplyTooLong';
  if (autoreply.isEnabled && !textBody.trim()) return 'autoreplyEmptyMessage';
  return null;
}

/** Replies go out at `now`: on, started and not yet ended. */
export function isReplying(autoreply: Autoreply, now: number): boolean {
  return autoreply.isEnabled && (!autoreply.toDate || Date.parse(autoreply.toDate) > now);
}

const sameDate = (x: string | null, y: string | null) => (x === null || y === null ? x === y : Date.parse(x) === Date.parse(y));

/** Same on, dates (as instants) and subject: what decides when and under which subject replies go. */
export function sameSchedule(a: Omit<Autoreply, 'textBody' | 'htmlBody' | 'addSignature'>, b: Omit<Autoreply, 'textBody' | 'htmlBody' | 'addSignature'>): boolean {
  return a.isEnabled === b.isEnabled && sameDate(a.fromDate, b.fromDate) && sameDate(a.toDate, b.toDate) && a.subject === b.subject;
}

/** Every field the user sets. */
export function sameAutoreply(a: Autoreply, b: Autoreply): boolean {
  return sameSchedule(a, b) && a.textBody === b.textBody && a.htmlBody === b.htmlBody && a.addSignature === b.addSignature;
}

/** Only the fields of Autoreply, in a fixed order (what is stored and sent, nothing a caller added). */
export function autoreplyFields(value: Autoreply): Autoreply {
  const { isEnabled, fromDate, toDate, subject, textBody, htmlBody, addSignature } = value;
  return { isEnabled, fromDate, toDate, subject, textBody, htmlBody, addSignature };
}

function readSaved(value: unknown): SavedAutoreply | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const dateOrNull = (d: unknown): d is string | null => d === null || typeof d === 'string';
  if (typeof v.isEnabled !== 'boolean' || !dateOrNull(v.fromDate) || !dateOrNull(v.toDate) || typeof v.subject !== 'string' || typeof v.textBody !== 'string') return null;
  if (typeof v.serverReflects !== 'boolean' || typeof v.savedAt !== 'number') return null;
  // A copy from before rich text has neither: it was text only, and no signature was added to it.
  if (!(v.htmlBody === undefined || v.htmlBody === null || typeof v.htmlBody === 'string') || !(v.addSignature === undefined || typeof v.addSignature === 'boolean')) return null;
  const saved: SavedAutoreply = {
    isEnabled: v.isEnabled,
    fromDate: v.fromDate,
    toDate: v.toDate,
    subject: v.subject,
    textBody: v.textBody,
    htmlBody: v.htmlBody ?? null,
    addSignature: v.addSignature ?? false,
    serverReflects: v.serverReflects,
    savedAt: v.savedAt,
  };
  return autoreplyProblem(saved) ? null : saved;
}

const key = (address: string) => address.trim().toLowerCase();

export class Autoreplies {
  constructor(private readonly map: Y.Map<unknown>) {}

  get(address: string): SavedAutoreply | null {
    return readSaved(this.map.get(key(address)));
  }

  save(address: string, saved: SavedAutoreply): void {
    const problem = autoreplyProblem(saved);
    if (problem) throw new TypeError(`Invalid autoreply (${problem})`);
    this.map.set(key(address), { ...autoreplyFields(saved), serverReflects: saved.serverReflects, savedAt: saved.savedAt });
  }

  /** By address, well-formed copies only. */
  all(): Record<string, SavedAutoreply> {
    const all: Record<string, SavedAutoreply> = {};
    for (const address of [...this.map.keys()].sort()) {
      const saved = this.get(address);
      if (saved) all[address] = saved;
    }
    return all;
  }
}
