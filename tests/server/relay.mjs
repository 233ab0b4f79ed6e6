// SMTP -> LMTP relay for the Cyrus test server (plain Node, no dependencies).
//
// Why: Cyrus sends EmailSubmission (and Sieve vacation) mail by SMTP (EHLO) to
// smtp_host, but its own lmtpd only speaks LMTP (LHLO). This relay accepts SMTP on
// 127.0.0.1:RELAY_PORT and
//   - delivers recipients in local domains (DOMAINS_FILE, one per line, re-read per
//     message) to lmtpd on 127.0.0.1:LMTP_PORT;
//   - writes everything else as SINK_DIR/<time>-<rand>.eml (with X-Envelope-* headers),
//     so tests can inspect "outgoing" mail without any network.
// Like a real MTA it answers 250 as soon as the message is received and delivers
// afterwards, retrying temporary (4xx) failures. Delivering synchronously deadlocks:
// a vacation auto-reply goes back to the sender while the sender's httpd still holds
// its mailbox lock inside EmailSubmission/set.
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

const PORT = Number(process.env.RELAY_PORT || 2525);
const LMTP_PORT = Number(process.env.LMTP_PORT || 8024);
const DOMAINS_FILE = process.env.DOMAINS_FILE || '';
const SINK = process.env.SINK_DIR || '/tmp/mailext-cyrus-outbound';
fs.mkdirSync(SINK, { recursive: true });

const log = (...a) => console.log(new Date().toISOString(), ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function localDomains() {
  try {
    return new Set(fs.readFileSync(DOMAINS_FILE, 'utf8').toLowerCase().split(/\s+/).filter(Boolean));
  } catch {
    return new Set(['example.com']);
  }
}

// One LMTP transaction. `data` is the dot-stuffed DATA payload incl. the final ".\r\n".
// Resolves to one reply line per recipient (LMTP answers DATA once per accepted RCPT).
function lmtp(from, rcpts, data) {
  return new Promise((resolve) => {
    const sock = net.connect(LMTP_PORT, '127.0.0.1');
    const steps = ['LHLO relay', `MAIL FROM:<${from}>`, ...rcpts.map((r) => `RCPT TO:<${r}>`), 'DATA'];
    const result = rcpts.map(() => null);
    const accepted = []; // indexes of recipients that got 2xx to RCPT
    let buf = '';
    let step = -1; // -1 = waiting for greeting
    let inData = false;
    let done = false;
    const finish = (fallback) => {
      if (done) return;
      done = true;
      sock.end('QUIT\r\n');
      resolve(result.map((r) => r || fallback));
    };
    sock.setTimeout(60_000, () => { finish('451 4.4.2 LMTP timeout'); sock.destroy(); });
    sock.on('error', (e) => finish(`451 4.4.1 ${e.message}`));
    sock.on('close', () => finish('451 4.4.1 LMTP connection closed'));
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (line[3] === '-') continue; // multi-line reply continues
        const code = Number(line.slice(0, 3));
        if (inData) { // per-recipient final replies
          result[accepted.shift()] = line;
          if (!accepted.length) finish(line);
          continue;
        }
        const isRcpt = step >= 2 && step < 2 + rcpts.length;
        if (isRcpt) {
          if (code < 400) accepted.push(step - 2); else result[step - 2] = line;
        } else if (step === steps.length - 1) { // reply to DATA
          if (code !== 354 || !accepted.length) return finish(line);
          inData = true;
          sock.write(data);
          continue;
        } else if (code >= 400) {
          return finish(line); // greeting, LHLO or MAIL failed: applies to all
        }
        step++;
        sock.write(steps[step] + '\r\n');
      }
    });
  });
}

async function deliver(from, rcpts, data) {
  const local = localDomains();
  const isLocal = (r) => local.has((r.split('@')[1] || '').toLowerCase());
  const remote = rcpts.filter((r) => !isLocal(r));
  if (remote.length) {
    const file = path.join(SINK, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`);
    const raw = data.toString('latin1').replace(/\r\n\.\r\n$/, '\r\n').replace(/\r\n\.\./g, '\r\n.');
    const env = `X-Envelope-From: <${from}>\r\nX-Envelope-To: ${remote.map((r) => `<${r}>`).join(', ')}\r\n`;
    fs.writeFileSync(file, env + raw, 'latin1');
    log('sink', from, '->', remote.join(','), file);
  }
  let todo = rcpts.filter(isLocal);
  for (let attempt = 1; todo.length && attempt <= 20; attempt++) {
    const replies = await lmtp(from, todo, data);
    log('lmtp', `try ${attempt}`, from, '->', todo.join(','), JSON.stringify(replies));
    todo = todo.filter((_, k) => replies[k][0] === '4'); // retry temporary failures only
    if (todo.length) await sleep(Math.min(200 * attempt, 2000));
  }
  if (todo.length) log('GAVE UP', from, '->', todo.join(','));
}

const server = net.createServer((sock) => {
  let buf = Buffer.alloc(0);
  let inData = false;
  let from = null;
  let rcpts = [];
  const reply = (t) => sock.write(t + '\r\n');
  sock.on('error', () => {});
  reply('220 localhost ESMTP mailext test relay');
  // DATA can be tens of MB: its chunks are kept as they come and only the newest boundary is
  // searched for the end, so a message costs its size once (not once per chunk).
  let chunks = [];
  let length = 0;
  sock.on('data', (chunk) => {
    if (inData) {
      const tail = Buffer.concat(chunks.slice(-4)).subarray(-4);
      chunks.push(chunk);
      length += chunk.length;
      const head = Buffer.concat(chunks.slice(0, 3)).subarray(0, 3).toString();
      if (Buffer.concat([tail, chunk]).indexOf('\r\n.\r\n') < 0 && head !== '.\r\n') return;
      buf = Buffer.concat(chunks, length);
      chunks = [];
      length = 0;
    } else buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (inData) {
        // a lone "." ends DATA; the first line after "354" may itself be "."
        const end = buf.indexOf('\r\n.\r\n');
        const emptyBody = buf.subarray(0, 3).toString() === '.\r\n';
        if (end < 0 && !emptyBody) {
          chunks = [buf];
          length = buf.length;
          buf = Buffer.alloc(0);
          return;
        }
        const cut = emptyBody ? 3 : end + 5;
        const data = emptyBody ? Buffer.from('\r\n.\r\n') : buf.subarray(0, cut);
        buf = buf.subarray(cut);
        inData = false;
        deliver(from, rcpts, Buffer.from(data)).catch((e) => log('deliver error', e.stack));
        reply('250 2.0.0 OK queued');
        from = null;
        rcpts = [];
        continue;
      }
      const i = buf.indexOf('\r\n');
      if (i < 0) return;
      const line = buf.subarray(0, i).toString('latin1');
      buf = buf.subarray(i + 2);
      const cmd = line.slice(0, 4).toUpperCase();
      if (cmd === 'EHLO') reply('250-localhost\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SIZE 104857600');
      else if (cmd === 'HELO') reply('250 localhost');
      else if (cmd === 'MAIL') { from = (line.match(/<([^>]*)>/) || [])[1] ?? ''; rcpts = []; reply('250 2.1.0 OK'); }
      else if (cmd === 'RCPT') {
        const m = line.match(/<([^>]+)>/);
        if (m) { rcpts.push(m[1]); reply('250 2.1.5 OK'); } else reply('501 5.1.3 bad address');
      } else if (cmd === 'DATA') {
        if (!rcpts.length) reply('503 5.5.1 no recipients'); else { inData = true; reply('354 go ahead'); }
      } else if (cmd === 'RSET') { from = null; rcpts = []; reply('250 2.0.0 OK'); }
      else if (cmd === 'NOOP') reply('250 2.0.0 OK');
      else if (cmd === 'QUIT') { reply('221 2.0.0 bye'); sock.end(); return; }
      else reply('502 5.5.2 not implemented');
    }
  });
});
server.listen(PORT, '127.0.0.1', () =>
  log(`relay on 127.0.0.1:${PORT} -> LMTP 127.0.0.1:${LMTP_PORT}, local domains from ${DOMAINS_FILE}, sink ${SINK}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { log('stopping'); process.exit(0); });
