import { describe, expect, it } from 'vitest';
import { parseRoute } from '@/components/route';
import { mailtoRoute } from '@/lib/mailto-links';

describe('parseRoute: compose/new', () => {
  it('starts an empty message, from an account or the default sender', () => {
    expect(parseRoute('#/compose/new')).toEqual({ name: 'compose-new', accountId: null, mailto: null });
    expect(parseRoute('#/compose/new/a%2F1')).toEqual({ name: 'compose-new', accountId: 'a/1', mailto: null });
  });

  it('carries a mailto: URL through its encoding unchanged: + and escapes included', () => {
    const url = 'mailto:bob+x@x.org?subject=1+1%3D2&body=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20#5';
    expect(parseRoute(`#${mailtoRoute(url)}`)).toEqual({ name: 'compose-new', accountId: null, mailto: url });
    expect(parseRoute(`#/compose/new/a1?x=1&mailto=${encodeURIComponent(url)}`)).toEqual({ name: 'compose-new', accountId: 'a1', mailto: url });
  });

  it('reads what Firefox puts for %s, and does not throw on a broken escape', () => {
    expect(parseRoute('#/compose/new?mailto=mailto%3Aa%40x.org%3Fsubject%3DHi').name).toBe('compose-new');
    expect(parseRoute('#/compose/new?mailto=mailto%3Aa%40x.org%3Fsubject%3DHi')).toMatchObject({ mailto: 'mailto:a@x.org?subject=Hi' });
    expect(parseRoute('#/compose/new?mailto=mailto:50%')).toMatchObject({ mailto: 'mailto:50%' });
    expect(parseRoute('#/tag/100%')).toEqual({ name: 'tag', keyword: '100%' });
  });

  it('leaves the other routes as they were', () => {
    expect(parseRoute('#/compose/d1')).toEqual({ name: 'compose', draftId: 'd1' });
    expect(parseRoute('#/thread/a1/t%3F1')).toEqual({ name: 'thread', accountId: 'a1', threadId: 't?1' });
    expect(parseRoute('#/settings/general')).toEqual({ name: 'settings', section: 'general' });
  });
});
