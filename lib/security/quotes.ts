/**
 * Quoted text in a sanitised message: <blockquote>s and the containers mail clients wrap replies
 * in. The outermost ones get QUOTE_ATTRIBUTE so that the reader can fold them; nothing is folded
 * when the quote is all there is (a forward, or a reply quoting a whole newsletter in a table).
 */
export const QUOTE_ATTRIBUTE = 'data-reader-quote';

const QUOTE_CONTAINERS = 'blockquote, .gmail_quote, .yahoo_quoted, .protonmail_quote, .moz-cite-prefix + blockquote';

/** Marks the outermost quotes under `root`; returns how many were marked. */
export function markQuotes(root: Element): number {
  const marked: Element[] = [];
  for (const quote of root.querySelectorAll(QUOTE_CONTAINERS)) {
    if (quote.parentElement?.closest(`[${QUOTE_ATTRIBUTE}]`)) continue;
    quote.setAttribute(QUOTE_ATTRIBUTE, '');
    marked.push(quote);
  }
  if (marked.length && !textOutside(root, marked)) {
    for (const quote of marked) quote.removeAttribute(QUOTE_ATTRIBUTE);
    return 0;
  }
  return marked.length;
}

function textOutside(root: Element, quotes: Element[]): boolean {
  const copy = root.cloneNode(true) as Element;
  for (const quote of copy.querySelectorAll(`[${QUOTE_ATTRIBUTE}]`)) quote.remove();
  return /\S/.test(copy.textContent ?? '') || !!copy.querySelector('img') || quotes.length === 0;
}
