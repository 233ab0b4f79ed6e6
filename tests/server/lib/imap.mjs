// Minimal IMAP client over a raw TCP socket, for bulk APPEND (RFC 3502 MULTIAPPEND with
// RFC 7888 LITERAL+): one APPEND command carries many messages, each with its own flags
// and internal date (= JMAP receivedAt), and Cyrus stores them in one mailbox transaction.
import net from 'node:net';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// IMAP date-time in UTC: "29-Nov-2026 14:05:09 +0000"
export function imapDate(d) {
  const p2 = (n) => String(n).padStart(2, '0');
  return `${p2(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

// JMAP keywords -> IMAP flags ($seen -> \Seen ...; other keywords are IMAP keywords as-is)
const SYSTEM = { $seen: '\\Seen', $flagged: '\\Flagged', $answered: '\\Answered', $draft: '\\Draft' };
export const imapFlags = (keywords) => Object.keys(keywords || {}).map((k) => SYSTEM[k] || k).join(' ');

export async function imapConnect(port, host = '127.0.0.1') {
  const sock = net.connect(port, host);
  sock.setNoDelay(true);
  let buf = '';
  let waiter = null; // { tag, lines, resolve, reject }
  let greeting;
  const greeted = new Promise((res, rej) => { greeting = { res, rej }; });
  sock.on('error', (e) => { greeting.rej(e); waiter?.reject(e); });
  sock.on('data', (d) => {
    buf += d.toString('latin1');
    let i;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (greeting) { greeting.res(line); greeting = null; continue; }
      if (!waiter) continue;
      waiter.lines.push(line);
      if (line.startsWith(waiter.tag + ' ')) {
        const w = waiter; waiter = null;
        if (/^\S+ OK/.test(line)) w.resolve(w.lines); else w.reject(new Error(`IMAP: ${line}`));
      }
    }
  });
  const hello = await greeted;
  let n = 0;
  // send(chunks): chunks are strings/Buffers making up one command (the tag is prepended)
  const send = (chunks) => new Promise((resolve, reject) => {
    const tag = 'A' + (++n);
    waiter = { tag, lines: [], resolve, reject };
    sock.cork();
    sock.write(tag + ' ');
    for (const c of chunks) sock.write(c);
    sock.uncork();
  });
  const quote = (s) => `"${String(s).replace(/["\\]/g, '\\$&')}"`;
  return {
    hello,
    async login(user, password) { return send([`LOGIN ${quote(user)} ${quote(password)}\r\n`]); },
    async capabilities() { return (await send(['CAPABILITY\r\n'])).find((l) => l.startsWith('* CAPABILITY')) || ''; },
    // appendMany(mailbox, [{ raw: Buffer, keywords, receivedAt: Date }]) in ONE APPEND command
    async appendMany(mailbox, msgs) {
      if (!/^[\x20-\x7e]+$/.test(mailbox)) throw new Error('non-ASCII mailbox names need modified UTF-7; not supported here');
      const chunks = [`APPEND ${quote(mailbox)}`];
      for (const m of msgs) {
        chunks.push(` (${imapFlags(m.keywords)}) "${imapDate(m.receivedAt)}" {${m.raw.length}+}\r\n`, m.raw);
      }
      chunks.push('\r\n');
      return send(chunks);
    },
    command: (line) => send([line + '\r\n']),
    async logout() { try { await send(['LOGOUT\r\n']); } catch { /* server closes */ } sock.destroy(); },
  };
}
