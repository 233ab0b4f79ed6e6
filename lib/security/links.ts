/**
 * Phishing guard: a link whose visible text is itself an address (a URL, a domain or an email
 * address) but whose target is elsewhere. A target on a subdomain of the shown domain is not
 * flagged (`example.com` → `https://mail.example.com/…`): senders do that honestly all the time.
 */
const LOOKS_LIKE_DOMAIN = /^(?:www\.)?(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}(?:[/:?#]\S*)?$/iu;
const LOOKS_LIKE_EMAIL = /^[^\s@]+@(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}$/iu;

function shownHost(text: string): string | null {
  const url = /^https?:\/\//i.test(text) ? text : LOOKS_LIKE_DOMAIN.test(text) ? `https://${text}` : null;
  return url && URL.canParse(url) ? bareHost(new URL(url).hostname) : null;
}

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
}

export function isDeceptiveLink(visibleText: string, href: string): boolean {
  const text = visibleText.trim().replace(/^<|>$/g, '');
  if (!URL.canParse(href)) return false;
  const target = new URL(href);
  if (LOOKS_LIKE_EMAIL.test(text)) {
    return target.protocol !== 'mailto:' || decodeURIComponent(target.pathname).toLowerCase() !== text.toLowerCase();
  }
  const host = shownHost(text);
  if (!host) return false;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return true;
  const targetHost = bareHost(target.hostname);
  return targetHost !== host && !targetHost.endsWith(`.${host}`);
}
