import { describe, expect, it } from 'vitest';
import { confirmView, decodeText, isAttachedMessage, PREVIEW_LIMIT, signatureOf, viewableAs } from '@/components/reader/file-types';
import { base64, imageDocument, textDocument, VIEWER_CSP } from '@/components/reader/viewer-document';

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const GIF = bytes('GIF89a', [4, 0, 3, 0]);
const WEBP = bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ');
const PDF = bytes('%PDF-1.7\n');
const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe('signatureOf', () => {
  it('knows the raster formats and PDF by their first bytes', () => {
    expect([PNG, JPEG, GIF, bytes('GIF87a'), WEBP, PDF].map(signatureOf)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/gif', 'image/webp', 'application/pdf']);
  });
  it('knows nothing else, and not a truncated or misplaced signature', () => {
    expect([SVG, bytes('hello'), bytes([0x89, 0x50]), bytes('WEBP'), bytes('RIFF', [0, 0, 0, 0], 'WAVE'), new Uint8Array()].map(signatureOf)).toEqual([null, null, null, null, null, null]);
  });
});

describe('viewableAs', () => {
  it('offers View for raster images and plain text, whatever the parameters and case', () => {
    expect(viewableAs('image/PNG', 10)).toBe('image');
    expect(viewableAs('image/jpeg; name="a.jpg"', 10)).toBe('image');
    expect(viewableAs('image/webp', 10)).toBe('image');
    expect(viewableAs('Text/Plain; charset=utf-8', 10)).toBe('text');
  });
  it('never for SVG, HTML, unknown types or files over the limit', () => {
    expect(['image/svg+xml', 'text/html', 'application/octet-stream', 'image/bmp'].map((type) => viewableAs(type, 10))).toEqual([null, null, null, null]);
    expect(viewableAs('image/png', PREVIEW_LIMIT + 1)).toBeNull();
    expect(viewableAs('application/pdf', PREVIEW_LIMIT + 1, true)).toBeNull();
  });
  it('offers View for PDF only where the sandboxed PDF viewer exists (not Firefox)', () => {
    expect(viewableAs('Application/PDF; name="a.pdf"', 10, true)).toBe('pdf');
    expect(viewableAs('application/x-pdf', 10, true)).toBe('pdf');
    expect(viewableAs('application/pdf', 10, false)).toBeNull();
  });
  it('opens attached messages up to the limit', () => {
    expect(isAttachedMessage('message/rfc822', 10)).toBe(true);
    expect(isAttachedMessage('Message/RFC822; x=y', PREVIEW_LIMIT)).toBe(true);
    expect(isAttachedMessage('message/rfc822', PREVIEW_LIMIT + 1)).toBe(false);
    expect(isAttachedMessage('message/partial', 10)).toBe(false);
  });
});

describe('confirmView', () => {
  it('shows an image typed by its signature, not by its declaration', () => {
    expect(confirmView('image', GIF)).toEqual({ kind: 'image', type: 'image/gif' });
    expect(confirmView('image', WEBP)).toEqual({ kind: 'image', type: 'image/webp' });
  });
  it('refuses an "image" that is SVG, HTML, PDF or nothing', () => {
    for (const content of [SVG, bytes('<html><script>x</script>'), PDF, new Uint8Array()]) expect(confirmView('image', content)).toEqual({ kind: 'refused' });
  });
  it('shows a "PDF" only when it starts with %PDF-', () => {
    expect(confirmView('pdf', PDF)).toEqual({ kind: 'pdf' });
    for (const content of [bytes('<html><script>x</script>'), bytes(' %PDF-1.4'), bytes('%PDF'), PNG, new Uint8Array()]) expect(confirmView('pdf', content)).toEqual({ kind: 'refused' });
    expect(confirmView('pdf', new Uint8Array(PREVIEW_LIMIT + 1).fill(0x25))).toEqual({ kind: 'refused' });
  });
  it('shows text, markup included, and refuses binary or a known format declared as text', () => {
    expect(confirmView('text', bytes('<script>alert(1)</script>\r\nплюс'))).toEqual({ kind: 'text' });
    expect(confirmView('text', bytes('abc', [0], 'def'))).toEqual({ kind: 'refused' });
    expect(confirmView('text', PDF)).toEqual({ kind: 'refused' });
    expect(confirmView('text', PNG)).toEqual({ kind: 'refused' });
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and replaces what is not', () => {
    expect(decodeText(new TextEncoder().encode('Привет'))).toBe('Привет');
    expect(decodeText(bytes('a', [0xff, 0xfe], 'b'))).toBe('a\ufffd\ufffdb');
  });
});

describe('viewer documents', () => {
  it('escape text and start with a CSP that loads nothing but data: images', () => {
    const doc = textDocument('<script>alert(1)</script> & "x"');
    expect(doc).toContain('<pre>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</pre>');
    expect(doc).not.toContain('<script>');
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<style>'));
    expect(VIEWER_CSP).toMatch(/^default-src 'none'; img-src data:;/);
  });
  it('put an image inline as a data: URL of its real type, its name escaped', () => {
    const doc = imageDocument(GIF, 'image/gif', '"><script>');
    expect(doc).toContain(`src="data:image/gif;base64,${Buffer.from(GIF).toString('base64')}"`);
    expect(doc).toContain('alt="&quot;&gt;&lt;script&gt;"');
  });
  it('encode large files as base64 exactly', () => {
    const large = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31) % 256);
    expect(base64(large)).toBe(Buffer.from(large).toString('base64'));
  });
});
