import { describe, expect, it } from 'vitest';
import { newMessageId, replyThreading } from '@/lib/mime/message-ids';

describe('replyThreading', () => {
  it('replies to the parent and appends it to the parent\'s References', () => {
    expect(replyThreading({ messageId: ['c@x'], inReplyTo: ['b@x'], references: ['a@x', 'b@x'] })).toEqual({
      inReplyTo: ['c@x'],
      references: ['a@x', 'b@x', 'c@x'],
    });
  });

  it('starts References from the parent\'s single In-Reply-To when it has no References', () => {
    expect(replyThreading({ messageId: ['b@x'], inReplyTo: ['a@x'], references: null })).toEqual({
      inReplyTo: ['b@x'],
      references: ['a@x', 'b@x'],
    });
  });

  it('ignores an In-Reply-To naming several messages, since it cannot tell which is the parent', () => {
    expect(replyThreading({ messageId: ['c@x'], inReplyTo: ['a@x', 'b@x'], references: [] }).references).toEqual(['c@x']);
  });

  it('gives a first message in a thread just its id', () => {
    expect(replyThreading({ messageId: ['a@x'], inReplyTo: null, references: null })).toEqual({ inReplyTo: ['a@x'], references: ['a@x'] });
  });

  it('has no In-Reply-To when the parent has no Message-ID, but still passes its References on', () => {
    expect(replyThreading({ messageId: null, inReplyTo: null, references: null })).toEqual({ inReplyTo: null, references: null });
    expect(replyThreading({ messageId: [], inReplyTo: ['a@x'], references: ['a@x'] })).toEqual({ inReplyTo: null, references: ['a@x'] });
  });

  it('removes duplicates and keeps the parent last', () => {
    expect(replyThreading({ messageId: ['b@x'], inReplyTo: null, references: ['a@x', 'b@x', 'a@x', 'z@x'] }).references).toEqual(['a@x', 'z@x', 'b@x']);
  });

  it('removes stray angle brackets and blanks', () => {
    expect(replyThreading({ messageId: ['<b@x>'], inReplyTo: null, references: [' <a@x> ', ''] })).toEqual({
      inReplyTo: ['b@x'],
      references: ['a@x', 'b@x'],
    });
  });

  it('caps References at the thread\'s root and the 20 latest ancestors', () => {
    const ancestors = Array.from({ length: 50 }, (_, i) => `m${i}@x`);
    const { references } = replyThreading({ messageId: ['parent@x'], inReplyTo: null, references: ancestors });
    expect(references).toHaveLength(21);
    expect(references?.[0]).toBe('m0@x');
    expect(references?.[1]).toBe('m31@x');
    expect(references?.at(-1)).toBe('parent@x');
  });

  it('does not cap a thread that fits', () => {
    const ancestors = Array.from({ length: 20 }, (_, i) => `m${i}@x`);
    expect(replyThreading({ messageId: ['parent@x'], inReplyTo: null, references: ancestors }).references).toEqual([...ancestors, 'parent@x']);
  });
});

describe('newMessageId', () => {
  it('uses the sender\'s domain', () => {
    expect(newMessageId('Alice@Mail.Example.com', () => 'r1')).toBe('r1@mail.example.com');
  });

  it('falls back to postline.invalid when the address has no usable domain', () => {
    expect(newMessageId('alice', () => 'r1')).toBe('r1@postline.invalid');
    expect(newMessageId('alice@', () => 'r1')).toBe('r1@postline.invalid');
    expect(newMessageId('alice@почта.рф', () => 'r1')).toBe('r1@postline.invalid');
    expect(newMessageId('alice@[192.0.2.1]', () => 'r1')).toBe('r1@postline.invalid');
  });

  it('is unique by default and has no angle brackets', () => {
    const a = newMessageId('alice@example.com');
    const b = newMessageId('alice@example.com');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f-]{36}@example\.com$/);
  });
});
