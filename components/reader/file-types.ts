/**
 * What a file may be shown as inside the reader, decided from its bytes as well as its declared
 * type — never from the declared type alone, which the sender chose:
 *
 *   declared type      bytes must start with            shown as
 *   image/png|jpeg|    the signature of one of those    <img> (typed by the signature, not the
 *     gif|webp           four raster formats              declaration)
 *   text/plain         no NUL byte and no raster/PDF    escaped text
 *                        signature in the first 8 kB
 *   application/pdf    %PDF-                            pages drawn by pdf.js in the sandboxed
 *                                                        PDF viewer page (Chromium only)
 *   message/rfc822     (none: parsed, then sanitised)   a message (AttachedMessage.svelte)
 *
 * SVG is never shown (it is a document that can script). A PDF is never given to the browser's
 * own viewer (it renders only in a frame that is not sandboxed, as a document of the extension's
 * origin; see docs/ARCHITECTURE.md, "Reading hostile mail"): it is drawn by pdf.js in a page of
 * the manifest's `sandbox.pages`, which Firefox does not have, so there it stays download only.
 * Nothing larger than PREVIEW_LIMIT is shown.
 */

export const PREVIEW_LIMIT = 25 * 1024 * 1024;

export type RasterType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
export type Signature = RasterType | 'application/pdf';
export type ViewKind = 'image' | 'text' | 'pdf';

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const SIGNATURES: ReadonlyArray<[Signature, number, number[]]> = [
  ['image/png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', 0, [0xff, 0xd8, 0xff]],
  ['image/gif', 0, ascii('GIF87a')],
  ['image/gif', 0, ascii('GIF89a')],
  ['image/webp', 8, ascii('WEBP')], // after "RIFF" and the size, checked below
  ['application/pdf', 0, ascii('%PDF-')],
];

const startsWith = (bytes: Uint8Array, at: number, pattern: number[]) => bytes.length >= at + pattern.length && pattern.every((b, i) => bytes[at + i] === b);

/** The known format the bytes start with, if any. */
export function signatureOf(bytes: Uint8Array): Signature | null {
  for (const [type, at, pattern] of SIGNATURES) {
    if (type === 'image/webp' && !startsWith(bytes, 0, ascii('RIFF'))) continue;
    if (startsWith(bytes, at, pattern)) return type;
  }
  return null;
}

/** The declared media type without parameters, lower case ("Text/Plain; charset=x" → "text/plain"). */
export function baseType(declared: string): string {
  return declared.split(';')[0].trim().toLowerCase();
}

const RASTER: readonly string[] = ['image/png', 'image/jpeg', 'image/jpg', 'image/pjpeg', 'image/gif', 'image/webp'];

const PDF: readonly string[] = ['application/pdf', 'application/x-pdf'];

/**
 * Before the bytes are fetched: whether a View button is offered at all. `pdf`: whether this
 * browser has the sandboxed PDF viewer (not Firefox, which has no manifest sandbox).
 */
export function viewableAs(declaredType: string, size: number, pdf = !import.meta.env.FIREFOX): ViewKind | null {
  if (size > PREVIEW_LIMIT) return null;
  const type = baseType(declaredType);
  if (RASTER.includes(type)) return 'image';
  if (type === 'text/plain') return 'text';
  if (pdf && PDF.includes(type)) return 'pdf';
  return null;
}

/** An attached message that can be opened in the reader. */
export function isAttachedMessage(declaredType: string, size: number): boolean {
  return size <= PREVIEW_LIMIT && baseType(declaredType) === 'message/rfc822';
}

const TEXT_PROBE = 8192;

export type Verdict = { kind: 'image'; type: RasterType } | { kind: 'text' } | { kind: 'pdf' } | { kind: 'refused' };

/**
 * Once the bytes are here: what they are shown as, or refused when they do not match what was
 * declared (an "image" that is really HTML, a "text" that is really a PDF or binary, a "PDF"
 * that does not start with %PDF-).
 */
export function confirmView(kind: ViewKind, bytes: Uint8Array): Verdict {
  if (bytes.length > PREVIEW_LIMIT) return { kind: 'refused' };
  const signature = signatureOf(bytes);
  if (kind === 'image') return signature && signature !== 'application/pdf' ? { kind: 'image', type: signature } : { kind: 'refused' };
  if (kind === 'pdf') return signature === 'application/pdf' ? { kind: 'pdf' } : { kind: 'refused' };
  if (signature || bytes.subarray(0, TEXT_PROBE).includes(0)) return { kind: 'refused' };
  return { kind: 'text' };
}

/** UTF-8 with U+FFFD for what is not (a preview; the download keeps the bytes as they are). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}
