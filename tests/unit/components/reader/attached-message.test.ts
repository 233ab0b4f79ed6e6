import { describe, expect, it } from 'vitest';
import { parseAttachedMessage } from '@/components/reader/attached-message';

const PAYLOAD = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 13) % 256));

const RAW = [
  'From: =?UTF-8?B?0JDQvdC90LA=?= <anna@example.org>',
  'To: Bob <bob@example.org>, team: carol@example.org, dan@example.org;',
  'Cc: eve@example.org',
  'Subject: =?UTF-8?Q?=D0=9E=D1=82=D1=87=D1=91=D1=82?= inside',
  'Date: Tue, 03 Mar 2026 10:15:00 +0000',
  'Message-ID: <inner@example.org>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p onclick="x()">Inner <b>body</b></p><script>alert(1)</script>',
  '--b',
  'Content-Type: application/octet-stream',
  'Content-Disposition: attachment; filename="data.bin"',
  'Content-Transfer-Encoding: base64',
  '',
  PAYLOAD.toString('base64'),
  '--b',
  'Content-Type: message/rfc822',
  'Content-Disposition: inline',
  '',
  'Subject: deeper',
  '',
  'Deeper text.',
  '--b--',
  '',
].join('\r\n');

describe('parseAttachedMessage', () => {
  it('gives decoded headers, the body as it came (the reader sanitises it) and the parts with their exact bytes', async () => {
    const { email, body, parts } = await parseAttachedMessage(new TextEncoder().encode(RAW), 'acc', 5);
    expect(email.subject).toBe('Отчёт inside');
    expect(email.from).toEqual([{ name: 'Анна', email: 'anna@example.org' }]);
    expect(email.to?.map((a) => a.email)).toEqual(['bob@example.org', 'carol@example.org', 'dan@example.org']);
    expect(email.cc).toEqual([{ name: '', email: 'eve@example.org' }]);
    expect(email.receivedAt).toBe(Date.UTC(2026, 2, 3, 10, 15));
    expect(body.html).toContain('<script>');
    expect(body.emailId).toBe(email.id);
    expect(body.attachments?.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: 'data.bin', type: 'application/octet-stream', size: 600 },
      { name: null, type: 'message/rfc822', size: expect.any(Number) },
    ]);
    expect(Buffer.compare(Buffer.from(parts.get(body.attachments![0].blobId)!), PAYLOAD)).toBe(0);
    expect(new TextDecoder().decode(parts.get(body.attachments![1].blobId))).toContain('Subject: deeper');
  });

  it('reads a message without headers it needs as empty, not as a failure', async () => {
    const { email, body } = await parseAttachedMessage(new TextEncoder().encode('\r\njust text'), 'acc');
    expect(email.subject).toBe('');
    expect(email.from).toBeNull();
    expect(email.receivedAt).toBe(0);
    expect(body.text?.trim()).toBe('just text');
  });
});
