/**
 * In web pages while "Open mailto: links in this extension" is on (Chrome; registered at runtime by
 * lib/mailto-links.ts, never in the manifest): a plain click on a mailto: link opens our compose
 * window instead of the system's mail app. It listens for clicks and reads the clicked link's href,
 * nothing else of the page.
 */
import { mailtoOfClick } from '@/lib/mailto-click';

export default defineContentScript({
  registration: 'runtime',
  exclude: ['firefox'],
  main() {
    // Capture phase on the window: before the page's own handlers can stop the click.
    window.addEventListener('click', onClick, true);
  },
});

function onClick(event: MouseEvent): void {
  const url = mailtoOfClick(event);
  if (!url) return;
  event.preventDefault();
  // Refused (the preference went off after this page loaded) or the extension is gone (updated,
  // removed): open the link as the browser would have.
  const fallback = () => location.assign(url);
  try {
    void browser.runtime.sendMessage({ type: 'openMailto', url }).then((reply: unknown) => {
      if (!(reply && typeof reply === 'object' && (reply as { ok?: unknown }).ok === true)) fallback();
    }, fallback);
  } catch {
    fallback();
  }
}
