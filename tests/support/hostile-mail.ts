/**
 * Messages that break naive readers, generated as raw RFC 5322 bytes (not strings: a legacy
 * charset's bytes would not survive a UTF-8 round trip): legacy Cyrillic and Japanese charsets,
 * declared and not, broken MIME, deep nesting, broken base64, huge bodies. Used by the reader's
 * robustness e2e test and its benchmark (tests/bench/reader.ts).
 */

export const RUSSIAN = 'Съешь же ещё этих мягких французских булок, да выпей чаю';
export const RUSSIAN_SUBJECT = 'Привет из Москвы';
export const RUSSIAN_NAME = 'Иван Петров';
export const JAPANESE = 'こんにちは世界、日本語のメールです';
export const JAPANESE_SUBJECT = '日本語の件名';
export const JAPANESE_NAME = '山田太郎';

/** Bytes → text in a single-byte charset, inverted once from the platform's decoder. */
function singleByteEncoder(charset: string): (text: string) => Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return (text) =>
    Buffer.from(
      [...text].map((char) => {
        if (char.charCodeAt(0) < 0x80) return char.charCodeAt(0);
        const byte = table.get(char);
        if (byte === undefined) throw new Error(`${char} is not in ${charset}`);
        return byte;
      }),
    );
}

/** ISO-2022-JP (JIS X 0208 only, which is all our sample text needs), inverted from the decoder. */
function iso2022jp(text: string): Buffer {
  const decoder = new TextDecoder('iso-2022-jp');
  const table = new Map<string, [number, number]>();
  for (let row = 0x21; row <= 0x7e; row++) {
    for (let cell = 0x21; cell <= 0x7e; cell++) {
      const char = decoder.decode(Uint8Array.of(0x1b, 0x24, 0x42, row, cell, 0x1b, 0x28, 0x42));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [row, cell]);
    }
  }
  const bytes: number[] = [];
  let jis = false;
  for (const char of text) {
    const pair = table.get(char);
    if (pair && !jis) bytes.push(0x1b, 0x24, 0x42);
    if (!pair && jis) bytes.push(0x1b, 0x28, 0x42);
    jis = !!pair;
    if (pair) bytes.push(...pair);
    else if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else throw new Error(`${char} is not in ISO-2022-JP`);
  }
  if (jis) bytes.push(0x1b, 0x28, 0x42);
  return Buffer.from(bytes);
}

export const encoders: Record<string, (text: string) => Buffer> = {
  'windows-1251': singleByteEncoder('windows-1251'),
  'koi8-r': singleByteEncoder('koi8-r'),
  'iso-2022-jp': iso2022jp,
  'utf-8': (text) => Buffer.from(text, 'utf8'),
};

/** An RFC 2047 encoded word (B encoding) of `text` in `charset`. */
export function encodedWord(text: string, charset: string): string {
  return `=?${charset}?B?${encoders[charset](text).toString('base64')}?=`;
}

const wrap = (base64: string) => base64.replace(/.{76}/g, '$&\r\n');

/** Header lines (From, To, Subject, Date, Message-ID, MIME-Version) as bytes; `subject`/`from` used as given. */
function headers(fields: { from: string; to: string; subject: string; extra?: string[] }): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@hostile.test>`,
    'MIME-Version: 1.0',
    ...(fields.extra ?? []),
  ].join('\r\n');
}

const join = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part)));

/**
 * A plain-text message whose subject, sender name and body are in `charset`. `declared`: whether
 * the charset is named (in the Content-Type and the encoded words); undeclared, the header
 * fields carry the raw 8-bit bytes and the body has no charset parameter.
 */
export function legacyCharsetMessage(options: { to: string; charset: string; declared: boolean; subject: string; name: string; body: string; html?: boolean }): Buffer {
  const encode = encoders[options.charset];
  const type = options.html ? 'text/html' : 'text/plain';
  const body = options.html ? `<html><body><p>${options.body}</p></body></html>` : `${options.body}\r\n`;
  if (options.declared) {
    return join(
      headers({ from: `${encodedWord(options.name, options.charset)} <sender@hostile.test>`, to: options.to, subject: encodedWord(options.subject, options.charset), extra: [`Content-Type: ${type}; charset=${options.charset}`, `Content-Transfer-Encoding: ${options.charset === 'iso-2022-jp' ? '7bit' : '8bit'}`] }),
      '\r\n\r\n',
      encode(body),
    );
  }
  const date = `Date: ${new Date().toUTCString().replace('GMT', '+0000')}\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@hostile.test>\r\nMIME-Version: 1.0\r\n`;
  return join('From: "', encode(options.name), `" <sender@hostile.test>\r\nTo: ${options.to}\r\nSubject: `, encode(options.subject), `\r\n${date}Content-Type: ${type}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`, encode(body));
}

/** A multipart/mixed `depth` levels deep with a text part at the bottom. */
export function deepNestingMessage(options: { to: string; subject: string; depth: number; text: string }): Buffer {
  let body = `Content-Type: text/plain; charset=utf-8\r\n\r\n${options.text}\r\n`;
  for (let level = options.depth; level > 0; level--) {
    const boundary = `b${level}`;
    body = `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\n${body}\r\n--${boundary}--\r\n`;
  }
  return join(headers({ from: 'Deep <deep@hostile.test>', to: options.to, subject: options.subject }), '\r\n', Buffer.from(body, 'utf8'));
}

/** A text part whose base64 is broken: bad characters, a bad length, garbage after the padding. */
export function brokenBase64Message(options: { to: string; subject: string; text: string }): Buffer {
  const good = Buffer.from(`${options.text}\n`, 'utf8').toString('base64');
  const broken = `${good.slice(0, 8)}!!**${good.slice(8)}\r\n@@@===\r\nnot base64 at all ~~~\r\nQUJD=`;
  return join(headers({ from: 'Broken <broken@hostile.test>', to: options.to, subject: options.subject, extra: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'] }), '\r\n\r\n', broken, '\r\n');
}

/** Malformed MIME: a multipart whose boundary never appears, and one that never closes. */
export function malformedMimeMessage(options: { to: string; subject: string; text: string; kind: 'missing-boundary' | 'unclosed' | 'no-boundary-parameter' }): Buffer {
  const extra =
    options.kind === 'no-boundary-parameter' ? ['Content-Type: multipart/alternative'] : ['Content-Type: multipart/alternative; boundary="declared-but-absent"'];
  const body =
    options.kind === 'unclosed'
      ? `preamble\r\n--declared-but-absent\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${options.text}\r\n--declared-but-absent\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>${options.text}=\r\n`
      : `--some-other-boundary\r\nContent-Type: text/plain\r\n\r\n${options.text}\r\n`;
  return join(headers({ from: 'Malformed <malformed@hostile.test>', to: options.to, subject: options.subject, extra }), '\r\n\r\n', Buffer.from(body, 'utf8'));
}

/** A single-part message of about `bytes` bytes: plain text lines, or HTML paragraphs/tables. */
export function hugeMessage(options: { to: string; subject: string; bytes: number; html: boolean; marker: string }): Buffer {
  const unit = options.html
    ? (i: number) => `<table width="100%"><tr><td style="padding:4px;color:#333">Paragraph ${i}: the quick brown fox jumps over the lazy dog, <b>again</b> and <a href="https://example.com/${i}">again</a>.</td></tr></table>\r\n`
    : (i: number) => `Line ${i}: the quick brown fox jumps over the lazy dog, again and again and again.\r\n`;
  const chunks: string[] = [options.html ? `<html><body><h1>${options.marker}</h1>\r\n` : `${options.marker}\r\n`];
  let size = chunks[0].length;
  for (let i = 1; size < options.bytes; i++) {
    const chunk = unit(i);
    chunks.push(chunk);
    size += chunk.length;
  }
  chunks.push(options.html ? '<p>THE END</p></body></html>\r\n' : 'THE END\r\n');
  return join(
    headers({ from: 'Huge <huge@hostile.test>', to: options.to, subject: options.subject, extra: [`Content-Type: text/${options.html ? 'html' : 'plain'}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit'] }),
    '\r\n\r\n',
    Buffer.from(chunks.join(''), 'utf8'),
  );
}

/**
 * A typical newsletter, about 100 KB of HTML: a <style> sheet, nested layout tables, about 30
 * remote images (blocked until the user allows them), links, a footer.
 */
export function newsletterMessage(options: { to: string; subject: string; marker: string; images?: number }): Buffer {
  const images = options.images ?? 30;
  const style = `<style>body{margin:0;background:#f4f4f4}.wrap{max-width:640px;margin:0 auto;background:#fff}.col{padding:12px;font:14px/1.5 Arial,sans-serif;color:#333}h2{color:#1a1a1a;font-size:20px}a.btn{display:inline-block;padding:8px 16px;background:#0a66c2;color:#fff;text-decoration:none;border-radius:4px}@media (max-width:600px){.col{display:block!important;width:100%!important}}</style>`;
  const lorem = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. ';
  let rows = '';
  for (let i = 0; i < images; i++) {
    rows += `<tr><td class="col" width="40%" valign="top"><a href="https://news.example.com/item/${i}?utm_source=newsletter&amp;utm_medium=email"><img src="https://cdn.example.com/images/item-${i}.jpg" width="240" height="160" alt="Item ${i}" style="display:block;border:0"></a></td><td class="col" valign="top"><h2>Story number ${i}</h2><p>${lorem.repeat(12)}</p><p><a class="btn" href="https://news.example.com/item/${i}">Read more</a></p></td></tr>\r\n`;
  }
  const html = `<!doctype html><html><head><meta charset="utf-8">${style}</head><body><table class="wrap" width="100%" cellpadding="0" cellspacing="0"><tr><td class="col" colspan="2"><h1>${options.marker}</h1></td></tr>\r\n${rows}<tr><td class="col" colspan="2" style="font-size:11px;color:#888">You are receiving this because you subscribed. <a href="https://news.example.com/unsubscribe">Unsubscribe</a></td></tr></table></body></html>`;
  return join(
    headers({ from: 'The Weekly <news@news.example.com>', to: options.to, subject: options.subject, extra: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64'] }),
    '\r\n\r\n',
    wrap(Buffer.from(html, 'utf8').toString('base64')),
    '\r\n',
  );
}

/** A short plain-text reply in a thread (In-Reply-To/References the first message's id). */
export function threadMessage(options: { to: string; subject: string; messageId: string; replyTo?: string; index: number }): Buffer {
  const extra = [...(options.replyTo ? [`In-Reply-To: ${options.replyTo}`, `References: ${options.replyTo}`] : []), 'Content-Type: text/html; charset=utf-8'];
  const html = `<p>Message ${options.index} of the thread.</p><p>${'Some words of the reply, '.repeat(40)}</p><blockquote>Earlier text quoted.</blockquote>`;
  const raw = headers({ from: `Person ${options.index % 7} <p${options.index % 7}@thread.test>`, to: options.to, subject: options.subject, extra }).replace(/Message-ID: <[^>]+>/, `Message-ID: ${options.messageId}`);
  return join(raw, '\r\n\r\n', Buffer.from(html, 'utf8'));
}
