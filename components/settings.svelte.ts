/**
 * The synced settings as Svelte state for pages: getters that follow every change (from this page,
 * another context or another browser) and the Settings instance for writes. The replica is opened
 * once per page, on the first `useSettings()`, and never closed: it lives as long as the page.
 */
import { PREFERENCE_DEFAULTS, type Preferences } from '@/lib/settings/preferences';
import type { Settings, SettingsSnapshot } from '@/lib/settings/settings';
import type { Tag } from '@/lib/settings/tags';
import { pageReplica as replica } from './settings-replica';

export interface SettingsView {
  /** False until the replica has been read from IndexedDB; the getters give defaults until then. */
  readonly loaded: boolean;
  /** Why the replica could not be opened, for the page to show. */
  readonly error: unknown;
  readonly preferences: Preferences;
  /** In the user's order. */
  readonly tags: Tag[];
  readonly trustedSenders: string[];
  readonly snapshot: SettingsSnapshot;
  /** For writes; null until loaded. */
  readonly settings: Settings | null;
  /** A tag's name and colour by its keyword; a keyword no tag has (another client's) shows as itself, grey. */
  tagName(keyword: string): string;
  tagColour(keyword: string): string;
}

const EMPTY: SettingsSnapshot = { preferences: { ...PREFERENCE_DEFAULTS }, tags: [], trustedSenders: [], signatures: {}, autoreplies: {} };

// Raw: snapshots are replaced whole on every change, never mutated.
let snapshot = $state.raw<SettingsSnapshot>(EMPTY);
let settings = $state.raw<Settings | null>(null);
let error = $state.raw<unknown>(null);
let watching = false;

function watch(): void {
  if (watching) return;
  watching = true;
  replica
    .watch((opened, next) => {
      settings = opened;
      snapshot = next;
    })
    .catch((e: unknown) => {
      error = e;
      // Let the next page that asks try again.
      watching = false;
    });
}

export function useSettings(): SettingsView {
  watch();
  return {
    get loaded() {
      return settings !== null;
    },
    get error() {
      return error;
    },
    get preferences() {
      return snapshot.preferences;
    },
    get tags() {
      return snapshot.tags;
    },
    get trustedSenders() {
      return snapshot.trustedSenders;
    },
    get snapshot() {
      return snapshot;
    },
    get settings() {
      return settings;
    },
    tagName: (keyword) => snapshot.tags.find((tag) => tag.keyword === keyword)?.name ?? keyword,
    tagColour: (keyword) => snapshot.tags.find((tag) => tag.keyword === keyword)?.colour ?? '#808080',
  };
}
