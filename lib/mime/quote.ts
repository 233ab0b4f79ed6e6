/**
 * The quoted original under a reply, and the header block above a forwarded message. Every
 * user-visible word (the "wrote:" sentence, "Forwarded message", the field names) comes from the
 * caller, so that it can be translated; this module only supplies the values and the layout.
 * Plain-text quoting follows RFC 3676 §4.5: a quoted line starts with ">", and a line that is
 * already quoted gets one more ">" without a space, so that the depth stays countable.
 */
import type { EmailAddress } from '../jmap/types';
import { escapeHtml } from './escape';

/** "Name <email>", or the bare email when there is no name worth showing. */
function formatAddress(address: EmailAddress): string {
  const name = (address.name ?? '').trim();
  return name && name !== address.email ? `${name} <${address.email}>` : address.email;
}

function formatAddresses(addresses: EmailAddress[] | null): string {
  return (addresses ?? []).map(formatAddress).join(', ');
}

/** The date as quote attributions and forward headers show it, e.g. "29 Nov 2026, 21:12" in en-GB. */
export function formatQuoteDate(date: number, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    // A malformed locale tag ("en_US") throws; a date in the runtime's locale beats no reply at all.
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/**
 * The values for a translated "On {date}, {sender} wrote:". `sender` is "" when the original has no
 * From, so that the caller can pick a sentence without one.
 */
export function attributionParts(date: number, from: EmailAddress | null, locale: string): { date: string; sender: string } {
  return { date: formatQuoteDate(date, locale), sender: from ? formatAddress(from) : '' };
}

/**
 * Every line of `text` quoted. An empty line becomes ">" rather than "> ": in format=flowed a
 * trailing space would join it to the next line. Trailing line breaks are dropped so that the
 * quote does not end in empty ">" lines.
 */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' || line.startsWith('>') ? `>${line}` : `> ${line}`))
    .join('\n');
}

/**
 * The original's HTML under its attribution, in the <blockquote type="cite"> that Thunderbird,
 * Apple Mail and our own reader (lib/security/quotes.ts) recognise as a quote. Both arguments are
 * inserted as they are: `sanitisedHtml` must already have been through the sanitiser and
 * `attributionHtml` must be escaped (escapeHtml) by the caller.
 */
export function quoteHtml(sanitisedHtml: string, attributionHtml: string): string {
  return `<p>${attributionHtml}</p><blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${sanitisedHtml}</blockquote>`;
}

export interface ForwardFields {
  from: EmailAddress[] | null;
  /** Already formatted, e.g. with formatQuoteDate. */
  date: string;
  subject: string;
  to: EmailAddress[] | null;
  cc: EmailAddress[] | null;
}

/** Translated words for the forward header: `title` is e.g. "Forwarded message", the rest field names without a colon. */
export interface ForwardLabels {
  title: string;
  from: string;
  date: string;
  subject: string;
  to: string;
  cc: string;
}

/** The title line, then one "Label: value" line a field, leaving out fields that are empty (usually Cc). */
function forwardLines(fields: ForwardFields, labels: ForwardLabels): string[] {
  const rows: [label: string, value: string][] = [
    [labels.from, formatAddresses(fields.from)],
    [labels.date, fields.date],
    [labels.subject, fields.subject],
    [labels.to, formatAddresses(fields.to)],
    [labels.cc, formatAddresses(fields.cc)],
  ];
  const filled = rows.filter(([, value]) => value.trim() !== '');
  return [`---------- ${labels.title} ----------`, ...filled.map(([label, value]) => `${label}: ${value}`)];
}

/** The "---------- Forwarded message ----------" block for a text/plain forward. */
export function forwardHeaderText(fields: ForwardFields, labels: ForwardLabels): string {
  return forwardLines(fields, labels).join('\n');
}

/** The same block as one HTML paragraph, every label and value escaped. */
export function forwardHeaderHtml(fields: ForwardFields, labels: ForwardLabels): string {
  return `<p>${forwardLines(fields, labels).map(escapeHtml).join('<br>')}</p>`;
}
