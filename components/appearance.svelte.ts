/**
 * The page's look as Svelte state: the resolved theme and the density, following the synced
 * preferences and, for 'system', the system's colour scheme live (matchMedia change events).
 * Until the settings replica is read, the values last cached in localStorage stand in (see
 * components/appearance.ts), so the root's attributes and the thread list's row height agree
 * from the first frame.
 */
import type { Density } from '@/lib/settings/preferences';
import { applyAppearance, cacheAppearance, pageStorage, readCachedAppearance, resolveTheme, watchSystemDark } from './appearance';
import type { ThemeName } from './palette';
import { useSettings } from './settings.svelte';

let systemDark = $state(false);
let watching = false;
let cached: ReturnType<typeof readCachedAppearance> | null = null;

export interface AppearanceView {
  readonly theme: ThemeName;
  readonly density: Density;
}

export function useAppearance(): AppearanceView {
  const settings = useSettings();
  if (!watching) {
    watching = true;
    // Lives as long as the page, like the settings replica.
    watchSystemDark((query) => matchMedia(query), (dark) => (systemDark = dark));
  }
  cached ??= readCachedAppearance(pageStorage());
  const preferences = () => (settings.loaded ? settings.preferences : cached!);
  return {
    get theme() {
      return resolveTheme(preferences().theme, systemDark);
    },
    get density() {
      return preferences().density;
    },
  };
}

/** For each entrypoint's App: keeps the root element's attributes (and the cache) following the preferences. */
export function followAppearance(): void {
  const settings = useSettings();
  const appearance = useAppearance();
  $effect(() => {
    applyAppearance(document.documentElement, appearance.theme, appearance.density);
  });
  $effect(() => {
    if (settings.loaded) cacheAppearance(pageStorage(), { theme: settings.preferences.theme, density: settings.preferences.density });
  });
}
