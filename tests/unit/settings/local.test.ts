import { describe, expect, it } from 'vitest';
import { emptySyncState } from '@/lib/settings/sync-state';
import { close, freshName, open, until } from './local-support';

describe('openLocalSettings', () => {
  it('shows a change made in one extension context in the others at once', async () => {
    const name = freshName('settings');
    const [worker, tab, popup] = [await open(name), await open(name), await open(name)];
    tab.settings.tags.create({ name: 'Работа', colour: '#ff0000' });
    popup.settings.setPreference('theme', 'dark');
    await until(() => worker.settings.tags.get('rabota') !== undefined && worker.settings.preference('theme') === 'dark');
    await until(() => popup.settings.tags.get('rabota') !== undefined && tab.settings.preference('theme') === 'dark');
  });

  it('gives a context opened later what the others have, stored or not yet stored', async () => {
    const name = freshName('settings');
    const first = await open(name);
    first.settings.trustSender('@bank.example');
    const second = await open(name);
    await until(() => second.settings.trustedSenders().includes('@bank.example'));
  });

  it('keeps the settings after every context has closed', async () => {
    const name = freshName('settings');
    const first = await open(name);
    first.settings.setPreference('density', 'compact');
    first.settings.tags.create({ name: 'Home', colour: '#00ff00' });
    await new Promise((resolve) => setTimeout(resolve, 50)); // y-indexeddb writes in the background
    await close(first);
    const again = await open(name);
    expect(again.settings.preference('density')).toBe('compact');
    expect(again.settings.tags.get('home')?.name).toBe('Home');
  });

  it('stores the server sync bookkeeping per account next to the document', async () => {
    const name = freshName('settings');
    const local = await open(name);
    expect(await local.syncState.load('alice@example.com')).toBeUndefined();
    const state = { ...emptySyncState(), mailboxId: 'M1', merged: ['e1'], shadow: new Uint8Array([1, 2, 3, 250]) };
    await local.syncState.save('alice@example.com', state);
    expect(await local.syncState.load('alice@example.com')).toEqual(state);
    expect(await local.syncState.load('bob@example.com')).toBeUndefined();
  });
});
