import { describe, expect, it } from 'vitest';
import { SettingsReplica } from '@/components/settings-replica';
import type { SettingsSnapshot } from '@/lib/settings/settings';
import { freshName, open, until } from '../settings/local-support';

describe('SettingsReplica', () => {
  it('opens the document once however many views ask', async () => {
    const name = freshName('replica');
    let opens = 0;
    const replica = new SettingsReplica(() => {
      opens++;
      return open(name);
    });
    const [a, b] = await Promise.all([replica.open(), replica.open()]);
    await replica.watch(() => {});
    expect(opens).toBe(1);
    expect(a).toBe(b);
  });

  it('gives the current snapshot at once and a new one after each change, tags in order', async () => {
    const replica = new SettingsReplica(() => open(freshName('replica')));
    const seen: SettingsSnapshot[] = [];
    const stop = await replica.watch((_, snapshot) => seen.push(snapshot));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.preferences.theme).toBe('system');

    const settings = await replica.open();
    settings.tags.create({ name: 'Второй', colour: '#00ff00' });
    const first = settings.tags.create({ name: 'Первый', colour: '#ff0000' });
    settings.tags.move(first.keyword, 0);
    settings.setPreference('theme', 'dark');
    settings.trustSender('@example.org');
    const last = seen.at(-1)!;
    expect(last.tags.map((t) => t.name)).toEqual(['Первый', 'Второй']);
    expect(last.preferences.theme).toBe('dark');
    expect(last.trustedSenders).toEqual(['@example.org']);

    stop();
    settings.setPreference('theme', 'light');
    expect(seen.at(-1)!.preferences.theme).toBe('dark');
  });

  it('follows changes made in another extension context', async () => {
    const name = freshName('replica');
    const replica = new SettingsReplica(() => open(name));
    let latest: SettingsSnapshot | null = null;
    await replica.watch((_, snapshot) => (latest = snapshot));
    const background = await open(name);
    background.settings.setPreference('density', 'compact');
    await until(() => latest?.preferences.density === 'compact');
  });

  it('reports a failed open and tries again on the next call', async () => {
    let attempts = 0;
    const name = freshName('replica');
    const replica = new SettingsReplica(() => (++attempts === 1 ? Promise.reject(new Error('quota')) : open(name)));
    await expect(replica.watch(() => {})).rejects.toThrow('quota');
    await expect(replica.open()).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });
});
