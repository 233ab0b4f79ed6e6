import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { autoreplyProblem, isReplying, sameAutoreply, type Autoreply } from '@/lib/settings/autoreplies';
import { Settings } from '@/lib/settings/settings';

const away: Autoreply = {
  isEnabled: true,
  fromDate: '2026-12-01T00:00:00Z',
  toDate: '2026-12-08T00:00:00Z',
  subject: 'Away — в отпуске',
  textBody: 'Back on the 8th.',
  htmlBody: '<p>Back on the <strong>8th</strong>.</p>',
  addSignature: true,
};

describe('autoreplyProblem', () => {
  it('accepts a complete autoreply, one without dates, and one turned off with no message', () => {
    expect(autoreplyProblem(away)).toBeNull();
    expect(autoreplyProblem({ ...away, fromDate: null, toDate: null })).toBeNull();
    expect(autoreplyProblem({ ...away, isEnabled: false, textBody: '' })).toBeNull();
    expect(autoreplyProblem({ ...away, htmlBody: null, addSignature: false })).toBeNull();
  });

  it.each([
    [{ toDate: '2026-11-30T00:00:00Z' }, 'autoreplyEndBeforeStart'],
    [{ toDate: away.fromDate }, 'autoreplyEndBeforeStart'],
    [{ textBody: ' \n ' }, 'autoreplyEmptyMessage'],
    [{ fromDate: '2026-12-01' }, 'autoreplyInvalidDate'],
    [{ toDate: '2026-12-01T00:00:00.000Z' }, 'autoreplyInvalidDate'],
    [{ subject: 'Away\r\nBcc: everyone@example.org' }, 'autoreplyInvalidSubject'],
    [{ subject: 'x'.repeat(201) }, 'autoreplyTooLong'],
    [{ textBody: 'x'.repeat(20_001) }, 'autoreplyTooLong'],
    [{ htmlBody: `<p>${'x'.repeat(100_000)}</p>` }, 'autoreplyTooLong'],
    // The text is what must say something: an HTML body alone does not make a message.
    [{ textBody: '', htmlBody: '<p><strong> </strong></p>' }, 'autoreplyEmptyMessage'],
  ] as Array<[Partial<Autoreply>, string]>)('refuses %j: %s', (change, problem) => {
    expect(autoreplyProblem({ ...away, ...change })).toBe(problem);
  });
});

describe('isReplying and sameAutoreply', () => {
  it('is replying while on and before the end, whatever the start (the server waits for it)', () => {
    expect(isReplying(away, Date.parse('2026-11-29T00:00:00Z'))).toBe(true);
    expect(isReplying(away, Date.parse('2026-12-08T00:00:00Z'))).toBe(false);
    expect(isReplying({ ...away, isEnabled: false }, Date.parse('2026-12-02T00:00:00Z'))).toBe(false);
    expect(isReplying({ ...away, toDate: null }, Date.parse('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('compares dates as instants and everything else exactly', () => {
    expect(sameAutoreply(away, { ...away, fromDate: '2026-12-01T00:00:00.000Z' })).toBe(true);
    expect(sameAutoreply(away, { ...away, toDate: null })).toBe(false);
    expect(sameAutoreply(away, { ...away, subject: 'Away' })).toBe(false);
    expect(sameAutoreply(away, { ...away, htmlBody: '<p>Back on the 8th.</p>' })).toBe(false);
    expect(sameAutoreply(away, { ...away, addSignature: false })).toBe(false);
  });
});

describe('the autoreply copy in the settings document', () => {
  it('is kept per account address, whatever its case, and shows in the snapshot', () => {
    const settings = new Settings(new Y.Doc());
    settings.autoreplies.save('Alice@Example.com', { ...away, serverReflects: false, savedAt: 1 });
    expect(settings.autoreplies.get('alice@example.com')).toEqual({ ...away, serverReflects: false, savedAt: 1 });
    expect(settings.autoreplies.get('bob@example.com')).toBeNull();
    expect(settings.read().autoreplies).toEqual({ 'alice@example.com': { ...away, serverReflects: false, savedAt: 1 } });
  });

  it('refuses to store an invalid autoreply', () => {
    const settings = new Settings(new Y.Doc());
    expect(() => settings.autoreplies.save('a@x.org', { ...away, textBody: '', serverReflects: true, savedAt: 1 })).toThrow(TypeError);
  });

  it('reads a copy another version wrote in an unknown shape as absent', () => {
    const doc = new Y.Doc();
    doc.getMap('autoreplies').set('a@x.org', { isEnabled: 'yes' });
    doc.getMap('autoreplies').set('b@x.org', { ...away, toDate: '2026-01-01T00:00:00Z', serverReflects: true, savedAt: 1 });
    const settings = new Settings(doc);
    expect(settings.autoreplies.get('a@x.org')).toBeNull();
    expect(settings.autoreplies.get('b@x.org')).toBeNull();
    expect(settings.read().autoreplies).toEqual({});
  });

  it('reads a copy from before rich text as text only, without a signature, and writes the new fields', () => {
    const doc = new Y.Doc();
    const { htmlBody: _html, addSignature: _sign, ...textOnly } = away;
    doc.getMap('autoreplies').set('a@x.org', { ...textOnly, serverReflects: true, savedAt: 1 });
    const settings = new Settings(doc);
    expect(settings.autoreplies.get('a@x.org')).toEqual({ ...textOnly, htmlBody: null, addSignature: false, serverReflects: true, savedAt: 1 });
    settings.autoreplies.save('a@x.org', { ...away, serverReflects: true, savedAt: 2 });
    expect(doc.getMap('autoreplies').get('a@x.org')).toEqual({ ...away, serverReflects: true, savedAt: 2 });
  });

  it('reads a copy whose new fields have the wrong type as absent', () => {
    const doc = new Y.Doc();
    doc.getMap('autoreplies').set('a@x.org', { ...away, htmlBody: 7, serverReflects: true, savedAt: 1 });
    doc.getMap('autoreplies').set('b@x.org', { ...away, addSignature: 'yes', serverReflects: true, savedAt: 1 });
    const settings = new Settings(doc);
    expect(settings.autoreplies.all()).toEqual({});
  });

  it('stores only the fields of an autoreply', () => {
    const settings = new Settings(new Y.Doc());
    settings.autoreplies.save('a@x.org', { ...away, serverReflects: true, savedAt: 1, extra: 'x' } as never);
    expect(Object.keys(settings.autoreplies.get('a@x.org')!).sort()).toEqual(['addSignature', 'fromDate', 'htmlBody', 'isEnabled', 'savedAt', 'serverReflects', 'subject', 'textBody', 'toDate']);
  });

  it('reaches another replica of the document', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    new Settings(a).autoreplies.save('a@x.org', { ...away, serverReflects: true, savedAt: 5 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(new Settings(b).autoreplies.get('a@x.org')?.subject).toBe(away.subject);
  });
});
