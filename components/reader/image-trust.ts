/**
 * Whose remote images load without asking: senders the user chose "Always show images from" for,
 * or everyone. Kept in browser.storage.local for now; it belongs in the synced settings document
 * (issue 4: remembered per sender and synced with the other settings), where the integrator moves
 * it when that document exists — callers only use these functions.
 */
import { browser } from 'wxt/browser';

const KEY = 'imageTrust';

interface ImageTrust {
  senders: string[];
  everyone: boolean;
}

async function read(): Promise<ImageTrust> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<ImageTrust> | undefined;
  return { senders: stored?.senders ?? [], everyone: stored?.everyone ?? false };
}

/** Addresses compare without case: Alice@Example.com is alice@example.com. */
function normalise(address: string): string {
  return address.trim().toLowerCase();
}

export async function isTrusted(sender: string | undefined): Promise<boolean> {
  const trust = await read();
  return trust.everyone || (!!sender && trust.senders.includes(normalise(sender)));
}

export async function trustSender(sender: string): Promise<void> {
  const trust = await read();
  const address = normalise(sender);
  if (!trust.senders.includes(address)) await browser.storage.local.set({ [KEY]: { ...trust, senders: [...trust.senders, address] } });
}

/** "Always show images from everyone" (a setting; the settings page calls it). */
export async function setTrustEveryone(everyone: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: { ...(await read()), everyone } });
}

/** Calls `changed` whenever the trust changes (in this page or another); returns the unsubscribe. */
export function onTrustChange(changed: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEY in changes) changed();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
