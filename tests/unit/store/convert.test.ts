import { describe, expect, it } from 'vitest';
import type { EmailHeaders } from '@/lib/jmap/types';
import { calendarFlag, emailRow } from '@/lib/store/convert';

const headers = (fields: Partial<EmailHeaders> = {}): EmailHeaders => ({
  id: 'm1',
  threadId: 't1',
  mailboxIds: { inbox: true },
  keywords: {},
  size: 10,
  receivedAt: '2026-12-01T10:00:00Z',
  sentAt: null,
  messageId: null,
  inReplyTo: null,
  from: null,
  to: null,
  cc: null,
  subject: 's',
  preview: '',
  hasAttachment: false,
  ...fields,
});

describe('calendar flag', () => {
  it.each<[string, EmailHeaders['attachments'], 0 | 1]>([
    ['an invitation part', [{ type: 'text/calendar' }], 1],
    ['an .ics file beside other files', [{ type: 'application/pdf' }, { type: 'application/ics' }], 1],
    ['a type in capitals', [{ type: 'Text/Calendar' }], 1],
    ['other files only', [{ type: 'application/pdf' }, { type: 'image/png' }], 0],
    ['a part without a type', [{ type: null }], 0],
    ['no attachments', [], 0],
    ['attachments not fetched', undefined, 0],
  ])('is set from the attachments: %s', (_, attachments, flag) => {
    expect(calendarFlag(attachments)).toBe(flag);
  });

  it('is part of the stored row', () => {
    expect(emailRow('a1', headers({ hasAttachment: true, attachments: [{ type: 'text/plain' }, { type: 'text/calendar' }] }))).toMatchObject({ hasAttachment: 1, hasCalendar: 1 });
    expect(emailRow('a1', headers())).toMatchObject({ hasAttachment: 0, hasCalendar: 0 });
  });
});
