/**
 * What a URL found in a message would make the browser do. Decided on the raw attribute or CSS
 * value the way browsers read it (surrounding C0/space trimmed, tabs and newlines dropped, `\`
 * read as `/`), so that spelling tricks cannot turn a remote load into something that looks local.
 *
 *   remote      http(s) or protocol-relative `//host`: contacts a server the sender chose
 *   cid         a part of the message itself (RFC 2392)
 *   data-image  an inline raster image (no script can run from one)
 *   link        mailto: / tel:, only meaningful as a link target
 *   fragment    `#id` within the message
 *   other       anything else, including relative paths: in a srcdoc frame those resolve
 *               against the extension's own origin, so they are never kept
 */
export type UrlKind = 'remote' | 'cid' | 'data-image' | 'link' | 'fragment' | 'other';

const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp|avif);/i;

export function normaliseUrl(raw: string): string {
  return raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

export function urlKind(raw: string): UrlKind {
  const url = normaliseUrl(raw);
  if (/^[/\\]{2}/.test(url)) return 'remote';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
  if (scheme === 'http' || scheme === 'https') return 'remote';
  if (scheme === 'cid') return 'cid';
  if (scheme === 'mailto' || scheme === 'tel') return 'link';
  if (scheme === 'data' && DATA_IMAGE.test(url)) return 'data-image';
  if (!scheme && url.startsWith('#')) return 'fragment';
  return 'other';
}

/**
 * An absolute http(s) URL for a remote reference: a protocol-relative `//host` would otherwise
 * resolve against the frame's base, which is the extension's own chrome-extension:// URL.
 */
export function absoluteRemote(raw: string): string | null {
  const url = normaliseUrl(raw).replace(/^[/\\]{2}/, 'https://');
  return URL.canParse(url) ? new URL(url).href : null;
}

/** The content id a `cid:` URL names (percent-decoded, without angle brackets). */
export function contentId(raw: string): string {
  const id = normaliseUrl(raw).slice('cid:'.length);
  try {
    return decodeURIComponent(id).replace(/^<|>$/g, '');
  } catch {
    return id;
  }
}

/**
 * The URLs of a `srcset` (HTML's "parse a srcset attribute", without the descriptor checks):
 * a URL runs to the next whitespace, so commas inside it (data: URLs) do not split it.
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let at = 0;
  while (at < srcset.length) {
    while (at < srcset.length && /[\s,]/.test(srcset[at])) at++;
    if (at >= srcset.length) break;
    const start = at;
    while (at < srcset.length && !/\s/.test(srcset[at])) at++;
    let url = srcset.slice(start, at);
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      let depth = 0;
      while (at < srcset.length && (srcset[at] !== ',' || depth > 0)) {
        if (srcset[at] === '(') depth++;
        else if (srcset[at] === ')') depth--;
        at++;
      }
    }
    urls.push(url);
  }
  return urls;
}
