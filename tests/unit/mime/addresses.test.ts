import { describe, expect, it } from 'vitest';
import { addressKey, formatAddress, isValidEmail, parseAddress, parseAddressList, splitTopLevel } from '@/lib/mime/addresses';

const pairs = (input: string) => parseAddressList(input).map(({ name, email }) => [name, email]);

describe('parseAddressList', () => {
  it('splits on commas, semicolons and line breaks, dropping empty pieces', () => {
    expect(pairs('a@b.cc, c@d.ee;e@f.gg\n\r\ng@h.ii ,, ;')).toEqual([
      [null, 'a@b.cc'],
      [null, 'c@d.ee'],
      [null, 'e@f.gg'],
      [null, 'g@h.ii'],
    ]);
    expect(parseAddressList('  \n ; , ')).toEqual([]);
  });

  it('does not split inside quotes or angle brackets', () => {
    expect(pairs('"Last, First" <first@x.org>; "A; B" <ab@x.org>, <odd,one@x.org>')).toEqual([
      ['Last, First', 'first@x.org'],
      ['A; B', 'ab@x.org'],
      [null, 'odd,one@x.org'],
    ]);
  });

  it('reads the usual forms', () => {
    expect(pairs('Ann Lee <ann@x.org>')).toEqual([['Ann Lee', 'ann@x.org']]);
    expect(pairs('<bare@x.org>')).toEqual([[null, 'bare@x.org']]);
    expect(pairs('  plain@x.org  ')).toEqual([[null, 'plain@x.org']]);
    expect(pairs('mailto:link@x.org?subject=Hi')).toEqual([[null, 'link@x.org']]);
    expect(pairs('MAILTO:%D0%B8@x.org')).toEqual([[null, 'и@x.org']]);
    expect(pairs('Ann <mailto:ann@x.org>')).toEqual([['Ann', 'ann@x.org']]);
    expect(pairs('"Say \\"hi\\"" <q@x.org>')).toEqual([['Say "hi"', 'q@x.org']]);
    expect(pairs('old@x.org (Old Style)')).toEqual([['Old Style', 'old@x.org']]);
    expect(pairs('Иван Петров ivan@пример.рф')).toEqual([['Иван Петров', 'ivan@пример.рф']]);
    expect(pairs('same@x.org <same@x.org>')).toEqual([[null, 'same@x.org']]);
  });

  it('keeps what is not an address, marked invalid, with the text it came from', () => {
    expect(parseAddressList(' Bob ; bob@ ')).toEqual([
      { name: null, email: 'Bob', valid: false, raw: 'Bob' },
      { name: null, email: 'bob@', valid: false, raw: 'bob@' },
    ]);
    expect(parseAddress('Ann <ann@x.org>')).toEqual({ name: 'Ann', email: 'ann@x.org', valid: true, raw: 'Ann <ann@x.org>' });
  });
});

describe('splitTopLevel', () => {
  it('keeps the piece still being typed, even inside an open quote', () => {
    expect(splitTopLevel('a@b.cc, "Last, Fi')).toEqual(['a@b.cc', ' "Last, Fi']);
    expect(splitTopLevel('a@b.cc,')).toEqual(['a@b.cc', '']);
  });
});

describe('isValidEmail', () => {
  it.each(['a@b.cc', 'first.last+tag@sub.example.org', 'ivan@пример.рф', 'пользователь@почта.рф', 'x@xn--p1ai.xn--p1ai', "o'neil@x.ie"])('accepts %s', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each(['', 'plain', '@x.org', 'a@', 'a@b', 'root@localhost', 'a b@x.org', 'a@x .org', 'a@@x.org', '.a@x.org', 'a..b@x.org', 'a@-x.org', 'a@x..org', 'a@1.2.3.4', 'a<b>@x.org'])('refuses %j', (email) => {
    expect(isValidEmail(email)).toBe(false);
  });

  it('refuses addresses past 254 characters', () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.org`;
    expect(isValidEmail(`a@${domain}`)).toBe(true);
    expect(isValidEmail(`abcdefghij@${domain}`)).toBe(false);
  });
});

describe('formatAddress', () => {
  it('writes the name before the address, quoted when it has specials', () => {
    expect(formatAddress({ name: 'Ann Lee', email: 'ann@x.org' })).toBe('Ann Lee <ann@x.org>');
    expect(formatAddress({ name: 'Lee, Ann', email: 'ann@x.org' })).toBe('"Lee, Ann" <ann@x.org>');
    expect(formatAddress({ name: 'Say "hi"', email: 'q@x.org' })).toBe('"Say \\"hi\\"" <q@x.org>');
    expect(formatAddress({ name: 'Иван', email: 'i@x.ru' })).toBe('Иван <i@x.ru>');
    expect(formatAddress({ name: '', email: 'x@y.zz' })).toBe('x@y.zz');
    expect(formatAddress({ name: null, email: 'x@y.zz' })).toBe('x@y.zz');
  });

  it('round-trips through parseAddressList', () => {
    const list = [
      { name: 'Lee, Ann', email: 'ann@x.org' },
      { name: 'Say "hi"', email: 'q@x.org' },
      { name: null, email: 'bare@x.org' },
    ];
    expect(parseAddressList(list.map(formatAddress).join(', ')).map(({ name, email }) => ({ name, email }))).toEqual(list);
  });
});

describe('addressKey', () => {
  it('ignores case and surrounding spaces', () => {
    expect(addressKey(' Ann@X.org ')).toBe(addressKey('ann@x.org'));
  });
});
