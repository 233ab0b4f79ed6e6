/**
 * How the settings mailbox is recognised, apart from the sync code so that the store can hide
 * it without depending on the network layer. Found by its exact name at the top level, so every
 * browser finds the same one. Not translated: browsers in other languages must find it too, and
 * users of other mail clients should understand what it is.
 */
export const SETTINGS_MAILBOX_NAME = 'Postline Mail settings (do not delete)';

export function isSettingsMailbox(mailbox: { name: string; parentId: string | null }): boolean {
  return mailbox.parentId === null && mailbox.name === SETTINGS_MAILBOX_NAME;
}
