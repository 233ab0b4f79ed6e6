/**
 * The document a sanitised message is shown in (iframe srcdoc). Its own Content-Security-Policy
 * comes first, so even markup the sanitiser let through by mistake can load nothing: no scripts
 * (the frame is also sandboxed without allow-scripts), no styles or fonts from anywhere, images
 * only inline (data:, blob: for cid: parts) — and from http(s) only when the user allowed images.
 */
import { QUOTE_ATTRIBUTE } from '@/lib/security/sanitise';

export function contentSecurityPolicy(allowRemoteImages: boolean): string {
  const images = allowRemoteImages ? "data: blob: http: https:" : 'data: blob:';
  return `default-src 'none'; style-src 'unsafe-inline'; img-src ${images}; form-action 'none'; base-uri 'none'`;
}

const BASE_STYLE = `
  html { color-scheme: light; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #202124; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  .plain-text { white-space: pre-wrap; }
  .plain-text blockquote { margin: 0 0 0 4px; padding-left: 8px; border-left: 2px solid #c4c7c5; color: #5f6368; }
`;

export function frameDocument(html: string, options: { allowRemoteImages: boolean; showQuotes: boolean }): string {
  const fold = options.showQuotes ? '' : `[${QUOTE_ATTRIBUTE}] { display: none !important; }`;
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.allowRemoteImages)}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${BASE_STYLE}${fold}</style></head><body>${html}</body></html>`
  );
}
