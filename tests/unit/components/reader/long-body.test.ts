import { describe, expect, it } from 'vitest';
import { CHARSETS, firstPart, recoded } from '@/components/reader/long-body';

describe('firstPart', () => {
  it('keeps a body within the limit whole', () => {
    expect(firstPart({ html: '<p>short</p>', text: 'short' }, 100)).toEqual({ html: '<p>short</p>', text: 'short', cut: false });
  });

  it('cuts long HTML after the last tag end before the limit', () => {
    const html = '<p>one</p><p>two</p><p>three</p>';
    expect(firstPart({ html, text: null }, 21)).toEqual({ html: '<p>one</p><p>two</p>', text: null, cut: true });
  });

  it('cuts long text after the last line break before the limit', () => {
    expect(firstPart({ html: null, text: 'line one\nline two\nline three\n' }, 20)).toEqual({ html: null, text: 'line one\nline two\n', cut: true });
  });

  it('cuts at the limit when no tag or line ends in its second half', () => {
    const text = 'x'.repeat(50);
    expect(firstPart({ html: null, text }, 20).text).toBe('x'.repeat(20));
  });
});

describe('recoded', () => {
  const cp1251 = Uint8Array.of(0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2); // "Привет"

  it('decodes text parts in the chosen charset', () => {
    expect(recoded([{ type: 'text/plain', bytes: cp1251 }], 'windows-1251', false)).toEqual({ html: null, text: 'Привет' });
  });

  it('escapes text parts into an HTML view, as the stored view has them', () => {
    const view = recoded([{ type: 'text/html', bytes: new TextEncoder().encode('<p>a</p>') }, { type: 'text/plain', bytes: cp1251 }], 'windows-1251', true);
    expect(view.html).toBe('<p>a</p>\n<div class="plain-text">Привет\n</div>');
  });

  it('offers only charsets the platform can decode', () => {
    for (const charset of CHARSETS) expect(() => new TextDecoder(charset)).not.toThrow();
  });
});
