/**
 * Yjs updates as text: base64 in lines of 76 characters, the shape a MIME body keeps intact
 * through any mail server (RFC 2045 §6.8 line length).
 */

const LINE = 76;
const CHUNK = 0x8000;

export function updateToText(update: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes arguments, so large updates go in chunks.
  for (let i = 0; i < update.length; i += CHUNK) binary += String.fromCharCode(...update.subarray(i, i + CHUNK));
  const base64 = btoa(binary);
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += LINE) lines.push(base64.slice(i, i + LINE));
  return lines.join('\r\n');
}

/** Throws on anything that is not base64. */
export function textToUpdate(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const update = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) update[i] = binary.charCodeAt(i);
  return update;
}
