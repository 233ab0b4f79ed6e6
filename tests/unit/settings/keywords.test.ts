import { describe, expect, it } from 'vitest';
import { isValidKeyword, keywordForName } from '@/lib/settings/keywords';

/** RFC 3501 §9: ATOM-CHAR is any CHAR except atom-specials ( ) { SP CTL % * " \ ] */
const RFC3501_ATOM = /^[^\x00-\x20\x7f-\uffff(){%*"\\\]]+$/;

describe('keywordForName', () => {
  it.each([
    ['Work', 'work'],
    ['Работа', 'rabota'],
    ['Счёт-фактура №5', 'schet-faktura-no5'],
    ['Ёлка', 'elka'],
    ['Привет, мир!', 'privet-mir'],
    ['Café & "quotes" (50%) {x} [y] *z* \\', 'cafe-quotes-50-x-y-z'],
    ['日本語', 'tag'],
    ['   ', 'tag'],
  ])('turns %j into the IMAP atom %j', (name, keyword) => {
    expect(keywordForName(name, [])).toBe(keyword);
    expect(keyword).toMatch(RFC3501_ATOM);
  });

  it('is a valid atom for any name, never a system or spam keyword', () => {
    const names = ['', ' ', '$seen', '\\Seen', 'Junk', 'NotJunk', 'a'.repeat(300), '\u0000\u007f\t\n', '%*"\\(){}[]', 'Ёлка', 'Ⅻ ﬁ'];
    for (const name of names) {
      const keyword = keywordForName(name, []);
      expect(keyword).toMatch(RFC3501_ATOM);
      expect(isValidKeyword(keyword)).toBe(true);
      expect(keyword.startsWith('$')).toBe(false);
      expect(['junk', 'notjunk', 'nonjunk']).not.toContain(keyword);
      expect(keyword.length).toBeLessThanOrEqual(40);
    }
  });

  it('differs from every keyword already taken, case-insensitively', () => {
    const taken: string[] = [];
    for (let i = 0; i < 12; i++) taken.push(keywordForName(i % 2 ? 'Работа' : 'RABOTA', taken));
    expect(new Set(taken.map((k) => k.toLowerCase())).size).toBe(12);
    expect(keywordForName('Work', ['WORK', 'work-2'])).toBe('work-3');
    expect(keywordForName('x'.repeat(60), ['x'.repeat(40)])).toBe(`${'x'.repeat(38)}-2`);
  });
});

describe('isValidKeyword', () => {
  it('accepts what other clients set and refuses what IMAP cannot carry', () => {
    for (const keyword of ['$label1', '$Forwarded', 'tag_work', 'Junk', '$MDNSent']) expect(isValidKeyword(keyword)).toBe(true);
    for (const keyword of ['', 'two words', 'a(b', 'a]b', 'a%', 'a*', 'a"b', 'a\\b', 'a{', 'ключ', 'x'.repeat(256)]) expect(isValidKeyword(keyword)).toBe(false);
  });
});
