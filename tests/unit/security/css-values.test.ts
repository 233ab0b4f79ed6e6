import { describe, expect, it } from 'vitest';
import { isOpaqueCssValue, rewriteCssUrls } from '@/lib/security/css-values';

const refuseAll = () => null;

describe('rewriteCssUrls', () => {
  it('turns every refused url() into none and keeps the rest of the value', () => {
    expect(rewriteCssUrls('url("http://x/a.png") no-repeat, url("http://x/b.png") red', refuseAll)).toBe('none no-repeat, none red');
  });

  it('treats strings inside image functions as URLs, and src() like url()', () => {
    const seen: string[] = [];
    const out = rewriteCssUrls('image-set("http://x/1.png" 1x, url("http://x/2.png") 2x), -webkit-image-set("http://x/3.png" 1x), src("http://x/4.png")', (url) => (seen.push(url), null));
    expect(seen).toEqual(['http://x/1.png', 'http://x/2.png', 'http://x/3.png', 'http://x/4.png']);
    expect(out).not.toMatch(/http/);
  });

  it('reads escapes and unquoted URLs', () => {
    const seen: string[] = [];
    rewriteCssUrls('url("http://x/\\61 .png") url(http://x/b\\).png)', (url) => (seen.push(url), null));
    expect(seen).toEqual(['http://x/a.png', 'http://x/b).png']);
  });

  it('leaves ordinary strings alone (font names, generated content)', () => {
    expect(rewriteCssUrls('"http://x/font"', refuseAll)).toBe('"http://x/font"');
  });

  it('writes kept URLs as strings that cannot close a <style>', () => {
    expect(rewriteCssUrls('url("cid:a")', () => 'blob:x/</style><script>')).toBe('url("blob:x/\\3c /style>\\3c script>")');
  });
});

describe('isOpaqueCssValue', () => {
  it('spots substitutions whose URL the parser has not seen', () => {
    expect(isOpaqueCssValue('var(--a, url(http://x))')).toBe(true);
    expect(isOpaqueCssValue('attr(title)')).toBe(true);
    expect(isOpaqueCssValue('url("a") no-repeat')).toBe(false);
  });
});
