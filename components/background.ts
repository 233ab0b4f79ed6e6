/** How pages talk to the background worker: typed requests, and a port that keeps sync live. */
import { browser } from 'wxt/browser';
import { openComposeWindow as openWindow } from '@/lib/compose-window';
import { LIVE_PORT, type BackgroundReply, type BackgroundRequest } from '@/lib/messages';

export async function request(message: BackgroundRequest): Promise<BackgroundReply> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as BackgroundReply | undefined;
    return reply ?? { ok: false, error: { code: 'internal', message: 'No answer from the background worker' } };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** While the page is open the background polls every few seconds; reconnects if the worker restarts. */
export function keepSyncLive(): () => void {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  const connect = () => {
    if (stopped) return;
    port = browser.runtime.connect({ name: LIVE_PORT });
    port.onDisconnect.addListener(() => setTimeout(connect, 500));
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}

export function openInMailApp(hash: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/mail.html#${hash}`) });
}

/** The composer on its own, in a window of its own (mail.html?window=compose). */
export function openComposeWindow(hash: string): void {
  void openWindow(hash);
}
