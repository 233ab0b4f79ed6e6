import { describe, expect, it } from 'vitest';
import { plainTextToHtml } from '@/lib/security/plain-text';

describe('plainTextToHtml', () => {
  it('escapes everything the sender wrote', () => {
    expect(plainTextToHtml('<script>alert("x")</script> & \'')).toBe('<div class="plain-text">&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;\n</div>');
  });

  it('makes links of http(s) and www. addresses, leaving sentence punctuation outside', () => {
    const html = plainTextToHtml('See https://example.com/a_(b). Or www.example.org, now.');
    expect(html).toContain('<a href="https://example.com/a_(b)">https://example.com/a_(b)</a>.');
    expect(html).toContain('<a href="https://www.example.org">www.example.org</a>,');
  });

  it('cannot be broken out of through a link', () => {
    expect(plainTextToHtml('http://x/"onmouseover="alert(1)')).not.toContain('"onmouseover');
  });

  it('puts "> " lines in nested blockquotes', () => {
    expect(plainTextToHtml('Reply\n> quoted\n>> older\n> again\nafter')).toBe(
      '<div class="plain-text">Reply\n<blockquote>quoted\n<blockquote>older\n</blockquote>again\n</blockquote>after\n</div>',
    );
  });
});
