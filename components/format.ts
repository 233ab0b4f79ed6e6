/** Display formatting shared by the views, in the browser's UI language. */
import { browser } from 'wxt/browser';
import type { EmailAddress } from '@/lib/jmap/types';

// Creating an Intl formatter costs far more than using one: make each once per page.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'time' | 'day' | 'full'): Intl.DateTimeFormat {
  let format = formatters.get(kind);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time' ? { hour: '2-digit', minute: '2-digit' } : kind === 'day' ? { day: 'numeric', month: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
    format = new Intl.DateTimeFormat(browser.i18n.getUILanguage(), options);
    formatters.set(kind, format);
  }
  return format;
}

/** Time today, date otherwise — as mail lists do. */
export function shortDate(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return formatter(sameDay ? 'time' : 'day').format(date);
}

/** The day alone, e.g. "5 Dec". */
export function dayDate(ms: number): string {
  return formatter('day').format(new Date(ms));
}

export function fullDate(ms: number): string {
  return formatter('full').format(new Date(ms));
}

export function personName(address: EmailAddress): string {
  return address.name?.trim() || address.email;
}

export function addressList(addresses: EmailAddress[] | null): string {
  return (addresses ?? []).map((a) => (a.name ? `${a.name} <${a.email}>` : a.email)).join(', ');
}
