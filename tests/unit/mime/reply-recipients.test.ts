import { describe, expect, it } from 'vitest';
import { replyRecipients, type ReplyOriginal } from '@/lib/mime/reply-recipients';

const alice = { name: 'Alice', email: 'alice@example.com' };
const bob = { name: 'Bob', email: 'bob@example.com' };
const carol = { name: 'Carol', email: 'carol@example.com' };
const dave = { name: 'Dave', email: 'dave@example.com' };
const me = { name: 'Me', email: 'me@example.com' };
const list = { name: 'Team list', email: 'team@lists.example.com' };
const own = ['ME@example.com', 'me-alias@example.com'];

function original(fields: Partial<ReplyOriginal>): ReplyOriginal {
  return { from: null, to: null, cc: null, replyTo: null, ...fields };
}

describe('replyRecipients', () => {
  it('replies to From', () => {
    expect(replyRecipients(original({ from: [alice], to: [me, bob], cc: [carol] }), own, 'reply')).toEqual({ to: [alice], cc: [] });
  });

  it('replies to Reply-To when present', () => {
    expect(replyRecipients(original({ from: [alice], to: [list], replyTo: [list] }), own, 'reply')).toEqual({ to: [list], cc: [] });
  });

  it('writes to the sender only, ignoring Reply-To', () => {
    expect(replyRecipients(original({ from: [alice], to: [list], cc: [bob], replyTo: [list] }), own, 'sender')).toEqual({ to: [alice], cc: [] });
  });

  it('replies to all: From and To in To, Cc in Cc, without the user', () => {
    expect(replyRecipients(original({ from: [alice], to: [me, bob], cc: [carol] }), own, 'replyAll')).toEqual({ to: [alice, bob], cc: [carol] });
  });

  it('recognises the user\'s addresses case-insensitively, aliases included', () => {
    const upper = { name: 'Me', email: 'Me@Example.COM' };
    const alias = { name: '', email: 'ME-ALIAS@example.com' };
    expect(replyRecipients(original({ from: [alice], to: [upper, bob], cc: [alias, carol] }), own, 'replyAll')).toEqual({ to: [alice, bob], cc: [carol] });
  });

  it('replies to all with Reply-To instead of From', () => {
    expect(replyRecipients(original({ from: [alice], replyTo: [list], to: [list, me], cc: [bob] }), own, 'replyAll')).toEqual({ to: [list], cc: [bob] });
  });

  it('keeps only the first occurrence of an address, across To and Cc and whatever its case', () => {
    const bobAgain = { name: 'Robert', email: 'BOB@example.com' };
    expect(replyRecipients(original({ from: [alice], to: [bob, alice], cc: [bobAgain, carol, carol] }), own, 'replyAll')).toEqual({ to: [alice, bob], cc: [carol] });
  });

  it('replies to the original recipients when the user sent the original', () => {
    const sent = original({ from: [me], to: [bob, carol], cc: [dave] });
    expect(replyRecipients(sent, own, 'reply')).toEqual({ to: [bob, carol], cc: [] });
    expect(replyRecipients(sent, own, 'replyAll')).toEqual({ to: [bob, carol], cc: [dave] });
  });

  it('recognises the user\'s own message even when sent from an alias in another case', () => {
    const sent = original({ from: [{ name: 'Me', email: 'Me-Alias@Example.com' }], to: [bob] });
    expect(replyRecipients(sent, own, 'reply')).toEqual({ to: [bob], cc: [] });
  });

  it('falls back to From when nobody else is left', () => {
    expect(replyRecipients(original({ from: [me], to: [me] }), own, 'replyAll')).toEqual({ to: [me], cc: [] });
    expect(replyRecipients(original({ from: [alice], replyTo: [me] }), own, 'reply')).toEqual({ to: [alice], cc: [] });
  });

  it('leaves the fallback sender in To even when they were also in Cc', () => {
    expect(replyRecipients(original({ from: [alice], replyTo: [me], to: [me], cc: [alice, bob] }), own, 'replyAll')).toEqual({ to: [alice], cc: [bob] });
  });

  it('skips addresses without an email and copes with missing fields', () => {
    expect(replyRecipients(original({ from: [alice], to: [{ name: 'undisclosed-recipients', email: '' }] }), own, 'replyAll')).toEqual({ to: [alice], cc: [] });
    expect(replyRecipients(original({}), own, 'replyAll')).toEqual({ to: [], cc: [] });
  });
});
