/** Display formatting shared by the views, in the browser's UI language. */
import { browser } from 'wxt/browser';
import type { EmailAddress } from '@/lib/jmap/types';

const language = () => browser.i18n.getUILanguage();

/** Time today, date otherwise — as mail lists do. */
export function shortDate(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(language(), sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' }).format(date);
}

export function fullDate(ms: number): string {
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function personName(address: EmailAddress): string {
  return address.name?.trim() || address.email;
}

export function addressList(addresses: EmailAddress[] | null): string {
  return (addresses ?? []).map((a) => (a.name ? `${a.name} <${a.email}>` : a.email)).join(', ');
}
