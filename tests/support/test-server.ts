/**
 * The test side's own view of the real Cyrus server (tests/server/cyrus.sh): fresh users, and
 * mail put there the way the world would (SMTP delivery, IMAP-like import, changes by another
 * client). Deliberately independent of lib/jmap, so that tests do not check our code with itself.
 */
import { execFile } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const SERVER_URL = process.env.MAILEXT_TEST_SERVER ?? 'http://127.0.0.1:8080';
export const SESSION_URL = `${SERVER_URL}/.well-known/jmap`;
const SMTP_PORT = Number(process.env.MAILEXT_CYRUS_SMTP_PORT ?? 2525);
// Tests, the demo and the benchmark all run from the project root (bundled code has no source path).
const CYRUS_SH = join(process.cwd(), 'tests/server/cyrus.sh');

export interface TestUser {
  email: string;
  password: string;
}

/** A new user with an empty mailbox, so each test file is isolated from the others. */
export async function freshUser(prefix = 't'): Promise<TestUser> {
  const email = `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  await promisify(execFile)('bash', [CYRUS_SH, 'adduser', email, password]);
  return { email, password };
}

/** Sets a new password for an existing user, as an administrator would. */
export async function changePassword(user: TestUser, password: string): Promise<void> {
  await promisify(execFile)('bash', [CYRUS_SH, 'adduser', user.email, password]);
  user.password = password;
}

type Invocation = [string, Record<string, unknown>, string];

export class ServerAccount {
  private constructor(
    readonly user: TestUser,
    readonly accountId: string,
    private readonly apiUrl: string,
    private readonly uploadUrl: string,
    private readonly downloadUrl: string,
  ) {}

  static async open(user: TestUser): Promise<ServerAccount> {
    const response = await fetch(SESSION_URL, { headers: { Authorization: basic(user) } });
    if (!response.ok) throw new Error(`session for ${user.email}: HTTP ${response.status}`);
    const session = (await response.json()) as { apiUrl: string; uploadUrl: string; downloadUrl: string; primaryAccounts: Record<string, string> };
    const accountId = session.primaryAccounts['urn:ietf:params:jmap:mail'];
    return new ServerAccount(
      user,
      accountId,
      new URL(session.apiUrl, response.url).href,
      new URL(session.uploadUrl.replace('{accountId}', accountId), response.url).href,
      // Not through URL(): it would percent-encode the template's braces.
      (session.downloadUrl.startsWith('/') ? new URL(response.url).origin : '') + session.downloadUrl.replace('{accountId}', encodeURIComponent(accountId)),
    );
  }

  /** `using`: capabilities beyond core and mail, e.g. `urn:ietf:params:jmap:vacationresponse`. */
  async call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>, using: string[] = []): Promise<T> {
    const [response] = await this.calls([[name, { accountId: this.accountId, ...args }, '0']], using);
    return response[1] as T;
  }

  async calls(methodCalls: Invocation[], using: string[] = []): Promise<Invocation[]> {
    const response = await fetch(this.apiUrl, {
      method: 'POST',
      headers: { Authorization: basic(this.user), 'Content-Type': 'application/json' },
      body: JSON.stringify({ using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail', ...using], methodCalls }),
    });
    if (!response.ok) throw new Error(`JMAP HTTP ${response.status}: ${await response.text()}`);
    const { methodResponses } = (await response.json()) as { methodResponses: Invocation[] };
    const error = methodResponses.find(([name]) => name === 'error');
    if (error) throw new Error(`JMAP error: ${JSON.stringify(error[1])}`);
    return methodResponses;
  }

  async mailboxes(): Promise<Array<{ id: string; name: string; role: string | null; unreadThreads: number; totalThreads: number; totalEmails: number }>> {
    return (await this.call<{ list: [] }>('Mailbox/get', { ids: null })).list;
  }

  async mailboxId(role: string): Promise<string> {
    const mailbox = (await this.mailboxes()).find((m) => m.role === role);
    if (!mailbox) throw new Error(`no ${role} mailbox`);
    return mailbox.id;
  }

  /** The server's own unread-thread count of the inbox (what the badge must equal). */
  async inboxUnreadThreads(): Promise<number> {
    return (await this.mailboxes()).find((m) => m.role === 'inbox')!.unreadThreads;
  }

  /** Puts a message into a mailbox with Email/import (as another client or a migration would). */
  async importMessage(raw: string | Uint8Array<ArrayBuffer>, role = 'inbox', keywords: Record<string, true> = {}, receivedAt?: Date): Promise<string> {
    const upload = await fetch(this.uploadUrl, { method: 'POST', headers: { Authorization: basic(this.user), 'Content-Type': 'message/rfc822' }, body: raw });
    const { blobId } = (await upload.json()) as { blobId: string };
    const mailboxId = await this.mailboxId(role);
    const result = await this.call<{ created?: Record<string, { id: string }>; notCreated?: unknown }>('Email/import', {
      emails: { m: { blobId, mailboxIds: { [mailboxId]: true }, keywords, ...(receivedAt ? { receivedAt: receivedAt.toISOString().replace(/\.\d+Z$/, 'Z') } : {}) } },
    });
    if (!result.created?.m) throw new Error(`import failed: ${JSON.stringify(result.notCreated)}`);
    return result.created.m.id;
  }

  /**
   * Ids of the emails in a mailbox with this exact subject. Filtered here, not with the server's
   * `subject` filter: that is a full-text search, which lags behind moves while Cyrus indexes.
   */
  async idsWithSubject(mailboxId: string, subject: string): Promise<string[]> {
    const { ids } = await this.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: mailboxId } });
    const { list } = await this.call<{ list: Array<{ id: string; subject: string }> }>('Email/get', { ids, properties: ['subject'] });
    return list.filter((e) => e.subject === subject).map((e) => e.id);
  }

  async emailIds(): Promise<string[]> {
    return (await this.call<{ ids: string[] }>('Email/query', {})).ids;
  }

  async setEmail(update: Record<string, Record<string, unknown>>, destroy: string[] = []): Promise<void> {
    const result = await this.call<{ notUpdated?: unknown; notDestroyed?: unknown }>('Email/set', { update, destroy });
    if (result.notUpdated || result.notDestroyed) throw new Error(`Email/set refused: ${JSON.stringify(result)}`);
  }

  /** The raw RFC 5322 bytes of each email in a mailbox (with this exact subject), as another client would download them. */
  async rawMessages(role: string, subject?: string): Promise<string[]> {
    return (await this.rawMessageBytes(role, subject)).map((bytes) => bytes.toString('utf8'));
  }

  /** As rawMessages, byte for byte. */
  async rawMessageBytes(role: string, subject?: string): Promise<Buffer[]> {
    const { ids } = await this.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: await this.mailboxId(role) } });
    const { list } = await this.call<{ list: Array<{ blobId: string; subject: string }> }>('Email/get', { ids, properties: ['blobId', 'subject'] });
    return Promise.all(
      list.filter((e) => subject === undefined || e.subject === subject).map(async ({ blobId }) => {
        const url = this.downloadUrl.replace('{blobId}', encodeURIComponent(blobId)).replace('{name}', 'm.eml').replace('{type}', 'message/rfc822');
        const response = await fetch(url, { headers: { Authorization: basic(this.user) } });
        if (!response.ok) throw new Error(`download ${blobId}: HTTP ${response.status}`);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
  }

  async email(id: string): Promise<{ keywords: Record<string, boolean>; mailboxIds: Record<string, boolean> } | undefined> {
    return (await this.call<{ list: Array<{ keywords: Record<string, boolean>; mailboxIds: Record<string, boolean> }> }>('Email/get', { ids: [id], properties: ['keywords', 'mailboxIds'] })).list[0];
  }
}

export interface ParsedMessage {
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
  attachments: Array<{ filename: string | null; type: string; disposition: string | null; cid: string | null; base64: string }>;
}

/** Reads a raw message with Python's email package: a parser that is not ours. */
export async function parseWithPython(raw: string): Promise<ParsedMessage> {
  const child = execFile('python3', [join(process.cwd(), 'tests/support/parse-mime.py')]);
  child.stdin!.end(raw);
  let out = '';
  child.stdout!.on('data', (chunk: string) => (out += chunk));
  await new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`parse-mime.py exited ${code}`)))));
  return JSON.parse(out) as ParsedMessage;
}

function basic(user: TestUser): string {
  return `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`;
}

let counter = 0;

/** A plain RFC 5322 message. `replyTo` threads it under another message's Message-ID. */
export function message(options: { from?: string; to: string; subject: string; body?: string; messageId?: string; replyTo?: string; date?: Date }): { raw: string; messageId: string } {
  const messageId = options.messageId ?? `<t${Date.now()}.${++counter}.${Math.random().toString(36).slice(2)}@test.example>`;
  const headers = [
    `From: ${options.from ?? 'Sender <sender@example.org>'}`,
    `To: ${options.to}`,
    `Subject: ${encodeHeader(options.subject)}`,
    `Date: ${(options.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    ...(options.replyTo ? [`In-Reply-To: ${options.replyTo}`, `References: ${options.replyTo}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return { raw: `${headers.join('\r\n')}\r\n\r\n${options.body ?? 'Hello.'}\r\n`, messageId };
}

function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

/** Real delivery: SMTP to the test server's relay, which hands it to Cyrus over LMTP. */
export async function deliverBySmtp(from: string, to: string, raw: string): Promise<void> {
  const socket = netConnect(SMTP_PORT, '127.0.0.1');
  socket.setEncoding('utf8');
  const lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let buffer = '';
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (line[3] === '-') continue;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(line);
      } else lines.push(line);
    }
  });
  const reply = () => new Promise<string>((resolve, reject) => {
    const line = lines.shift();
    if (line) return resolve(line);
    waiting = resolve;
    socket.once('error', reject);
  });
  const expect = async (code: string) => {
    const line = await reply();
    if (!line.startsWith(code)) throw new Error(`SMTP: expected ${code}, got ${line}`);
  };
  await expect('220');
  socket.write('EHLO test\r\n');
  await expect('250');
  socket.write(`MAIL FROM:<${from}>\r\n`);
  await expect('250');
  socket.write(`RCPT TO:<${to}>\r\n`);
  await expect('250');
  socket.write('DATA\r\n');
  await expect('354');
  socket.write(`${raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.\r\n`);
  await expect('250');
  socket.end('QUIT\r\n');
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, intervalMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`Timed out; last result: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
