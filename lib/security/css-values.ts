/**
 * Rewrites the URLs in one CSS value as the browser serialised it (CSSOM `getPropertyValue`,
 * which has already undone the sender's escapes, comments and odd spellings: `\75 rl(x)` comes
 * back as `url("x")`). Every `url()`/`src()` and every string inside an image function
 * (`image-set("a.png" 1x)` loads a.png) is passed to `resolve`; a URL it refuses becomes `none`.
 */
const IMAGE_FUNCTIONS = new Set(['image-set', '-webkit-image-set', 'image', 'cross-fade', '-webkit-cross-fade']);
const URL_FUNCTIONS = new Set(['url', 'src']);

/** Values the serialiser keeps unparsed (substitutions), so their URLs cannot be seen. */
export function isOpaqueCssValue(value: string): boolean {
  return /\b(?:var|attr|env)\s*\(/i.test(value);
}

export function rewriteCssUrls(value: string, resolve: (url: string) => string | null): string {
  let out = '';
  const functions: string[] = [];
  let at = 0;
  while (at < value.length) {
    const char = value[at];
    if (char === '"' || char === "'") {
      const [text, end] = readString(value, at);
      const inImageFunction = IMAGE_FUNCTIONS.has(functions.at(-1) ?? '');
      out += inImageFunction ? urlOrNone(text, resolve) : value.slice(at, end);
      at = end;
    } else if (/[a-z-]/i.test(char) && (at === 0 || !/[\w-]/.test(value[at - 1]))) {
      const name = /^[a-z-][\w-]*/i.exec(value.slice(at))![0];
      const opens = value[at + name.length] === '(';
      const lower = name.toLowerCase();
      if (opens && URL_FUNCTIONS.has(lower)) {
        const [url, end] = readUrlArgument(value, at + name.length + 1);
        out += urlOrNone(url, resolve);
        at = end;
      } else {
        if (opens) functions.push(lower);
        out += opens ? `${name}(` : name;
        at += name.length + (opens ? 1 : 0);
      }
    } else {
      if (char === '(') functions.push('');
      else if (char === ')') functions.pop();
      out += char;
      at++;
    }
  }
  return out;
}

function urlOrNone(url: string, resolve: (url: string) => string | null): string {
  const kept = resolve(url);
  return kept === null ? 'none' : `url(${quote(kept)})`;
}

/** A CSS string for a URL; `<` is escaped so a </style> can never appear in the output. */
function quote(text: string): string {
  return `"${text.replace(/[\\"<\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** Reads a quoted string starting at `start`; returns its decoded text and the index after it. */
function readString(value: string, start: number): [string, number] {
  const delimiter = value[start];
  let text = '';
  let at = start + 1;
  while (at < value.length && value[at] !== delimiter) {
    if (value[at] === '\\') {
      const [char, next] = readEscape(value, at + 1);
      text += char;
      at = next;
    } else text += value[at++];
  }
  return [text, at + 1];
}

function readEscape(value: string, at: number): [string, number] {
  const hex = /^[0-9a-f]{1,6}/i.exec(value.slice(at))?.[0];
  if (!hex) return [value[at] === '\n' ? '' : (value[at] ?? ''), at + 1];
  let next = at + hex.length;
  if (/\s/.test(value[next] ?? '')) next++;
  const code = parseInt(hex, 16);
  return [code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd', next];
}

/** The argument of url(…) or src(…): a string, or an unquoted URL up to `)`. */
function readUrlArgument(value: string, start: number): [string, number] {
  let at = start;
  while (/\s/.test(value[at] ?? '')) at++;
  let url: string;
  if (value[at] === '"' || value[at] === "'") {
    [url, at] = readString(value, at);
  } else {
    url = '';
    while (at < value.length && value[at] !== ')') {
      if (value[at] === '\\') {
        const [char, next] = readEscape(value, at + 1);
        url += char;
        at = next;
      } else url += value[at++];
    }
    url = url.trim();
  }
  // Whatever else is inside url(…) (modifiers) is dropped with it.
  let depth = 0;
  while (at < value.length && (value[at] !== ')' || depth > 0)) {
    if (value[at] === '(') depth++;
    else if (value[at] === ')') depth--;
    at++;
  }
  return [url, at + 1];
}
