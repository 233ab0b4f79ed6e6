/**
 * How the `theme` and `density` preferences become the page's look. The root element carries
 *
 *   data-theme="light|dark"           the preference, 'system' resolved through prefers-color-scheme
 *   data-density="comfortable|compact"
 *   style="color-scheme: light|dark"  so native controls (inputs, selects, scrollbars) match
 *
 * and components/base.css maps the attributes to custom properties (colours: components/palette.ts;
 * density: --row-height, --row-pad, --gap, --pad, --item-pad).
 *
 * No flash of the wrong theme: a page's settings replica is read from IndexedDB asynchronously,
 * so every page keeps the last preferences it applied in localStorage (one origin for all the
 * extension's pages, so the popup learns from the mail tab) and applies them in main.ts before
 * mounting; the replica's values replace them as soon as it is read. Before any script runs the
 * root has no data-theme, and base.css lets the canvas follow the system's scheme.
 *
 * Plain TypeScript (DOM objects passed in) so it is testable without a browser; the rune wrapper
 * is components/appearance.svelte.ts.
 */
import { isValidPreference, PREFERENCE_DEFAULTS, type Density, type Theme } from '@/lib/settings/preferences';
import type { ThemeName } from './palette';

export interface AppearancePreferences {
  theme: Theme;
  density: Density;
}

/**
 * The thread list's row height per density, in px. The virtualised list computes positions with
 * it, so base.css's --row-height must equal it (checked by the palette test) and ThreadList sets
 * it on its rows from here.
 */
export const ROW_HEIGHT: Readonly<Record<Density, number>> = { comfortable: 64, compact: 48 };

export const DARK_QUERY = '(prefers-color-scheme: dark)';
export const CACHE_KEY = 'postline-appearance';

export function resolveTheme(theme: Theme, systemDark: boolean): ThemeName {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

type MatchMedia = (query: string) => Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

/** Calls `listener` with whether the system prefers dark now and on every change; returns the unsubscribe. */
export function watchSystemDark(matchMedia: MatchMedia, listener: (dark: boolean) => void): () => void {
  const query = matchMedia(DARK_QUERY);
  const onChange = (event: MediaQueryListEvent) => listener(event.matches);
  query.addEventListener('change', onChange);
  listener(query.matches);
  return () => query.removeEventListener('change', onChange);
}

export function applyAppearance(root: HTMLElement, theme: ThemeName, density: Density): void {
  root.dataset.theme = theme;
  root.dataset.density = density;
  root.style.colorScheme = theme;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The last preferences a page applied; the defaults when none or unreadable. */
export function readCachedAppearance(storage: Store | null): AppearancePreferences {
  let cached: Partial<Record<keyof AppearancePreferences, unknown>> = {};
  try {
    cached = JSON.parse(storage?.getItem(CACHE_KEY) ?? '{}') ?? {};
  } catch {
    // Unreadable (another version, a hand edit): the defaults.
  }
  return {
    theme: isValidPreference('theme', cached.theme) ? cached.theme : PREFERENCE_DEFAULTS.theme,
    density: isValidPreference('density', cached.density) ? cached.density : PREFERENCE_DEFAULTS.density,
  };
}

export function cacheAppearance(storage: Store | null, preferences: AppearancePreferences): void {
  try {
    storage?.setItem(CACHE_KEY, JSON.stringify({ theme: preferences.theme, density: preferences.density }));
  } catch {
    // Storage full or blocked: the next page load may flash; nothing else depends on it.
  }
}

/** localStorage, or null where it is missing or refused. */
export function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** For main.ts, before mounting: the last known look, so the page does not flash. */
export function applyCachedAppearance(): void {
  const { theme, density } = readCachedAppearance(pageStorage());
  applyAppearance(document.documentElement, resolveTheme(theme, matchMedia(DARK_QUERY).matches), density);
}
