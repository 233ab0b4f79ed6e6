/**
 * The autoreply form in the user's terms (whole days in their time zone, the last day included)
 * and the VacationResponse's (UTC instants, the end excluded). A day starts at local midnight, so
 * "last day 5 December" ends at the first instant of 6 December here. The message is edited as
 * rich text, with its plain-text version kept alongside.
 */
import { textToHtml } from '@/lib/mime/delta-to-text';
import type { Autoreply } from '@/lib/settings/autoreplies';

export interface AutoreplyForm {
  isEnabled: boolean;
  /** `YYYY-MM-DD`, as an `<input type="date">` gives it. */
  firstDay: string;
  /** `YYYY-MM-DD`, or '' for no end. */
  lastDay: string;
  subject: string;
  /** The editor's HTML and its plain-text version (RichEditor gives both). */
  html: string;
  text: string;
  addSignature: boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The UTCDate of local midnight starting `day` plus `offsetDays`; null when `day` is not a date. */
function midnight(day: string, offsetDays: number): string | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offsetDays);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A day that is not a date becomes an impossible UTCDate rather than "none", so that saving
 * says the date is wrong instead of silently dropping it. `clean` sanitises the HTML (the page
 * passes lib/security/user-html.ts `cleanUserHtml`, which needs a DOM): '' from it means no message.
 */
export function formToAutoreply(form: AutoreplyForm, clean: (html: string) => string = (html) => html): Autoreply {
  const fromDate = midnight(form.firstDay, 0) ?? (form.firstDay ? form.firstDay : null);
  const toDate = form.lastDay ? (midnight(form.lastDay, 1) ?? form.lastDay) : null;
  const htmlBody = clean(form.html) || null;
  return { isEnabled: form.isEnabled, fromDate, toDate, subject: form.subject.trim(), textBody: form.text, htmlBody, addSignature: form.addSignature };
}

/** No start date reads as today: the form always shows when replies begin. */
export function autoreplyToForm(autoreply: Autoreply, now: Date): AutoreplyForm {
  return {
    isEnabled: autoreply.isEnabled,
    firstDay: autoreply.fromDate ? dayOf(new Date(autoreply.fromDate)) : dayOf(now),
    // The end is exclusive: its last day is the one holding the instant just before it.
    lastDay: autoreply.toDate ? dayOf(new Date(Date.parse(autoreply.toDate) - 1)) : '',
    subject: autoreply.subject,
    // A text-only message (from before rich text, or set elsewhere) opens as the same lines.
    html: autoreply.htmlBody ?? textToHtml(autoreply.textBody),
    text: autoreply.textBody,
    addSignature: autoreply.addSignature,
  };
}

/** The last day a UTCDate end leaves replying, for the banner. */
export function lastDayOf(toDate: string): Date {
  return new Date(Date.parse(toDate) - 1);
}
