/** The composer on its own, in a window of its own (mail.html?window=compose): from the popup, pages and the worker. */
import { browser } from 'wxt/browser';

export function composeWindowUrl(hash: string): string {
  return browser.runtime.getURL(`/mail.html?window=compose#${hash}`);
}

export async function openComposeWindow(hash: string): Promise<void> {
  await browser.windows.create({ url: composeWindowUrl(hash), type: 'popup', width: 880, height: 760 });
}
