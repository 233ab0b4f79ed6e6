/**
 * The JMAP keyword that marks a message with a tag. Keywords are what other JMAP and IMAP clients
 * see, so they must be valid IMAP atoms (RFC 3501 §9: printable ASCII without `( ) { ] % * " \`,
 * the same set RFC 8621 §4.1.1 allows) whatever the tag's display name. A tag's keyword is chosen
 * once, when it is created, and never changes: renaming a tag must not touch any message.
 *
 * Generated keywords are readable where the name allows (Russian is transliterated, other scripts
 * and punctuation dropped), lowercase (keywords are case-insensitive), and never start with `$`
 * (registered and system keywords) nor equal the old unprefixed spam flags other clients set.
 */

const MAX_KEYWORD_LENGTH = 255;
/** Long enough to read, short enough for other clients' tag lists. */
const MAX_GENERATED_LENGTH = 40;
const FALLBACK = 'tag';
/** Keywords with a meaning of their own in other clients, taken only for what they mean. */
const RESERVED = new Set(['junk', 'nonjunk', 'notjunk', 'forwarded', 'mdnsent', 'phishing']);

const INVALID_ATOM_CHAR = /[^\x21-\x7e]|[(){\]%*"\\]/;

/** Whether `keyword` may be used as a JMAP keyword and an IMAP flag (RFC 3501 atom). */
export function isValidKeyword(keyword: string): boolean {
  return keyword.length > 0 && keyword.length <= MAX_KEYWORD_LENGTH && !INVALID_ATOM_CHAR.test(keyword);
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

/**
 * The readable ASCII part of a name: lowercase letters and digits, words joined by `-`. NFKD
 * splits accents (é, й, ё) off their letters, so only base letters need transliterating.
 */
function slug(name: string): string {
  const latin = [...name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()].map((c) => CYRILLIC[c] ?? c).join('');
  return latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_GENERATED_LENGTH)
    .replace(/-+$/, '');
}

/**
 * A new keyword for a tag named `name`, different (case-insensitively) from every keyword in
 * `taken`: the name's slug, or the slug with `-2`, `-3`… if that is taken or reserved.
 */
export function keywordForName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((k) => k.toLowerCase()));
  const base = slug(name) || FALLBACK;
  const free = (candidate: string) => !used.has(candidate) && !RESERVED.has(candidate);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, MAX_GENERATED_LENGTH - suffix.length) + suffix;
    if (free(candidate)) return candidate;
  }
}

/** Keywords compare case-insensitively (RFC 3501 §2.3.2); the store keeps them lowercase. */
export function normalizeKeyword(keyword: string): string {
  return keyword.toLowerCase();
}
