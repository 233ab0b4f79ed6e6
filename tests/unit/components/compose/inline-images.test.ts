import { describe, expect, it } from 'vitest';
import { extractInlineImages, referencedCids, restoreInlineImages } from '@/components/compose/inline-images';

const DOT = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('inline images', () => {
  it('turns each data: picture into one cid: file, the same picture twice into one file', async () => {
    const html = `<p>a <img src="data:image/png;base64,${DOT}"> b <img src="data:image/png;base64,${DOT}"></p>`;
    const { html: out, images } = await extractInlineImages(html);
    expect(images).toHaveLength(1);
    expect(out).not.toContain('data:');
    expect([...referencedCids(out)]).toEqual([images[0].cid]);
    expect(images[0]).toMatchObject({ name: 'image-1.png' });
    expect(Buffer.from(await images[0].data.arrayBuffer()).toString('base64')).toBe(DOT);
    expect(images[0].data.type).toBe('image/png');
  });

  it('gives the same picture the same content id on every save', async () => {
    const html = `<img src="data:image/png;base64,${DOT}">`;
    expect((await extractInlineImages(html)).images[0].cid).toBe((await extractInlineImages(html)).images[0].cid);
  });

  it('leaves remote and cid: images alone', async () => {
    const html = '<img src="https://example.org/logo.png"><img src="cid:x@y">';
    expect(await extractInlineImages(html)).toEqual({ html, images: [] });
  });

  it('puts the pictures back as data: URLs for the editor, skipping ones it cannot find', async () => {
    const { html, images } = await extractInlineImages(`<img src="data:image/png;base64,${DOT}"><img src="cid:missing@x">`);
    const restored = await restoreInlineImages(html, async (cid) => images.find((i) => i.cid === cid)?.data ?? null);
    expect(restored).toBe(`<img src="data:image/png;base64,${DOT}"><img src="cid:missing@x">`);
  });
});
