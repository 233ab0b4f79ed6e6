/**
 * The user's scalar preferences, their defaults, and what counts as a valid value. A value read
 * from the document that is missing or invalid (written by a newer or broken version) reads as the
 * default, so callers always get a well-typed value.
 */

export type Theme = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';
/** What the toolbar popup lists. */
export type PopupView = 'unread' | 'inboxes';

export interface Preferences {
  /** Load remote images in every message, not only from trusted senders. */
  alwaysShowImages: boolean;
  groupConversations: boolean;
  markReadOnOpen: boolean;
  /** The address of the account new mail is sent from (local account ids differ per browser). */
  defaultSender: string | null;
  notifyNewMail: boolean;
  notifySound: boolean;
  popupView: PopupView;
  /** The unread count on the toolbar icon. */
  showBadge: boolean;
  /** Open mailto: links in the extension's compose window. */
  handleMailto: boolean;
  keyboardShortcuts: boolean;
  theme: Theme;
  density: Density;
}

type Check<T> = (value: unknown) => value is T;

const isBoolean: Check<boolean> = (value): value is boolean => typeof value === 'boolean';
const oneOf =
  <T extends string>(...values: T[]): Check<T> =>
  (value): value is T =>
    values.includes(value as T);
const isAddressOrNull: Check<string | null> = (value): value is string | null => value === null || (typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value));

export const PREFERENCE_DEFAULTS: Readonly<Preferences> = Object.freeze({
  alwaysShowImages: false,
  groupConversations: true,
  markReadOnOpen: true,
  defaultSender: null,
  notifyNewMail: true,
  notifySound: false,
  popupView: 'unread',
  showBadge: true,
  handleMailto: false,
  keyboardShortcuts: true,
  theme: 'system',
  density: 'comfortable',
});

const CHECKS: { [K in keyof Preferences]: Check<Preferences[K]> } = {
  alwaysShowImages: isBoolean,
  groupConversations: isBoolean,
  markReadOnOpen: isBoolean,
  defaultSender: isAddressOrNull,
  notifyNewMail: isBoolean,
  notifySound: isBoolean,
  popupView: oneOf('unread', 'inboxes'),
  showBadge: isBoolean,
  handleMailto: isBoolean,
  keyboardShortcuts: isBoolean,
  theme: oneOf('system', 'light', 'dark'),
  density: oneOf('comfortable', 'compact'),
};

export const PREFERENCE_KEYS = Object.keys(CHECKS) as Array<keyof Preferences>;

export function isValidPreference<K extends keyof Preferences>(key: K, value: unknown): value is Preferences[K] {
  return CHECKS[key](value);
}
