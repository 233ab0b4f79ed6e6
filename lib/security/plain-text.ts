/**
 * A text/plain body as HTML for the reader: every character escaped, http(s) and www. addresses
 * made into links, and runs of "> " lines put in <blockquote> (nested by depth) so that quoted
 * text can be folded like an HTML reply's. The result still goes through the sanitiser.
 */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const QUOTE = /^(?:> ?)+/;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Trailing punctuation belongs to the sentence, and a closing bracket only if it opened inside. */
function trimLink(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (/[.,;:!?]/.test(last)) end--;
    else if (last === ')' && (url.slice(0, end).match(/\(/g)?.length ?? 0) < (url.slice(0, end).match(/\)/g)?.length ?? 0)) end--;
    else return url.slice(0, end);
  }
}

function linkify(line: string): string {
  let out = '';
  let at = 0;
  for (const match of line.matchAll(LINK)) {
    const url = trimLink(match[0]);
    const href = /^www\./i.test(url) ? `https://${url}` : url;
    out += `${escape(line.slice(at, match.index))}<a href="${escape(href)}">${escape(url)}</a>`;
    at = match.index + url.length;
  }
  return out + escape(line.slice(at));
}

export function plainTextToHtml(text: string): string {
  let html = '';
  let depth = 0;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const marker = QUOTE.exec(line)?.[0] ?? '';
    const level = (marker.match(/>/g) ?? []).length;
    for (; depth < level; depth++) html += '<blockquote>';
    for (; depth > level; depth--) html += '</blockquote>';
    html += `${linkify(line.slice(marker.length))}\n`;
  }
  html += '</blockquote>'.repeat(depth);
  return `<div class="plain-text">${html}</div>`;
}
