/**
 * Whose remote images load without asking: the senders (or @domains) the user chose "Always show
 * images from" for, or everyone (the "always show images" preference). Both live in the synced
 * settings document, so a sender trusted in one browser is trusted in the others.
 */
import { pageReplica } from '../settings-replica';

export async function isTrusted(sender: string | undefined): Promise<boolean> {
  const settings = await pageReplica.open();
  return settings.preference('alwaysShowImages') || (!!sender && settings.showsImagesFrom(sender));
}

export async function trustSender(sender: string): Promise<void> {
  (await pageReplica.open()).trustSender(sender);
}

/** Calls `changed` whenever the settings change (here, in another page or another browser); returns the unsubscribe. */
export function onTrustChange(changed: () => void): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  void pageReplica.open().then((settings) => {
    if (!stopped) stop = settings.onChange(changed);
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
