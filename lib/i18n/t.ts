/**
 * Translated UI text. Strings live in public/_locales/<lang>/messages.json (English and Russian);
 * the browser picks the language. Keys are typed from the English file.
 */
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  // An empty answer means a missing key: show the key so the gap is visible, not blank UI.
  return text || key;
}

/** The translated message for an error code from the background (see lib/messages.ts). */
export function errorText(code: string): string {
  const key = `error_${code}` as MessageKey;
  const text = browser.i18n.getMessage(key);
  return text || browser.i18n.getMessage('error_internal') || code;
}
