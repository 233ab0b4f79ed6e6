import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { isTrusted, onTrustChange, setTrustEveryone, trustSender } from '@/components/reader/image-trust';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('image trust', () => {
  it('trusts nobody at first', async () => {
    expect(await isTrusted('news@shop.example')).toBe(false);
    expect(await isTrusted(undefined)).toBe(false);
  });

  it('remembers a sender, whatever the case of the address, and only that sender', async () => {
    await trustSender('News@Shop.example');
    expect(await isTrusted('news@shop.EXAMPLE')).toBe(true);
    expect(await isTrusted('other@shop.example')).toBe(false);
  });

  it('trusts everyone when the setting says so, and stops when it is turned off', async () => {
    await trustSender('news@shop.example');
    await setTrustEveryone(true);
    expect(await isTrusted('anyone@anywhere.example')).toBe(true);
    expect(await isTrusted(undefined)).toBe(true);
    await setTrustEveryone(false);
    expect(await isTrusted('anyone@anywhere.example')).toBe(false);
    expect(await isTrusted('news@shop.example')).toBe(true);
  });

  it('tells listeners when the trust changes, until they unsubscribe', async () => {
    let calls = 0;
    const stop = onTrustChange(() => calls++);
    await trustSender('news@shop.example');
    expect(calls).toBe(1);
    await browser.storage.local.set({ unrelated: 1 });
    expect(calls).toBe(1);
    stop();
    await setTrustEveryone(true);
    expect(calls).toBe(1);
  });
});
