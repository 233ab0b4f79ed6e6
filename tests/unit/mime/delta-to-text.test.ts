import { describe, expect, it } from 'vitest';
import { deltaToText, textToHtml, type DeltaOp } from '@/lib/mime/delta-to-text';

const text = (...ops: DeltaOp[]): string => deltaToText({ ops });
const line = (attributes?: Record<string, unknown>): DeltaOp => ({ insert: '\n', attributes });

describe('deltaToText', () => {
  it('writes paragraphs as lines, with inline formatting dropped', () => {
    expect(text({ insert: 'Hello ' }, { insert: 'world', attributes: { bold: true } }, { insert: '\nSecond line\n' })).toBe('Hello world\nSecond line');
  });

  it('writes bullet and ordered lists', () => {
    expect(text({ insert: 'milk' }, line({ list: 'bullet' }), { insert: 'eggs' }, line({ list: 'bullet' }), { insert: 'first' }, line({ list: 'ordered' }), { insert: 'second' }, line({ list: 'ordered' }))).toBe(
      '- milk\n- eggs\n1. first\n2. second',
    );
  });

  it('writes checklists', () => {
    expect(text({ insert: 'done' }, line({ list: 'checked' }), { insert: 'todo' }, line({ list: 'unchecked' }))).toBe('[x] done\n[ ] todo');
  });

  it('restarts numbering after a line that is not in the list', () => {
    expect(text({ insert: 'a' }, line({ list: 'ordered' }), { insert: 'b' }, line({ list: 'ordered' }), { insert: 'between\n' }, { insert: 'c' }, line({ list: 'ordered' }))).toBe(
      '1. a\n2. b\nbetween\n1. c',
    );
  });

  it('restarts numbering when a bullet list comes between, as the HTML part does', () => {
    expect(text({ insert: 'a' }, line({ list: 'ordered' }), { insert: 'x' }, line({ list: 'bullet' }), { insert: 'b' }, line({ list: 'ordered' }))).toBe('1. a\n- x\n1. b');
  });

  it('nests lists by indent, two spaces a level, and resumes the outer numbering', () => {
    expect(
      text(
        { insert: 'one' },
        line({ list: 'ordered' }),
        { insert: 'one.a' },
        line({ list: 'ordered', indent: 1 }),
        { insert: 'one.b' },
        line({ list: 'ordered', indent: 1 }),
        { insert: 'deep' },
        line({ list: 'bullet', indent: 2 }),
        { insert: 'two' },
        line({ list: 'ordered' }),
        { insert: 'two.a' },
        line({ list: 'ordered', indent: 1 }),
      ),
    ).toBe('1. one\n  1. one.a\n  2. one.b\n    - deep\n2. two\n  1. two.a');
  });

  it('writes blockquotes with "> " and headers as plain lines', () => {
    expect(text({ insert: 'Title' }, line({ header: 1 }), { insert: 'quoted' }, line({ blockquote: true }), { insert: 'after\n' })).toBe('Title\n> quoted\nafter');
  });

  it('writes links as "text <url>", or just the url when that is the text', () => {
    expect(
      text(
        { insert: 'See ' },
        { insert: 'the docs', attributes: { link: 'https://example.com/docs' } },
        { insert: ' or ' },
        { insert: 'https://example.com', attributes: { link: 'https://example.com' } },
        { insert: ' or ' },
        { insert: 'bob@example.com', attributes: { link: 'mailto:bob@example.com' } },
        { insert: '\n' },
      ),
    ).toBe('See the docs <https://example.com/docs> or https://example.com or bob@example.com');
  });

  it('keeps a link that is partly bold as one link', () => {
    expect(text({ insert: 'the ', attributes: { link: 'https://x.test' } }, { insert: 'docs', attributes: { link: 'https://x.test', bold: true } }, { insert: '\n' })).toBe(
      'the docs <https://x.test>',
    );
  });

  it('writes images as [image] or their alt text, and a linked image with its link', () => {
    expect(text({ insert: 'Look: ' }, { insert: { image: 'data:image/png;base64,AAAA' } }, { insert: '\n' })).toBe('Look: [image]');
    expect(text({ insert: { image: 'cid:1' }, attributes: { alt: 'A cat' } }, { insert: '\n' })).toBe('[A cat]');
    expect(text({ insert: { image: 'cid:1' }, attributes: { link: 'https://cats.test' } }, { insert: '\n' })).toBe('[image] <https://cats.test>');
  });

  it('keeps code blocks as they are, indentation included', () => {
    expect(text({ insert: 'if (x) {' }, line({ 'code-block': 'plain' }), { insert: '  go();' }, line({ 'code-block': 'plain' }), { insert: '}' }, line({ 'code-block': 'plain' }))).toBe(
      'if (x) {\n  go();\n}',
    );
  });

  it('trims trailing spaces and keeps at most one blank line in a row, none at the ends', () => {
    expect(text({ insert: '\n\nHi   \n\n\n\nBye\n\n\n' })).toBe('Hi\n\nBye');
  });

  it('handles several lines in one insert and a Delta that does not end with a newline', () => {
    expect(text({ insert: 'a\nb\nc' })).toBe('a\nb\nc');
    expect(text()).toBe('');
  });

  it('handles Cyrillic text', () => {
    expect(text({ insert: 'Привет' }, line({ list: 'bullet' }))).toBe('- Привет');
  });
});

describe('textToHtml', () => {
  it('makes one escaped paragraph a line and keeps empty lines', () => {
    expect(textToHtml('Hi <Bob> & co\n\nBye')).toBe('<p>Hi &lt;Bob&gt; &amp; co</p><p><br></p><p>Bye</p>');
  });

  it('keeps leading and repeated spaces', () => {
    expect(textToHtml('  indented  twice a b')).toBe('<p>&nbsp;&nbsp;indented&nbsp;&nbsp;twice a b</p>');
  });

  it('normalises line endings', () => {
    expect(textToHtml('a\r\nb')).toBe('<p>a</p><p>b</p>');
  });
});
