import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PREFERENCE_DEFAULTS } from '@/lib/settings/preferences';
import { Settings, signatureKey } from '@/lib/settings/settings';

const fresh = () => new Settings(new Y.Doc());

describe('Settings preferences', () => {
  it('reads defaults from an empty document: conversations grouped, read on open', () => {
    const settings = fresh();
    expect(settings.preferences()).toEqual(PREFERENCE_DEFAULTS);
    expect(settings.preference('groupConversations')).toBe(true);
    expect(settings.preference('markReadOnOpen')).toBe(true);
  });

  it('stores valid values and refuses invalid ones', () => {
    const settings = fresh();
    settings.setPreference('theme', 'dark');
    settings.setPreference('defaultSender', 'alice@example.com');
    expect(settings.preference('theme')).toBe('dark');
    expect(settings.preference('defaultSender')).toBe('alice@example.com');
    expect(() => settings.setPreference('theme', 'purple' as never)).toThrow(TypeError);
    expect(() => settings.setPreference('defaultSender', 'not an address')).toThrow(TypeError);
  });

  it('reads a value a newer version wrote in a shape it does not know as the default', () => {
    const doc = new Y.Doc();
    doc.getMap('preferences').set('density', 'ultra');
    expect(new Settings(doc).preference('density')).toBe('comfortable');
  });

  it('does not grow the document when a value is set to what it already is', () => {
    const doc = new Y.Doc();
    const settings = new Settings(doc);
    settings.setPreference('notifySound', true);
    const size = Y.encodeStateAsUpdate(doc).byteLength;
    settings.setPreference('notifySound', true);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBe(size);
  });
});

describe('Settings tags', () => {
  it('creates, renames, recolours, reorders and deletes; the keyword never changes', () => {
    const settings = fresh();
    const work = settings.tags.create({ name: 'Работа', colour: '#FF0000' });
    const home = settings.tags.create({ name: 'Home', colour: '#00ff00' });
    expect(work).toMatchObject({ keyword: 'rabota', name: 'Работа', colour: '#ff0000' });
    settings.tags.rename('rabota', 'Office');
    settings.tags.recolour('rabota', '#0000ff');
    expect(settings.tags.get('rabota')).toMatchObject({ name: 'Office', colour: '#0000ff', keyword: 'rabota' });
    expect(settings.tags.list().map((t) => t.keyword)).toEqual(['rabota', home.keyword]);
    settings.tags.move(home.keyword, 0);
    expect(settings.tags.list().map((t) => t.keyword)).toEqual(['home', 'rabota']);
    settings.tags.delete('rabota');
    expect(settings.tags.list().map((t) => t.keyword)).toEqual(['home']);
    expect(() => settings.tags.rename('rabota', 'x')).toThrow(/No tag/);
  });

  it('gives a second tag of the same name its own keyword', () => {
    const settings = fresh();
    settings.tags.create({ name: 'Work', colour: '#000000' });
    expect(settings.tags.create({ name: 'work', colour: '#000000' }).keyword).toBe('work-2');
  });

  it('keeps the order through many moves to the same place', () => {
    const settings = fresh();
    for (const name of ['a', 'b', 'c']) settings.tags.create({ name, colour: '#000000' });
    // The last one, always between the first two: halving the gap runs out of precision, then renumbers.
    for (let i = 0; i < 201; i++) settings.tags.move(settings.tags.list()[2].keyword, 1);
    expect(settings.tags.list().map((t) => t.keyword)).toEqual(['a', 'c', 'b']);
    expect(new Set(settings.tags.list().map((t) => t.order)).size).toBe(3);
  });

  it('represents keywords other clients set, such as $label1', () => {
    const settings = fresh();
    const label = settings.tags.adopt('$Label1', { name: 'Important', colour: '#ff0000' });
    expect(label.keyword).toBe('$label1');
    expect(settings.tags.adopt('$label1', { name: 'Other', colour: '#000000' }).name).toBe('Important');
    expect(() => settings.tags.adopt('two words', { name: 'x', colour: '#000000' })).toThrow(/keyword/);
  });

  it('refuses a tag without a name or with a colour that is not #rrggbb', () => {
    const settings = fresh();
    expect(() => settings.tags.create({ name: '  ', colour: '#000000' })).toThrow(/name/);
    expect(() => settings.tags.create({ name: 'x', colour: 'red' })).toThrow(/colour/);
  });
});

describe('Settings trusted senders and signatures', () => {
  it('shows images from trusted addresses and domains, or from everyone when asked', () => {
    const settings = fresh();
    settings.trustSender('News@Shop.example');
    settings.trustSender('@bank.example');
    expect(settings.showsImagesFrom('news@shop.example')).toBe(true);
    expect(settings.showsImagesFrom('alerts@bank.example')).toBe(true);
    expect(settings.showsImagesFrom('other@shop.example')).toBe(false);
    settings.untrustSender('news@shop.example');
    expect(settings.trustedSenders()).toEqual(['@bank.example']);
    settings.setPreference('alwaysShowImages', true);
    expect(settings.showsImagesFrom('anyone@anywhere.example')).toBe(true);
    expect(() => settings.trustSender('nobody')).toThrow(/address/);
  });

  it('keeps a signature per identity, named by address so every browser finds it', () => {
    const settings = fresh();
    const key = signatureKey('Alice@Example.com', 'id1');
    settings.setSignature(key, { html: '<p>Alice</p>', enabled: true });
    expect(settings.signature(signatureKey('alice@example.com', 'id1'))).toEqual({ html: '<p>Alice</p>', enabled: true });
    settings.removeSignature(key);
    expect(settings.signature(key)).toBeNull();
  });

  it('tells listeners about every change', () => {
    const settings = fresh();
    let calls = 0;
    const stop = settings.onChange(() => calls++);
    settings.setPreference('theme', 'light');
    settings.tags.create({ name: 'x', colour: '#000000' });
    stop();
    settings.setPreference('theme', 'dark');
    expect(calls).toBe(2);
  });
});
