// Tiny MIME writer for the seeders: just enough RFC 5322 / 2045-2047 / 2231 to build
// realistic messages as Buffers (8-bit legacy charsets included). No dependencies.

const CRLF = '\r\n';

// --- charsets: Node can decode windows-1251/koi8-r (ICU) but only encode UTF-8,
// so build the reverse tables from TextDecoder once.
const encoders = new Map();
export function encodeCharset(str, charset) {
  const cs = charset.toLowerCase();
  if (cs === 'utf-8' || cs === 'us-ascii') return Buffer.from(str, 'utf8');
  if (!encoders.has(cs)) {
    const dec = new TextDecoder(cs);
    const map = new Map();
    for (let b = 0; b < 256; b++) map.set(dec.decode(Uint8Array.of(b)), b);
    encoders.set(cs, map);
  }
  const map = encoders.get(cs);
  return Buffer.from([...str].map((ch) => {
    const b = map.get(ch);
    if (b === undefined) throw new Error(`'${ch}' not representable in ${charset}`);
    return b;
  }));
}

const isAscii = (s) => /^[\x20-\x7e]*$/.test(s);

// RFC 2047 B-encoding; splits on character boundaries so each word stays <= 75 chars
export function encodeWords(str, charset = 'UTF-8') {
  if (isAscii(str)) return str;
  const words = [];
  let chunk = '';
  const maxBytes = 45 - charset.length; // base64 of this fits in a 75-char encoded word
  for (const ch of str) {
    if (encodeCharset(chunk + ch, charset).length > maxBytes) { words.push(chunk); chunk = ''; }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?${charset}?B?${encodeCharset(w, charset).toString('base64')}?=`).join(CRLF + ' ');
}

// "Name <email>" with the name quoted or RFC 2047-encoded as needed
export function address({ name, email }, charset = 'UTF-8') {
  if (!name) return `<${email}>`;
  if (!isAscii(name)) return `${encodeWords(name, charset)} <${email}>`;
  return /^[\w .'-]*$/.test(name) && !/\./.test(name) ? `${name} <${email}>` : `"${name.replace(/["\\]/g, '\\$&')}" <${email}>`;
}

// RFC 2231 parameter: filename*=utf-8''%D0%9E... for non-ASCII, quoted otherwise
export function param(key, value) {
  if (isAscii(value)) return `${key}="${value.replace(/["\\]/g, '\\$&')}"`;
  const enc = [...Buffer.from(value, 'utf8')]
    .map((b) => (/[A-Za-z0-9.\-_]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0')))
    .join('');
  return `${key}*=utf-8''${enc}`;
}

export function base64Lines(buf) {
  return (buf.toString('base64').match(/.{1,76}/g) || []).join(CRLF) + CRLF;
}

export function quotedPrintable(buf) {
  const out = [];
  let line = '';
  const push = (tok) => { if (line.length + tok.length > 75) { out.push(line + '='); line = ''; } line += tok; };
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0d && buf[i + 1] === 0x0a) { out.push(line); line = ''; i++; continue; }
    if (b === 0x0a) { out.push(line); line = ''; continue; }
    const nextIsEol = i + 1 >= buf.length || buf[i + 1] === 0x0a || buf[i + 1] === 0x0d;
    if ((b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !nextIsEol)) push(String.fromCharCode(b));
    else push('=' + b.toString(16).toUpperCase().padStart(2, '0'));
  }
  out.push(line);
  return out.join(CRLF) + CRLF;
}

// A MIME entity: { headers: [[name, value]...], body: Buffer }
const toCrlf = (s) => s.replace(/\r?\n/g, CRLF);

// text/* part. cte: 'qp' | 'base64' | '8bit' | '7bit'
export function textPart(text, { subtype = 'plain', charset = 'utf-8', cte, params = '', headers = [] } = {}) {
  const raw = encodeCharset(toCrlf(text.endsWith('\n') ? text : text + '\n'), charset);
  const ascii = raw.every((b) => b < 128);
  cte ??= ascii ? '7bit' : 'qp';
  const body = cte === 'qp' ? Buffer.from(quotedPrintable(raw)) : cte === 'base64' ? Buffer.from(base64Lines(raw)) : raw;
  return {
    headers: [['Content-Type', `text/${subtype}; charset=${charset}${params}`],
      ['Content-Transfer-Encoding', cte === 'qp' ? 'quoted-printable' : cte], ...headers],
    body,
  };
}

// attachment (or inline) part, always base64
export function attachment(data, { type, filename, inline = false, extraType = '', headers = [] }) {
  const fn = filename ? '; ' + param(inline ? 'filename' : 'filename', filename) : '';
  const ctName = filename && isAscii(filename) ? `; name="${filename}"` : '';
  return {
    headers: [['Content-Type', `${type}${extraType}${ctName}`], ['Content-Transfer-Encoding', 'base64'],
      ['Content-Disposition', `${inline ? 'inline' : 'attachment'}${fn}`], ...headers],
    body: Buffer.from(base64Lines(Buffer.isBuffer(data) ? data : Buffer.from(data))),
  };
}

let boundaryCounter = 0;
export function multipart(subtype, parts, params = '') {
  const boundary = `=_mailext_${(++boundaryCounter).toString(36).padStart(6, '0')}_${subtype}`;
  const chunks = [Buffer.from(`This is a multi-part message in MIME format.${CRLF}`)];
  for (const p of parts) chunks.push(Buffer.from(`--${boundary}${CRLF}`), entityBuffer(p), Buffer.from(CRLF));
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return { headers: [['Content-Type', `multipart/${subtype}; boundary="${boundary}"${params}`]], body: Buffer.concat(chunks) };
}
export const resetBoundaries = () => { boundaryCounter = 0; };

function entityBuffer({ headers, body }) {
  return Buffer.concat([Buffer.from(headers.map(([k, v]) => `${k}: ${v}${CRLF}`).join('') + CRLF), body]);
}

// Whole message: top-level headers (in order) + the entity's MIME headers + body
export function message(headers, entity) {
  const all = [...headers.filter(([, v]) => v !== undefined && v !== null && v !== ''), ['MIME-Version', '1.0'], ...entity.headers];
  return entityBuffer({ headers: all, body: entity.body });
}

// RFC 5322 date in a given UTC offset (minutes), e.g. "Tue, 01 Sep 2026 09:12:03 +0300"
export function rfcDate(date, offsetMin = 0) {
  const d = new Date(date.getTime() + offsetMin * 60000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n) => String(n).padStart(2, '0');
  const sign = offsetMin < 0 ? '-' : '+';
  const off = Math.abs(offsetMin);
  return `${days[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${mons[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${sign}${p2(Math.floor(off / 60))}${p2(off % 60)}`;
}

// Folds a long list header (References) at spaces
export function fold(value) {
  const out = [];
  let line = '';
  for (const tok of value.split(' ')) {
    if (line && line.length + tok.length > 70) { out.push(line); line = ''; }
    line += (line ? ' ' : '') + tok;
  }
  out.push(line);
  return out.join(CRLF + ' ');
}
