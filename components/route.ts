/** The mail tab's routes, kept in the URL hash so that links (from the popup too) open a view. */
export type Route =
  | { name: 'home' }
  | { name: 'inboxes' }
  | { name: 'welcome' }
  | { name: 'add-account' }
  | { name: 'thread'; accountId: string; threadId: string }
  | { name: 'mailbox'; accountId: string; mailboxId: string }
  | { name: 'settings'; section: SettingsSection }
  /** Conversations with a tag (a keyword) in every folder but Trash and Spam, all accounts. */
  | { name: 'tag'; keyword: string }
  /** A draft being written (lib/store/drafts.ts); `compose/new` starts one. */
  | { name: 'compose'; draftId: string }
  /** `mailto`: a mailto: URL whose fields the new draft starts with (`#/compose/new?mailto=<encoded URL>`). */
  | { name: 'compose-new'; accountId: string | null; mailto: string | null }
  | { name: 'outbox' };

export const SETTINGS_SECTIONS = ['general', 'tags', 'accounts', 'autoreply', 'signatures'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

function isSettingsSection(value: string | undefined): value is SettingsSection {
  return SETTINGS_SECTIONS.includes(value as SettingsSection);
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a stray % that is not an escape
  }
}

/**
 * `?mailto=` (made by `mailtoRoute` in lib/mailto-links.ts, or by Firefox's mailto handler from the
 * manifest's `%s`) is read by hand: URLSearchParams would turn an unescaped `+` into a space.
 */
function queryValue(query: string, name: string): string | null {
  const pair = query.split('&').find((p) => p.startsWith(`${name}=`));
  return pair === undefined ? null : decodePart(pair.slice(name.length + 1));
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const question = path.indexOf('?');
  const query = question < 0 ? '' : path.slice(question + 1);
  const parts = (question < 0 ? path : path.slice(0, question)).split('/').map(decodePart);
  if (parts[0] === 'welcome') return { name: 'welcome' };
  if (parts[0] === 'inboxes') return { name: 'inboxes' };
  if (parts[0] === 'add-account') return { name: 'add-account' };
  if (parts[0] === 'thread' && parts[1] && parts[2]) return { name: 'thread', accountId: parts[1], threadId: parts[2] };
  if (parts[0] === 'mailbox' && parts[1] && parts[2]) return { name: 'mailbox', accountId: parts[1], mailboxId: parts[2] };
  if (parts[0] === 'tag' && parts[1]) return { name: 'tag', keyword: parts[1] };
  if (parts[0] === 'compose' && parts[1] === 'new') return { name: 'compose-new', accountId: parts[2] || null, mailto: queryValue(query, 'mailto') };
  if (parts[0] === 'compose' && parts[1]) return { name: 'compose', draftId: parts[1] };
  if (parts[0] === 'outbox') return { name: 'outbox' };
  if (parts[0] === 'settings') return { name: 'settings', section: isSettingsSection(parts[1]) ? parts[1] : 'general' };
  return { name: 'home' };
}
