/**
 * New-mail desktop notifications: at most one per account and sync run (lib/store/new-mail.ts
 * decides what is new), replacing that account's previous one. The notification's id carries where
 * a click leads, so a worker started by the click itself needs nothing remembered:
 *
 *     "new-mail <accountId> <mail tab route>"    one conversation → #/thread/…, several → the inbox
 */
import type { EmailRow } from './store/rows';
import type { NewMail } from './store/new-mail';
import { t, type MessageKey } from './i18n/t';

const PREFIX = 'new-mail';

export interface NewMailOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  contextMessage: string;
  eventTime: number;
  silent?: boolean;
}

/** The part of `browser.notifications` used here (Chrome's and Firefox's share it). */
export interface NotificationsApi {
  create(id: string, options: NewMailOptions): Promise<string>;
  clear(id: string): Promise<boolean>;
  /** The ids of the notifications still shown, as the keys of an object. */
  getAll(): Promise<object>;
}

export interface NotifyOptions {
  sound: boolean;
  iconUrl: string;
  /**
   * Whether the browser knows `silent` (Chrome 70+). Firefox's notifications have no such option
   * (they follow the system's sound setting) and its schema refuses properties it does not list,
   * so it is left out there rather than passed and ignored.
   */
  canSilence: boolean;
  translate?: (key: MessageKey, ...substitutions: Array<string | number>) => string;
}

/** Where a click on the notification leads in the mail tab. */
export function newMailRoute(mail: NewMail): string {
  const account = encodeURIComponent(mail.accountId);
  return mail.threadIds.length === 1 ? `/thread/${account}/${encodeURIComponent(mail.threadIds[0])}` : `/mailbox/${account}/${encodeURIComponent(mail.inboxId)}`;
}

export function newMailNotificationId(mail: NewMail): string {
  return `${PREFIX} ${mail.accountId} ${newMailRoute(mail)}`;
}

/** The mail tab route of one of our notification ids; null for anything else. */
export function routeOfNotification(id: string): string | null {
  const match = /^new-mail \S+ (\/(?:thread|mailbox)\/[^\s/]+\/[^\s/]+)$/.exec(id);
  return match ? match[1] : null;
}

function senderName(email: EmailRow): string {
  const from = email.from?.[0];
  return from?.name?.trim() || from?.email || '';
}

/** "N new messages" (or "New message"), the newest one's sender and subject, and the account. */
export function newMailNotification(mail: NewMail, accountAddress: string, options: NotifyOptions, now = Date.now()): NewMailOptions {
  const translate = options.translate ?? t;
  const newest = mail.emails[0];
  const count = mail.emails.length;
  const sender = senderName(newest);
  const subject = newest.subject.trim() || translate('noSubject');
  return {
    type: 'basic',
    iconUrl: options.iconUrl,
    title: count === 1 ? translate('notifyNewMessage') : translate('notifyNewMessages', count),
    message: sender ? `${sender}: ${subject}` : subject,
    contextMessage: accountAddress,
    eventTime: Math.min(now, newest.receivedAt),
    ...(options.canSilence ? { silent: !options.sound } : {}),
  };
}

/** Shows the account's new mail, replacing the notification of its previous run if still shown. */
export async function showNewMail(api: NotificationsApi, mail: NewMail, accountAddress: string, options: NotifyOptions): Promise<string> {
  const own = `${PREFIX} ${mail.accountId} `;
  const id = newMailNotificationId(mail);
  for (const shown of Object.keys(await api.getAll())) if (shown.startsWith(own) && shown !== id) await api.clear(shown);
  return api.create(id, newMailNotification(mail, accountAddress, options));
}
