/**
 * Printing one message or a whole conversation: a document of headers, sanitised body and the
 * list of attachments per message, printed from a hidden frame that, like the reader's, runs no
 * script and has its own CSP (allow-modals only lets this page call print() on it). Remote
 * images are in it only for messages whose images the user allowed. The messages' own <style>
 * sheets are left out: in one document they would style each other, and print wants a plain page.
 */
import { t } from '@/lib/i18n/t';
import { sanitiseMessage } from '@/lib/security/sanitise';
import type { BodyRow, EmailRow } from '@/lib/store/rows';
import { attachmentName } from './download';
import { fileSize } from './file-size';
import { addressList, fullDate } from '../format';
import { contentSecurityPolicy } from './frame-document';
import { isTrusted } from './image-trust';
import { showError } from '../toast.svelte';

export interface Printable {
  email: EmailRow;
  body: BodyRow | undefined;
  allowImages: boolean;
  inlineParts?: ReadonlyMap<string, string>;
}

const PRINT_STYLE = `
  body { font: 11pt/1.4 system-ui, sans-serif; color: #000; margin: 0; }
  article + article { break-before: page; }
  h1 { font-size: 15pt; margin: 0 0 6pt; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 8pt; margin: 0 0 10pt; padding-bottom: 6pt; border-bottom: 1px solid #999; }
  dt { color: #555; } dd { margin: 0; }
  img { max-width: 100%; height: auto; }
  .plain-text { white-space: pre-wrap; }
  .attachments { margin-top: 10pt; padding-top: 6pt; border-top: 1px solid #999; }
`;

export function printDocument(items: Printable[]): string {
  const doc = document.implementation.createHTMLDocument(items[0]?.email.subject ?? '');
  const csp = doc.createElement('meta');
  csp.httpEquiv = 'Content-Security-Policy';
  csp.content = contentSecurityPolicy(items.some((item) => item.allowImages));
  const style = doc.createElement('style');
  style.textContent = PRINT_STYLE;
  doc.head.prepend(csp);
  doc.head.append(style);
  for (const { email, body, allowImages, inlineParts } of items) {
    const article = doc.body.appendChild(doc.createElement('article'));
    article.appendChild(doc.createElement('h1')).textContent = email.subject || t('noSubject');
    const headers = article.appendChild(doc.createElement('dl'));
    const rows: Array<[string, string]> = [
      [t('labelFrom'), addressList(email.from)],
      [t('labelTo'), addressList(email.to)],
      ...(email.cc?.length ? [[t('labelCc'), addressList(email.cc)] as [string, string]] : []),
      [t('labelDate'), fullDate(email.receivedAt)],
    ];
    for (const [label, value] of rows) {
      headers.appendChild(doc.createElement('dt')).textContent = label;
      headers.appendChild(doc.createElement('dd')).textContent = value;
    }
    const content = article.appendChild(doc.createElement('div'));
    // Parsed by the inert document, not this page's: nothing in it runs or loads here.
    content.innerHTML = body ? sanitiseMessage(body, { allowRemoteImages: allowImages, inlineParts: inlineParts ?? new Map() }).html : email.preview;
    content.querySelectorAll('style').forEach((sheet) => sheet.remove());
    if (body?.attachments?.length) {
      const list = article.appendChild(doc.createElement('ul'));
      list.className = 'attachments';
      for (const attachment of body.attachments) {
        list.appendChild(doc.createElement('li')).textContent = `${attachmentName(attachment)} (${fileSize(attachment.size)})`;
      }
    }
  }
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}

/** Prints through a hidden frame, kept until the next print (the print dialog reads it). */
export function printMessages(items: Printable[]): void {
  document.querySelector('iframe.print-frame')?.remove();
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.title = t('print');
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position: fixed; width: 0; height: 0; border: 0; visibility: hidden;';
  frame.srcdoc = printDocument(items);
  frame.addEventListener('load', () => frame.contentWindow?.print(), { once: true });
  document.body.append(frame);
}

/** "Print all": each message with its images if its sender is trusted ("Show images" is per view). */
export async function printConversation(emails: EmailRow[], bodies: ReadonlyMap<string, BodyRow>): Promise<void> {
  try {
    const items = await Promise.all(emails.map(async (email) => ({ email, body: bodies.get(email.id), allowImages: await isTrusted(email.from?.[0]?.email) })));
    printMessages(items);
  } catch (error) {
    showError({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
}
