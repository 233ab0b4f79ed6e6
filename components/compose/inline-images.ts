/**
 * Images in the body. The editor holds them as data: URLs (pasted, dropped or picked); a mail
 * carries them as parts of its own, referred to by cid: (RFC 2392), which every mail reader
 * shows and which keep the HTML small. The draft stores the cid: form and the image files; the
 * editor gets data: URLs back when a draft is reopened.
 */

export interface InlineImage {
  cid: string;
  name: string;
  data: Blob;
}

const DATA_IMAGE = /<img\b[^>]*?\ssrc="(data:image\/([a-z0-9.+-]+);base64,([^"]+))"/gi;

/** The same picture always gets the same content id, so saving twice adds no second copy. */
async function contentId(dataUrl: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(dataUrl)));
  return `img-${Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}@postline`;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The HTML with each data: image replaced by a cid: reference, and those images as files. */
export async function extractInlineImages(html: string): Promise<{ html: string; images: InlineImage[] }> {
  const images = new Map<string, InlineImage>();
  const replacements = new Map<string, string>();
  for (const [, url, subtype, base64] of html.matchAll(DATA_IMAGE)) {
    if (replacements.has(url)) continue;
    const cid = await contentId(url);
    replacements.set(url, `cid:${cid}`);
    images.set(cid, { cid, name: `image-${images.size + 1}.${subtype === 'jpeg' ? 'jpg' : subtype.replace(/\+.*$/, '')}`, data: new Blob([decodeBase64(base64)], { type: `image/${subtype}` }) });
  }
  let result = html;
  for (const [url, cid] of replacements) result = result.split(url).join(cid);
  return { html: result, images: [...images.values()] };
}

/** The content ids an HTML body refers to. */
export function referencedCids(html: string): Set<string> {
  return new Set(Array.from(html.matchAll(/\ssrc="cid:([^"]+)"/gi), (m) => m[1]));
}

/** For the editor: cid: references back to data: URLs, from the files `load` finds. */
export async function restoreInlineImages(html: string, load: (cid: string) => Promise<Blob | null>): Promise<string> {
  let result = html;
  for (const cid of referencedCids(html)) {
    const blob = await load(cid);
    if (!blob) continue;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    result = result.split(`src="cid:${cid}"`).join(`src="data:${blob.type || 'image/png'};base64,${btoa(binary)}"`);
  }
  return result;
}
