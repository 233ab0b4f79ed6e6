/**
 * Addresses as people type and paste them into To / Cc / Bcc. Pure: no DOM, no store.
 *
 * A list is split on commas, semicolons and line breaks that are not inside a quoted name or an
 * angle-bracketed address, so `"Last, First" <a@b.c>; x@y.z` is two addresses. Each piece is
 * understood as `Name <a@b.c>`, `"Quoted, Name" <a@b.c>`, `<a@b.c>`, `a@b.c`, `mailto:a@b.c`,
 * `a@b.c (Name)` or `Name a@b.c` (as copied from a web page). What cannot be read as an address
 * is kept as typed with `valid: false`, so the field can show it for correction instead of
 * silently dropping it.
 */

export interface ParsedAddress {
  name: string | null;
  email: string;
  valid: boolean;
  /** The piece of the input this address came from, trimmed. */
  raw: string;
}

const SEPARATORS = new Set([',', ';', '\n', '\r']);

/** The pieces between top-level separators, untrimmed, empty ones included (the last is what is still being typed). */
export function splitTopLevel(input: string): string[] {
  const pieces: string[] = [];
  let quoted = false;
  let angled = false;
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '\\') i++; // an escaped character inside quotes, e.g. \"
      else if (c === '"') quoted = false;
    } else if (angled) {
      if (c === '>') angled = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angled = true;
    else if (SEPARATORS.has(c)) {
      pieces.push(input.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(input.slice(start));
  return pieces;
}

export function parseAddressList(input: string): ParsedAddress[] {
  return splitTopLevel(input)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .map(parseAddress);
}

/** One address (no separators expected). */
export function parseAddress(piece: string): ParsedAddress {
  const raw = piece.trim();
  const angle = angleAddress(raw);
  if (angle) return make(angle.name, angle.email, raw);
  const comment = /^(\S+)\s*\(([^()]*)\)$/.exec(raw);
  if (comment && comment[1].includes('@')) return make(comment[2], comment[1], raw);
  // "Name a@b.c" as copied from a page: the one word with an @ is the address.
  const words = raw.split(/\s+/);
  const withAt = words.filter((w) => w.includes('@'));
  if (words.length > 1 && withAt.length === 1) {
    return make(words.filter((w) => w !== withAt[0]).join(' '), withAt[0], raw);
  }
  return make(null, raw, raw);
}

/** `Name <a@b.c>`: the last `<…>` outside quotes is the address, what comes before it the name. */
function angleAddress(raw: string): { name: string; email: string } | null {
  let quoted = false;
  let open = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') open = i;
  }
  if (open < 0) return null;
  const close = raw.indexOf('>', open);
  const email = raw.slice(open + 1, close < 0 ? raw.length : close);
  return { name: raw.slice(0, open), email };
}

function make(name: string | null, email: string, raw: string): ParsedAddress {
  const address = stripMailto(email.trim());
  const display = name === null ? '' : unquote(name.trim());
  // A name that only repeats the address adds nothing.
  const cleanName = display && display.toLowerCase() !== address.toLowerCase() ? display : null;
  return { name: cleanName, email: address, valid: isValidEmail(address), raw };
}

/** `mailto:a@b.c?subject=…` → `a@b.c` (percent-escapes decoded, as a link carries them). */
function stripMailto(text: string): string {
  if (!/^mailto:/i.test(text)) return text;
  const address = text.slice('mailto:'.length).split('?')[0];
  try {
    return decodeURIComponent(address).trim();
  } catch {
    return address.trim(); // a stray % that is not an escape
  }
}

function unquote(name: string): string {
  const inner = name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
  return inner.replace(/\\(.)/g, '$1').trim();
}

// Letters and digits of any script (IDN, internationalised local parts, RFC 6531) plus the
// RFC 5322 atext specials; quoted local parts ("a b"@c.d) are too rare in typed mail to accept.
const LOCAL = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;

/**
 * A pragmatic check, not RFC 5322: a local part, one @, and a domain of at least two dot-separated
 * labels whose last is not all digits; no spaces; at most 254 characters (RFC 5321's path limit).
 * `root@localhost` is refused: a recipient without a dot in the domain is almost always a typo.
 */
export function isValidEmail(email: string): boolean {
  if (!email || email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (!LOCAL.test(local) || labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]);
}

/** RFC 5322 specials: a name holding one of them must be quoted. */
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** `Name <email>`, with the name quoted when it needs to be; the address alone when there is no name. */
export function formatAddress({ name, email }: { name?: string | null; email: string }): string {
  const display = name?.trim();
  if (!display) return email;
  const quoted = SPECIALS.test(display) ? `"${display.replace(/(["\\])/g, '\\$1')}"` : display;
  return `${quoted} <${email}>`;
}

/** Addresses compare without case (the local part is case-sensitive in theory, never in practice). */
export const addressKey = (email: string): string => email.trim().toLowerCase();
