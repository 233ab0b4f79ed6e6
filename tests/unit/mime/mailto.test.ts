import { describe, expect, it } from 'vitest';
import { isMailtoUrl, MAX_MAILTO_LENGTH, parseMailto, percentDecode } from '@/lib/mime/mailto';

const emails = (list: Array<{ email: string }> | undefined) => list?.map((a) => a.email);

describe('parseMailto: the examples of RFC 6068 §6', () => {
  it('reads a plain address', () => {
    expect(parseMailto('mailto:chris@example.com')).toEqual({ to: [{ name: '', email: 'chris@example.com' }], cc: [], bcc: [], subject: '', body: '' });
  });

  it('reads subject and body, with the encoded line break as \\n', () => {
    expect(parseMailto('mailto:infobot@example.com?subject=current-issue')).toMatchObject({ subject: 'current-issue', body: '' });
    expect(parseMailto('mailto:infobot@example.com?body=send%20current-issue')).toMatchObject({ body: 'send current-issue' });
    expect(parseMailto('mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index')).toMatchObject({ body: 'send current-issue\nsend index' });
  });

  it('ignores header fields other than to, cc, bcc, subject and body', () => {
    expect(parseMailto('mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E')).toEqual({
      to: [{ name: '', email: 'list@example.org' }],
      cc: [],
      bcc: [],
      subject: '',
      body: '',
    });
    expect(parseMailto('mailto:a@example.org?from=boss@example.org&X-Priority=1&Reply-To=evil@example.net')).toMatchObject({ to: [{ email: 'a@example.org' }], cc: [], bcc: [] });
  });

  it('reads cc next to a body', () => {
    expect(parseMailto('mailto:joe@example.com?cc=bob@example.com&body=hello')).toEqual({
      to: [{ name: '', email: 'joe@example.com' }],
      cc: [{ name: '', email: 'bob@example.com' }],
      bcc: [],
      subject: '',
      body: 'hello',
    });
  });

  it('decodes escaped characters in the address', () => {
    expect(emails(parseMailto('mailto:gorby%25kremvax@example.com')?.to)).toEqual(['gorby%kremvax@example.com']);
    expect(emails(parseMailto('mailto:unlikely%3Faddress@example.com?blat=foop')?.to)).toEqual(['unlikely?address@example.com']);
    expect(emails(parseMailto('mailto:Mike%26family@example.org')?.to)).toEqual(['Mike&family@example.org']);
  });

  it('takes addresses from to= and from the path, several of them', () => {
    expect(emails(parseMailto('mailto:?to=addr1@an.example,addr2@an.example')?.to)).toEqual(['addr1@an.example', 'addr2@an.example']);
    expect(emails(parseMailto('mailto:addr1@an.example?to=addr2@an.example')?.to)).toEqual(['addr1@an.example', 'addr2@an.example']);
  });

  it('decodes UTF-8 in values and in domain names', () => {
    expect(parseMailto('mailto:user@example.org?subject=caf%C3%A9')?.subject).toBe('café');
    expect(parseMailto('mailto:user@%E7%B4%8D%E8%B1%86.example.org?subject=Test&body=NATTO')).toMatchObject({
      to: [{ email: 'user@納豆.example.org' }],
      subject: 'Test',
      body: 'NATTO',
    });
  });

  it('keeps a quoted local part it cannot validate, for the composer to show as invalid', () => {
    expect(emails(parseMailto('mailto:%22not%40me%22@example.org')?.to)).toEqual(['"not@me"@example.org']);
  });
});

describe('parseMailto: what pages really put in links', () => {
  it('reads Cyrillic percent-encoded as UTF-8 in every field', () => {
    const url =
      'mailto:%D0%B0%D0%BD%D0%BD%D0%B0@%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84' +
      '?subject=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%2C%20%D0%BC%D0%B8%D1%80' +
      '&body=%D0%97%D0%B4%D1%80%D0%B0%D0%B2%D1%81%D1%82%D0%B2%D1%83%D0%B9%D1%82%D0%B5!%0A%D0%94%D0%BE%20%D0%B2%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B8';
    expect(parseMailto(url)).toEqual({
      to: [{ name: '', email: 'анна@пример.рф' }],
      cc: [],
      bcc: [],
      subject: 'Привет, мир',
      body: 'Здравствуйте!\nДо встречи',
    });
  });

  it('keeps + as a plus: mailto is not a form encoding', () => {
    expect(parseMailto('mailto:bob+news@x.org?subject=1+1%3D2&body=a+b')).toMatchObject({ to: [{ email: 'bob+news@x.org' }], subject: '1+1=2', body: 'a+b' });
    expect(parseMailto('mailto:x@x.org?subject=a%2Bb')?.subject).toBe('a+b');
  });

  it('reads display names, all three recipient fields, repeated fields and any case', () => {
    const parsed = parseMailto(
      'MailTo:%22Lee%2C%20Ann%22%20%3Cann@x.org%3E?CC=Bob%20%3Cbob@x.org%3E;carol@x.org&cc=dan@x.org&BCC=eve@x.org&bcc=&to=ANN@x.org,frank@x.org&Subject=Hi&subject=Ignored',
    );
    expect(parsed).toEqual({
      to: [
        { name: 'Lee, Ann', email: 'ann@x.org' },
        { name: '', email: 'frank@x.org' },
      ],
      cc: [
        { name: 'Bob', email: 'bob@x.org' },
        { name: '', email: 'carol@x.org' },
        { name: '', email: 'dan@x.org' },
      ],
      bcc: [{ name: '', email: 'eve@x.org' }],
      subject: 'Hi',
      body: '',
    });
  });

  it('keeps # in a value, makes the subject one line and keeps the body whitespace', () => {
    expect(parseMailto('mailto:x@x.org?subject=Issue #5&body=see #5')).toMatchObject({ subject: 'Issue #5', body: 'see #5' });
    expect(parseMailto('mailto:x@x.org?subject=one%0D%0A%20two%0Athree')?.subject).toBe('one two three');
    expect(parseMailto('mailto:x@x.org?body=%20%20indented%0D%0A%0D%0A%0Dend%20')?.body).toBe('  indented\n\n\nend ');
  });

  it('answers malformed links sensibly, never throwing', () => {
    expect(parseMailto('mailto:')).toEqual({ to: [], cc: [], bcc: [], subject: '', body: '' });
    expect(parseMailto('mailto:?')).toEqual({ to: [], cc: [], bcc: [], subject: '', body: '' });
    expect(parseMailto('mailto:x@x.org?&&=&subject&body=%')).toEqual({ to: [{ name: '', email: 'x@x.org' }], cc: [], bcc: [], subject: '', body: '%' });
    // Broken escapes stay as typed; bytes that are not UTF-8 become U+FFFD.
    expect(parseMailto('mailto:x@x.org?subject=100%25%20sure%zz%')?.subject).toBe('100% sure%zz%');
    expect(parseMailto('mailto:x@x.org?subject=%D0%9F%D1')?.subject).toBe('П\uFFFD');
    expect(parseMailto('mailto:x@x.org?subject=%FF%FE')?.subject).toBe('\uFFFD\uFFFD');
    // Not an address: kept, so the composer shows it for correction.
    expect(emails(parseMailto('mailto:not%20an%20address')?.to)).toEqual(['not an address']);
    expect(emails(parseMailto('mailto:,,;%0A,')?.to)).toEqual([]);
  });

  it('refuses what is not a mailto: URL of a reasonable length', () => {
    for (const bad of [null, undefined, 42, {}, '', 'x@x.org', 'https://x.org/?mailto:x@x.org', ' mailto:x@x.org', 'javascript:alert(1)//mailto:']) {
      expect(parseMailto(bad)).toBeNull();
      expect(isMailtoUrl(bad)).toBe(false);
    }
    const long = `mailto:x@x.org?body=${'a'.repeat(MAX_MAILTO_LENGTH)}`;
    expect(parseMailto(long)).toBeNull();
    expect(parseMailto(long.slice(0, MAX_MAILTO_LENGTH))?.body).toHaveLength(MAX_MAILTO_LENGTH - 'mailto:x@x.org?body='.length);
  });
});

describe('percentDecode', () => {
  it('decodes runs of escapes as UTF-8 and leaves the rest', () => {
    expect(percentDecode('%E2%82%AC+%e2%82%ac%2')).toBe('€+€%2');
    expect(percentDecode('no escapes')).toBe('no escapes');
  });
});
