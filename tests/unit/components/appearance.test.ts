import { describe, expect, it } from 'vitest';
import { applyAppearance, CACHE_KEY, cacheAppearance, DARK_QUERY, readCachedAppearance, resolveTheme, watchSystemDark } from '@/components/appearance';

/** A MediaQueryList for prefers-color-scheme whose answer the test changes. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<(event: MediaQueryListEvent) => void>();
  const queries: string[] = [];
  const list = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) => listeners.delete(listener),
  };
  return {
    queries,
    listeners,
    matchMedia: (query: string) => (queries.push(query), list as unknown as MediaQueryList),
    set(next: boolean) {
      dark = next;
      for (const listener of listeners) listener({ matches: next } as MediaQueryListEvent);
    },
  };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('resolveTheme', () => {
  it('follows the system for "system" and ignores it otherwise', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('watchSystemDark', () => {
  it('reports the current scheme at once, then every change, until unsubscribed', () => {
    const system = fakeSystem(false);
    const seen: boolean[] = [];
    const stop = watchSystemDark(system.matchMedia, (dark) => seen.push(dark));
    expect(system.queries).toEqual([DARK_QUERY]);
    expect(seen).toEqual([false]);
    system.set(true);
    system.set(false);
    expect(seen).toEqual([false, true, false]);
    stop();
    expect(system.listeners.size).toBe(0);
    system.set(true);
    expect(seen).toEqual([false, true, false]);
  });

  it('gives resolveTheme what a "system" page shows as the system changes', () => {
    const system = fakeSystem(true);
    let theme = '';
    watchSystemDark(system.matchMedia, (dark) => (theme = resolveTheme('system', dark)));
    expect(theme).toBe('dark');
    system.set(false);
    expect(theme).toBe('light');
  });
});

describe('the cached appearance', () => {
  it('reads back what was cached', () => {
    const storage = memoryStorage();
    cacheAppearance(storage, { theme: 'dark', density: 'compact' });
    expect(readCachedAppearance(storage)).toEqual({ theme: 'dark', density: 'compact' });
  });

  it('reads defaults when nothing, garbage or unknown values are stored, or there is no storage', () => {
    expect(readCachedAppearance(memoryStorage())).toEqual({ theme: 'system', density: 'comfortable' });
    expect(readCachedAppearance(memoryStorage({ [CACHE_KEY]: '{not json' }))).toEqual({ theme: 'system', density: 'comfortable' });
    expect(readCachedAppearance(memoryStorage({ [CACHE_KEY]: 'null' }))).toEqual({ theme: 'system', density: 'comfortable' });
    expect(readCachedAppearance(memoryStorage({ [CACHE_KEY]: '{"theme":"sepia","density":"compact"}' }))).toEqual({ theme: 'system', density: 'compact' });
    expect(readCachedAppearance(null)).toEqual({ theme: 'system', density: 'comfortable' });
  });

  it('survives a storage that refuses writes', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => cacheAppearance(refusing, { theme: 'light', density: 'compact' })).not.toThrow();
  });
});

describe('applyAppearance', () => {
  it('sets the theme, the density and the colour scheme on the root', () => {
    const root = { dataset: {} as Record<string, string>, style: { colorScheme: '' } } as unknown as HTMLElement;
    applyAppearance(root, 'dark', 'compact');
    expect(root.dataset).toEqual({ theme: 'dark', density: 'compact' });
    expect(root.style.colorScheme).toBe('dark');
  });
});
