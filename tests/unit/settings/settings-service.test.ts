/** The background's replica: preferences it acts on follow changes made in other contexts. */
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalSettings } from '@/lib/settings/local';
import { SettingsService } from '@/lib/settings/settings-service';
import { MailDB } from '@/lib/store/db';
import { freshName, open, until } from './local-support';

let service: SettingsService | null = null;

afterEach(async () => {
  await service?.close();
  service = null;
});

describe('SettingsService.watchPreference', () => {
  it('calls back when the preference changes in another context, and only then', async () => {
    const name = freshName('service');
    service = new SettingsService(new MailDB(`test-${crypto.randomUUID()}`), () => Promise.reject(new Error('no network')), () => openLocalSettings(name)); // closed by service.close()
    const page = await open(name);
    const seen: boolean[] = [];
    await service.watchPreference('showBadge', (value) => seen.push(value));
    expect(await service.preference('showBadge')).toBe(true);
    page.settings.setPreference('showBadge', false);
    await until(() => seen.length === 1);
    page.settings.setPreference('theme', 'dark');
    page.settings.trustSender('@example.org');
    page.settings.setPreference('showBadge', true);
    await until(() => seen.length === 2);
    expect(seen).toEqual([false, true]);
    expect(await service.preference('theme')).toBe('dark');
  });

  it('reads the default when the replica cannot be opened', async () => {
    service = new SettingsService(new MailDB(`test-${crypto.randomUUID()}`), () => Promise.reject(new Error('no network')), () => Promise.reject(new Error('no IndexedDB')));
    expect(await service.preference('notifyNewMail')).toBe(true);
  });
});
