import { describe, expect, it } from 'vitest';
import { absoluteRemote, contentId, srcsetUrls, urlKind } from '@/lib/security/urls';

describe('urlKind', () => {
  it.each([
    ['http://tracker.example/p.gif', 'remote'],
    ['  HTTPS://tracker.example/p.gif', 'remote'],
    ['//tracker.example/p.gif', 'remote'],
    ['\\\\tracker.example/p.gif', 'remote'],
    ['/\\tracker.example/p.gif', 'remote'],
    ['ht\ttp://tracker.example/', 'remote'],
    ['\u0001https://tracker.example/', 'remote'],
    ['cid:logo@example', 'cid'],
    ['data:image/png;base64,iVBORw0KGgo=', 'data-image'],
    ['data:image/svg+xml,<svg onload=alert(1)>', 'other'],
    ['data:text/html,<script>alert(1)</script>', 'other'],
    ['javascript:alert(1)', 'other'],
    ['java\nscript:alert(1)', 'other'],
    ['vbscript:msgbox(1)', 'other'],
    ['mailto:a@example.com', 'link'],
    ['tel:+123', 'link'],
    ['#section', 'fragment'],
    ['images/logo.png', 'other'],
    ['/popup.html', 'other'],
  ])('%j is %s', (url, kind) => {
    expect(urlKind(url)).toBe(kind);
  });
});

describe('absoluteRemote', () => {
  it('makes protocol-relative URLs https, so they never resolve against the extension', () => {
    expect(absoluteRemote('//cdn.example/a.png')).toBe('https://cdn.example/a.png');
  });
  it('refuses what is not a URL', () => {
    expect(absoluteRemote('http://')).toBeNull();
  });
});

describe('contentId', () => {
  it('reads the id, percent-decoded and without angle brackets', () => {
    expect(contentId('cid:part1.%3Clogo%3E@example')).toBe('part1.<logo>@example');
    expect(contentId('cid:%3Clogo@example%3E')).toBe('logo@example');
  });
});

describe('srcsetUrls', () => {
  it('finds every candidate, keeping commas inside data: URLs', () => {
    expect(srcsetUrls('a.png 1x, http://x/b.png 2x,data:image/png;base64,AA,BB 3x')).toEqual(['a.png', 'http://x/b.png', 'data:image/png;base64,AA,BB']);
    // As browsers read it: a comma without whitespace before the next URL is part of the first.
    expect(srcsetUrls('http://x/a.png,http://x/b.png 2x')).toEqual(['http://x/a.png,http://x/b.png']);
    expect(srcsetUrls('http://x/a.png 100w (foo, bar), //x/c.png')).toEqual(['http://x/a.png', '//x/c.png']);
  });
});
