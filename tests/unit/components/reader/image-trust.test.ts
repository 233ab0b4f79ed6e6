import { describe, expect, it } from 'vitest';
import { isTrusted, onTrustChange, trustSender } from '@/components/reader/image-trust';
import { pageReplica } from '@/components/settings-replica';

// One replica per page: these tests share it, in the order written.
describe('image trust, kept in the synced settings', () => {
  it('trusts nobody at first', async () => {
    expect(await isTrusted('news@shop.example')).toBe(false);
    expect(await isTrusted(undefined)).toBe(false);
  });

  it('remembers a sender, whatever the case of the address, and only that sender', async () => {
    await trustSender('News@Shop.example');
    expect(await isTrusted('news@shop.EXAMPLE')).toBe(true);
    expect(await isTrusted('other@shop.example')).toBe(false);
    expect((await pageReplica.open()).trustedSenders()).toContain('news@shop.example');
  });

  it('trusts everyone when the preference says so', async () => {
    const settings = await pageReplica.open();
    settings.setPreference('alwaysShowImages', true);
    expect(await isTrusted('anyone@anywhere.example')).toBe(true);
    settings.setPreference('alwaysShowImages', false);
    expect(await isTrusted('anyone@anywhere.example')).toBe(false);
  });

  it('tells listeners when the trust changes, until they unsubscribe', async () => {
    let calls = 0;
    const stop = onTrustChange(() => calls++);
    await pageReplica.open();
    await new Promise((resolve) => setTimeout(resolve));
    await trustSender('other@shop.example');
    expect(calls).toBe(1);
    stop();
    await trustSender('third@shop.example');
    expect(calls).toBe(1);
  });
});
